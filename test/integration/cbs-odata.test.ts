// The CBS OData download and loader on the real 85984NED metadata (PROVENANCE §1): a local
// look-alike of CBS's services serves the real TableInfos and DataProperties, a WijkenEnBuurten
// dimension and a Typed/UntypedDataSet built from the two real 2024 StatLine CSVs (all 18,310
// areas; topics the CSVs lack are null with '.'). Like CBS, its Feed pages at 10,000 rows and its
// ODataApi refuses more than 10,000 records with HTTP 500, so the 18,310-row dimension can only come
// through the Feed. The downloader fetches it with the repo's data/cbs-tables.json, the loader
// reads it, and the result must equal what the CSV loader makes of the same CSVs — same variable
// names, values and statuses — except the herkomst topics, whose short names repeat in the full
// table (see cbs-odata.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import indicators from '../../data/indicators.json';
import { CbsOdataClient } from '../../scripts/cbs-odata-client.ts';
import { downloadTables, readTablesConfig } from '../../scripts/download-cbs.ts';
import { describeColumns, loadCbsOdata, type DataProperty } from '../../scripts/sources/cbs-odata.ts';
import { loadKwb2024Csv } from '../../scripts/sources/kwb-2024-csv.ts';
import type { LoadResult } from '../../scripts/sources/types.ts';
import { startOdataServer, type OdataServer, type ServedTable } from '../unit/cbs-odata/odata-server.ts';
import { dir, realTable } from './cbs-odata-real-table.ts';

const HK = 'Bevolking|Bevolking naar herkomst|Herkomstland|';

let server: OdataServer;
let out: string;
let csv: LoadResult;
let odata: LoadResult;
let served: ServedTable;
let mapped: number;
const timings: Record<string, number> = {};

beforeAll(async () => {
  const t0 = performance.now();
  const r = realTable();
  served = r.table;
  mapped = r.mappedColumns;
  timings.build = performance.now() - t0;
  server = await startOdataServer({ '85984NED': served }); // CBS's own limits: Feed pages and API cap at 10,000
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-odata-it-'));
  const t1 = performance.now();
  const rep = await downloadTables({ outDir: out, config: readTablesConfig(), only: ['85984NED'], baseUrl: server.baseUrl });
  timings.download = performance.now() - t1;
  expect(rep.failures).toEqual([]);
  const t2 = performance.now();
  odata = await loadCbsOdata(out);
  timings.load = performance.now() - t2;
  csv = await loadKwb2024Csv(dir);
});
afterAll(async () => {
  await server?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
  const kb = (v: unknown) => (JSON.stringify(v).length / 1024).toFixed(0);
  if (served) {
    console.log(
      `cbs-odata integratie: tabel bouwen ${timings.build?.toFixed(0)} ms, download ${timings.download?.toFixed(0)} ms, laden ${timings.load?.toFixed(0)} ms, volle tabel ${timings.full?.toFixed(0)} ms; ` +
        `grootte: DataProperties ${kb(served.dataProperties)} kB, WijkenEnBuurten ${kb(served.dimensions.WijkenEnBuurten)} kB, TypedDataSet heel ${kb(served.data)} kB`,
    );
  }
});

