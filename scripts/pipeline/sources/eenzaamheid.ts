// WijkEenzaamheid2016.csv: loneliness and health per wijk, 2016 (PROVENANCE section 4).
//
// Quirks handled here:
// - ',' separator, plain integers, an empty field means missing -> 'ontbreekt' (never 0);
// - `gemnr` is the integer 599, not GM0599 (checked against the wijkcode);
// - WK191104 appears three times as identical rows: identical rows are deduplicated before the
//   duplicate check, a second DIFFERENT row for a code is an error;
// - one wijknaam holds a bare quote (`Wijk 69 "De Zuidlanden"`, Leeuwarden), so quotes are relaxed;
// - the publisher is not verified (consistent with the GGD Gezondheidsmonitor 2016); the column
//   `Bevolking 65 jaar en ouder` looks like 75+ (PROVENANCE); it is emitted as is, under its own name.
// Every column after the four identifier columns is a numeric variable, named by its title.

import { RIVM_DIR } from './rivm.ts';
import { normaliseCode, parseRawValue } from './xlsx.ts';
import { isBlankRow, readCsvRows, readSourceText } from './csv.ts';
import { yearInName } from './files.ts';
import { areaCodes, expectIndeling } from '../completeness.ts';
import { isKeptArea, SourceError, type Loader, type LoadResult, type SourceArea, type SourceValue } from './types.ts';

export const EENZAAMHEID_SOURCE = 'eenzaamheid2016';
const NAME = 'WijkEenzaamheid2016.csv';
export const EENZAAMHEID_FILE = `${RIVM_DIR}/${NAME}`;
const ID_COLUMNS = ['wijkcode', 'wijknaam', 'gemnr', 'gemnaam'] as const;

/** Parse the CSV text; `file` is the label used in errors. Rows are 1-based file lines (header = 1). */
export function parseEenzaamheidCsv(text: string, file: string, year = yearInName(file)): Pick<LoadResult, 'values' | 'areas'> {
  const [head, ...rows] = readCsvRows(text, file, ',', { relaxQuotes: true }).filter((r) => !isBlankRow(r.fields));
  const header = head?.fields.map((h) => h.trim());
  if (!header) throw new SourceError(file, 'bestand is leeg');
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    if (col.has(h)) throw new SourceError(file, 'kolomnaam komt twee keer voor', 1, h);
    col.set(h, i);
  });
  for (const name of ID_COLUMNS) {
    if (!col.has(name)) throw new SourceError(file, 'verwachte kolom ontbreekt', 1, name);
  }
  const cCode = col.get('wijkcode')!;
  const cName = col.get('wijknaam')!;
  const cGem = col.get('gemnr')!;
  const idSet = new Set<string>(ID_COLUMNS);
  const variables = header.map((h, i) => [h, i] as const).filter(([h]) => !idSet.has(h));

  const values: SourceValue[] = [];
  const areas: SourceArea[] = [];
  // code -> the row it was first seen in and that row's fields, to tell identical repeats from conflicts
  const seen = new Map<string, { row: number; key: string }>();
  for (const { fields: record, line: row } of rows) {
    if (record.length !== header.length) throw new SourceError(file, `${record.length} velden, de kopregel heeft er ${header.length}`, row);
    const code = normaliseCode(record[cCode] ?? '', file, row, 'wijkcode');
    if (!code.startsWith('WK')) throw new SourceError(file, `"${code}" is geen wijkcode`, row, 'wijkcode');
    const gemText = (record[cGem] ?? '').trim();
    if (!/^\d+$/.test(gemText) || Number(gemText) !== Number(code.slice(2, 6))) {
      throw new SourceError(file, `gemnr "${gemText}" past niet bij wijkcode ${code}`, row, 'gemnr');
    }
    const key = JSON.stringify(record.map((f) => f.trim()));
    const prev = seen.get(code);
    if (prev) {
      if (prev.key === key) continue; // identical repeat (the documented WK191104 triplicate)
      throw new SourceError(file, `${code} komt twee keer voor met verschillende waarden (ook rij ${prev.row})`, row, 'wijkcode');
    }
    seen.set(code, { row, key });
    if (!isKeptArea(code)) continue;

    areas.push({ code, name: (record[cName] ?? '').trim(), year, source: EENZAAMHEID_SOURCE });
    for (const [variable, i] of variables) {
      const parsed = parseRawValue(record[i] ?? '');
      if (!parsed) throw new SourceError(file, `geen getal: "${record[i]}"`, row, variable);
      values.push({ source: EENZAAMHEID_SOURCE, year, area: code, variable, ...parsed });
    }
  }
  return { values, areas };
}

export async function loadEenzaamheid2016(sourceDir: string): Promise<LoadResult> {
  const file = EENZAAMHEID_FILE;
  const r = parseEenzaamheidCsv(await readSourceText(sourceDir, file), file);
  // Complete = every Rotterdam gebied (CBS wijk) of that year's indeling; the file has no buurten.
  return { ...r, files: [file], expected: [expectIndeling(file, yearInName(file), areaCodes(r), ['gebieden'])] };
}

/** Read and checked, but no catalogue series reads it (the health indicators come from RIVM). */
export const loader: Loader = { name: 'eenzaamheid', sources: [EENZAAMHEID_SOURCE], folder: RIVM_DIR, files: [NAME], load: loadEenzaamheid2016 };
