// The SQL every view runs, for the prerendered pages (DuckDB in Node) and for the live views
// (DuckDB-wasm in the browser). Kept to SQL that DuckDB 0.9 (wasm 1.28) and 1.5 both run.
import { sqlString, type Db } from './db';
import type { Area, ObservationStatus } from './model';

export interface IndicatorStat {
  indicator: string;
  /** Latest year in which any area of this level has a value. */
  year: number | null;
  value: number | null;
  status: ObservationStatus | null;
  note: string | null;
  source: string | null;
  city: number | null;
  /** Direction-aligned z-score among the areas of the same level and year (+ = better). */
  score: number | null;
  rank: number | null;
  peers: number | null;
}

export interface SeriesPoint {
  indicator: string;
  area: string;
  year: number;
  value: number | null;
  status: ObservationStatus;
  note: string | null;
}

export const CITY = 'GM0599';

/** Level whose areas form the comparison group: Rotterdam-Zuid is compared with the gebieden. */
export function peerLevel(level: string): string {
  return level === 'stadsdeel' ? 'gebied' : level;
}

export async function listAreas(db: Db): Promise<Area[]> {
  return db.query<Area>(`SELECT code, name, level, parent, years FROM areas ORDER BY code`);
}

export async function getArea(db: Db, code: string): Promise<Area | undefined> {
  const rows = await db.query<Area>(`SELECT code, name, level, parent, years FROM areas WHERE code = ${sqlString(code)}`);
  return rows[0];
}

/**
 * Direction-aligned z-scores and ranks for every area, indicator and year, computed once in the
 * data build (scores.parquet) so the pages and the browser only look them up. Peers are the areas
 * of the same level with a value; Rotterdam-Zuid is scored against the gebieden, without a rank.
 * Rank 1 is the best; for neutral indicators rank 1 is the highest value.
 * Areas that share one measured unit (observations.unit: a Wijkprofiel wijk spanning several CBS
 * buurten) count once in the mean, the spread and the number of peers, and share one rank.
 */
export function scoresSql(): string {
  const sign = `CASE i.direction WHEN 'lower_better' THEN -1.0 WHEN 'higher_better' THEN 1.0 ELSE 0.0 END`;
  return `
WITH lv AS (
  SELECT o.area, coalesce(o.unit, o.area) AS unit, o.indicator, o.year, o.value, a.level, ${sign} AS sign
  FROM observations o JOIN areas a ON a.code = o.area JOIN indicators i ON i.id = o.indicator
  WHERE o.status = 'ok' AND a.level IN ('gemeente', 'gebied', 'wijk', 'stadsdeel')
),
units AS (
  SELECT level, indicator, year, unit, avg(value) AS value, max(sign) AS sign
  FROM lv WHERE level <> 'stadsdeel' GROUP BY level, indicator, year, unit
),
peers AS (
  SELECT level, indicator, year, avg(value) AS mean, stddev_pop(value) AS sd, count(*) AS n
  FROM units GROUP BY level, indicator, year
),
ranks AS (
  SELECT level, indicator, year, unit, rank() OVER (
    PARTITION BY level, indicator, year
    ORDER BY CASE WHEN sign = 0 THEN -value ELSE -sign * value END) AS rank
  FROM units
)
SELECT lv.area, lv.indicator, lv.year, lv.level,
  lv.sign * (lv.value - p.mean) / nullif(p.sd, 0) AS score,
  r.rank,
  CASE WHEN lv.level = 'stadsdeel' THEN NULL ELSE p.n END AS peers
FROM lv JOIN peers p ON p.indicator = lv.indicator AND p.year = lv.year
  AND p.level = CASE WHEN lv.level = 'stadsdeel' THEN 'gebied' ELSE lv.level END
-- Equalities only: ranks has no stadsdeel rows, so Zuid gets no rank without a condition on lv
-- alone, which would turn this into a nested-loop join (quadratic: 4 min at 10x the areas).
LEFT JOIN ranks r ON r.level = lv.level AND r.indicator = lv.indicator
  AND r.year = lv.year AND r.unit = lv.unit
ORDER BY lv.level, lv.indicator, lv.year, lv.area`;
}

