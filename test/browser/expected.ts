// Expected values for the browser tests, read straight from the published Parquet with our own
// SQL (not the site's queries.ts), so a wrong query in the site shows up as a failing test.
import type { Format } from '../../src/lib/catalogue';
import { formatValue } from '../../src/lib/format';
import { NodeDb } from '../../src/server/duckdb-node';

export interface ExpectedStat {
  indicator: string;
  format: string;
  /** Latest year (≤ maxYear) in which any area of the comparison level has an 'ok' value. */
  year: number | null;
  value: number | null;
  status: string | null;
  note: string | null;
  city: number | null;
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The level an area is compared with: Rotterdam-Zuid (stadsdeel) with the gebieden. */
export async function comparisonLevel(db: NodeDb, code: string): Promise<string> {
  const rows = await db.query<{ level: string }>(`SELECT level FROM areas WHERE code = ${q(code)}`);
  if (rows.length !== 1) throw new Error(`area ${code} not found exactly once in areas.parquet`);
  return rows[0].level === 'stadsdeel' ? 'gebied' : rows[0].level;
}

/** Per indicator of indicators.parquet: the area's observation in the level's latest year. */
export async function expectedStats(db: NodeDb, code: string, maxYear?: number): Promise<Map<string, ExpectedStat>> {
  const level = await comparisonLevel(db, code);
  const cap = maxYear === undefined ? '' : `AND obs.year <= ${Math.trunc(maxYear)}`;
  const rows = await db.query<ExpectedStat>(`
    WITH latest AS (
      SELECT obs.indicator, max(obs.year) AS year
      FROM observations obs, areas ar
      WHERE ar.code = obs.area AND ar.level = ${q(level)} AND obs.status = 'ok' ${cap}
      GROUP BY obs.indicator
    )
    SELECT ind.id AS indicator, ind.format, latest.year, mine.value, mine.status, mine.note, town.value AS city
    FROM indicators ind
    LEFT JOIN latest ON latest.indicator = ind.id
    LEFT JOIN observations mine ON mine.indicator = ind.id AND mine.year = latest.year AND mine.area = ${q(code)}
    LEFT JOIN observations town ON town.indicator = ind.id AND town.year = latest.year AND town.area = 'GM0599'`);
  return new Map(rows.map((r) => [r.indicator, r]));
}

export async function areaCode(db: NodeDb, name: string): Promise<string> {
  const rows = await db.query<{ code: string }>(`SELECT code FROM areas WHERE name = ${q(name)} AND level <> 'land'`);
  if (rows.length !== 1) throw new Error(`expected one area named ${name}, found ${rows.length}`);
  return rows[0].code;
}

export async function observation(db: NodeDb, area: string, indicator: string, year: number) {
  const rows = await db.query<{ value: number | null; status: string }>(
    `SELECT value, status FROM observations WHERE area = ${q(area)} AND indicator = ${q(indicator)} AND year = ${Math.trunc(year)}`,
  );
  if (rows.length !== 1) throw new Error(`expected one observation ${area} ${indicator} ${year}, found ${rows.length}`);
  return rows[0];
}

/**
 * The wijk page's indicator rows: tr[data-indicator] with a td.val. Other tables on the page
 * (the compare table, the G4 table on the city page) also mark rows with data-indicator.
 */
export const INDICATOR_ROWS = 'tr[data-indicator]:has(> td.val)';

/** What one indicator row of the wijk page shows, read in the browser. */
export interface ShownRow {
  id: string;
  dataValue: string | null;
  text: string;
  title: string;
  city: string;
}

export const READ_ROWS = (rows: Element[]): ShownRow[] =>
  rows.map((r) => {
    const val = r.querySelector('td.val')!;
    return {
      id: r.getAttribute('data-indicator')!,
      dataValue: val.getAttribute('data-value'),
      text: (val.textContent ?? '').trim(),
      title: val.querySelector('[title]')?.getAttribute('title') ?? val.getAttribute('title') ?? '',
      city: (r.querySelector('td.city')?.textContent ?? '').trim(),
    };
  });

/**
 * Differences between a shown row and the Parquet: the raw data-value within 1e-9, the text in
 * Dutch number format, the city column, and for an absent value a reason instead of a number.
 */
export function rowProblems(row: ShownRow, exp: ExpectedStat | undefined): string[] {
  if (!exp) return [`${row.id}: not in indicators.parquet`];
  const out: string[] = [];
  const fmt = exp.format as Format;
  if (exp.status === 'ok' && exp.value !== null) {
    const shown = row.dataValue === null || row.dataValue === '' ? NaN : Number(row.dataValue);
    if (!(Math.abs(shown - exp.value) <= 1e-9)) out.push(`${row.id}: data-value ${row.dataValue} ≠ Parquet ${exp.value} (${exp.year})`);
    const text = formatValue(exp.value, fmt);
    if (row.text !== text) out.push(`${row.id}: text "${row.text}" ≠ "${text}"`);
  } else {
    if (row.dataValue !== null && row.dataValue !== '') out.push(`${row.id}: data-value "${row.dataValue}" for an absent value (${exp.status})`);
    if (/^[\s\d.,%+−–-]*$/.test(row.text)) out.push(`${row.id}: absent value shown as "${row.text}" without a reason`);
    const words = `${row.text} ${row.title}`.toLowerCase();
    const reason = exp.status ? [exp.status, 'alleen per'] : ['geen cijfer', 'alleen per'];
    if (!reason.some((w) => words.includes(w))) out.push(`${row.id}: reason "${row.text}" / "${row.title}" does not name status ${exp.status}`);
  }
  const city = formatValue(exp.city, fmt);
  if (row.city !== city) out.push(`${row.id}: city "${row.city}" ≠ "${city}"`);
  return out;
}
