// CBS Regionale kerncijfers Nederland (70072NED), PROVENANCE §7. A normal StatLine CSV download:
// header row, ';' separator, BOM, CRLF, decimal comma, empty = ontbreekt, text quoted.
// There is no code column: regions are matched by name. Ambiguous names carry a suffix
// ("'s-Gravenhage (gemeente)", 'Utrecht (gemeente)'). Only NL and the G4 are kept; each of them must
// be present. 386 former gemeenten have empty rows; they are dropped with the other gemeenten.
// Variable = the full column title as in the file (trimmed), e.g.
// 'Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)'.

import { SourceError } from './types.ts';
import type { Loader, LoadResult } from './types.ts';
import { findFiles } from './files.ts';
import {
  SourceCollector,
  isBlankRow,
  normaliseLabel,
  parseCbsNumber,
  readCsvRows,
  readSourceText,
} from './csv.ts';
import { missingDetail, type Expected } from '../completeness.ts';

export const GEMEENTE_CONTEXT_DIR = 'cbs_gemeente_context';
const FILES = 'Regionale_kerncijfers_*.csv';

/** Region name in 70072NED → code and display name. */
export const GEMEENTE_CONTEXT_REGIONS: Record<string, { code: string; name: string }> = {
  Nederland: { code: 'NL', name: 'Nederland' },
  Rotterdam: { code: 'GM0599', name: 'Rotterdam' },
  Amsterdam: { code: 'GM0363', name: 'Amsterdam' },
  "'s-Gravenhage (gemeente)": { code: 'GM0518', name: "'s-Gravenhage" },
  'Utrecht (gemeente)': { code: 'GM0344', name: 'Utrecht' },
};

const PERIOD = 'Perioden';
const REGION = "Regio's";

export function parseGemeenteContext(text: string, file: string): Omit<LoadResult, 'files'> {
  const all = readCsvRows(text, file);
  if (all.length === 0) throw new SourceError(file, 'bestand is leeg');
  const headerRow = all[0]!;
  const header = headerRow.fields.map(normaliseLabel);
  const periodIdx = header.indexOf(PERIOD);
  if (periodIdx < 0) throw new SourceError(file, 'kolom ontbreekt', headerRow.line, PERIOD);
  const regionIdx = header.indexOf(REGION);
  if (regionIdx < 0) throw new SourceError(file, 'kolom ontbreekt', headerRow.line, REGION);
  const valueCols = header.map((title, idx) => ({ title, idx })).filter((c) => c.idx !== periodIdx && c.idx !== regionIdx);
  const dup = valueCols.find((c, i) => valueCols.findIndex((d) => d.title === c.title) !== i);
  if (dup) throw new SourceError(file, 'kolomtitel komt twee keer voor', headerRow.line, dup.title);

  const out = new SourceCollector(file);
  const found = new Set<string>();
  for (const r of all.slice(1)) {
    if (isBlankRow(r.fields)) continue;
    if (r.fields.length < header.length) {
      throw new SourceError(file, `rij afgekapt: ${r.fields.length} van ${header.length} velden`, r.line, header[r.fields.length]);
    }
    if (r.fields.length > header.length) throw new SourceError(file, `rij heeft ${r.fields.length} velden, kop ${header.length}`, r.line);
    const region = GEMEENTE_CONTEXT_REGIONS[normaliseLabel(r.fields[regionIdx]!)];
    if (!region) continue;
    const period = r.fields[periodIdx]!.trim();
    const m = /^(\d{4})(\*?)$/.exec(period);
    if (!m) throw new SourceError(file, `periode "${period}" is geen jaar`, r.line, PERIOD);
    const year = Number(m[1]);
    // StatLine marks provisional figures with '*' after the period.
    const note = m[2] ? 'voorlopig cijfer' : undefined;
    found.add(region.code);
    out.addArea({ code: region.code, name: region.name, year, source: 'regio' });
    for (const c of valueCols) {
      const cell = parseCbsNumber(r.fields[c.idx]!, file, r.line, c.title);
      const base = note ? { source: 'regio', year, area: region.code, variable: c.title, note } : { source: 'regio', year, area: region.code, variable: c.title };
      out.addCell(base, cell, r.line, c.title);
    }
  }
  const missing = Object.entries(GEMEENTE_CONTEXT_REGIONS).filter(([, r]) => !found.has(r.code));
  if (missing.length) {
    const detail = missingDetail(missing.map(([name, r]) => [r.code, `regio "${name}"`]), Object.keys(GEMEENTE_CONTEXT_REGIONS).length, 'Nederland en de G4');
    throw new SourceError(file, detail, undefined, REGION);
  }
  return { values: out.values, areas: out.areas };
}

/** Complete = NL and the G4 in every year the file has (rows are sorted by year, then region). */
function expectEveryYear(file: string, areas: { code: string; year: number }[]): Expected[] {
  const years = [...new Set(areas.map((a) => a.year))].sort();
  return years.map((year) => ({
    file,
    basis: `Nederland en de G4 in ${year}`,
    expected: new Map(Object.values(GEMEENTE_CONTEXT_REGIONS).map((r) => [r.code, r.name])),
    found: new Set(areas.filter((a) => a.year === year).map((a) => a.code)),
  }));
}

/** Loads every cbs_gemeente_context/Regionale_kerncijfers_*.csv (one download today). */
export async function loadGemeenteContext(sourceDir: string): Promise<LoadResult> {
  const files = findFiles(sourceDir, GEMEENTE_CONTEXT_DIR, FILES);
  const result: LoadResult = { values: [], areas: [], files, expected: [] };
  for (const file of files) {
    const r = parseGemeenteContext(await readSourceText(sourceDir, file), file);
    result.values.push(...r.values);
    result.areas.push(...r.areas);
    result.expected!.push(...expectEveryYear(file, r.areas));
  }
  return result;
}

export const loader: Loader = { name: 'regio', sources: ['regio'], folder: GEMEENTE_CONTEXT_DIR, files: [FILES], load: loadGemeenteContext };
