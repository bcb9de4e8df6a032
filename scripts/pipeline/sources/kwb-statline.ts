// CBS Kerncijfers wijken en buurten 2014–2018, Rotterdam only: old StatLine "CSV" exports.
// PROVENANCE §8. Layout: line 1 title, 2 empty, 3 'Onderwerp', 4 column titles with '|' hierarchy
// prefixes (some quoted because they contain ';'), 5 units, 6.. data. ';' separator, BOM, CRLF,
// decimal comma, '.' = geheim, empty = ontbreekt (the three crime columns from 2016).
// The column set and units change between years, so columns are matched by title, never position.

import { SourceError } from './types.ts';
import type { Loader, LoadResult, Status } from './types.ts';
import { findFiles, yearInName } from './files.ts';
import {
  SourceCollector,
  isBlankRow,
  normaliseCode,
  normaliseLabel,
  parseCbsNumber,
  readCsvRows,
  readSourceText,
  stripStatlinePrefix,
  stripWijkPrefix,
} from './csv.ts';
import type { CsvRow } from './csv.ts';
import { areaCodes, expectIndeling } from '../completeness.ts';

export const KWB_STATLINE_DIR = 'cbs_kwb_rotterdam_2014_2018';
/** One export per year; the year is in the name. */
const FILES = 'Kerncijfers_wijken_en_buurten_*.csv';

export function kwbStatlineFile(year: number): string {
  return `${KWB_STATLINE_DIR}/${FILES.replace('*', String(year))}`;
}

/** The exports in the folder, with the year each one's name states (so a new year is a new file). */
export function kwbStatlineFiles(sourceDir: string): { file: string; year: number }[] {
  return findFiles(sourceDir, KWB_STATLINE_DIR, FILES).map((file) => ({ file, year: yearInName(file) }));
}

const HEADER_LINES = 5;
const NAME_UNIT = 'Wijken en buurten';

/** Column roles; 'value' columns become variables. */
type Role = 'name' | 'gemeente' | 'soort' | 'code' | 'jaar' | 'indeling' | 'postcode' | 'value';

export interface KwbColumn {
  index: number;
  /** Title from line 4 with '|' stripped, whitespace normalised. */
  title: string;
  /** Unit from line 5, normalised. */
  unit: string;
  role: Role;
  /** Variable name for 'value' and 'indeling' columns. */
  variable?: string;
}

function roleOf(title: string, index: number): Role {
  if (index === 0) return 'name';
  if (title === 'Gemeentenaam') return 'gemeente';
  if (title === 'Soort regio') return 'soort';
  if (title === 'Codering') return 'code';
  if (title === 'Jaar') return 'jaar';
  if (title.startsWith('Indelingswijziging')) return 'indeling';
  if (title === 'Meest voorkomende postcode') return 'postcode';
  return 'value';
}

/**
 * Read the 5-line preamble: titles (line 4) and units (line 5) → column descriptions.
 * Variable name = `${title} [${unit}]` (just the title when the unit is empty). Titles are not unique
 * (electricity kWh vs gas m³ share 'Appartement', …) but title + unit is; should title + unit still
 * repeat, later occurrences get ' #2', ' #3' in order.
 */
export function parseKwbStatlineHeader(rows: CsvRow[], file: string): KwbColumn[] {
  if (rows.length < HEADER_LINES) throw new SourceError(file, `kop onvolledig: ${rows.length} regels, 5 verwacht`);
  const titleRow = rows[3]!;
  const unitRow = rows[4]!;
  if (titleRow.fields.length !== unitRow.fields.length) {
    throw new SourceError(
      file,
      `regel 4 (titels) heeft ${titleRow.fields.length} velden, regel 5 (eenheden) ${unitRow.fields.length}`,
      unitRow.line,
    );
  }
  if (normaliseLabel(unitRow.fields[0] ?? '') !== NAME_UNIT) {
    throw new SourceError(file, `eerste kolom van regel 5 is niet "${NAME_UNIT}" (geen StatLine-export?)`, unitRow.line, NAME_UNIT);
  }
  const cols: KwbColumn[] = titleRow.fields.map((raw, index) => {
    const title = index === 0 ? NAME_UNIT : stripStatlinePrefix(raw);
    const unit = normaliseLabel(unitRow.fields[index] ?? '');
    return { index, title, unit, role: roleOf(title, index) };
  });
  if (!cols.some((c) => c.role === 'code')) throw new SourceError(file, 'kolom ontbreekt', titleRow.line, 'Codering');
  const counts = new Map<string, number>();
  for (const c of cols) {
    if (c.role === 'indeling') c.variable = 'Indelingswijziging';
    if (c.role !== 'value') continue;
    const base = c.unit ? `${c.title} [${c.unit}]` : c.title;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    c.variable = n === 1 ? base : `${base} #${n}`;
  }
  return cols;
}

