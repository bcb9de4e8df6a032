// RIVM/GGD/CBS Gezondheidsmonitor per wijk en buurt, table 50090NED (PROVENANCE section 4).
//
// Six xlsx exports: 2012, 2016 and 2020, each for 18+ and 65+. Quirks handled here:
// - empty cells are ABSENT from the sheet XML, so every cell is read by reference (header row gives
//   column index -> OData key), never by position in a row object;
// - values are text with leading spaces ("    76.1") and a '.' decimal point;
// - the padded text "       ." means secret / too unreliable -> status 'geheim';
// - codes are padded ("BU05990110"), the national row is NL01 -> 'NL';
// - each file holds a single Leeftijd (20300 = 18+, 80200 = 65+), Perioden and Marges (MW00000).
//
// This file also holds the small cell helpers the other xlsx loaders of this folder reuse
// (leefbaarometer.ts), so the "absent cell = ontbreekt, never 0" rule lives in one place.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { CODE_PATTERN, isKeptArea, SourceError, type LoadResult, type SourceValue, type Status } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Shared cell helpers
// ---------------------------------------------------------------------------------------------

/**
 * Read an xlsx file. `dense` is ~40% faster and lighter on the 17 MB RIVM sheet XML than the
 * default sparse object; cellAt() reads both layouts. Formatting is not needed, so skip it.
 */
export async function readWorkbook(sourceDir: string, file: string): Promise<XLSX.WorkBook> {
  let buf: Buffer;
  try {
    buf = await readFile(path.join(sourceDir, file));
  } catch (e) {
    throw new SourceError(file, `bestand niet te lezen (${(e as Error).message})`);
  }
  try {
    return XLSX.read(buf, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      cellNF: false,
      cellDates: false,
    });
  } catch (e) {
    throw new SourceError(file, `geen leesbaar xlsx-bestand (${(e as Error).message})`);
  }
}

type DenseRows = (XLSX.CellObject | null | undefined)[][];

/** The cell at 0-based (r, c), or undefined when it is absent; works for dense and sparse sheets. */
export function cellAt(ws: XLSX.WorkSheet, r: number, c: number): XLSX.CellObject | undefined {
  // SheetJS 0.18 stores a dense sheet as an array of rows; later versions use ws['!data'].
  const dense: DenseRows | undefined = Array.isArray(ws)
    ? (ws as unknown as DenseRows)
    : ((ws as { '!data'?: DenseRows })['!data'] ?? undefined);
  if (dense) return dense[r]?.[c] ?? undefined;
  return (ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined) ?? undefined;
}

/** The sheet's used range; a sheet without one has no data. */
export function sheetRange(ws: XLSX.WorkSheet, file: string): XLSX.Range {
  const ref = ws['!ref'];
  if (!ref) throw new SourceError(file, 'werkblad is leeg');
  return XLSX.utils.decode_range(ref);
}

/** Header row of a sheet: trimmed title -> 0-based column index. Duplicate titles are bad input. */
export function headerColumns(ws: XLSX.WorkSheet, range: XLSX.Range, file: string): Map<string, number> {
  const cols = new Map<string, number>();
  const r = range.s.r;
  for (let c = range.s.c; c <= range.e.c; c++) {
    const cell = cellAt(ws, r, c);
    if (!cell || cell.v === undefined || cell.v === null) continue;
    const title = String(cell.v).trim();
    if (title === '') continue;
    if (cols.has(title)) throw new SourceError(file, `kolomnaam komt twee keer voor`, r + 1, title);
    cols.set(title, c);
  }
  return cols;
}

/** Index of a column that must be there; otherwise a SourceError naming it (row = header row). */
export function requireColumn(cols: Map<string, number>, name: string, file: string, headerRow = 1): number {
  const c = cols.get(name);
  if (c === undefined) throw new SourceError(file, `verwachte kolom ontbreekt`, headerRow, name);
  return c;
}