/** "Latest" as a year choice: later than any data year. */
const LATEST = 9999;

/**
 * Per indicator and year choice: the area's value in the latest year with data at its level (up
 * to the chosen year; undefined = latest), the city value, and the precomputed score and rank.
 * Several choices in one query, so the browser fetches every year choice of a page at once.
 */
export function indicatorStatsSql(code: string, level: string, choices: (number | undefined)[] = [undefined]): string {
  const peer = sqlString(peerLevel(level));
  const area = sqlString(code);
  const values = choices.map((y) => `(${y === undefined ? LATEST : Math.trunc(y)})`).join(', ');
  return `
WITH choices AS (SELECT * FROM (VALUES ${values}) v(choice)),
yr AS (
  SELECT c.choice, s.indicator, max(s.year) AS year FROM choices c JOIN scores s ON s.level = ${peer} AND s.year <= c.choice
  GROUP BY c.choice, s.indicator
),
mine AS (SELECT * FROM observations WHERE area = ${area}),
city AS (SELECT indicator, year, value FROM observations WHERE area = '${CITY}'),
sc AS (SELECT indicator, year, score, rank, peers FROM scores WHERE area = ${area})
SELECT c.choice, i.id AS indicator, t.year, o.value, o.status, o.note, o.source, ct.value AS city, s.score, s.rank, s.peers
FROM choices c CROSS JOIN indicators i
LEFT JOIN yr t ON t.choice = c.choice AND t.indicator = i.id
LEFT JOIN mine o ON o.indicator = i.id AND o.year = t.year
LEFT JOIN city ct ON ct.indicator = i.id AND ct.year = t.year
LEFT JOIN sc s ON s.indicator = i.id AND s.year = t.year
ORDER BY c.choice, i.id`;
}

export async function indicatorStats(db: Db, area: { code: string; level: string }, year?: number): Promise<IndicatorStat[]> {
  return (await indicatorStatsByChoice(db, area, [year])).get(year)!;
}

/** indicatorStats for several year choices in one query. */
export async function indicatorStatsByChoice(db: Db, area: { code: string; level: string }, choices: (number | undefined)[]): Promise<Map<number | undefined, IndicatorStat[]>> {
  const rows = await db.query<IndicatorStat & { choice: number }>(indicatorStatsSql(area.code, area.level, choices));
  const out = new Map<number | undefined, IndicatorStat[]>(choices.map((c) => [c, []]));
  for (const { choice, ...stat } of rows) out.get(choice === LATEST ? undefined : choice)?.push(stat);
  return out;
}

/** Every year of every indicator for the given areas (for sparklines and comparisons). */
export async function series(db: Db, codes: string[]): Promise<SeriesPoint[]> {
  if (!codes.length) return [];
  return db.query<SeriesPoint>(
    `SELECT indicator, area, year, value, status, note FROM observations
     WHERE area IN (${codes.map(sqlString).join(', ')}) ORDER BY indicator, area, year`,
  );
}

/** Latest value per indicator for a set of areas, in the same year for all (the compare view);
 * with `maxYear` the latest year up to it, so a comparison follows the page's year choice. */
export async function latestValues(db: Db, codes: string[], minAreas = 1, maxYear?: number): Promise<{ indicator: string; area: string; year: number; value: number | null; status: ObservationStatus }[]> {
  if (!codes.length) return [];
  const list = codes.map(sqlString).join(', ');
  // The latest year in which at least minAreas of the areas have a value.
  return db.query(
    `WITH yr AS (SELECT indicator, max(year) AS year FROM (
       SELECT indicator, year FROM observations WHERE area IN (${list}) AND status = 'ok'${maxYear === undefined ? '' : ` AND year <= ${Math.trunc(maxYear)}`}
       GROUP BY indicator, year HAVING count(*) >= ${Math.trunc(minAreas)}) GROUP BY indicator)
     SELECT o.indicator, o.area, o.year, o.value, o.status FROM observations o JOIN yr ON yr.indicator = o.indicator AND yr.year = o.year
     WHERE o.area IN (${list}) ORDER BY o.indicator, o.area`,
  );
}

