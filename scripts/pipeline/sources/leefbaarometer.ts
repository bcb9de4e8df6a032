// Leefbaarometer 2.0, meting 2016 (PROVENANCE section 5). Source id 'lbm'.
//
// Files and what they become:
// - wijk.xlsx (sheet 'wijk') and score_gemeente.xlsx (sheet 'gemeente'): wide, one row per area.
//   WK_CODE / GM_CODE, KL02 KL08 KL12 KL14 KL16 (score class 1-9) and VKLxxyy (change class 1-7).
//   KLyy -> variable 'KL', year 20yy.
//   VKLxxyy -> variable 'VKLxxyy' (its own column name), year 20yy (end year), note '20xx-20yy'.
//   Not plain 'VKL': four change columns end in 2016 (VKL0216, VKL0816, VKL1216, VKL1416), so
//   (area, 'VKL', 2016) would be ambiguous for the catalogue, which selects by variable and year.
// - dimensiescore_wijk (stand).xlsx and dimensiescore_gemeente (stand).xlsx, long sheet 'data(1)':
//   GBD, JAAR, RLBRMTR, RLBWON, RLBBEV, RLBVRZ, RLBVEI, RLBFYS -> variable = column name, year = JAAR.
//   Values are fractions around 0 (deviation from the NL mean), not classes. Sheet 'data(2)' is
//   the same data in wide form and is not read.
// - dimensiescore_* (ontwikkeling).xlsx, long sheet 'data(1)': GBD, BEGIN, EINDE, DLBRMTR ... DLBFYS.
//   These are NOT derivable from the stand files: for all 8,434 wijk rows with both ends present,
//   DLBRMTR differs from RLBRMTR(EINDE) - RLBRMTR(BEGIN) (e.g. WK059901 2012-2016: DLBRMTR 0.091,
//   difference of the stand scores 0.061), so they are loaded too. Variable = the data(2) column name
//   'DLBRMTR1216' etc. (again: two periods end in 2016), year = EINDE, note 'BEGIN-EINDE'.
//
// Missing scores -> 'ontbreekt' (never 0). Contrary to PROVENANCE, wijk.xlsx has NO absent cells:
// a missing score there is the Excel error value #N/A (2,740 cells in 220 rows); the dimension
// files do use absent cells. Any other error value (#DIV/0!, #REF!, ...) is an error.
// In Rotterdam (2016 wijk division):
// - wijk.xlsx: 8 harbour/industrial wijken have no KL16: WK059918 Spaanse Polder (only KL12, KL14,
//   VKL1214), and WK059919, 21, 22, 23, 24, 25, 26 with no score at all;
// - dimension files: 20 Rotterdam wijken (no rows for WK059925 Rivium and WK059926 Schieveen);
//   WK059919, 21, 22, 23, 24 have empty cells in every year, WK059918 in 2016 only.
// The gemeente files hold 390 gemeenten and no national row; we keep the G4.
// Leefbaarometer publishes no area names, so areas is empty.

import * as XLSX from 'xlsx';
import {
  DuplicateGuard,
  cellAt,
  cellText,
  describeCell,
  headerColumns,
  normaliseCode,
  parseCell,
  readWorkbook,
  requireColumn,
  sheetRange,
} from './xlsx.ts';
import { areaCodes, expectIndeling, type Expected } from '../completeness.ts';
import { G4, isKeptArea, SourceError, type Loader, type LoadResult, type SourceValue } from './types.ts';
import { yearInName } from './files.ts';

export const LBM_SOURCE = 'lbm';
export const LBM_DIR = 'leefbaarometer_2016';
/** The meting's year: every period of this meting is computed on the CBS indeling of that year. */
const INDELING_YEAR = yearInName(LBM_DIR);

export const LBM_SCORE_FILES = [`${LBM_DIR}/wijk.xlsx`, `${LBM_DIR}/score_gemeente.xlsx`] as const;
export const LBM_DIMENSION_FILES = [
  `${LBM_DIR}/dimensiescore_wijk (stand).xlsx`,
  `${LBM_DIR}/dimensiescore_gemeente (stand).xlsx`,
  `${LBM_DIR}/dimensiescore_wijk (ontwikkeling).xlsx`,
  `${LBM_DIR}/dimensiescore_gemeente (ontwikkeling).xlsx`,
] as const;

/** Two-digit year of a Leefbaarometer column suffix (02 -> 2002, 98 -> 1998). */
function fullYear(yy: string): number {
  const n = Number(yy);
  return n < 50 ? 2000 + n : 1900 + n;
}

/**
 * An area code from a Leefbaarometer file: text 'WK059901' / 'GM0599', or, in gemeente files,
 * possibly a bare gemeente number (599 or '599') -> 'GM0599'.
 */
