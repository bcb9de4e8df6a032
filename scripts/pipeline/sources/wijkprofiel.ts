// Loader for the Gemeente Rotterdam Wijkprofiel (OBI): the sociale, fysieke and veiligheidsindex per
// Rotterdam "wijk" (its own numbering, e.g. 71 Tarwewijk), per gebied (4000-4013) and for the city (5000),
// mapped to CBS codes through the committed table data/wijkprofiel-gebieden.csv.
//
// sourceDir is the open-data root (as for every loader); the files are in its folder `rotterdam_wijkprofiel/`
// (PROVENANCE sections 6 and 9). `files` in the result are relative to sourceDir.
//   - 2014 and 2016 come from the OBI xls (unrounded values), sheets `SI|FI-subj|FI-obj|VI <year>`:
//     row 0 = year (column B) and group codes, row 1 = header codes, row 2 = Dutch descriptions (not
//     data), data from row 3 (86 rows, followed by empty formatted rows). `Labels` is the fifth sheet.
//   - 2018 comes from the CSVs in csv_2014_2016_2018/ (rounded integers). There is no 2016 si CSV (it was
//     a mislabelled copy of 2018), and the 2014/2016 CSVs are not read: the xls has the same figures
//     unrounded (checked in the integration test).
//
// Which column is which index (checked against the row-2 descriptions of the xls and the CSV headers):
//
//   variable          xls sheet   xls code  xls row-2 description / CSV header   CSV file
//   SI                SI          SI        Sociale Index                         si
//   SI subjectief     SI          SIs       Sociale Index subjectief              si
//   SI objectief      SI          SIo       Sociale Index objectief               si
//   FI                FI-obj      FI        Fysieke Index                         fi_obj
//   FI objectief      FI-obj      FIo       Fysieke Index -objectief              fi_obj
//   FI subjectief     FI-subj     FIs       Fysieke Index -subjectief             fi_subj
//   VI                VI          VI        Veiligheidsindex                      vi
//   VI subjectief     VI          VIs       Veiligheidsindex -subjectief          vi
//   VI objectief      VI          VIo       Veiligheidsindex -objectief           vi
//   VI <thema> subj.  VI          VIs1..5   Diefstal-/Geweld-/Inbraak-/Vandalisme-subjectief, Overlast subjectief
//   VI <thema> obj.   VI          VIo1..5   Diefstal-/Geweld-/Inbraak-/Vandalisme-objectief, Overlast objectief
//
// Both FI sheets (and both FI CSVs) carry FI, FIs and FIo; the loader reads FI and FIo from FI-obj and FIs
// from FI-subj, and requires the copies in the other sheet/file to be identical (they are, in all years).
// The codes alone are ambiguous across sheets (`Ms`/`Mo` mean Meedoen in SI but Milieu in FI), so xls
// columns are found by code AND checked against their row-2 description.
//
// Mapping (data/wijkprofiel-gebieden.csv, keyed on wijknr, never on name: Delfshaven, Overschie,
// Feijenoord, Pernis and Rozenburg are both a wijk and a gebied):
//   gelijk        -> the value on that one code;
//   samengevoegd  -> the same value on each CBS buurt of the group, with a note;
//   deel          -> several Wijkprofiel wijken in one CBS buurt: mean weighted by the inhabitants at
//                    1-1-2015 of those wijken (Context2015 xls), with a note; missing if any part is missing.
// Wijkprofiel rows whose wijknr is not in the table are returned in `unmapped` (not thrown).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import * as XLSX from 'xlsx';
import { missingDetail, type Expected } from '../completeness.ts';
import { CODE_PATTERN, SourceError, type LoadResult, type SourceArea, type SourceValue } from './types.ts';

export const SOURCE = 'wijkprofiel';
/** Folder in the open-data root. */
export const WIJKPROFIEL_DIR = 'rotterdam_wijkprofiel';
export const WIJKPROFIEL_XLS = `${WIJKPROFIEL_DIR}/Datastructuur wijkprofiel vulling 2016_definitief 03022016_Basis voor gebieden.xls`;
export const CONTEXT_XLS = `${WIJKPROFIEL_DIR}/Context2015 voor website_totaal 25012016.xls`;
export const CONTEXT_SHEET = 'Totaal contextindicatoren';
export const CSV_DIR = `${WIJKPROFIEL_DIR}/csv_2014_2016_2018`;
/** Years read from the xls (unrounded) and from the CSVs (rounded integers). */
export const XLS_YEARS = [2014, 2016] as const;
export const CSV_YEARS = [2018] as const;

