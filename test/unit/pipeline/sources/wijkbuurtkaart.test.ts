// Parquet and DBF fixtures are generated at run time in a temp dir (no binaries in the repo):
// parquet with DuckDB COPY … TO, DBF with dbffile's DBFFile.create.
import { DuckDBInstance } from '@duckdb/node-api';
import { DBFFile } from 'dbffile';
import type { FieldDescriptor } from 'dbffile';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WBK2016_DIR,
  WBK2024_DIR,
  loadWijkbuurtkaart2016,
  loadWijkbuurtkaart2024,
  parseWijkbuurtkaartDbf,
  parseWijkbuurtkaartParquet,
} from '../../../../scripts/pipeline/sources/wijkbuurtkaart.ts';
import type { SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { expectSourceErrorAsync } from './expect-source-error.ts';

let tmp: string;
const get = (values: SourceValue[], area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);

async function sql(statements: string[]): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    for (const s of statements) await c.run(s);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

const q = (p: string) => `'${p.replace(/'/g, "''")}'`;

async function writeParquet(file: string, select: string): Promise<void> {
  await sql([`COPY (${select}) TO ${q(file)} (FORMAT parquet)`]);
}

const GEMEENTE_SELECT = `
  SELECT * FROM (VALUES
    ('GM0599', 'Rotterdam', 'JA', -99997, -99997.0, -99997, '2024GM0599', 2024, -99997::BIGINT),
    ('GM0599', 'Rotterdam', 'NEE', 670610, 1.9, 23, '2024GM0599', 2024, 107710::BIGINT),
    ('GM0363', 'Amsterdam', 'NEE', 931298, 1.8, -99997, '2024GM0363', 2024, 150000::BIGINT),
    ('GM1680', 'Aa en Hunze', 'NEE', 25845, 2.2, 0, '2024GM1680', 2024, 2000::BIGINT)
  ) t(gemeentecode, gemeentenaam, water, aantal_inwoners, gemiddelde_huishoudsgrootte,
      percentage_woningen_met_stadsverwarming, jrstatcode, jaar, aantal_bedrijfsvestigingen)`;

const WIJK_SELECT = `
  SELECT * FROM (VALUES
    ('WK059901', 'Rotterdam Centrum', 'GM0599', 'NEE', 42565::INTEGER, 2120.0),
    ('WK036300', 'Burgwallen-Oude Zijde', 'GM0363', 'NEE', 4365::INTEGER, 1800.0)
  ) t(wijkcode, wijknaam, gemeentecode, water, aantal_inwoners, gemiddelde_elektriciteitslevering)`;

const BUURT_SELECT = `
  SELECT * FROM (VALUES
    ('BU05990110', 'Stadsdriehoek', 'NEE', 20440::INTEGER, NULL::DOUBLE, '3011', 760::INTEGER),
    ('BU05992308', 'Maasvlakte', 'NEE', 5::INTEGER, 1500.0, '-99997', -99997::INTEGER),
    ('BU04890101', 'Barendrecht-Centrum', 'NEE', 3000::INTEGER, 2500.0, '2991', 20::INTEGER)
  ) t(buurtcode, buurtnaam, water, aantal_inwoners, gemiddelde_elektriciteitslevering,
      meest_voorkomende_postcode, aantal_personen_met_een_alg_bijstandsuitkering_tot)`;

const DBF_FIELDS = [
  { name: 'WK_CODE', type: 'C', size: 8 },
  { name: 'WK_NAAM', type: 'C', size: 60 },
  { name: 'GM_CODE', type: 'C', size: 6 },
  { name: 'WATER', type: 'C', size: 4 },
  { name: 'AANT_INW', type: 'N', size: 10, decimalPlaces: 0 },
  { name: 'GEM_HH_GR', type: 'N', size: 11, decimalPlaces: 1 },
  { name: 'P_MAROKKO', type: 'N', size: 10, decimalPlaces: 0 },
] as const satisfies readonly FieldDescriptor[];

const GEM_FIELDS = [
  { name: 'GM_CODE', type: 'C', size: 6 },
  { name: 'GM_NAAM', type: 'C', size: 60 },
  { name: 'WATER', type: 'C', size: 4 },
  { name: 'AANT_INW', type: 'N', size: 10, decimalPlaces: 0 },
  { name: 'GEM_HH_GR', type: 'N', size: 11, decimalPlaces: 1 },
  { name: 'Doorz', type: 'N', size: 5, decimalPlaces: 0 },
] as const satisfies readonly FieldDescriptor[];

async function writeDbf(file: string, fields: readonly FieldDescriptor[], records: object[]) {
  const dbf = await DBFFile.create(file, fields.map((f) => ({ ...f })), { encoding: 'utf-8' });
  await dbf.appendRecords(records);
}

const WIJK_RECORDS = [
  { WK_CODE: 'WK059901', WK_NAAM: 'Rotterdam Centrum', GM_CODE: 'GM0599', WATER: 'NEE', AANT_INW: 32925, GEM_HH_GR: 1.6, P_MAROKKO: 6 },
  { WK_CODE: 'WK059926', WK_NAAM: 'Bedrijventerrein Schieveen', GM_CODE: 'GM0599', WATER: 'NEE', AANT_INW: 0, GEM_HH_GR: -99999999, P_MAROKKO: -99999999 },
  { WK_CODE: 'WK190001', WK_NAAM: 'Súdwest-Fryslân', GM_CODE: 'GM1900', WATER: 'NEE', AANT_INW: 1000, GEM_HH_GR: 2.3, P_MAROKKO: 0 },
  { WK_CODE: 'WK059999', WK_NAAM: 'Café Fryslân (testnaam)', GM_CODE: 'GM0599', WATER: 'NEE', AANT_INW: 10, GEM_HH_GR: null, P_MAROKKO: 1 },
];
const GEM_RECORDS = [
  { GM_CODE: 'GM0599', GM_NAAM: 'Rotterdam', WATER: 'NEE', AANT_INW: 629606, GEM_HH_GR: 2, Doorz: 20 },
  { GM_CODE: 'GM0518', GM_NAAM: "'s-Gravenhage", WATER: 'NEE', AANT_INW: 519988, GEM_HH_GR: 2, Doorz: 5 },
];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'wbk-test-'));
  mkdirSync(path.join(tmp, WBK2024_DIR));
  mkdirSync(path.join(tmp, WBK2016_DIR));
  await writeParquet(path.join(tmp, WBK2024_DIR, 'gemeente_2024_stats.parquet'), GEMEENTE_SELECT);
  await writeParquet(path.join(tmp, WBK2024_DIR, 'wijk_2024_stats.parquet'), WIJK_SELECT);
  await writeParquet(path.join(tmp, WBK2024_DIR, 'buurt_2024_stats.parquet'), BUURT_SELECT);
  await writeDbf(path.join(tmp, WBK2016_DIR, 'wijk_2016.dbf'), DBF_FIELDS, WIJK_RECORDS);
  await writeDbf(path.join(tmp, WBK2016_DIR, 'gem_2016.dbf'), GEM_FIELDS, GEM_RECORDS);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('loadWijkbuurtkaart2024 (parquet)', () => {
  it('drops water = JA rows, keeps NL/G4/Rotterdam, reads numeric columns under their names', async () => {
    const r = await loadWijkbuurtkaart2024(tmp);
    expect(r.files).toEqual([
      `${WBK2024_DIR}/gemeente_2024_stats.parquet`,
      `${WBK2024_DIR}/wijk_2024_stats.parquet`,
      `${WBK2024_DIR}/buurt_2024_stats.parquet`,
    ]);
    expect(r.areas.map((a) => a.code)).toEqual(['GM0599', 'GM0363', 'WK059901', 'BU05990110', 'BU05992308']);
    expect(get(r.values, 'GM0599', 'aantal_inwoners')).toEqual({
      source: 'wbk', year: 2024, area: 'GM0599', variable: 'aantal_inwoners', value: 670610, status: 'ok',
    });
    expect(get(r.values, 'GM0599', 'gemiddelde_huishoudsgrootte')?.value).toBe(1.9);
    expect(get(r.values, 'GM0599', 'aantal_bedrijfsvestigingen')?.value).toBe(107710); // BIGINT → number
    expect(get(r.values, 'WK059901', 'gemiddelde_elektriciteitslevering')?.value).toBe(2120);
    expect(get(r.values, 'BU05990110', 'aantal_personen_met_een_alg_bijstandsuitkering_tot')?.value).toBe(760);
  });

  it('-99997 is geheim, NULL is ontbreekt, text and jaar are not values', async () => {
    const r = await loadWijkbuurtkaart2024(tmp);
    expect(get(r.values, 'GM0363', 'percentage_woningen_met_stadsverwarming')).toMatchObject({ value: null, status: 'geheim' });
    expect(get(r.values, 'BU05992308', 'aantal_personen_met_een_alg_bijstandsuitkering_tot')).toMatchObject({ value: null, status: 'geheim' });
    expect(get(r.values, 'BU05990110', 'gemiddelde_elektriciteitslevering')).toMatchObject({ value: null, status: 'ontbreekt' });
    const vars = new Set(r.values.map((v) => v.variable));
    for (const t of ['jaar', 'meest_voorkomende_postcode', 'jrstatcode', 'water', 'gemeentecode', 'buurtnaam']) expect(vars.has(t)).toBe(false);
    expect(r.values.filter((v) => v.area === 'GM0599' && v.variable === 'aantal_inwoners')).toHaveLength(1);
  });

  it('bad input: missing code column, bad code, duplicate rows, broken file', async () => {
    const dir = path.join(tmp, 'bad');
    mkdirSync(dir, { recursive: true });
    const F = 'x/buurt_2024_stats.parquet';
    const p1 = path.join(dir, 'nocode.parquet');
    await writeParquet(p1, `SELECT 'BU05990110' AS code, 5 AS aantal_inwoners`);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartParquet(p1, F, 'buurt'), { file: F, column: 'buurtcode', detail: /ontbreekt/ });
    const p2 = path.join(dir, 'badcode.parquet');
    await writeParquet(p2, `SELECT * FROM (VALUES ('BU05990110', 'NEE', 5), ('XX123', 'NEE', 6)) t(buurtcode, water, aantal_inwoners)`);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartParquet(p2, F, 'buurt'), { file: F, row: 2, column: 'buurtcode', detail: /XX123/ });
    const p3 = path.join(dir, 'dup.parquet');
    await writeParquet(p3, `SELECT * FROM (VALUES ('GM0599', 'NEE', 5), ('GM0599', 'NEE', 6)) t(gemeentecode, water, aantal_inwoners)`);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartParquet(p3, F, 'gemeente'), {
      file: F,
      row: 2,
      column: 'aantal_inwoners',
      detail: /dubbele waarde voor GM0599.*rij 1/,
    });
    const p4 = path.join(dir, 'cut.parquet');
    const bytes = readFileSync(path.join(tmp, WBK2024_DIR, 'buurt_2024_stats.parquet'));
    writeFileSync(p4, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectSourceErrorAsync(() => parseWijkbuurtkaartParquet(p4, F, 'buurt'), { file: F, detail: /parquet niet leesbaar/ });
    const p5 = path.join(dir, 'year.parquet');
    await writeParquet(p5, `SELECT 'GM0599' AS gemeentecode, 5 AS aantal_inwoners, 2023 AS jaar`);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartParquet(p5, F, 'gemeente'), { file: F, row: 1, column: 'jaar' });
  });
});