/** Parse one StatLine 2014–2018 export. `year` is the file year; the Jaar column must agree. */
export function parseKwbStatline(text: string, file: string, year: number): Omit<LoadResult, 'files'> {
  const rows = readCsvRows(text, file);
  const cols = parseKwbStatlineHeader(rows, file);
  const width = cols.length;
  const find = (role: Role) => cols.find((c) => c.role === role);
  const codeCol = find('code')!;
  const soortCol = find('soort');
  const jaarCol = find('jaar');
  const out = new SourceCollector(file);

  for (const row of rows.slice(HEADER_LINES)) {
    if (isBlankRow(row.fields)) continue;
    const f = row.fields;
    if (f.length < width) {
      throw new SourceError(file, `rij afgekapt: ${f.length} van ${width} velden`, row.line, cols[f.length]!.title);
    }
    if (f.length > width) throw new SourceError(file, `rij heeft ${f.length} velden, kop ${width}`, row.line);
    const code = normaliseCode(f[codeCol.index], file, row.line, codeCol.title);
    if (jaarCol) {
      const j = f[jaarCol.index]!.trim();
      if (j !== String(year)) throw new SourceError(file, `jaar "${j}" wijkt af van bestandsjaar ${year}`, row.line, jaarCol.title);
    }
    const soort = soortCol ? f[soortCol.index]!.trim() : '';
    let name = normaliseLabel(f[0]!);
    if (soort === 'Wijk') name = stripWijkPrefix(name);
    out.addArea({ code, name, year, source: 'kwb' });

    for (const c of cols) {
      if (!c.variable) continue;
      let cell = parseCbsNumber(f[c.index]!, file, row.line, c.title);
      // Indelingswijziging '.' (gemeente row) means "not applicable", not secret.
      if (c.role === 'indeling' && cell.status === 'geheim') cell = { value: null, status: 'niet van toepassing' as Status };
      out.addCell({ source: 'kwb', year, area: code, variable: c.variable }, cell, row.line, c.title);
    }
  }
  return { values: out.values, areas: out.areas };
}

/** Load every year's export. Complete = Rotterdam and all its gebieden and wijken of that year's indeling. */
export async function loadKwbStatline(sourceDir: string): Promise<LoadResult> {
  const result: LoadResult = { values: [], areas: [], files: [], expected: [] };
  for (const { file, year } of kwbStatlineFiles(sourceDir)) {
    const r = parseKwbStatline(await readSourceText(sourceDir, file), file, year);
    result.values.push(...r.values);
    result.areas.push(...r.areas);
    result.files.push(file);
    result.expected!.push(expectIndeling(file, year, areaCodes(r), ['gebieden', 'wijken'], ['GM0599']));
  }
  return result;
}

/** Variable names per column of one export, in file order (for documentation). */
export function kwbStatlineColumns(text: string, file: string): string[] {
  return parseKwbStatlineHeader(readCsvRows(text, file), file)
    .filter((c) => c.variable)
    .map((c) => c.variable!);
}

/** Variable names per year (for documentation and the catalogue). */
export async function listKwbStatlineColumns(sourceDir: string): Promise<Record<number, string[]>> {
  const out: Record<number, string[]> = {};
  for (const { file, year } of kwbStatlineFiles(sourceDir)) {
    out[year] = kwbStatlineColumns(await readSourceText(sourceDir, file), file);
  }
  return out;
}

export const loader: Loader = { name: 'kwb-statline', sources: ['kwb'], folder: KWB_STATLINE_DIR, files: [FILES], load: loadKwbStatline };