export type Part = 'SI' | 'FI-obj' | 'FI-subj' | 'VI';
/** CSV file name part per xls sheet prefix. */
const CSV_PART: Record<Part, string> = { SI: 'si', 'FI-obj': 'fi_obj', 'FI-subj': 'fi_subj', VI: 'vi' };

export interface IndexColumn {
  variable: string;
  part: Part;
  /** Header code in the xls (row 1). */
  code: string;
  /** Row-2 description in the xls = header in the CSV (compared after trimming). */
  label: string;
}

const THEMES = [
  ['diefstal', 'Diefstal-subjectief', 'Diefstal-objectief'],
  ['geweld', 'Geweld-subjectief', 'Geweld-objectief'],
  ['inbraak', 'Inbraak-subjectief', 'Inbraak-objectief'],
  ['vandalisme', 'Vandalisme-subjectief', 'Vandalisme-objectief'],
  ['overlast', 'Overlast subjectief', 'Overlast objectief'],
] as const;

/** The index columns emitted, in output order. */
export const INDEX_COLUMNS: readonly IndexColumn[] = [
  { variable: 'SI', part: 'SI', code: 'SI', label: 'Sociale Index' },
  { variable: 'SI subjectief', part: 'SI', code: 'SIs', label: 'Sociale Index subjectief' },
  { variable: 'SI objectief', part: 'SI', code: 'SIo', label: 'Sociale Index objectief' },
  { variable: 'FI', part: 'FI-obj', code: 'FI', label: 'Fysieke Index' },
  { variable: 'FI objectief', part: 'FI-obj', code: 'FIo', label: 'Fysieke Index -objectief' },
  { variable: 'FI subjectief', part: 'FI-subj', code: 'FIs', label: 'Fysieke Index -subjectief' },
  { variable: 'VI', part: 'VI', code: 'VI', label: 'Veiligheidsindex' },
  { variable: 'VI subjectief', part: 'VI', code: 'VIs', label: 'Veiligheidsindex -subjectief' },
  { variable: 'VI objectief', part: 'VI', code: 'VIo', label: 'Veiligheidsindex -objectief' },
  ...THEMES.flatMap(([theme, subj, obj], i): IndexColumn[] => [
    { variable: `VI ${theme} subjectief`, part: 'VI', code: `VIs${i + 1}`, label: subj },
    { variable: `VI ${theme} objectief`, part: 'VI', code: `VIo${i + 1}`, label: obj },
  ]),
];

/** Copies that must equal the column we read: [part holding the copy, code, label, variable]. */
const FI_COPIES: readonly [Part, string, string, string][] = [
  ['FI-subj', 'FI', 'Fysieke Index', 'FI'],
  ['FI-subj', 'FIo', 'Fysieke Index -objectief', 'FI objectief'],
  ['FI-obj', 'FIs', 'Fysieke Index -subjectief', 'FI subjectief'],
];

const H_GEBIED = 'naam gebied (voormalig deelgemeente)';
const H_WIJKNR = 'wijknr';
const H_NAAM_XLS = 'BUURT85';
const H_NAAM_CSV = 'BUURT';

/** One data row of an index table, values keyed by variable. */
export interface IndexRow {
  wijknr: number;
  naam: string;
  gebied: string;
  /** 1-based row in the sheet / line in the CSV. */
  row: number;
  values: Map<string, number | null>;
}

export interface IndexTable {
  file: string;
  year: number;
  part: Part;
  rows: IndexRow[];
}

export type Relatie = 'gelijk' | 'samengevoegd' | 'deel';
export const RELATIES: readonly Relatie[] = ['gelijk', 'samengevoegd', 'deel'];
export const MAPPING_COLUMNS = ['wijknr', 'wijkprofiel_naam', 'cbs_codes', 'relatie', 'toelichting'] as const;