/** Values of one indicator and year for every area of a level (maps, rankings). */
export async function levelValues(db: Db, indicator: string, level: string, year: number) {
  return db.query<{ area: string; name: string; value: number | null; status: ObservationStatus }>(
    `SELECT a.code AS area, a.name, o.value, o.status FROM areas a
     LEFT JOIN observations o ON o.area = a.code AND o.indicator = ${sqlString(indicator)} AND o.year = ${Math.trunc(year)}
     WHERE a.level = ${sqlString(level)} ORDER BY a.name`,
  );
}

export interface LevelRankingRow {
  area: string;
  name: string;
  value: number | null;
  status: ObservationStatus | null;
  /** Precomputed in scores.parquet: 1 = best (judged) or highest (context, counts). */
  rank: number | null;
  peers: number | null;
}

/** Every area of a level with its value, status and precomputed rank in one year (maps, rankings). */
export async function levelRanking(db: Db, indicator: string, level: string, year: number): Promise<LevelRankingRow[]> {
  const ind = sqlString(indicator);
  const y = Math.trunc(year);
  return db.query<LevelRankingRow>(
    `SELECT a.code AS area, a.name, o.value, o.status, s.rank, s.peers FROM areas a
     LEFT JOIN observations o ON o.area = a.code AND o.indicator = ${ind} AND o.year = ${y}
     LEFT JOIN scores s ON s.area = a.code AND s.indicator = ${ind} AND s.year = ${y} AND s.level = a.level
     WHERE a.level = ${sqlString(level)} ORDER BY a.code`,
  );
}

/** The city's value of an indicator in a year; null when it has none. */
export async function cityValue(db: Db, indicator: string, year: number): Promise<number | null> {
  const rows = await db.query<{ value: number | null }>(
    `SELECT value FROM observations WHERE area = '${CITY}' AND indicator = ${sqlString(indicator)} AND year = ${Math.trunc(year)} AND status = 'ok'`,
  );
  return rows[0]?.value ?? null;
}

/** Years with a scored value at a level (the year choices of a page): newest first. */
export async function dataYears(db: Db, level: string): Promise<number[]> {
  const rows = await db.query<{ year: number }>(`SELECT DISTINCT year FROM scores WHERE level = ${sqlString(peerLevel(level))} ORDER BY year DESC`);
  return rows.map((r) => r.year);
}

/** The years in which every one of the indicators has a value for some area of the level, ascending. */
export async function commonYears(db: Db, level: string, ids: string[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.query<{ year: number }>(
    `SELECT o.year FROM observations o JOIN areas a ON a.code = o.area
     WHERE a.level = ${sqlString(level)} AND o.status = 'ok' AND o.indicator IN (${ids.map(sqlString).join(', ')})
     GROUP BY o.year HAVING count(DISTINCT o.indicator) = ${ids.length} ORDER BY o.year`,
  );
  return rows.map((r) => r.year);
}

/** An indicator's latest year with values at a level; null when it has none. */
export async function latestYear(db: Db, indicator: string, level: string): Promise<number | null> {
  const rows = await db.query<{ year: number | null }>(
    `SELECT max(o.year) AS year FROM observations o JOIN areas a ON a.code = o.area
     WHERE o.indicator = ${sqlString(indicator)} AND a.level = ${sqlString(level)} AND o.status = 'ok'`,
  );
  return rows[0]?.year ?? null;
}

/** Years with at least one value for an indicator at a level. */
export async function indicatorYears(db: Db, indicator: string, level: string): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    `SELECT DISTINCT o.year FROM observations o JOIN areas a ON a.code = o.area
     WHERE o.indicator = ${sqlString(indicator)} AND a.level = ${sqlString(level)} AND o.status = 'ok' ORDER BY o.year`,
  );
  return rows.map((r) => r.year);
}

