// CBS Kerncijfers wijken en buurten 2024 (85984NED), whole NL, two reduced StatLine CSV downloads.
// PROVENANCE §1. ';' separator, BOM, CRLF, text quoted, numbers not; codes padded to 10 characters,
// gemeentenaam to 40; national code NL00. Titles carry the topic path and unit:
// 'Bevolking/Bevolking naar herkomst/Herkomstland/Europa (exclusief Nederland)  (aantal)'.
// The _141648 file has no code column: its rows are in the same order as _geslachten, so rows are
// joined by position and the names are checked to agree.

import { SourceError, isKeptArea } from './types.ts';
import type { Loader, LoadResult } from './types.ts';
import { yearInName } from './files.ts';
import {
  SourceCollector,
  isBlankRow,
  normaliseCode,
  normaliseLabel,
  parseCbsNumber,
  readCsvRows,
  readSourceText,
} from './csv.ts';
import type { CsvRow, ParsedCell } from './csv.ts';
import { areaCodes, expectIndeling, NL_AND_G4 } from '../completeness.ts';

export const KWB2024_DIR = 'cbs_kwb_2024_85984NED';
const MAIN = 'Kerncijfers_wijken_en_buurten_2024_geslachten.csv';
const HERKOMST = 'Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv';
export const KWB2024_MAIN_FILE = `${KWB2024_DIR}/${MAIN}`;
export const KWB2024_HERKOMST_FILE = `${KWB2024_DIR}/${HERKOMST}`;
const NAME_TITLE = 'Wijken en buurten';

/**
 * 'Topic/Sub/Last label (unit)' → 'Last label [unit]'. The unit is the last parenthesised group at
 * the end; the label is the last '/'-separated path segment (the 2024 columns have no '/' inside
 * their labels). A title without a unit keeps its last segment only.
 */
export function kwb2024VariableName(title: string): string {
  const t = normaliseLabel(title);
  const m = /^(.*?)\s*\(([^()]*)\)$/.exec(t);
  const pathPart = m ? m[1]! : t;
  const unit = m ? normaliseLabel(m[2]!) : '';
  const last = normaliseLabel(pathPart.split('/').pop()!);
  return unit ? `${last} [${unit}]` : last;
}

interface Column {
  index: number;
  title: string;
  kind: 'name' | 'gemeente' | 'soort' | 'code' | 'indeling' | 'value';
  variable?: string;
}

function describeColumns(header: CsvRow, file: string): Column[] {
  const cols: Column[] = header.fields.map((raw, index) => {
    const title = normaliseLabel(raw);
    let kind: Column['kind'] = 'value';
    if (title === NAME_TITLE) kind = 'name';
    else if (title.startsWith('Regioaanduiding/Gemeentenaam')) kind = 'gemeente';
    else if (title.startsWith('Regioaanduiding/Soort regio')) kind = 'soort';
    else if (title.startsWith('Regioaanduiding/Codering')) kind = 'code';
    else if (title.startsWith('Regioaanduiding/Indelingswijziging')) kind = 'indeling';
    else if (title.startsWith('Regioaanduiding/')) throw new SourceError(file, 'onbekende tekstkolom', header.line, title);
    const c: Column = { index, title, kind };
    if (kind === 'indeling') c.variable = 'Indelingswijziging';
    if (kind === 'value') c.variable = kwb2024VariableName(title);
    return c;
  });
  if (!cols.some((c) => c.kind === 'name')) throw new SourceError(file, 'kolom ontbreekt', header.line, NAME_TITLE);
  const seen = new Set<string>();
  for (const c of cols) {
    if (!c.variable) continue;
    if (seen.has(c.variable)) throw new SourceError(file, `variabelenaam "${c.variable}" komt twee keer voor`, header.line, c.title);
    seen.add(c.variable);
  }
  return cols;
}

interface ParsedFile {
  file: string;
  cols: Column[];
  rows: CsvRow[];
}

function readFileRows(text: string, file: string): ParsedFile {
  const all = readCsvRows(text, file);
  if (all.length === 0) throw new SourceError(file, 'bestand is leeg');
  const cols = describeColumns(all[0]!, file);
  const rows = all.slice(1).filter((r) => !isBlankRow(r.fields));
  for (const r of rows) {
    if (r.fields.length < cols.length) {
      throw new SourceError(file, `rij afgekapt: ${r.fields.length} van ${cols.length} velden`, r.line, cols[r.fields.length]!.title);
    }
    if (r.fields.length > cols.length) throw new SourceError(file, `rij heeft ${r.fields.length} velden, kop ${cols.length}`, r.line);
  }
  return { file, cols, rows };
}

function cellOf(c: Column, raw: string, file: string, line: number): ParsedCell {
  const cell = parseCbsNumber(raw, file, line, c.title);
  // Indelingswijziging '.' (only on the NL row) means "not applicable".
  if (c.kind === 'indeling' && cell.status === 'geheim') return { value: null, status: 'niet van toepassing' };
  return cell;
}

/**
 * Parse the two 2024 CSVs. `main` (_geslachten) has the code column; `extra` (_141648) is joined to
 * it by row number after checking that 'Wijken en buurten' and the gemeentenaam agree. A variable
 * present in both files (Aantal inwoners) must have the same value in both and is emitted once.
 */