export interface WijkprofielMapping {
  wijknr: number;
  naam: string;
  codes: string[];
  relatie: Relatie;
  toelichting: string;
  /** 1-based line in the mapping CSV. */
  line: number;
}

export interface UnmappedWijk {
  wijknr: number;
  naam: string;
  gebied: string;
  /** Files (relative to sourceDir, with sheet for the xls) in which the row occurs. */
  files: string[];
}

export interface WijkprofielResult extends LoadResult {
  /** Wijkprofiel rows whose wijknr is not in the mapping table; the build prints these. */
  unmapped: UnmappedWijk[];
}

export interface ContextWijk {
  wijknr: number;
  naam: string;
  gebied: string;
  /** 'Aantal inwoners' at 1-1-2015. */
  inwoners: number;
}

// ---------------------------------------------------------------------------------------------------
// Cell parsing

const NUMBER_TEXT = /^-?\d+(,\d+)?%?$/;

/**
 * A Wijkprofiel value: a number (xls), or text such as `81`, `1,60%`, `0,32` (CSV: decimal comma, an
 * optional `%` sign that is dropped, so `67%` -> 67). Empty -> null. Anything else -> SourceError.
 * A `.` is rejected rather than guessed (decimal point or thousands separator?); the files have none.
 */
export function parseValue(raw: unknown, file: string, row: number, column: string): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new SourceError(file, `waarde ${raw} is geen eindig getal`, row, column);
    return raw;
  }
  if (typeof raw !== 'string') throw new SourceError(file, `onverwachte waarde ${JSON.stringify(raw)}`, row, column);
  const text = raw.trim();
  if (text === '') return null;
  if (!NUMBER_TEXT.test(text)) throw new SourceError(file, `waarde "${raw}" is geen getal`, row, column);
  return Number(text.replace('%', '').replace(',', '.'));
}

function parseWijknr(raw: unknown, file: string, row: number): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n <= 0) {
    throw new SourceError(file, `wijknr ${JSON.stringify(raw)} is geen positief geheel getal`, row, H_WIJKNR);
  }
  return n;
}

function text(raw: unknown): string {
  return raw === null || raw === undefined ? '' : String(raw).trim();
}

function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every((c) => text(c) === '');
}

/** Index of the one header equal to `name` (trimmed); error when absent or repeated. */
function uniqueColumn(headers: readonly string[], name: string, file: string, row: number): number {
  const hits = headers.flatMap((h, i) => (h === name ? [i] : []));
  if (hits.length === 0) throw new SourceError(file, `kolom ontbreekt in de kopregel`, row, name);
  if (hits.length > 1) throw new SourceError(file, `kolom komt ${hits.length} keer voor in de kopregel`, row, name);
  return hits[0];
}

// ---------------------------------------------------------------------------------------------------
// xls

function sheetRows(wb: XLSX.WorkBook, sheet: string, file: string): unknown[][] {
  const ws = wb.Sheets[sheet];
  if (!ws) throw new SourceError(file, `blad "${sheet}" ontbreekt (bladen: ${wb.SheetNames.join(', ')})`);
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
}

/** The columns of `part` this loader reads, incl. the FI copies (stored as `copy:<variable>`, compared in mergeParts). */
function columnsOf(part: Part): { variable: string; code: string; label: string; copy: boolean }[] {
  return [
    ...INDEX_COLUMNS.filter((c) => c.part === part).map((c) => ({ ...c, copy: false })),
    ...FI_COPIES.filter(([p]) => p === part).map(([, code, label, variable]) => ({ variable, code, label, copy: true })),
  ];
}

