// Shared helpers for the loaders: the one CSV reader (with real line numbers), StatLine number
// parsing, code normalisation and duplicate-safe value collection.

import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CODE_PATTERN, SourceError, isKeptArea } from './types.ts';
import type { SourceArea, SourceValue, Status } from './types.ts';

/** One CSV record with the 1-based line number on which it starts in the file. */
export interface CsvRow {
  fields: string[];
  line: number;
}

function countLineBreaks(s: string): number {
  // CRLF counts once, a lone CR or LF counts once.
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * Parse CSV text (BOM and CRLF tolerated) into records with their starting line numbers; the one
 * CSV reader of every loader. Short rows are returned as they are (relax_column_count) so callers
 * can report truncation with the row and the missing column; empty lines come back as `['']`.
 * `relaxQuotes` accepts a bare quote inside an unquoted field (`Wijk 69 "De Zuidlanden"`).
 * csv-parse's own `info.lines` miscounts CRLF inside quoted fields, so lines are counted from the raw text.
 */
export function readCsvRows(text: string, file: string, delimiter = ';', opts: { relaxQuotes?: boolean } = {}): CsvRow[] {
  let records: { record: string[]; raw: string }[];
  try {
    // With `raw: true` csv-parse returns { record, raw } objects; its typings do not model that.
    records = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: opts.relaxQuotes ?? false, raw: true, skip_empty_lines: false }) as unknown as {
      record: string[];
      raw: string;
    }[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new SourceError(file, `CSV niet leesbaar: ${err.message}`, err.lines);
  }
  const rows: CsvRow[] = [];
  let line = 1;
  for (const r of records) {
    rows.push({ fields: r.record, line });
    line += countLineBreaks(r.raw);
  }
  return rows;
}

/** True for a row that is an empty line. */
export function isBlankRow(fields: string[]): boolean {
  return fields.length === 0 || (fields.length === 1 && fields[0]!.trim() === '');
}

/** Read a file as UTF-8 text; a missing file is a SourceError naming the relative path. */
export async function readSourceText(sourceDir: string, relPath: string): Promise<string> {
  try {
    return await readFile(path.join(sourceDir, relPath), 'utf8');
  } catch (e) {
    throw new SourceError(relPath, `bestand niet leesbaar: ${(e as Error).message}`);
  }
}

/** Trim, turn NBSP and line breaks into plain spaces and collapse runs of whitespace. */
export function normaliseLabel(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Strip the StatLine hierarchy prefix ('||Aantal inwoners') and normalise. */
export function stripStatlinePrefix(title: string): string {
  return normaliseLabel(title.replace(/^[\s|]+/, ''));
}

/**
 * CBS secrecy / not-applicable sentinels: -99997 (wijk- en buurtkaart 2024, also -99993..-99999 in
 * other releases) and -99999999 (wijk- en buurtkaart 2016). No real KWB or regional figure comes
 * near these, so everything at or below -99990 counts as a sentinel.
 */
export function isCbsSentinel(v: number): boolean {
  return v <= -99990;
}

export interface ParsedCell {
  value: number | null;
  status: Status;
}

const COMMA_NUMBER = /^-?\d+(,\d+)?$/;
const POINT_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Parse one numeric cell.
 * - '' (after trimming) → ontbreekt; '.' → geheim; a CBS sentinel → geheim.
 * - decimal ',' (StatLine CSV): '15,9'. StatLine exports have no thousands separators, so '1.234'
 *   is rejected rather than guessed at.
 * - decimal '.' (R/OData exports): '136', '0.5', '1e+05'.
 * Anything else is a SourceError naming file, line and column.
 */
export function parseCbsNumber(
  raw: string,
  file: string,
  row: number,
  column: string,
  decimal: ',' | '.' = ',',
): ParsedCell {
  const s = raw.replace(/\u00a0/g, ' ').trim();
  if (s === '') return { value: null, status: 'ontbreekt' };
  if (s === '.') return { value: null, status: 'geheim' };
  const ok = decimal === ',' ? COMMA_NUMBER.test(s) : POINT_NUMBER.test(s);
  if (!ok) throw new SourceError(file, `geen getal: "${raw}"`, row, column);
  const v = Number(decimal === ',' ? s.replace(',', '.') : s);
  if (!Number.isFinite(v)) throw new SourceError(file, `geen getal: "${raw}"`, row, column);
  if (isCbsSentinel(v)) return { value: null, status: 'geheim' };
  return { value: v, status: 'ok' };
}

/**
 * Any CBS region code, including Amsterdam's alphanumeric wijk/buurt codes (WK0363AA, BU0363AA01)
 * that CODE_PATTERN does not cover. Rows with such codes are valid input; they are simply not kept.
 */
const ANY_CBS_CODE = /^(NL\d{2}|LD\d{2}|PV\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$/;

/**
 * Trim a CBS region code and map the national codes NL00/NL01 to 'NL'. A code that is no CBS region
 * code at all, or a kept code (isKeptArea) that does not match CODE_PATTERN, is a SourceError.
 */
export function normaliseCode(raw: unknown, file: string, row: number | undefined, column: string): string {
  const s = typeof raw === 'string' ? raw.trim() : '';
  const code = s === 'NL00' || s === 'NL01' ? 'NL' : s;
  if (CODE_PATTERN.test(code)) return code;
  if (ANY_CBS_CODE.test(code) && !isKeptArea(code)) return code;
  throw new SourceError(file, `ongeldige regiocode "${String(raw)}"`, row, column);
}

/** Strip the 'Wijk NN ' prefix StatLine put before wijk names in 2014 and 2015. */
export function stripWijkPrefix(name: string): string {
  return name.replace(/^Wijk \d+\s+/, '');
}

/**
 * Collects values and areas for one file, keeping only isKeptArea codes and rejecting a second
 * value for the same (year, area, variable).
 */
export class SourceCollector {
  readonly values: SourceValue[] = [];
  readonly areas: SourceArea[] = [];
  /** year|area → variable → row of first occurrence. */
  private readonly seen = new Map<string, Map<string, number | undefined>>();
  private readonly seenAreas = new Set<string>();

  constructor(readonly file: string) {}

  addValue(v: SourceValue, row: number | undefined, column: string): void {
    if (!isKeptArea(v.area)) return;
    const areaKey = `${v.year}|${v.area}`;
    let vars = this.seen.get(areaKey);
    if (!vars) {
      vars = new Map();
      this.seen.set(areaKey, vars);
    }
    if (vars.has(v.variable)) {
      const first = vars.get(v.variable);
      throw new SourceError(
        this.file,
        `dubbele waarde voor ${v.area} / "${v.variable}" / ${v.year}${first !== undefined ? ` (eerder in rij ${first})` : ''}`,
        row,
        column,
      );
    }
    vars.set(v.variable, row);
    this.values.push(v);
  }

  addCell(
    base: { source: string; year: number; area: string; variable: string; note?: string },
    cell: ParsedCell,
    row: number | undefined,
    column: string,
  ): void {
    const v: SourceValue = {
      source: base.source,
      year: base.year,
      area: base.area,
      variable: base.variable,
      value: cell.value,
      status: cell.status,
    };
    if (base.note !== undefined) v.note = base.note;
    this.addValue(v, row, column);
  }

  addArea(a: SourceArea): void {
    if (!isKeptArea(a.code)) return;
    const key = `${a.year}|${a.code}`;
    if (this.seenAreas.has(key)) return;
    this.seenAreas.add(key);
    this.areas.push(a);
  }
}