export interface ParsedValue {
  value: number | null;
  status: Status;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A raw cell value (or CSV field) as value + status:
 * absent / empty -> ontbreekt; '.' (padded or not) -> geheim; number or number text -> ok.
 * Returns undefined for anything else, so the caller can throw with row and column.
 */
export function parseRawValue(raw: unknown): ParsedValue | undefined {
  if (raw === undefined || raw === null) return { value: null, status: 'ontbreekt' };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw, status: 'ok' } : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s === '') return { value: null, status: 'ontbreekt' };
  if (s === '.') return { value: null, status: 'geheim' };
  if (!NUMBER_TEXT.test(s)) return undefined;
  return { value: Number(s), status: 'ok' };
}

/** parseRawValue for a sheet cell; cell errors (#N/A...) and booleans are unparseable. */
export function parseCell(cell: XLSX.CellObject | undefined): ParsedValue | undefined {
  if (!cell || cell.t === 'z') return { value: null, status: 'ontbreekt' };
  if (cell.t === 'n' || cell.t === 's') return parseRawValue(cell.v);
  return undefined;
}

const EXCEL_ERRORS: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A',
};

/** A cell for an error message: its raw text in quotes, or the Excel error value, and its reference. */
export function describeCell(cell: XLSX.CellObject | undefined, r: number, c: number): string {
  const ref = XLSX.utils.encode_cell({ r, c });
  if (cell?.t === 'e') return `foutwaarde ${EXCEL_ERRORS[cell.v as number] ?? String(cell.v)} (cel ${ref})`;
  return `"${String(cell?.v)}" (cel ${ref})`;
}

/** A cell value as trimmed text ('' for an absent cell); numbers are rendered without formatting. */
export function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  return String(cell.v).trim();
}

/** Trim, map the national codes NL00/NL01 to 'NL', and check the CBS pattern. */
export function normaliseCode(raw: string, file: string, row: number, column: string): string {
  const code = raw.trim();
  const norm = code === 'NL00' || code === 'NL01' ? 'NL' : code;
  if (!CODE_PATTERN.test(norm)) throw new SourceError(file, `ongeldige gebiedscode "${raw}"`, row, column);
  return norm;
}

/** Throws on a second value for the same (year, area, variable) and remembers where the first was. */
export class DuplicateGuard {
  private readonly seen = new Map<string, { file: string; row: number }>();
  check(file: string, row: number, column: string, year: number, area: string, variable: string): void {
    const key = `${year}\u0000${area}\u0000${variable}`;
    const prev = this.seen.get(key);
    if (prev) {
      const where = prev.file === file ? `rij ${prev.row}` : `${prev.file} rij ${prev.row}`;
      throw new SourceError(file, `dubbele waarde voor ${area} / ${variable} / ${year} (ook in ${where})`, row, column);
    }
    this.seen.set(key, { file, row });
  }
}

// ---------------------------------------------------------------------------------------------
// RIVM 50090NED
// ---------------------------------------------------------------------------------------------

export const RIVM_SOURCE = 'rivm';
export const RIVM_DIR = 'rivm_gezondheid_wijk_buurt';

/** Leeftijd codes of table 50090NED. */
export const RIVM_AGE_GROUPS: Readonly<Record<string, '18+' | '65+'>> = { '20300': '18+', '80200': '65+' };

/** The point estimate; other Marges rows (confidence bounds) are skipped. */
export const RIVM_POINT_ESTIMATE = 'MW00000';

/** Identifier columns; every other header column is an indicator. */
export const RIVM_ID_COLUMNS = [
  'ID',
  'Leeftijd',
  'Marges',
  'WijkenEnBuurten',
  'Perioden',
  'Gemeentenaam_1',
  'SoortRegio_2',
  'Codering_3',
] as const;

/**
 * Parse one 50090NED export. `file` is the label used in errors (relative path); when its base name
 * contains a year (2012_18+.xlsx, RIVM_gezondheid2020_65+.xlsx) or an age group, they must agree
 * with Perioden and Leeftijd.
 */