/** Reads one index sheet (`SI 2014`, `FI-obj 2016`, …) of the OBI xls. */
export function readXlsIndexSheet(wb: XLSX.WorkBook, part: Part, year: number, file: string): IndexTable {
  const sheet = `${part} ${year}`;
  const where = `${file} [blad ${sheet}]`;
  const rows = sheetRows(wb, sheet, where);
  if (rows.length < 3) throw new SourceError(where, 'blad heeft geen kop- en omschrijvingsregel');
  const sheetYear = rows[0]?.[1];
  if (sheetYear !== year && text(sheetYear) !== String(year)) {
    throw new SourceError(where, `jaar in cel B1 is ${JSON.stringify(sheetYear)}, verwacht ${year}`, 1);
  }
  const headers = rows[1].map(text);
  const descriptions = rows[2].map(text);
  const iGebied = uniqueColumn(headers, H_GEBIED, where, 2);
  const iWijk = uniqueColumn(headers, H_WIJKNR, where, 2);
  const iNaam = uniqueColumn(headers, H_NAAM_XLS, where, 2);
  const cols = columnsOf(part).map((c) => {
    const i = uniqueColumn(headers, c.code, where, 2);
    if (descriptions[i] !== c.label) {
      throw new SourceError(where, `omschrijving (rij 3) is "${descriptions[i]}", verwacht "${c.label}"`, 3, c.code);
    }
    return { ...c, i };
  });
  const out: IndexRow[] = [];
  for (let r = 3; r < rows.length; r++) {
    const cells = rows[r];
    if (isBlankRow(cells)) continue;
    const row = r + 1;
    const values = new Map<string, number | null>();
    for (const c of cols) {
      values.set(c.copy ? `copy:${c.variable}` : c.variable, parseValue(cells[c.i], where, row, c.code));
    }
    out.push({ wijknr: parseWijknr(cells[iWijk], where, row), naam: text(cells[iNaam]), gebied: text(cells[iGebied]), row, values });
  }
  return { file: where, year, part, rows: out };
}

// ---------------------------------------------------------------------------------------------------
// CSV

/** Decodes UTF-8 when the bytes are valid UTF-8, else latin-1 (the si/fi_obj files, `µg/m3`). */
export function decodeText(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return Buffer.from(buf).toString('latin1');
  }
}

type CsvRecord = { record: string[]; info: { lines: number } };

/** csv-parse with line numbers; field counts are checked by the callers, parse errors become SourceErrors. */
function parseCsv(content: string, delimiter: string, file: string): CsvRecord[] {
  try {
    return parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new SourceError(file, `geen geldige CSV: ${err.message}`, err.lines);
  }
}

/**
 * Reads one Wijkprofiel CSV (`;`, CRLF, latin-1 or ASCII, long Dutch headers that may repeat or end in
 * spaces; `%` signs and decimal commas in the indicator columns; empty = missing).
 */
export function parseIndexCsv(buf: Uint8Array, file: string, part: Part, year: number): IndexTable {
  const records = parseCsv(decodeText(buf), ';', file);
  if (records.length === 0) throw new SourceError(file, 'leeg bestand');
  const headers = records[0].record.map(text);
  const iGebied = uniqueColumn(headers, H_GEBIED, file, 1);
  const iWijk = uniqueColumn(headers, H_WIJKNR, file, 1);
  const iNaam = uniqueColumn(headers, H_NAAM_CSV, file, 1);
  const cols = columnsOf(part).map((c) => ({ ...c, i: uniqueColumn(headers, c.label, file, 1) }));
  const out: IndexRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const row = info.lines;
    if (isBlankRow(record)) continue;
    if (record.length !== headers.length) {
      throw new SourceError(file, `${record.length} velden, de kopregel heeft er ${headers.length}`, row);
    }
    const values = new Map<string, number | null>();
    for (const c of cols) {
      values.set(c.copy ? `copy:${c.variable}` : c.variable, parseValue(record[c.i], file, row, c.label));
    }
    out.push({ wijknr: parseWijknr(record[iWijk], file, row), naam: text(record[iNaam]), gebied: text(record[iGebied]), row, values });
  }
  return { file, year, part, rows: out };
}

// ---------------------------------------------------------------------------------------------------
// Merging the four parts of one year

interface YearRow {
  wijknr: number;
  naam: string;
  gebied: string;
  files: string[];
  values: Map<string, number | null>;
}

/**
 * Joins the SI/FI-obj/FI-subj/VI tables of one year on wijknr, checks that each part has the same wijken
 * with the same names, and that the FI copies in the other FI part are identical.
 */