/**
 * The areas of the same level most like this one on the context indicators: Euclidean distance
 * between z-scores of each indicator's latest year, over indicators both areas have.
 */
export function similarSql(code: string, level: string, indicators: string[], limit = 5): string {
  const ids = indicators.map(sqlString).join(', ');
  return `
WITH peer_obs AS (
  SELECT o.* FROM observations o JOIN areas a ON a.code = o.area
  WHERE a.level = ${sqlString(level)} AND o.indicator IN (${ids}) AND o.status = 'ok'
),
yr AS (SELECT indicator, max(year) AS year FROM peer_obs GROUP BY indicator),
z AS (
  SELECT p.indicator, p.area, (p.value - avg(p.value) OVER w) / nullif(stddev_pop(p.value) OVER w, 0) AS z
  FROM peer_obs p JOIN yr ON yr.indicator = p.indicator AND yr.year = p.year
  WINDOW w AS (PARTITION BY p.indicator)
),
me AS (SELECT indicator, z FROM z WHERE area = ${sqlString(code)})
SELECT z.area, a.name, sqrt(avg((z.z - me.z) * (z.z - me.z))) AS distance, count(*) AS shared,
  arg_min(z.indicator, abs(z.z - me.z)) AS closest
FROM z JOIN me ON me.indicator = z.indicator JOIN areas a ON a.code = z.area
WHERE z.area <> ${sqlString(code)} AND z.z IS NOT NULL AND me.z IS NOT NULL
GROUP BY z.area, a.name
HAVING count(*) >= ${Math.max(1, Math.ceil(indicators.length / 2))}
ORDER BY distance, z.area
LIMIT ${Math.trunc(limit)}`;
}

export async function similarAreas(db: Db, area: { code: string; level: string }, indicators: string[], limit = 5) {
  return db.query<{ area: string; name: string; distance: number; shared: number; closest: string }>(
    similarSql(area.code, area.level, indicators, limit),
  );
}

/** Each indicator's latest year with values at a level, and those values (shared by the
 * correlation matrix and the scatterplot). */
function latestAtLevelSql(level: string, ids: string[]): string {
  return `
WITH lv AS (
  SELECT o.area, o.indicator, o.year, o.value FROM observations o JOIN areas a ON a.code = o.area
  WHERE a.level = ${sqlString(level)} AND o.status = 'ok' AND o.indicator IN (${ids.map(sqlString).join(', ')})
),
yr AS (SELECT indicator, max(year) AS year FROM lv GROUP BY indicator),
v AS (SELECT lv.area, lv.indicator, lv.value FROM lv JOIN yr ON yr.indicator = lv.indicator AND yr.year = lv.year)`;
}

/** Pearson correlation for every pair of indicators over the areas that have both. */
export async function correlations(db: Db, level: string, ids: string[]) {
  return db.query<{ a: string; b: string; r: number | null; n: number }>(
    `${latestAtLevelSql(level, ids)}
SELECT x.indicator AS a, y.indicator AS b, corr(x.value, y.value) AS r, count(*) AS n
FROM v x JOIN v y ON x.area = y.area AND x.indicator < y.indicator
GROUP BY x.indicator, y.indicator ORDER BY a, b`,
  );
}

