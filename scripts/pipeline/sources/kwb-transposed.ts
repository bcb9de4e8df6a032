// CBS Kerncijfers wijken en buurten 2025 (86165NED), Rotterdam only, StatLine CSV **transposed**:
// one line per topic, one column per region. PROVENANCE §11.
// Lines: title, empty, '"";"";"Wijken en buurten"', then region-attribute rows whose first field is
// 'Onderwerp' (names) or 'Regioaanduiding|…' (Gemeentenaam, Soort regio, Codering, Indelingswijziging),
// then topic rows '"Bevolking|Aantal inwoners";"aantal";v1;…', last line '"Bron: CBS"' (1 field).
// Every field quoted, CRLF, no BOM, decimal comma, '.' = geheim, '' = ontbreekt.
//
// Variable naming (a choice, documented here): `${label after the last '|', trimmed} [${unit}]`,
// e.g. 'Aantal inwoners [aantal]'. When that short name occurs on more than one topic row of the
// file (the herkomst block has 'Nederland', 'Europa (exclusief Nederland)' and 'Buiten Europa' under
// both 'Herkomstland' and 'Geboren in/buiten Nederland'), *every* row sharing it gets the full path
// label instead, segments trimmed and joined by '|', e.g.
// 'Bevolking|Bevolking naar herkomst|Herkomstland|Nederland [aantal]'. We do not let the first one
// keep the short name: its meaning would then depend on row order. An empty unit gives no brackets.
// A topic row whose full label and unit repeat is a duplicate row → SourceError.

import { SourceError } from './types.ts';
import type { Loader, LoadResult } from './types.ts';
import { findFiles, yearInName } from './files.ts';
import {
  SourceCollector,
  isBlankRow,
  normaliseCode,
  normaliseLabel,
  parseCbsNumber,
  readCsvRows,
  readSourceText,
} from './csv.ts';
import type { CsvRow } from './csv.ts';
import { areaCodes, expectIndeling } from '../completeness.ts';

export const KWB2025_DIR = 'cbs_kwb_rotterdam_2025_86165NED';
const FILES = '*.csv';

const CODE_LABEL = 'Regioaanduiding|Codering';
const NAMES_LABEL = 'Onderwerp';
const INDELING_PREFIX = 'Regioaanduiding|Indelingswijziging';
const TEXT_TOPICS = new Set(['Postcode|Meest voorkomende postcode']);
/** Number of leading label columns (topic label, unit) before the region columns. */
const LEAD = 2;

function pathSegments(label: string): string[] {
  return label.split('|').map(normaliseLabel);
}

function withUnit(name: string, unit: string): string {
  return unit ? `${name} [${unit}]` : name;
}

interface Topic {
  row: CsvRow;
  label: string;
  unit: string;
  variable: string;
}

