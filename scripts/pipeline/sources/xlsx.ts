// Small helpers for the xlsx loaders (RIVM, Leefbaarometer): read a workbook, read cells by
// reference (empty cells are absent from the sheet XML), and the "absent cell = ontbreekt, never 0"
// rule, in one place.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { SourceError, type Status } from './types.ts';

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
/** One rule for area codes in every loader: trimmed, NL00/NL01 → NL, CBS pattern checked. */
export { normaliseCode } from './csv.ts';

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