describe('85984NED through the OData path, on the real metadata', () => {
  it('every CSV column title is a DataProperties path + title + unit (so names can agree)', () => {
    expect(mapped).toBe(12 + 5); // _geslachten: 12 after the name; _141648: Gemeentenaam, inwoners, 3 herkomst
    expect(served.data).toHaveLength(18_310);
  });

  it('downloads only NL, the G4 and Rotterdam, through the Feed, with the dimension in two pages of 10,000', () => {
    const info = JSON.parse(fs.readFileSync(path.join(out, 'cbs_odata/85984NED/download.json'), 'utf8'));
    expect(info).toMatchObject({
      table: '85984NED', source: 'kwb', years: [2024], modified: '2025-03-27T02:00:00', title: 'Kerncijfers wijken en buurten 2024', catalog: 'CBS',
      rows: { TypedDataSet: 1 + 4 + 21 + 91, UntypedDataSet: 117, DataProperties: 172, WijkenEnBuurten: 117 }, areaCounts: { NL: 1, GM: 4, WK: 21, BU: 91 },
      dimensionRowsAtCbs: { WijkenEnBuurten: 18_310 }, pages: 1, requests: 1 + 1 + 2 + 1 + 1, symbolLegend: 'TableInfos',
    });
    expect(server.requests.filter((u) => u.includes('/85984NED/WijkenEnBuurten'))).toEqual([
      '/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json',
      '/ODataFeed/OData/85984NED/WijkenEnBuurten?$format=json&$skip=10000',
    ]);
    expect(server.requests.filter((u) => !/^\/(ODataFeed\/odata|ODataCatalog)\//i.test(u))).toEqual([]);
  });

  it('the same dimension from the capped ODataApi: HTTP 500, more than 10000 records (why the Feed)', async () => {
    const res = await fetch(`${server.baseUrl}/ODataApi/odata/85984NED/WijkenEnBuurten?$format=json`);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).toMatch(/query returns more than 10000 records/);
  });

  it('gives the CSV loader’s values under the CSV loader’s names (herkomst: under the full path)', () => {
    const rename = (v: string) => (['Nederland [aantal]', 'Europa (exclusief Nederland) [aantal]', 'Buiten Europa [aantal]'].includes(v) ? HK + v : v);
    const index = new Map(odata.values.map((v) => [`${v.area}|${v.variable}`, v]));
    let compared = 0;
    for (const v of csv.values) {
      const o = index.get(`${v.area}|${rename(v.variable)}`);
      expect(o, `${v.area} ${v.variable}`).toEqual({ ...v, variable: rename(v.variable) });
      compared++;
    }
    expect(compared).toBe(117 * 12);
    // Topics the CSVs lack were served as null: geheim, never a number.
    const csvVars = new Set(csv.values.map((v) => rename(v.variable)));
    expect(odata.values.filter((v) => !csvVars.has(v.variable) && v.status !== 'geheim')).toEqual([]);
    // 128 topics − 3 Regioaanduiding texts − postcode = 124 variables.
    expect(new Set(odata.values.map((v) => v.variable)).size).toBe(124);
  });

  it('names the same 117 areas the same way as the CSV loader', () => {
    const key = (r: LoadResult) => r.areas.map((a) => `${a.code} ${a.name} ${a.year} ${a.source}`).sort();
    expect(key(odata)).toEqual(key(csv));
  });

  it('yields the catalogue’s KWB 2024 variables, except the herkomst one (full path in the OData table)', () => {
    const names = new Set(describeColumns(served.dataProperties as unknown as DataProperty[], 'DataProperties.json').kwbNames.values());
    const wanted = new Set<string>();
    for (const ind of indicators.indicators) {
      for (const s of ind.series as { source: string; years: number[]; variable?: string; numerator?: string; denominator?: unknown; weight?: string }[]) {
        if (s.source !== 'kwb' || !s.years.includes(2024)) continue;
        for (const v of [s.variable, s.numerator, s.denominator, s.weight]) if (typeof v === 'string') wanted.add(v);
      }
    }
    expect([...wanted].filter((v) => !names.has(v))).toEqual(['Buiten Europa [aantal]']);
    expect(names.has(`${HK}Buiten Europa [aantal]`)).toBe(true);
  });

  it('pages the whole national table (18,310 rows × 129 columns) in two requests', async () => {
    const c = new CbsOdataClient({ baseUrl: server.baseUrl });
    const t = performance.now();
    const r = await c.getCollection(c.url('85984NED', 'TypedDataSet'));
    timings.full = performance.now() - t;
    expect(r.rows).toHaveLength(18_310);
    expect(r.pages).toBe(2);
    expect(r.urls[1]).toBe(`${server.baseUrl}/ODataFeed/OData/85984NED/TypedDataSet?$format=json&$skip=10000`);
  });
});