describe('loadWijkbuurtkaart2016 (DBF)', () => {
  it('reads fields under their DBF names, UTF-8 forced, Doorz ignored, -99999999 geheim', async () => {
    const r = await loadWijkbuurtkaart2016(tmp);
    expect(r.files).toEqual([`${WBK2016_DIR}/gem_2016.dbf`, `${WBK2016_DIR}/wijk_2016.dbf`]);
    expect(get(r.values, 'GM0599', 'AANT_INW')).toEqual({ source: 'wbk', year: 2016, area: 'GM0599', variable: 'AANT_INW', value: 629606, status: 'ok' });
    expect(get(r.values, 'GM0518', 'AANT_INW')?.value).toBe(519988);
    expect(get(r.values, 'WK059901', 'GEM_HH_GR')?.value).toBe(1.6);
    expect(get(r.values, 'WK059926', 'P_MAROKKO')).toMatchObject({ value: null, status: 'geheim' });
    expect(get(r.values, 'WK059926', 'AANT_INW')).toMatchObject({ value: 0, status: 'ok' });
    expect(get(r.values, 'WK059999', 'GEM_HH_GR')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(r.values.some((v) => v.variable === 'Doorz')).toBe(false);
    expect(r.areas.find((a) => a.code === 'WK059999')?.name).toBe('Café Fryslân (testnaam)');
    expect(r.values.some((v) => v.area === 'WK190001')).toBe(false);
  });

  it('bad input: unparseable number, bad code, duplicate, missing code field, truncated file', async () => {
    const dir = path.join(tmp, 'baddbf');
    mkdirSync(dir, { recursive: true });
    const F = 'x/wijk_2016.dbf';
    const src = readFileSync(path.join(tmp, WBK2016_DIR, 'wijk_2016.dbf'));

    const p1 = path.join(dir, 'num.dbf');
    const b1 = Buffer.from(src);
    const at = b1.indexOf('     32925');
    b1.write('     12,3x', at, 'latin1'); // parseFloat would silently read 12
    writeFileSync(p1, b1);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartDbf(p1, F, 'wijk'), { file: F, row: 1, column: 'AANT_INW', detail: /12,3x/ });

    const p2 = path.join(dir, 'code.dbf');
    await writeDbf(p2, DBF_FIELDS, [{ ...WIJK_RECORDS[0], WK_CODE: 'XX123' }]);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartDbf(p2, F, 'wijk'), { file: F, row: 1, column: 'WK_CODE' });

    const p3 = path.join(dir, 'dup.dbf');
    await writeDbf(p3, DBF_FIELDS, [WIJK_RECORDS[0], WIJK_RECORDS[1], WIJK_RECORDS[0]]);
    await expectSourceErrorAsync(() => parseWijkbuurtkaartDbf(p3, F, 'wijk'), { file: F, row: 3, column: 'AANT_INW', detail: /dubbel/ });

    await expectSourceErrorAsync(() => parseWijkbuurtkaartDbf(path.join(tmp, WBK2016_DIR, 'gem_2016.dbf'), F, 'wijk'), {
      file: F,
      column: 'WK_CODE',
    });

    const p5 = path.join(dir, 'cut.dbf');
    writeFileSync(p5, src.subarray(0, src.length - 150));
    await expectSourceErrorAsync(() => parseWijkbuurtkaartDbf(p5, F, 'wijk'), { file: F, detail: /afgekapt/ });
  });
});