function mergeParts(tables: IndexTable[]): YearRow[] {
  const byNr = new Map<number, YearRow>();
  const first = tables[0];
  for (const t of tables) {
    const seen = new Set<number>();
    const notInFirst: [string, string][] = [];
    for (const r of t.rows) {
      if (seen.has(r.wijknr)) throw new SourceError(t.file, `wijknr ${r.wijknr} komt twee keer voor`, r.row, H_WIJKNR);
      seen.add(r.wijknr);
      let y = byNr.get(r.wijknr);
      if (!y) {
        if (t !== first) {
          notInFirst.push([`wijknr ${r.wijknr}`, r.naam]);
          continue;
        }
        y = { wijknr: r.wijknr, naam: r.naam, gebied: r.gebied, files: [], values: new Map() };
        byNr.set(r.wijknr, y);
      } else if (y.naam !== r.naam) {
        throw new SourceError(t.file, `wijknr ${r.wijknr} heet hier "${r.naam}", in ${first.file} "${y.naam}"`, r.row);
      }
      y.files.push(t.file);
      for (const [k, v] of r.values) y.values.set(k, v);
    }
    // A part cut short misses wijken the others have: name all of them, whichever part is short.
    if (notInFirst.length) throw new SourceError(first.file, missingDetail(notInFirst, t.rows.length, `de wijken in ${t.file}`));
    const missing = [...byNr.values()].filter((y) => !seen.has(y.wijknr)).map((y): [string, string] => [`wijknr ${y.wijknr}`, y.naam]);
    if (missing.length) throw new SourceError(t.file, missingDetail(missing, byNr.size, `de wijken in ${first.file}`));
  }
  for (const y of byNr.values()) {
    for (const [k, copy] of [...y.values]) {
      if (!k.startsWith('copy:')) continue;
      const variable = k.slice(5);
      const v = y.values.get(variable);
      if (v !== copy && !(v !== null && copy !== null && v !== undefined && Math.abs(v - copy) < 1e-9)) {
        throw new SourceError(
          y.files.join(' / '),
          `${variable} van wijknr ${y.wijknr} verschilt tussen FI-obj (${v}) en FI-subj (${copy})`,
        );
      }
      y.values.delete(k);
    }
  }
  return [...byNr.values()];
}

// ---------------------------------------------------------------------------------------------------
// Mapping table

/** Reads and validates data/wijkprofiel-gebieden.csv. */
export async function readWijkprofielMapping(mappingCsvPath: string): Promise<WijkprofielMapping[]> {
  const file = mappingCsvPath;
  const buf = await readFile(mappingCsvPath);
  const records = parseCsv(decodeText(buf), ',', file);
  const header = records[0]?.record.map(text) ?? [];
  if (header.join(',') !== MAPPING_COLUMNS.join(',')) {
    throw new SourceError(file, `kopregel is "${header.join(',')}", verwacht "${MAPPING_COLUMNS.join(',')}"`, 1);
  }
  const out: WijkprofielMapping[] = [];
  const byNr = new Map<number, number>();
  const codeOwner = new Map<string, WijkprofielMapping>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== MAPPING_COLUMNS.length) {
      throw new SourceError(file, `${record.length} velden, verwacht ${MAPPING_COLUMNS.length}`, line);
    }
    const [nrText, naam, codesText, relatieText, toelichting] = record.map(text);
    if (!/^\d+$/.test(nrText)) throw new SourceError(file, `wijknr "${nrText}" is geen geheel getal`, line, 'wijknr');
    const wijknr = Number(nrText);
    if (byNr.has(wijknr)) throw new SourceError(file, `wijknr ${wijknr} staat ook op regel ${byNr.get(wijknr)}`, line, 'wijknr');
    byNr.set(wijknr, line);
    if (naam === '') throw new SourceError(file, 'lege naam', line, 'wijkprofiel_naam');
    const codes = codesText.split('+').map((c) => c.trim());
    for (const c of codes) {
      if (!CODE_PATTERN.test(c)) throw new SourceError(file, `"${c}" is geen CBS-code`, line, 'cbs_codes');
    }
    if (new Set(codes).size !== codes.length) throw new SourceError(file, `dubbele code in "${codesText}"`, line, 'cbs_codes');
    if (!(RELATIES as readonly string[]).includes(relatieText)) {
      throw new SourceError(file, `relatie "${relatieText}" is niet een van ${RELATIES.join(', ')}`, line, 'relatie');
    }
    const relatie = relatieText as Relatie;
    if (relatie === 'samengevoegd' ? codes.length < 2 : codes.length !== 1) {
      throw new SourceError(
        file,
        `relatie ${relatie} vraagt ${relatie === 'samengevoegd' ? 'twee of meer codes' : 'precies één code'}, gevonden ${codes.length}`,
        line,
        'cbs_codes',
      );
    }
    const m: WijkprofielMapping = { wijknr, naam, codes, relatie, toelichting, line };
    for (const c of codes) {
      const other = codeOwner.get(c);
      // Only 'deel' rows may share a code, and only with other 'deel' rows.
      if (other && !(other.relatie === 'deel' && relatie === 'deel')) {
        throw new SourceError(file, `code ${c} is ook toegewezen aan wijknr ${other.wijknr} (regel ${other.line})`, line, 'cbs_codes');
      }
      codeOwner.set(c, m);
    }
    out.push(m);
  }
  if (out.length === 0) throw new SourceError(file, 'geen regels');
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Context 2015 (inhabitants, the weights for 'deel')

