// CBS Wijk- en buurtkaart attributes.
// 2024 (PROVENANCE §2): parquet files written by R arrow from the wijkenbuurten_2024 GeoPackage,
//   read with @duckdb/node-api. The uploader's secrecy-code removal failed: -99997 is still in the
//   numeric columns (treated as geheim, as is anything <= -99990); real NULLs → ontbreekt. The
//   gemeente file holds a second row with water = 'JA' (all figures -99997) for 81 gemeenten: those
//   rows are dropped. The text column meest_voorkomende_postcode (with "-99997" strings) is text and
//   therefore not emitted; nor is `jaar` (the reference year, checked to be 2024).
// 2016 (PROVENANCE §3): dBase III attribute tables, UTF-8 text (forced; dbffile defaults to
//   ISO-8859-1), numbers stored as text, sentinel -99999999. `Doorz` in gem_2016.dbf was added by the
//   uploader and is ignored. dbffile parses numbers with parseFloat, which accepts '12,3x' as 12, so
//   the raw text of every numeric field is checked against a strict pattern first.

import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { DBFFile, DELETED } from 'dbffile';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { G4, SourceError } from './types.ts';
import type { Loader, LoadResult } from './types.ts';
import { SourceCollector, isCbsSentinel, normaliseCode, normaliseLabel } from './csv.ts';
import type { ParsedCell } from './csv.ts';
import { areaCodes, expectIndeling, type Expected, type IndelingPart } from '../completeness.ts';
import { yearInName } from './files.ts';

export const WBK2024_DIR = 'cbs_wijkbuurtkaart_2024_rijnmond';
export const WBK2016_DIR = 'cbs_wijkbuurtkaart_2016_nl';

/** CBS's own levels (not Rotterdam's words: a CBS wijk is a Rotterdam gebied, a CBS buurt a wijk). */
export type CbsLevel = 'gemeente' | 'wijk' | 'buurt';

/** The files per level; the year is in each name. */
const PARQUET_FILES: Record<CbsLevel, string> = { gemeente: 'gemeente_2024_stats.parquet', wijk: 'wijk_2024_stats.parquet', buurt: 'buurt_2024_stats.parquet' };
const DBF_FILES: Record<'gemeente' | 'wijk', string> = { gemeente: 'gem_2016.dbf', wijk: 'wijk_2016.dbf' };

const SOURCE = 'wbk';

const NUMERIC_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/** Columns that are numeric in type but are not figures. */
const PARQUET_SKIP = new Set(['jaar']);

function numericCell(raw: unknown, file: string, row: number, column: string): ParsedCell {
  if (raw === null || raw === undefined) return { value: null, status: 'ontbreekt' };
  const v = typeof raw === 'bigint' ? Number(raw) : typeof raw === 'number' ? raw : Number.NaN;
  if (!Number.isFinite(v)) throw new SourceError(file, `geen getal: ${String(raw)}`, row, column);
  if (isCbsSentinel(v)) return { value: null, status: 'geheim' };
  return { value: v, status: 'ok' };
}

const PARQUET_KEYS: Record<CbsLevel, { code: string; name: string }> = {
  gemeente: { code: 'gemeentecode', name: 'gemeentenaam' },
  wijk: { code: 'wijkcode', name: 'wijknaam' },
  buurt: { code: 'buurtcode', name: 'buurtnaam' },
};

/**
 * Read one wijk- en buurtkaart parquet file. `filePath` is read; `file` is the label used in errors.
 * Rows are numbered from 1 in file order for error messages.
 */