/** Values of two indicators per area (latest year of each), for a scatterplot. */
export async function pairValues(db: Db, level: string, x: string, y: string, zuidGebieden: string[]) {
  const zuid = zuidGebieden.map(sqlString).join(', ');
  return db.query<{ area: string; name: string; x: number; y: number; zuid: boolean }>(
    `${latestAtLevelSql(level, [x, y])}
SELECT a.code AS area, a.name, vx.value AS x, vy.value AS y,
  (a.parent IN (${zuid}) OR a.code IN (${zuid})) AS zuid
FROM v vx JOIN v vy ON vx.area = vy.area AND vx.indicator = ${sqlString(x)} AND vy.indicator = ${sqlString(y)}
JOIN areas a ON a.code = vx.area ORDER BY a.name`,
  );
}

/** The years each indicator uses in latest-year views at a level. */
export async function latestYears(db: Db, level: string, ids: string[]) {
  return db.query<{ indicator: string; year: number }>(`${latestAtLevelSql(level, ids)} SELECT indicator, year FROM yr ORDER BY indicator`);
}

/** Every observation of the given areas with the area's name and level (the per-area CSV). */
export async function areaObservations(db: Db, codes: string[]) {
  if (!codes.length) return [];
  return db.query<{ area: string; name: string; level: string; indicator: string; year: number; value: number | null; status: string; note: string | null }>(
    `SELECT o.area, a.name, a.level, o.indicator, o.year, o.value, o.status, o.note
     FROM observations o JOIN areas a ON a.code = o.area
     WHERE o.area IN (${codes.map(sqlString).join(', ')}) ORDER BY o.indicator, o.area, o.year`,
  );
}

/** Every observation of one indicator for all areas of a level, all years (the indicator CSV). */
export async function levelObservations(db: Db, indicator: string, level: string) {
  return db.query<{ area: string; name: string; level: string; indicator: string; year: number; value: number | null; status: string; note: string | null }>(
    `SELECT o.area, a.name, a.level, o.indicator, o.year, o.value, o.status, o.note
     FROM observations o JOIN areas a ON a.code = o.area
     WHERE o.indicator = ${sqlString(indicator)} AND a.level = ${sqlString(level)} ORDER BY a.code, o.year`,
  );
}

/** The SQL page's examples: real questions, in SQL that DuckDB 0.9 (wasm) and 1.5 both run. */
export const SQL_EXAMPLES: { id: string; title: string; sql: string }[] = [
  {
    id: 'bijstand-daling',
    title: 'De tien wijken met de grootste daling van de bijstand tussen 2014 en 2024 (zonder wijken met een grenswijziging ertussen)',
    sql: `SELECT a.name AS wijk, round(v.value, 1) AS bijstand_2014, round(n.value, 1) AS bijstand_2024,
       round(n.value - v.value, 1) AS verschil
FROM areas a
JOIN observations v ON v.area = a.code AND v.indicator = 'bijstand' AND v.year = 2014 AND v.status = 'ok'
JOIN observations n ON n.area = a.code AND n.indicator = 'bijstand' AND n.year = 2024 AND n.status = 'ok'
WHERE a.level = 'wijk'
  -- a wijk whose boundary changed after 2014 is another area in 2024: its notes say so
  AND NOT EXISTS (SELECT 1 FROM observations g WHERE g.area = a.code AND g.year > 2014 AND g.year <= 2024
                  AND g.note LIKE 'Grens gewijzigd%')
ORDER BY verschil, wijk
LIMIT 10`,
  },
  {
    id: 'beleving-feiten',
    title: 'Wijken waar beleving en feiten het verst uit elkaar liggen (Wijkprofiel veiligheid, 2018)',
    sql: `SELECT a.name AS wijk, f.value AS feiten, b.value AS beleving,
       round(b.value - f.value, 1) AS beleving_min_feiten
FROM areas a
JOIN observations f ON f.area = a.code AND f.indicator = 'wp_vi_obj' AND f.year = 2018 AND f.status = 'ok'
JOIN observations b ON b.area = a.code AND b.indicator = 'wp_vi_subj' AND b.year = 2018 AND b.status = 'ok'
WHERE a.level = 'wijk'
ORDER BY abs(b.value - f.value) DESC, wijk
LIMIT 10`,
  },
  {
    id: 'samenhang',
    title: 'Hangen bijstand en ervaren gezondheid samen? Correlatie over de wijken, 2016',
    sql: `SELECT round(corr(x.value, y.value), 2) AS correlatie, count(*) AS wijken
FROM observations x
JOIN observations y ON y.area = x.area AND y.indicator = 'ervaren_gezondheid' AND y.year = 2016
JOIN areas a ON a.code = x.area
WHERE x.indicator = 'bijstand' AND x.year = 2016 AND a.level = 'wijk'
  AND x.status = 'ok' AND y.status = 'ok'`,
  },
  {
    id: 'zuid-stad',
    title: 'Bijstand per jaar: Rotterdam-Zuid tegenover heel Rotterdam',
    sql: `SELECT o.year AS jaar,
       round(max(CASE WHEN o.area = 'ZUID' THEN o.value END), 1) AS zuid,
       round(max(CASE WHEN o.area = 'GM0599' THEN o.value END), 1) AS rotterdam
FROM observations o
WHERE o.indicator = 'bijstand' AND o.area IN ('ZUID', 'GM0599') AND o.status = 'ok'
GROUP BY o.year
ORDER BY o.year`,
  },
  {
    id: 'woz-gebied',
    title: 'Gemiddelde WOZ-waarde per gebied in het nieuwste jaar, hoog naar laag',
    sql: `SELECT a.name AS gebied, o.year AS jaar, o.value AS woz_x1000_euro
FROM observations o JOIN areas a ON a.code = o.area
WHERE o.indicator = 'woz' AND a.level = 'gebied' AND o.status = 'ok'
  AND o.year = (SELECT max(year) FROM observations WHERE indicator = 'woz' AND status = 'ok')
ORDER BY o.value DESC, gebied`,
  },
];