/** Inhabitants at 1-1-2015 per Wijkprofiel wijknr (all 86 rows: wijken, gebieden, Rotterdam). */
export async function loadWijkprofielContext2015(sourceDir: string): Promise<Map<number, ContextWijk>> {
  const wb = XLSX.read(await readFile(path.join(sourceDir, CONTEXT_XLS)), { type: 'buffer' });
  const where = `${CONTEXT_XLS} [blad ${CONTEXT_SHEET}]`;
  const rows = sheetRows(wb, CONTEXT_SHEET, where);
  const headers = (rows[1] ?? []).map(text);
  const iWijk = uniqueColumn(headers, 'wijknr', where, 2);
  const iNaam = uniqueColumn(headers, 'BUURT85', where, 2);
  const iGebied = uniqueColumn(headers, 'Gebied', where, 2);
  const iInw = uniqueColumn(headers, 'Aantal inwoners', where, 2);
  const out = new Map<number, ContextWijk>();
  for (let r = 2; r < rows.length; r++) {
    const cells = rows[r];
    if (isBlankRow(cells)) continue;
    const row = r + 1;
    const wijknr = parseWijknr(cells[iWijk], where, row);
    const inwoners = parseValue(cells[iInw], where, row, 'Aantal inwoners');
    if (inwoners === null || inwoners < 0) throw new SourceError(where, 'aantal inwoners ontbreekt', row, 'Aantal inwoners');
    if (out.has(wijknr)) throw new SourceError(where, `wijknr ${wijknr} komt twee keer voor`, row, 'wijknr');
    out.set(wijknr, { wijknr, naam: text(cells[iNaam]), gebied: text(cells[iGebied]), inwoners });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The loader

function fmt(n: number): string {
  return n.toLocaleString('nl-NL');
}

/** Reads the four parts of every year: 2014/2016 from the xls, 2018 from the CSVs. */
export async function readWijkprofielYears(sourceDir: string): Promise<{ years: Map<number, YearRow[]>; files: string[] }> {
  const files: string[] = [WIJKPROFIEL_XLS];
  const wb = XLSX.read(await readFile(path.join(sourceDir, WIJKPROFIEL_XLS)), { type: 'buffer' });
  const parts = Object.keys(CSV_PART) as Part[];
  const years = new Map<number, YearRow[]>();
  for (const year of XLS_YEARS) {
    years.set(year, mergeParts(parts.map((p) => readXlsIndexSheet(wb, p, year, WIJKPROFIEL_XLS))));
  }
  for (const year of CSV_YEARS) {
    const tables: IndexTable[] = [];
    for (const p of parts) {
      const rel = `${CSV_DIR}/gemeente ${year} ${CSV_PART[p]}.csv`;
      files.push(rel);
      tables.push(parseIndexCsv(await readFile(path.join(sourceDir, rel)), rel, p, year));
    }
    years.set(year, mergeParts(tables));
  }
  return { years, files };
}

/**
 * Loads the Wijkprofiel index values 2014, 2016 and 2018 and maps them to CBS codes.
 * Areas: the Wijkprofiel name of every 'gelijk' row (samengevoegd/deel wijken name no CBS area).
 */
export async function loadWijkprofiel(sourceDir: string, mappingCsvPath: string): Promise<WijkprofielResult> {
  const mapping = await readWijkprofielMapping(mappingCsvPath);
  const byNr = new Map(mapping.map((m) => [m.wijknr, m]));
  const { years, files } = await readWijkprofielYears(sourceDir);

  const needsContext = mapping.some((m) => m.relatie === 'deel');
  const context = needsContext ? await loadWijkprofielContext2015(sourceDir) : new Map<number, ContextWijk>();
  if (needsContext) files.push(CONTEXT_XLS);

  const values: SourceValue[] = [];
  const areas: SourceArea[] = [];
  const unmapped = new Map<number, UnmappedWijk>();

  for (const [year, rows] of years) {
    const deelGroups = new Map<string, { m: WijkprofielMapping; row: YearRow }[]>();
    for (const row of rows) {
      const m = byNr.get(row.wijknr);
      if (!m) {
        const u = unmapped.get(row.wijknr) ?? { wijknr: row.wijknr, naam: row.naam, gebied: row.gebied, files: [] };
        u.files.push(...row.files.filter((f) => !u.files.includes(f)));
        unmapped.set(row.wijknr, u);
        continue;
      }
      if (m.relatie === 'deel') {
        const code = m.codes[0];
        deelGroups.set(code, [...(deelGroups.get(code) ?? []), { m, row }]);
        continue;
      }
      const note =
        m.relatie === 'samengevoegd'
          ? `Wijkprofiel-wijk ${m.naam} (${m.wijknr}) omvat ${m.codes.join(' + ')}; elke buurt krijgt de waarde van de hele Wijkprofiel-wijk`
          : undefined;
      if (m.relatie === 'gelijk') areas.push({ code: m.codes[0], name: row.naam, year, source: SOURCE });
      for (const code of m.codes) {
        for (const c of INDEX_COLUMNS) {
          const value = row.values.get(c.variable) ?? null;
          values.push({
            source: SOURCE,
            year,
            area: code,
            variable: c.variable,
            value,
            status: value === null ? 'ontbreekt' : 'ok',
            ...(note ? { note, unit: `WP${m.wijknr}` } : {}),
          });
        }
      }
    }
    for (const [code, parts] of deelGroups) {
      const weights = parts.map(({ m }) => {
        const w = context.get(m.wijknr);
        if (!w) throw new SourceError(CONTEXT_XLS, `geen inwonertal voor wijknr ${m.wijknr} (${m.naam}), nodig voor ${code}`);
        return w.inwoners;
      });
      const total = weights.reduce((a, b) => a + b, 0);
      const note =
        `Bevolkingsgewogen gemiddelde van Wijkprofiel-wijken ` +
        parts.map(({ m }, i) => `${m.naam} (${m.wijknr}, ${fmt(weights[i])} inw.)`).join(' en ') +
        ` die samen CBS-buurt ${code} vormen; gewichten: inwoners 1-1-2015 (Context2015)`;
      for (const c of INDEX_COLUMNS) {
        const vs = parts.map(({ row }) => row.values.get(c.variable) ?? null);
        const value =
          vs.some((v) => v === null) || total <= 0 ? null : vs.reduce<number>((s, v, i) => s + (v as number) * weights[i], 0) / total;
        values.push({ source: SOURCE, year, area: code, variable: c.variable, value, status: value === null ? 'ontbreekt' : 'ok', note });
      }
    }
  }
  // Complete = every wijk of the mapping table in every year (all four parts of a year agree, mergeParts).
  const expectedNrs = new Map(mapping.map((m) => [`wijknr ${m.wijknr}`, m.naam]));
  const expected: Expected[] = [...years].map(([year, rows]) => ({
    file: [...new Set(rows.flatMap((r) => r.files))].join(' + ') || `Wijkprofiel ${year}`,
    basis: path.basename(mappingCsvPath),
    expected: expectedNrs,
    found: new Set(rows.map((r) => `wijknr ${r.wijknr}`)),
  }));
  return { values, areas, files, unmapped: [...unmapped.values()], expected };
}