export async function parseWijkbuurtkaartParquet(
  filePath: string,
  file: string,
  level: CbsLevel,
  year = yearInName(file),
  db?: DuckDBInstance,
): Promise<Omit<LoadResult, 'files'>> {
  const instance = db ?? (await DuckDBInstance.create(':memory:'));
  const conn = await instance.connect();
  try {
    let reader;
    try {
      reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${filePath.replace(/'/g, "''")}')`);
    } catch (e) {
      throw new SourceError(file, `parquet niet leesbaar: ${(e as Error).message}`);
    }
    const names = reader.columnNames();
    const keys = PARQUET_KEYS[level];
    const codeIdx = names.indexOf(keys.code);
    if (codeIdx < 0) throw new SourceError(file, 'kolom ontbreekt', undefined, keys.code);
    const nameIdx = names.indexOf(keys.name);
    const waterIdx = names.indexOf('water');
    const jaarIdx = names.indexOf('jaar');
    const numeric: { idx: number; name: string }[] = [];
    names.forEach((name, idx) => {
      if (PARQUET_SKIP.has(name)) return;
      if (NUMERIC_TYPES.has(reader.columnTypeId(idx))) numeric.push({ idx, name });
    });
    const out = new SourceCollector(file);
    const rows = reader.getRowsJS();
    rows.forEach((r, i) => {
      const rowNo = i + 1;
      if (waterIdx >= 0 && String(r[waterIdx] ?? '').trim() === 'JA') return;
      const code = normaliseCode(r[codeIdx], file, rowNo, keys.code);
      if (jaarIdx >= 0 && r[jaarIdx] !== null && Number(r[jaarIdx]) !== year) {
        throw new SourceError(file, `jaar ${String(r[jaarIdx])} wijkt af van ${year}`, rowNo, 'jaar');
      }
      const name = nameIdx >= 0 ? normaliseLabel(String(r[nameIdx] ?? '')) : code;
      out.addArea({ code, name, year, source: SOURCE });
      for (const c of numeric) {
        out.addCell({ source: SOURCE, year, area: code, variable: c.name }, numericCell(r[c.idx], file, rowNo, c.name), rowNo, c.name);
      }
    });
    return { values: out.values, areas: out.areas };
  } finally {
    conn.closeSync();
    if (!db) instance.closeSync();
  }
}

/** What a kaart file of one level must hold: the G4 (gemeente file) or Rotterdam's whole indeling. */
function expectLevel(file: string, year: number, level: CbsLevel, found: Set<string>): Expected {
  const levels: Record<CbsLevel, IndelingPart[]> = { gemeente: [], wijk: ['gebieden'], buurt: ['wijken'] };
  return expectIndeling(file, year, found, levels[level], level === 'gemeente' ? Object.keys(G4) : []);
}

export async function loadWijkbuurtkaart2024(sourceDir: string): Promise<LoadResult> {
  const result: LoadResult = { values: [], areas: [], files: [], expected: [] };
  const db = await DuckDBInstance.create(':memory:');
  try {
    for (const [level, name] of Object.entries(PARQUET_FILES) as [CbsLevel, string][]) {
      const file = `${WBK2024_DIR}/${name}`;
      const year = yearInName(file);
      const r = await parseWijkbuurtkaartParquet(path.join(sourceDir, file), file, level, year, db);
      result.values.push(...r.values);
      result.areas.push(...r.areas);
      result.files.push(file);
      result.expected!.push(expectLevel(file, year, level, areaCodes(r)));
    }
  } finally {
    db.closeSync();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// 2016 DBF

const DBF_SKIP = new Set(['Doorz']);
const DBF_NUMBER = /^-?\d+(\.\d+)?$/;
const DBF_KEYS: Record<'gemeente' | 'wijk', { code: string; name: string }> = {
  gemeente: { code: 'GM_CODE', name: 'GM_NAAM' },
  wijk: { code: 'WK_CODE', name: 'WK_NAAM' },
};

/**
 * Read one 2016 wijk- en buurtkaart DBF. Records are numbered from 1 (including deleted ones, which
 * are skipped) for error messages. Variable = DBF field name.
 */
export async function parseWijkbuurtkaartDbf(
  filePath: string,
  file: string,
  level: 'gemeente' | 'wijk',
  year = yearInName(file),
): Promise<Omit<LoadResult, 'files'>> {
  let dbf: DBFFile;
  try {
    dbf = await DBFFile.open(filePath, { encoding: 'utf-8', includeDeletedRecords: true });
  } catch (e) {
    throw new SourceError(file, `DBF niet leesbaar: ${(e as Error).message}`);
  }
  const keys = DBF_KEYS[level];
  const fieldNames = dbf.fields.map((f) => f.name);
  if (!fieldNames.includes(keys.code)) throw new SourceError(file, 'veld ontbreekt', undefined, keys.code);
  const numeric = dbf.fields.filter((f) => (f.type === 'N' || f.type === 'F') && !DBF_SKIP.has(f.name));

  // Raw text of numeric fields, for strict validation (dbffile uses parseFloat).
  const offsets = new Map<string, number>();
  let off = 1; // deletion flag
  for (const f of dbf.fields) {
    offsets.set(f.name, off);
    off += f.size;
  }
  const recordLength = dbf._recordLength;
  const fh = await open(filePath, 'r');
  let raw: Buffer;
  try {
    raw = Buffer.alloc(recordLength * dbf.recordCount);
    const { bytesRead } = await fh.read(raw, 0, raw.length, dbf._headerLength);
    if (bytesRead < raw.length) {
      const complete = Math.floor(bytesRead / recordLength);
      throw new SourceError(file, `bestand afgekapt: ${complete} van ${dbf.recordCount} records volledig`, complete + 1);
    }
  } finally {
    await fh.close();
  }

  let records;
  try {
    records = await dbf.readRecords(dbf.recordCount);
  } catch (e) {
    throw new SourceError(file, `DBF niet leesbaar: ${(e as Error).message}`);
  }
  if (records.length !== dbf.recordCount) {
    throw new SourceError(file, `${records.length} records gelezen, kop meldt ${dbf.recordCount}`);
  }
  const out = new SourceCollector(file);
  records.forEach((rec, i) => {
    const rowNo = i + 1;
    if (rec[DELETED]) return;
    if (String(rec.WATER ?? '').trim() === 'JA') return;
    const code = normaliseCode(rec[keys.code], file, rowNo, keys.code);
    const name = normaliseLabel(String(rec[keys.name] ?? code));
    out.addArea({ code, name, year, source: SOURCE });
    for (const f of numeric) {
      const start = i * recordLength + offsets.get(f.name)!;
      const text = raw.toString('latin1', start, start + f.size).trim();
      let cell: ParsedCell;
      if (text === '') cell = { value: null, status: 'ontbreekt' };
      else if (!DBF_NUMBER.test(text)) throw new SourceError(file, `geen getal: "${text}"`, rowNo, f.name);
      else cell = numericCell(rec[f.name], file, rowNo, f.name);
      out.addCell({ source: SOURCE, year, area: code, variable: f.name }, cell, rowNo, f.name);
    }
  });
  return { values: out.values, areas: out.areas };
}

export async function loadWijkbuurtkaart2016(sourceDir: string): Promise<LoadResult> {
  const result: LoadResult = { values: [], areas: [], files: [], expected: [] };
  for (const [level, name] of Object.entries(DBF_FILES) as ['gemeente' | 'wijk', string][]) {
    const file = `${WBK2016_DIR}/${name}`;
    const year = yearInName(file);
    const r = await parseWijkbuurtkaartDbf(path.join(sourceDir, file), file, level, year);
    result.values.push(...r.values);
    result.areas.push(...r.areas);
    result.files.push(file);
    result.expected!.push(expectLevel(file, year, level, areaCodes(r)));
  }
  return result;
}

export const loader2024: Loader = {
  name: 'wbk-2024', sources: [SOURCE], folder: WBK2024_DIR, files: Object.values(PARQUET_FILES), load: loadWijkbuurtkaart2024,
};
export const loader2016: Loader = {
  name: 'wbk-2016', sources: [SOURCE], folder: WBK2016_DIR, files: Object.values(DBF_FILES), load: loadWijkbuurtkaart2016,
};