export function parseKwb2024Csv(
  main: { text: string; file: string },
  extra?: { text: string; file: string },
): Omit<LoadResult, 'files'> {
  const a = readFileRows(main.text, main.file);
  const b = extra ? readFileRows(extra.text, extra.file) : undefined;
  // The files have no year column; their names state it (and must agree).
  const year = yearInName(main.file);
  if (extra && yearInName(extra.file) !== year) throw new SourceError(extra.file, `jaar ${yearInName(extra.file)} in de naam, ${main.file} noemt ${year}`);
  const codeCol = a.cols.find((c) => c.kind === 'code');
  if (!codeCol) throw new SourceError(main.file, 'kolom ontbreekt', 1, 'Regioaanduiding/Codering (code)');
  const aName = a.cols.find((c) => c.kind === 'name')!;
  const aGem = a.cols.find((c) => c.kind === 'gemeente');
  const bName = b?.cols.find((c) => c.kind === 'name');
  if (b && b.rows.length !== a.rows.length) {
    // The shorter file lost rows: name it, and name what it misses (by the longer file's names).
    const [short, long, longName] = b.rows.length < a.rows.length ? [b, a, aName] : [a, b, bName!];
    const lost = long.rows.slice(short.rows.length);
    const names = lost.slice(0, 5).map((r) => `"${normaliseLabel(r.fields[longName.index] ?? '')}"`);
    throw new SourceError(
      short.file,
      `${short.rows.length} rijen, ${long.file} heeft er ${long.rows.length}; koppelen op rijnummer kan niet. ` +
        `Ontbreekt: de rijen vanaf rij ${lost[0]!.line} van ${long.file} (${lost.length} rijen: ${names.join(', ')}${lost.length > 5 ? ', …' : ''})`,
    );
  }
  const bGem = b?.cols.find((c) => c.kind === 'gemeente');
  const aVars = new Map(a.cols.filter((c) => c.variable).map((c) => [c.variable!, c]));

  const out = new SourceCollector(main.file);
  a.rows.forEach((row, i) => {
    const code = normaliseCode(row.fields[codeCol.index], main.file, row.line, codeCol.title);
    const name = normaliseLabel(row.fields[aName.index]!);
    const bRow = b?.rows[i];
    if (b && bRow) {
      const bn = normaliseLabel(bRow.fields[bName!.index]!);
      if (bn !== name) {
        throw new SourceError(b.file, `naam "${bn}" wijkt af van "${name}" in ${a.file} rij ${row.line}`, bRow.line, bName!.title);
      }
      if (aGem && bGem) {
        const ga = normaliseLabel(row.fields[aGem.index]!);
        const gb = normaliseLabel(bRow.fields[bGem.index]!);
        if (ga !== gb) throw new SourceError(b.file, `gemeentenaam "${gb}" wijkt af van "${ga}" in ${a.file} rij ${row.line}`, bRow.line, bGem.title);
      }
    }
    // Every row's numbers are validated; only kept areas (isKeptArea, inside the collector) are emitted.
    const kept = isKeptArea(code);
    if (kept) out.addArea({ code, name, year, source: 'kwb' });
    for (const c of a.cols) {
      if (!c.variable) continue;
      const cell = cellOf(c, row.fields[c.index]!, main.file, row.line);
      if (kept) out.addCell({ source: 'kwb', year, area: code, variable: c.variable }, cell, row.line, c.title);
    }
    if (!b || !bRow) return;
    for (const c of b.cols) {
      if (!c.variable) continue;
      const cell = cellOf(c, bRow.fields[c.index]!, b.file, bRow.line);
      const twin = aVars.get(c.variable);
      if (twin) {
        const other = cellOf(twin, row.fields[twin.index]!, main.file, row.line);
        if (other.value !== cell.value || other.status !== cell.status) {
          throw new SourceError(
            b.file,
            `${c.variable} = ${cell.value ?? cell.status}, maar ${other.value ?? other.status} in ${a.file} rij ${row.line}`,
            bRow.line,
            c.title,
          );
        }
        continue;
      }
      if (kept) out.addCell({ source: 'kwb', year, area: code, variable: c.variable }, cell, bRow.line, c.title);
    }
  });
  return { values: out.values, areas: out.areas };
}

export async function loadKwb2024Csv(sourceDir: string): Promise<LoadResult> {
  const main = { file: KWB2024_MAIN_FILE, text: await readSourceText(sourceDir, KWB2024_MAIN_FILE) };
  const extra = { file: KWB2024_HERKOMST_FILE, text: await readSourceText(sourceDir, KWB2024_HERKOMST_FILE) };
  const r = parseKwb2024Csv(main, extra);
  // Complete = NL, the G4 and all of Rotterdam's 2024 indeling; the other file is joined row by row
  // and must have exactly as many rows. Rows of other gemeenten are not checked.
  const expected = [expectIndeling(KWB2024_MAIN_FILE, yearInName(KWB2024_MAIN_FILE), areaCodes(r), ['gebieden', 'wijken'], Object.keys(NL_AND_G4))];
  return { ...r, files: [KWB2024_MAIN_FILE, KWB2024_HERKOMST_FILE], expected };
}

export const loader: Loader = { name: 'kwb-2024-csv', sources: ['kwb'], folder: KWB2024_DIR, files: [MAIN, HERKOMST], load: loadKwb2024Csv };