/** Parse a transposed StatLine KWB export. `year` is the table year (2025 for 86165NED). */
export function parseKwbTransposed(text: string, file: string, year: number, source = 'kwb'): Omit<LoadResult, 'files'> {
  const rows = readCsvRows(text, file);
  const first = (r: CsvRow) => normaliseLabel(r.fields[0] ?? '');
  const codeRow = rows.find((r) => first(r) === CODE_LABEL);
  if (!codeRow) throw new SourceError(file, 'regel met regiocodes ontbreekt', undefined, CODE_LABEL);
  const namesRow = rows.find((r) => first(r) === NAMES_LABEL);
  const indelingRow = rows.find((r) => first(r).startsWith(INDELING_PREFIX));
  const width = codeRow.fields.length;
  if (width <= LEAD) throw new SourceError(file, 'geen regiokolommen', codeRow.line, CODE_LABEL);

  const codes: string[] = [];
  for (let i = LEAD; i < width; i++) {
    codes.push(normaliseCode(codeRow.fields[i], file, codeRow.line, `${CODE_LABEL} #${i - LEAD + 1}`));
  }
  const seenCodes = new Map<string, number>();
  codes.forEach((c, i) => {
    if (seenCodes.has(c)) throw new SourceError(file, `regiocode ${c} komt twee keer voor`, codeRow.line, CODE_LABEL);
    seenCodes.set(c, i);
  });
  const checkWidth = (r: CsvRow, label: string) => {
    if (r.fields.length < width) {
      const missing = codes[r.fields.length - LEAD] ?? (r.fields.length === 0 ? 'label' : 'eenheid');
      throw new SourceError(file, `rij afgekapt: ${r.fields.length} van ${width} velden`, r.line, missing);
    }
    if (r.fields.length > width) throw new SourceError(file, `rij heeft ${r.fields.length} velden, regiocodes ${width}`, r.line, label);
  };

  // Topic rows: everything after the region-attribute block that is not blank or the 'Bron' footer.
  const attrEnd = Math.max(...[codeRow, namesRow, indelingRow].filter((r): r is CsvRow => !!r).map((r) => rows.indexOf(r)));
  for (const r of rows.slice(0, attrEnd + 1)) {
    if (r === codeRow || r === namesRow || r === indelingRow) checkWidth(r, first(r));
    // A topic row inside the attribute block would otherwise be skipped without a word.
    else if (first(r).includes('|') && !first(r).startsWith('Regioaanduiding|')) {
      throw new SourceError(file, 'onderwerp staat tussen de regiokenmerken (verwacht: eerst codes en namen, dan de onderwerpen)', r.line, first(r));
    }
  }
  const topics: Topic[] = [];
  for (const r of rows.slice(attrEnd + 1)) {
    if (isBlankRow(r.fields)) continue;
    const label = first(r);
    if (r.fields.length === 1 && /^Bron\b/.test(label)) continue;
    if (label.startsWith('Regioaanduiding|')) continue; // further text attributes (none known)
    checkWidth(r, label);
    if (TEXT_TOPICS.has(pathSegments(label).join('|'))) continue;
    const unit = normaliseLabel(r.fields[1] ?? '');
    topics.push({ row: r, label, unit, variable: '' });
  }

  // A cut inside a row is reported above. Regions are columns here, so a file cut at a row boundary loses topics, not regions. StatLine
  // ends the export with its "Bron: CBS" line: without it the file is incomplete.
  const last = [...rows].reverse().find((r) => !isBlankRow(r.fields));
  if (!last || last.fields.length !== 1 || !/^Bron\b/.test(first(last))) {
    throw new SourceError(file, `de laatste regel is niet "Bron: CBS" (het einde van een StatLine-export): bestand afgekapt na regel ${last?.line ?? 0}?`, last?.line);
  }

  const shortCount = new Map<string, number>();
  const shortOf = (t: Topic) => withUnit(pathSegments(t.label).pop()!, t.unit);
  for (const t of topics) shortCount.set(shortOf(t), (shortCount.get(shortOf(t)) ?? 0) + 1);
  const used = new Map<string, number>();
  for (const t of topics) {
    const short = shortOf(t);
    const v = shortCount.get(short)! > 1 ? withUnit(pathSegments(t.label).join('|'), t.unit) : short;
    // Same full label and unit twice: the topic row itself is duplicated.
    if (used.has(v)) {
      throw new SourceError(file, `onderwerp "${t.label}" (${t.unit}) staat twee keer in het bestand (eerder in rij ${used.get(v)})`, t.row.line, t.label);
    }
    used.set(v, t.row.line);
    t.variable = v;
  }

  const out = new SourceCollector(file);
  codes.forEach((code, i) => {
    const name = namesRow ? normaliseLabel(namesRow.fields[LEAD + i]!) : code;
    out.addArea({ code, name, year, source });
  });
  const emit = (r: CsvRow, variable: string, indeling: boolean) => {
    codes.forEach((code, i) => {
      let cell = parseCbsNumber(r.fields[LEAD + i]!, file, r.line, code);
      if (indeling && cell.status === 'geheim') cell = { value: null, status: 'niet van toepassing' };
      out.addCell({ source, year, area: code, variable }, cell, r.line, code);
    });
  };
  if (indelingRow) emit(indelingRow, 'Indelingswijziging', true);
  for (const t of topics) emit(t.row, t.variable, false);
  return { values: out.values, areas: out.areas };
}

/** Variable names of a transposed export in file order (for documentation). */
export function kwbTransposedColumns(text: string, file: string, year: number): string[] {
  const r = parseKwbTransposed(text, file, year);
  const seen = new Set<string>();
  return r.values.map((v) => v.variable).filter((v) => !seen.has(v) && !!seen.add(v));
}

/**
 * Loads every CSV in its folder (one download today), each as the year its name states. Complete =
 * NL, Rotterdam and all its gebieden and wijken of that year as columns, and the closing "Bron: CBS" line.
 */
export async function loadKwb2025(sourceDir: string): Promise<LoadResult> {
  const files = findFiles(sourceDir, KWB2025_DIR, FILES);
  const result: LoadResult = { values: [], areas: [], files, expected: [] };
  for (const file of files) {
    const year = yearInName(file);
    const r = parseKwbTransposed(await readSourceText(sourceDir, file), file, year);
    result.values.push(...r.values);
    result.areas.push(...r.areas);
    result.expected!.push(expectIndeling(file, year, areaCodes(r), ['gebieden', 'wijken'], ['NL', 'GM0599']));
  }
  return result;
}

export const loader: Loader = { name: 'kwb-transposed', sources: ['kwb'], folder: KWB2025_DIR, files: [FILES], load: loadKwb2025 };