export interface FactorValue {
  area: string;
  indicator: string;
  year: number;
  value: number;
  /** The observation's note (boundary changes are named there). */
  note: string | null;
}

/**
 * The factoren page's values: per indicator the year nearest to the chosen one within one year
 * (the same year first, then the year before, then the year after), every area of the level with
 * a value in it, and the city's value in that year (area = CITY). Only status 'ok'.
 */
export async function factorValues(db: Db, level: string, year: number, ids: string[]): Promise<FactorValue[]> {
  if (!ids.length) return [];
  const y = Math.trunc(year);
  return db.query<FactorValue>(
    `WITH lv AS (
  SELECT o.area, o.indicator, o.year, o.value, o.note FROM observations o JOIN areas a ON a.code = o.area
  WHERE a.level IN (${sqlString(level)}, 'gemeente') AND o.status = 'ok' AND o.value IS NOT NULL
    AND o.indicator IN (${ids.map(sqlString).join(', ')}) AND o.year BETWEEN ${y - 1} AND ${y + 1}
),
yr AS (
  SELECT indicator, arg_min(year, abs(year - ${y}) * 2 + CASE WHEN year > ${y} THEN 1 ELSE 0 END) AS year
  FROM (SELECT DISTINCT indicator, year FROM lv WHERE area <> '${CITY}') t GROUP BY indicator
)
SELECT lv.area, lv.indicator, lv.year, lv.value, lv.note FROM lv JOIN yr ON yr.indicator = lv.indicator AND yr.year = lv.year
ORDER BY lv.indicator, lv.area`,
  );
}

/** Areas of a level with their name and whether they lie in Rotterdam-Zuid. */
export async function levelAreas(db: Db, level: string, zuidGebieden: string[]) {
  const zuid = zuidGebieden.map(sqlString).join(', ');
  return db.query<{ code: string; name: string; zuid: boolean }>(
    `SELECT code, name, (parent IN (${zuid}) OR code IN (${zuid})) AS zuid FROM areas WHERE level = ${sqlString(level)} ORDER BY name`,
  );
}