function lbmCode(cell: XLSX.CellObject | undefined, file: string, row: number, column: string): string {
  const text = cellText(cell);
  if (/^\d{1,4}$/.test(text)) return `GM${text.padStart(4, '0')}`;
  return normaliseCode(text, file, row, column);
}

/** SheetJS error code of the Excel error value #N/A. */
const EXCEL_NA = 0x2a;

function valueOrThrow(ws: XLSX.WorkSheet, r: number, c: number, file: string, column: string) {
  const cell = cellAt(ws, r, c);
  // wijk.xlsx marks a missing score with the error value #N/A (a failed lookup), not an empty cell.
  if (cell?.t === 'e' && cell.v === EXCEL_NA) return { value: null, status: 'ontbreekt' as const };
  const parsed = parseCell(cell);
  if (!parsed) {
    throw new SourceError(file, `geen getal: ${describeCell(cell, r, c)}`, r + 1, column);
  }
  return parsed;
}

function sheetOrThrow(wb: XLSX.WorkBook, file: string, name?: string): XLSX.WorkSheet {
  const sheetName = name ?? wb.SheetNames[0];
  const ws = sheetName !== undefined ? wb.Sheets[sheetName] : undefined;
  if (!ws) throw new SourceError(file, name ? `werkblad "${name}" ontbreekt` : 'werkmap heeft geen werkblad');
  return ws;
}

/**
 * The wide score file (wijk.xlsx or score_gemeente.xlsx): first sheet, code column WK_CODE or
 * GM_CODE, KLyy classes 1-9 and VKLxxyy change classes 1-7. Any other column is an error, since
 * its year would be unknown.
 */
export function parseLbmScoreWorkbook(wb: XLSX.WorkBook, file: string): Pick<LoadResult, 'values' | 'areas'> {
  const ws = sheetOrThrow(wb, file);
  const range = sheetRange(ws, file);
  const headerRow = range.s.r + 1;
  const cols = headerColumns(ws, range, file);
  const codeColumn = cols.has('WK_CODE') ? 'WK_CODE' : cols.has('GM_CODE') ? 'GM_CODE' : undefined;
  if (!codeColumn) throw new SourceError(file, 'verwachte kolom ontbreekt (of GM_CODE)', headerRow, 'WK_CODE');
  const cCode = cols.get(codeColumn)!;

  const measures: { column: string; c: number; variable: string; year: number; note?: string; max: number }[] = [];
  for (const [column, c] of cols) {
    if (column === codeColumn) continue;
    let m = /^KL(\d\d)$/.exec(column);
    if (m) {
      measures.push({ column, c, variable: 'KL', year: fullYear(m[1]!), max: 9 });
      continue;
    }
    m = /^VKL(\d\d)(\d\d)$/.exec(column);
    if (m) {
      const start = fullYear(m[1]!);
      const end = fullYear(m[2]!);
      measures.push({ column, c, variable: column, year: end, note: `${start}-${end}`, max: 7 });
      continue;
    }
    throw new SourceError(file, 'onbekende kolom (verwacht KLjj of VKLjjjj)', headerRow, column);
  }
  if (!measures.some((m) => m.variable === 'KL')) throw new SourceError(file, 'geen KL-kolommen', headerRow);

  const values: SourceValue[] = [];
  const guard = new DuplicateGuard();
  for (let r = range.s.r + 1; r <= range.e.r; r++) {
    const row = r + 1;
    const codeCell = cellAt(ws, r, cCode);
    if (cellText(codeCell) === '' && measures.every((m) => cellAt(ws, r, m.c) === undefined)) continue;
    const area = lbmCode(codeCell, file, row, codeColumn);
    for (const m of measures) {
      const parsed = valueOrThrow(ws, r, m.c, file, m.column);
      if (parsed.value !== null && !(Number.isInteger(parsed.value) && parsed.value >= 1 && parsed.value <= m.max)) {
        throw new SourceError(file, `klasse ${parsed.value} buiten 1-${m.max}`, row, m.column);
      }
      guard.check(file, row, codeColumn, m.year, area, m.variable);
      if (!isKeptArea(area)) continue;
      const v: SourceValue = { source: LBM_SOURCE, year: m.year, area, variable: m.variable, ...parsed };
      if (m.note) v.note = m.note;
      values.push(v);
    }
  }
  return { values, areas: [] };
}

/**
 * A long dimension-score sheet 'data(1)': GBD plus either JAAR (stand: variable = column, year =
 * JAAR) or BEGIN + EINDE (ontwikkeling: variable = column + yy(BEGIN) + yy(EINDE), year = EINDE,
 * note 'BEGIN-EINDE'). All other columns are numeric variables.
 */
