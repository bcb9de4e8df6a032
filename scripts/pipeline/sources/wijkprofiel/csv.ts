// The Wijkprofiel CSVs (`csv_2014_2016_2018/gemeente <year> <part>.csv`): `;`, CRLF, latin-1 or
// ASCII, long Dutch headers that may repeat or end in spaces; `%` signs and decimal commas in the
// indicator columns; empty = missing. Read with the shared CSV reader (../csv.ts).
import { SourceError } from '../types.ts';
import { isBlankRow, readCsvRows } from '../csv.ts';
import {
  columnsOf, COPY, CSV_PART, H_GEBIED, H_WIJKNR, parseComponentValue, parseValue, parseWijknr, text, uniqueColumn,
  type IndexRow, type IndexTable, type Part,
} from './columns.ts';
import { WIJKPROFIEL_DIR } from './xls.ts';

export const CSV_DIR = `${WIJKPROFIEL_DIR}/csv_2014_2016_2018`;
/** Name pattern of the CSVs in CSV_DIR (Loader.files). */
export const CSV_FILES = 'gemeente * *.csv';

const H_NAAM = 'BUURT';

export function indexCsvFile(year: number, part: Part): string {
  return `${CSV_DIR}/gemeente ${year} ${CSV_PART[part]}.csv`;
}

/** Year and part of a CSV path, or undefined for another file. */
export function indexCsvOf(file: string): { year: number; part: Part } | undefined {
  const m = /\/gemeente (\d{4}) (\w+)\.csv$/.exec(file);
  const part = m && (Object.keys(CSV_PART) as Part[]).find((p) => CSV_PART[p] === m[2]);
  return m && part ? { year: Number(m[1]), part } : undefined;
}

/** Decodes UTF-8 when the bytes are valid UTF-8, else latin-1 (the si/fi_obj files, `µg/m3`). */
export function decodeText(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return Buffer.from(buf).toString('latin1');
  }
}

/** Reads one Wijkprofiel index CSV. */
export function parseIndexCsv(buf: Uint8Array, file: string, part: Part, year: number): IndexTable {
  const [head, ...records] = readCsvRows(decodeText(buf), file, ';').filter((r) => !isBlankRow(r.fields));
  if (!head) throw new SourceError(file, 'leeg bestand');
  const headers = head.fields.map(text);
  const iGebied = uniqueColumn(headers, H_GEBIED, file, head.line);
  const iWijk = uniqueColumn(headers, H_WIJKNR, file, head.line);
  const iNaam = uniqueColumn(headers, H_NAAM, file, head.line);
  const cols = columnsOf(part).map((c) => ({ ...c, i: uniqueColumn(headers, c.label, file, head.line) }));
  const out: IndexRow[] = [];
  for (const { fields, line: row } of records) {
    if (fields.every((f) => f.trim() === '')) continue;
    if (fields.length !== headers.length) {
      throw new SourceError(file, `${fields.length} velden, de kopregel heeft er ${headers.length}`, row);
    }
    const values = new Map<string, number | null>();
    for (const c of cols) {
      const v = c.kind ? parseComponentValue(fields[c.i], c.kind, file, row, c.label) : parseValue(fields[c.i], file, row, c.label);
      values.set(c.copy ? `${COPY}${c.variable}` : c.variable, v);
    }
    out.push({ wijknr: parseWijknr(fields[iWijk], file, row), naam: text(fields[iNaam]), gebied: text(fields[iGebied]), row, values });
  }
  return { file, year, part, rows: out };
}
