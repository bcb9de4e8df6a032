// Two small Rotterdam-only extracts written by R (cbsodataR + write.csv), PROVENANCE §12 and §13.
// ',' separator, '.' decimal point, LF, text quoted, numbers not. The first header is "" (R row
// names); it is renamed to 'rij' explicitly rather than left to a reader's auto-naming.
//  - Population85618_2023_Rotterdam.csv: nhood_id, population (AantalInwoners_5), area
//    (OppervlakteLand_113, ha) → source 'kwb', year 2023.
//  - PolRegCrime47018_2023_Rotterdam.csv: Politie 47018NED, SoortMisdrijf 0.0.0 (totaal) per buurt
//    → source 'politie', year from Perioden ('2023JJ00').

import { SourceError } from './types.ts';
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
import type { CsvRow } from './csv.ts';
import { areaCodes, expectIndeling } from '../completeness.ts';

const POPULATION_DIR = 'cbs_kwb_rotterdam_2023_85618NED_population';
const POLITIE_DIR = 'politie_misdrijven_buurt_2023';
export const POPULATION2023_FILE = `${POPULATION_DIR}/Population85618_2023_Rotterdam.csv`;
export const POLITIE2023_FILE = `${POLITIE_DIR}/PolRegCrime47018_2023_Rotterdam.csv`;

const ROWNAME_COLUMN = 'rij';

interface Table {
  header: string[];
  rows: CsvRow[];
  col: (name: string) => number;
}

/** Read an R write.csv file: header row with "" first, then equal-width rows. */
function readRTable(text: string, file: string): Table {
  const all = readCsvRows(text, file, ',');
  if (all.length === 0) throw new SourceError(file, 'bestand is leeg');
  const headerRow = all[0]!;
  const header = headerRow.fields.map((h, i) => (i === 0 && h.trim() === '' ? ROWNAME_COLUMN : normaliseLabel(h)));
  const rows = all.slice(1).filter((r) => !isBlankRow(r.fields));
  for (const r of rows) {
    if (r.fields.length < header.length) {
      throw new SourceError(file, `rij afgekapt: ${r.fields.length} van ${header.length} velden`, r.line, header[r.fields.length]);
    }
    if (r.fields.length > header.length) throw new SourceError(file, `rij heeft ${r.fields.length} velden, kop ${header.length}`, r.line);
  }
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SourceError(file, 'kolom ontbreekt', headerRow.line, name);
    return i;
  };
  return { header, rows, col };
}

/** R writes missing values as NA (unquoted); otherwise a '.'-decimal number. */
function rCell(raw: string, file: string, line: number, column: string) {
  if (raw.trim() === 'NA') return { value: null, status: 'ontbreekt' as const };
  return parseCbsNumber(raw, file, line, column, '.');
}

/** Population and land area per buurt, KWB 2023 (85618NED); the file has no year column, its name has. */
export function parsePopulation2023(text: string, file: string, year = yearInName(file)): Omit<LoadResult, 'files'> {
  const t = readRTable(text, file);
  const code = t.col('nhood_id');
  const measures = [
    { idx: t.col('population'), column: 'population', variable: 'Aantal inwoners [aantal]' },
    { idx: t.col('area'), column: 'area', variable: 'Oppervlakte land [ha]' },
  ];
  const out = new SourceCollector(file);
  for (const r of t.rows) {
    const area = normaliseCode(r.fields[code], file, r.line, 'nhood_id');
    for (const m of measures) {
      const cell = rCell(r.fields[m.idx]!, file, r.line, m.column);
      out.addCell({ source: 'kwb', year, area, variable: m.variable }, cell, r.line, m.column);
    }
  }
  return { values: out.values, areas: out.areas };
}

export const POLITIE_TOTAL_VARIABLE = 'Geregistreerde misdrijven totaal [aantal]';

/** Registered crimes per buurt (Politie 47018NED), total of all crime types only. */
export function parsePolitie2023(text: string, file: string): Omit<LoadResult, 'files'> {
  const t = readRTable(text, file);
  const code = t.col('WijkenEnBuurten');
  const label = t.header.indexOf('WijkenEnBuurten_label');
  const soort = t.col('SoortMisdrijf');
  const perioden = t.col('Perioden');
  const count = t.col('GeregistreerdeMisdrijven_1');
  const out = new SourceCollector(file);
  for (const r of t.rows) {
    const s = r.fields[soort]!.trim();
    if (s !== '0.0.0') {
      throw new SourceError(file, `SoortMisdrijf "${s}" is niet 0.0.0 (totaal misdrijven); alleen het totaal wordt gelezen`, r.line, 'SoortMisdrijf');
    }
    const p = /^(\d{4})JJ00$/.exec(r.fields[perioden]!.trim());
    if (!p) throw new SourceError(file, `periode "${r.fields[perioden]}" is geen jaar (JJJJJJ00)`, r.line, 'Perioden');
    const year = Number(p[1]);
    const area = normaliseCode(r.fields[code], file, r.line, 'WijkenEnBuurten');
    if (label >= 0) out.addArea({ code: area, name: normaliseLabel(r.fields[label]!), year, source: 'politie' });
    const cell = rCell(r.fields[count]!, file, r.line, 'GeregistreerdeMisdrijven_1');
    out.addCell({ source: 'politie', year, area, variable: POLITIE_TOTAL_VARIABLE }, cell, r.line, 'GeregistreerdeMisdrijven_1');
  }
  return { values: out.values, areas: out.areas };
}

// Both files list wijken (CBS buurten) only, no gebied or city rows: complete = every wijk of the
// 2023 indeling (the same 91 codes in both files, PROVENANCE §12–13).
export async function loadPopulation2023(sourceDir: string): Promise<LoadResult> {
  const r = parsePopulation2023(await readSourceText(sourceDir, POPULATION2023_FILE), POPULATION2023_FILE);
  return { ...r, files: [POPULATION2023_FILE], expected: [expectIndeling(POPULATION2023_FILE, yearInName(POPULATION2023_FILE), areaCodes(r), ['wijken'])] };
}

export async function loadPolitie2023(sourceDir: string): Promise<LoadResult> {
  const r = parsePolitie2023(await readSourceText(sourceDir, POLITIE2023_FILE), POLITIE2023_FILE);
  const years = new Set(r.values.map((v) => v.year));
  if (years.size > 1) throw new SourceError(POLITIE2023_FILE, `meer dan één jaar: ${[...years].sort().join(', ')}`, undefined, 'Perioden');
  return { ...r, files: [POLITIE2023_FILE], expected: [expectIndeling(POLITIE2023_FILE, [...years][0] ?? yearInName(POLITIE2023_FILE), areaCodes(r), ['wijken'])] };
}

const fileName = (rel: string) => rel.slice(rel.indexOf('/') + 1);

export const populationLoader: Loader = {
  name: 'kwb-inwoners', sources: ['kwb'], folder: POPULATION_DIR, files: [fileName(POPULATION2023_FILE)], load: loadPopulation2023,
};
export const politieLoader: Loader = {
  name: 'politie', sources: ['politie'], folder: POLITIE_DIR, files: [fileName(POLITIE2023_FILE)], load: loadPolitie2023,
};