export function parseLbmDimensionWorkbook(wb: XLSX.WorkBook, file: string): Pick<LoadResult, 'values' | 'areas'> {
  const ws = sheetOrThrow(wb, file, 'data(1)');
  const range = sheetRange(ws, file);
  const headerRow = range.s.r + 1;
  const cols = headerColumns(ws, range, file);
  const cCode = requireColumn(cols, 'GBD', file, headerRow);
  const isChange = !cols.has('JAAR') && (cols.has('BEGIN') || cols.has('EINDE'));
  const yearColumns = isChange ? ['BEGIN', 'EINDE'] : ['JAAR'];
  const cYears = yearColumns.map((name) => requireColumn(cols, name, file, headerRow));
  const skip = new Set(['GBD', ...yearColumns]);
  const measures = [...cols].filter(([name]) => !skip.has(name));
  if (measures.length === 0) throw new SourceError(file, 'geen scorekolommen gevonden', headerRow);

  const values: SourceValue[] = [];
  const guard = new DuplicateGuard();
  for (let r = range.s.r + 1; r <= range.e.r; r++) {
    const row = r + 1;
    const codeCell = cellAt(ws, r, cCode);
    if (cellText(codeCell) === '' && measures.every(([, c]) => cellAt(ws, r, c) === undefined)) continue;
    const area = lbmCode(codeCell, file, row, 'GBD');
    const years = cYears.map((c, i) => {
      const text = cellText(cellAt(ws, r, c));
      if (!/^(19|20)\d\d$/.test(text)) throw new SourceError(file, `geen jaartal: "${text}"`, row, yearColumns[i]);
      return Number(text);
    });
    const year = years[years.length - 1]!;
    const begin = years[0]!;
    if (isChange && begin >= year) throw new SourceError(file, `BEGIN ${begin} niet voor EINDE ${year}`, row, 'BEGIN');
    for (const [column, c] of measures) {
      const parsed = valueOrThrow(ws, r, c, file, column);
      const variable = isChange ? `${column}${String(begin).slice(2)}${String(year).slice(2)}` : column;
      guard.check(file, row, 'GBD', year, area, variable);
      if (!isKeptArea(area)) continue;
      const v: SourceValue = { source: LBM_SOURCE, year, area, variable, ...parsed };
      if (isChange) v.note = `${begin}-${year}`;
      values.push(v);
    }
  }
  return { values, areas: [] };
}

/** Rotterdam gebieden of 2016 without rows in the dimension files (see the header). */
export const LBM_DIMENSION_ABSENT = ['WK059925', 'WK059926'];

/**
 * A dimension file is long (one row per area and period): complete = every expected area in every
 * period the file has. The wijk files hold the 2016 gebieden but WK059925 and WK059926, the
 * gemeente files the G4.
 */
function expectDimension(file: string, values: SourceValue[]): Expected {
  const period = (v: SourceValue) => v.note ?? String(v.year);
  const wijk = file.includes('_wijk');
  const base = wijk ? expectIndeling(file, INDELING_YEAR, [], ['gebieden'], [], LBM_DIMENSION_ABSENT) : undefined;
  const areas = base ? [...base.expected] : Object.entries(G4);
  const periods = [...new Set(values.map(period))].sort();
  // The areas themselves too, so a file without any of their rows (hence no periods) is incomplete.
  const expected = new Map<string, string>(areas);
  for (const [code, name] of areas) for (const p of periods) expected.set(`${code} ${p}`, name);
  const found = new Set(values.flatMap((v) => [v.area, `${v.area} ${period(v)}`]));
  return { file, basis: `${base?.basis ?? 'de G4'}, elk in ${periods.join(', ')}`, expected, found };
}

export async function loadLeefbaarometer(sourceDir: string): Promise<LoadResult> {
  const values: SourceValue[] = [];
  const expected: Expected[] = [];
  for (const file of LBM_SCORE_FILES) {
    const r = parseLbmScoreWorkbook(await readWorkbook(sourceDir, file), file);
    values.push(...r.values);
    // wijk.xlsx: every 2016 gebied (also those without scores, they have #N/A rows); score_gemeente.xlsx: the G4.
    const wijk = file.endsWith('/wijk.xlsx');
    expected.push(expectIndeling(file, INDELING_YEAR, areaCodes(r), wijk ? ['gebieden'] : [], wijk ? [] : Object.keys(G4)));
  }
  for (const file of LBM_DIMENSION_FILES) {
    const r = parseLbmDimensionWorkbook(await readWorkbook(sourceDir, file), file);
    values.push(...r.values);
    expected.push(expectDimension(file, r.values));
  }
  return { values, areas: [], files: [...LBM_SCORE_FILES, ...LBM_DIMENSION_FILES], expected };
}

export const loader: Loader = {
  name: 'leefbaarometer',
  sources: [LBM_SOURCE],
  folder: LBM_DIR,
  files: [...LBM_SCORE_FILES, ...LBM_DIMENSION_FILES].map((f) => f.slice(LBM_DIR.length + 1)),
  load: loadLeefbaarometer,
};
