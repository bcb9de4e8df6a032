// Expected values for the browser tests, read straight from the published Parquet with our own
// SQL (not the site's queries.ts), so a wrong query in the site shows up as a failing test.
import { NodeDb } from '../../src/server/duckdb-node';

export interface ExpectedStat {
  indicator: string;
  format: string;
  scale: string;
  direction: string;
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
    SELECT ind.id AS indicator, ind.format, ind.scale, ind.direction, latest.year, mine.value, mine.status, mine.note, town.value AS city
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
  /** The whole comparison cell as read: text, arrow and the screen-reader words. */
  comparison: string;
  judgement: string;
  /** The row header's detail line (unit, year, source, note). */
  detail: string;
  note: string;
}

export const READ_ROWS = (rows: Element[]): ShownRow[] =>
  rows.map((r) => {
    const val = r.querySelector('td.val')!;
    const idx = r.querySelector('td.idx');
    return {
      id: r.getAttribute('data-indicator')!,
      dataValue: val.getAttribute('data-value'),
      text: (val.textContent ?? '').trim(),
      title: val.querySelector('[title]')?.getAttribute('title') ?? val.getAttribute('title') ?? '',
      city: (r.querySelector('td.city')?.textContent ?? '').trim(),
      comparison: (idx?.textContent ?? '').trim(),
      judgement: ['better', 'worse', 'same', 'neutral'].find((c) => idx?.classList.contains(c)) ?? '',
      detail: (r.querySelector('th .small')?.textContent ?? '').trim(),
      note: (r.querySelector('th .note')?.textContent ?? '').trim(),
    };
  });

// Dutch number text, written here from Intl directly (not with the site's format module).
const DECIMALS: Record<string, number> = { integer: 0, decimal: 1, percent: 1, signed: 2 };
function nl(v: number, decimals: number, sign = false): string {
  return v.toLocaleString('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: sign ? 'exceptZero' : 'auto' });
}
export function dutch(v: number | null, format: string): string {
  if (v === null) return '–';
  return format === 'percent' ? `${nl(v, 1)}%` : nl(v, DECIMALS[format], format === 'signed');
}

/**
 * The comparison cell the method promises (README, /methode/): rates get an index (city = 100,
 * ±5 counts as the same), signed scales and scores the difference of the shown values, counts the
 * share of the city without judgement; context indicators say higher/lower, never better/worse.
 */
export function expectedComparison(exp: ExpectedStat): { cell: string; judgement: string } {
  if (exp.status !== 'ok' || exp.value === null || exp.city === null) return { cell: '–', judgement: '' };
  const judged = (sign: number) =>
    exp.direction === 'neutral'
      ? { j: 'neutral', w: sign > 0 ? 'hoger dan de stad' : sign < 0 ? 'lager dan de stad' : 'gelijk aan de stad' }
      : sign === 0
        ? { j: 'same', w: 'rond het stadsgemiddelde' }
        : (sign > 0) === (exp.direction === 'higher_better')
          ? { j: 'better', w: 'beter dan de stad' }
          : { j: 'worse', w: 'slechter dan de stad' };
  const arrow = (j: string) => (j === 'better' ? ' ▲' : j === 'worse' ? ' ▼' : '');
  if (exp.scale === 'count') {
    const share = `${nl((exp.value / exp.city) * 100, 1)}% van de stad`;
    return { cell: `${share} (${share} (een aantal: geen oordeel))`, judgement: '' };
  }
  if (exp.scale === 'rate' && exp.city > 0 && exp.value >= 0) {
    const index = Math.round((100 * exp.value) / exp.city);
    const { j, w } = judged(Math.abs(index - 100) < 5 ? 0 : index - 100);
    return { cell: `${nl(index, 0)}${arrow(j)} (index ${nl(index, 0)}: ${w})`, judgement: j };
  }
  const d = DECIMALS[exp.format];
  const units = Math.round(exp.value * 10 ** d) - Math.round(exp.city * 10 ** d);
  const text = units === 0 ? '0' : nl(units / 10 ** d, d, true);
  const { j, w } = judged(Math.sign(units));
  return { cell: `${text}${arrow(j)} (verschil ${text}: ${w})`, judgement: j };
}

/**
 * Differences between a shown row and the Parquet, for the whole row: the raw data-value within
 * 1e-9, the value in Dutch format, the city column, the comparison cell with its screen-reader
 * words and colour class, the year and the source note; for an absent value a reason.
 */
export function rowProblems(row: ShownRow, exp: ExpectedStat | undefined): string[] {
  if (!exp) return [`${row.id}: not in indicators.parquet`];
  const out: string[] = [];
  const fmt = exp.format;
  if (exp.status === 'ok' && exp.value !== null) {
    const shown = row.dataValue === null || row.dataValue === '' ? NaN : Number(row.dataValue);
    if (!(Math.abs(shown - exp.value) <= 1e-9)) out.push(`${row.id}: data-value ${row.dataValue} ≠ Parquet ${exp.value} (${exp.year})`);
    const text = dutch(exp.value, fmt);
    if (row.text !== text) out.push(`${row.id}: text "${row.text}" ≠ "${text}"`);
    if (row.note !== (exp.note ?? '')) out.push(`${row.id}: note "${row.note}" ≠ Parquet "${exp.note ?? ''}"`);
  } else {
    if (row.dataValue !== null && row.dataValue !== '') out.push(`${row.id}: data-value "${row.dataValue}" for an absent value (${exp.status})`);
    if (/^[\s\d.,%+−–-]*$/.test(row.text)) out.push(`${row.id}: absent value shown as "${row.text}" without a reason`);
    const words = `${row.text} ${row.title}`.toLowerCase();
    const reason = exp.status ? [exp.status, 'alleen per'] : ['geen cijfer', 'alleen per'];
    if (!reason.some((w) => words.includes(w))) out.push(`${row.id}: reason "${row.text}" / "${row.title}" does not name status ${exp.status}`);
  }
  const city = dutch(exp.city, fmt);
  if (row.city !== city) out.push(`${row.id}: city "${row.city}" ≠ "${city}"`);
  const cmp = expectedComparison(exp);
  if (row.comparison !== cmp.cell) out.push(`${row.id}: comparison "${row.comparison}" ≠ "${cmp.cell}"`);
  if (row.judgement !== cmp.judgement) out.push(`${row.id}: judgement class "${row.judgement}" ≠ "${cmp.judgement}"`);
  if (exp.year !== null && !row.detail.includes(`, ${exp.year}`)) out.push(`${row.id}: year ${exp.year} not in "${row.detail}"`);
  return out;
}
