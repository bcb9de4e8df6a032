// RIVM/GGD/CBS Gezondheidsmonitor per wijk en buurt, table 50090NED (PROVENANCE section 4).
//
// Six xlsx exports: 2012, 2016 and 2020, each for 18+ and 65+. Quirks handled here:
// - empty cells are ABSENT from the sheet XML, so every cell is read by reference (header row gives
//   column index -> OData key), never by position in a row object;
// - values are text with leading spaces ("    76.1") and a '.' decimal point;
// - the padded text "       ." means secret / too unreliable -> status 'geheim';
// - codes are padded ("BU05990110"), the national row is NL01 -> 'NL';
// - each file holds a single Leeftijd (20300 = 18+, 80200 = 65+), Perioden and Marges (MW00000).

import path from 'node:path';
import * as XLSX from 'xlsx';
import { isKeptArea, SourceError, type Loader, type LoadResult, type SourceValue } from './types.ts';
import { findFiles } from './files.ts';
import { areaCodes, expectIndeling, NL_AND_G4 } from '../completeness.ts';
import { readWorkbook, cellAt, sheetRange, headerColumns, requireColumn, parseCell, describeCell, cellText, normaliseCode, DuplicateGuard } from './xlsx.ts';

// ---------------------------------------------------------------------------------------------
// RIVM 50090NED
// ---------------------------------------------------------------------------------------------

export const RIVM_SOURCE = 'rivm';
export const RIVM_DIR = 'rivm_gezondheid_wijk_buurt';
const FILES = '*.xlsx';

/** Leeftijd codes of table 50090NED. */
export const RIVM_AGE_GROUPS: Readonly<Record<string, '18+' | '65+'>> = { '20300': '18+', '80200': '65+' };

/** 50090NED gives every year (2012, 2016, 2020) on the indeling of 2020: each file must have all of it. */
export const RIVM_INDELING_YEAR = 2020;

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
  const files = findFiles(sourceDir, RIVM_DIR, FILES);
  const values: SourceValue[] = [];
  const expected = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const wb = await readWorkbook(sourceDir, file);
    const part = parseRivmWorkbook(wb, file);
    expected.push(expectIndeling(file, RIVM_INDELING_YEAR, areaCodes(part), ['gebieden', 'wijken'], Object.keys(NL_AND_G4)));
    for (const v of part.values) {
      const key = `${v.year}\u0000${v.area}\u0000${v.variable}`;
      const other = seen.get(key);
      if (other) throw new SourceError(file, `${v.area} / ${v.variable} / ${v.year} staat ook in ${other}`);
      seen.set(key, file);
      values.push(v);
    }
  }
  return { values, areas: [], files, expected };
}

export const loader: Loader = { name: 'rivm', sources: [RIVM_SOURCE], folder: RIVM_DIR, files: [FILES], load: loadRivm };