export function parseRivmWorkbook(wb: XLSX.WorkBook, file: string): Pick<LoadResult, 'values' | 'areas'> {
  const sheetName = wb.SheetNames[0];
  if (sheetName === undefined) throw new SourceError(file, 'werkmap heeft geen werkblad');
  const ws = wb.Sheets[sheetName]!;
  const range = sheetRange(ws, file);
  const headerRow = range.s.r + 1;
  const cols = headerColumns(ws, range, file);
  const cLeeftijd = requireColumn(cols, 'Leeftijd', file, headerRow);
  const cMarges = requireColumn(cols, 'Marges', file, headerRow);
  const cArea = requireColumn(cols, 'WijkenEnBuurten', file, headerRow);
  const cPeriode = requireColumn(cols, 'Perioden', file, headerRow);
  const idColumns = new Set<string>(RIVM_ID_COLUMNS);
  const indicators = [...cols].filter(([name]) => !idColumns.has(name));
  if (indicators.length === 0) throw new SourceError(file, 'geen indicatorkolommen gevonden', headerRow);

  const base = path.basename(file);
  const nameYear = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(base)?.[1];
  const nameAge = /(?:^|\D)(18|65)\+/.exec(base)?.[1];

  const values: SourceValue[] = [];
  const guard = new DuplicateGuard();
  for (let r = range.s.r + 1; r <= range.e.r; r++) {
    const row = r + 1; // 1-based spreadsheet row
    const codeRaw = cellText(cellAt(ws, r, cArea));
    // A fully empty row (possible at the end of an export) carries nothing.
    if (codeRaw === '' && indicators.every(([, c]) => cellAt(ws, r, c) === undefined)) continue;
    const area = normaliseCode(codeRaw, file, row, 'WijkenEnBuurten');

    const marges = cellText(cellAt(ws, r, cMarges));
    if (marges === '') throw new SourceError(file, 'Marges is leeg', row, 'Marges');
    if (marges !== RIVM_POINT_ESTIMATE) continue;

    const leeftijd = cellText(cellAt(ws, r, cLeeftijd));
    const ageGroup = RIVM_AGE_GROUPS[leeftijd];
    if (!ageGroup) throw new SourceError(file, `onbekende Leeftijd-code "${leeftijd}"`, row, 'Leeftijd');
    if (nameAge && `${nameAge}+` !== ageGroup) {
      throw new SourceError(file, `Leeftijd ${leeftijd} (${ageGroup}) past niet bij de bestandsnaam`, row, 'Leeftijd');
    }

    const periode = cellText(cellAt(ws, r, cPeriode));
    const m = /^(\d{4})JJ00$/.exec(periode);
    if (!m) throw new SourceError(file, `onverwachte Perioden "${periode}" (verwacht bv. 2016JJ00)`, row, 'Perioden');
    const year = Number(m[1]);
    if (nameYear && Number(nameYear) !== year) {
      throw new SourceError(file, `Perioden ${periode} past niet bij jaar ${nameYear} in de bestandsnaam`, row, 'Perioden');
    }

    if (!isKeptArea(area)) continue;
    for (const [key, c] of indicators) {
      const cell = cellAt(ws, r, c);
      const parsed = parseCell(cell);
      if (!parsed) {
        throw new SourceError(file, `geen getal: ${describeCell(cell, r, c)}`, row, key);
      }
      const variable = `${key} ${ageGroup}`;
      guard.check(file, row, 'WijkenEnBuurten', year, area, variable);
      values.push({ source: RIVM_SOURCE, year, area, variable, ...parsed });
    }
  }
  return { values, areas: [] };
}

/**
 * All 50090NED exports in rivm_gezondheid_wijk_buurt/ (every *.xlsx there, sorted), so a new
 * year's export is picked up without code changes. A value for the same year, area and variable in
 * two files is an error.
 */
export async function loadRivm(sourceDir: string): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await readdir(path.join(sourceDir, RIVM_DIR))).filter((n) => n.toLowerCase().endsWith('.xlsx')).sort();
  } catch (e) {
    throw new SourceError(RIVM_DIR, `map niet te lezen (${(e as Error).message})`);
  }
  if (names.length === 0) throw new SourceError(RIVM_DIR, 'geen xlsx-bestanden gevonden');
  const files = names.map((n) => `${RIVM_DIR}/${n}`);
  const values: SourceValue[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const wb = await readWorkbook(sourceDir, file);
    const part = parseRivmWorkbook(wb, file);
    for (const v of part.values) {
      const key = `${v.year}\u0000${v.area}\u0000${v.variable}`;
      const other = seen.get(key);
      if (other) throw new SourceError(file, `${v.area} / ${v.variable} / ${v.year} staat ook in ${other}`);
      seen.set(key, file);
      values.push(v);
    }
  }
  return { values, areas: [], files };
}
