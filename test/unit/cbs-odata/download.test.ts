// scripts/download-cbs.ts against the local look-alike of CBS's services: which service it uses
// (the Feed, never the capped ODataApi), the catalogue check per service root, the files it writes,
// the filter it sends, typed and untyped data, resuming after a failure, nothing half-written,
// skipping unchanged tables, loud config errors, the CLI.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadTables, planTables, keptGeoKey, type DownloadOptions } from '../../../scripts/download-cbs.ts';
import { CbsOfflineError } from '../../../scripts/cbs-odata-client.ts';
import { KEPT, kwbTable, rivm2022Table, rivmTable, testConfig } from './fixtures.ts';
import { startOdataServer, untypedFrom, type OdataServer } from './odata-server.ts';

let server: OdataServer;
let out: string;
const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(out, 'cbs_odata', ...p), 'utf8'));
const ls = (...p: string[]) => (fs.existsSync(path.join(out, ...p)) ? fs.readdirSync(path.join(out, ...p)).sort() : null);
const CATALOGUE = '/ODataCatalog/Tables?$format=json&$select=Identifier,Catalog,Title,Modified,Period';

beforeAll(async () => {
  server = await startOdataServer({ '85984NED': kwbTable(), '50090NED': rivmTable() }, { pageSize: 4, apiLimit: 4 });
});
afterAll(() => server.close());
let catalogue: Record<string, unknown>[];
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-download-'));
  catalogue = server.catalogue;
});
afterEach(() => {
  fs.rmSync(out, { recursive: true, force: true });
  server.requests.length = 0;
  server.rawRequests.length = 0;
  server.faults.length = 0;
  server.catalogue = catalogue;
});

function opts(extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    outDir: out,
    config: testConfig(),
    baseUrl: server.baseUrl,
    maxAttempts: 3,
    baseDelayMs: 1,
    timeoutMs: 2000,
    pageRows: 4,
    now: () => new Date('2026-01-02T03:04:05Z'),
    ...extra,
  };
}

describe('downloadTables: which service', () => {
  it('asks the catalogue once per root, then only the Feed; never the capped ODataApi', async () => {
    const r = await downloadTables(opts());
    expect(r.failures).toEqual([]);
    expect(server.requests.filter((u) => u.startsWith('/ODataCatalog/'))).toEqual([CATALOGUE]);
    const rest = server.requests.filter((u) => !u.startsWith('/ODataCatalog/'));
    expect(rest.length).toBeGreaterThan(20);
    expect(rest.filter((u) => !/^\/ODataFeed\/odata\//i.test(u))).toEqual([]);
    // The same first requests on the capped API: the look-alike (cap 4) refuses the bigger ones, so a
    // change back to ODataApi cannot pass these tests.
    const first = server.rawRequests.filter((u) => u.startsWith('/ODataFeed/odata/85984NED/WijkenEnBuurten'))[0]!;
    const api = await fetch(`${server.baseUrl}${first.replace('/ODataFeed/', '/ODataApi/')}`);
    expect(api.status).toBe(500);
  });

  it('sends $format=json once per request and follows every nextLink unchanged', async () => {
    await downloadTables(opts({ only: ['85984NED'] }));
    expect(server.rawRequests.every((u) => (u.match(/\$format=json/g) ?? []).length === 1)).toBe(true);
    expect(server.rawRequests.filter((u) => (u.match(/\$filter=/g) ?? []).length > 1)).toEqual([]);
    // Page 2 of the data is the nextLink of page 1, in CBS's spelling (OData, %28 %27 …).
    const data = server.rawRequests.filter((u) => /\/TypedDataSet\?/.test(u));
    expect(data).toHaveLength(3);
    expect(data[1]).toMatch(/^\/ODataFeed\/OData\/85984NED\/TypedDataSet\?\$format=json&\$filter=%28WijkenEnBuurten%20eq%20%27NL00(%20){6}%27%20or.*&\$skip=4$/);
  });

  it('uses each source’s own root: KWB from one server, RIVM (catalogue RIVM) from another', async () => {
    const rivm = await startOdataServer({ '50090NED': rivmTable() }, { pageSize: 4 });
    const cbs = await startOdataServer({ '85984NED': kwbTable() }, { pageSize: 4 });
    try {
      const cfg = testConfig();
      cfg.sources.kwb!.baseUrl = cbs.baseUrl;
      cfg.sources.rivm!.baseUrl = `${rivm.baseUrl}/`;
      const r = await downloadTables(opts({ config: cfg, baseUrl: undefined }));
      expect(r.failures).toEqual([]);
      expect(r.catalogueRequests).toEqual({ [cbs.baseUrl]: 1, [rivm.baseUrl]: 1 });
      expect(cbs.requests.filter((u) => u.includes('50090NED'))).toEqual([]);
      expect(rivm.requests.filter((u) => u.includes('85984NED'))).toEqual([]);
      expect(rivm.requests[0]).toBe(CATALOGUE);
      expect(readJson('50090NED', 'download.json')).toMatchObject({ baseUrl: rivm.baseUrl, catalog: 'RIVM' });
      expect(readJson('85984NED', 'download.json')).toMatchObject({ baseUrl: cbs.baseUrl, catalog: 'CBS' });
    } finally {
      await rivm.close();
      await cbs.close();
    }
  });
});

describe('downloadTables: the catalogue decides', () => {
  it('a table the catalogue does not list fails before any request for it, naming the listed successor', async () => {
    const s = await startOdataServer({ '85984NED': kwbTable(), '50090NED': rivmTable(), '50120NED': rivm2022Table() }, { pageSize: 4 });
    try {
      s.catalogue = s.catalogue.filter((e) => e.Identifier !== '50090NED');
      const r = await downloadTables(opts({ baseUrl: s.baseUrl }));
      expect(r.failures.map((f) => f.table)).toEqual(['50090NED']);
      expect(r.failures[0]!.message).toMatch(
        /^50090NED: staat niet in de catalogus RIVM van http:\/\/127\.0\.0\.1:\d+ \(.*ODataCatalog\/Tables.*\)\. Opvolger 50120NED \(Gezondheid per wijk en buurt; 2012\/2016\/2020\/2022 \(indeling 2022\), 2012, 2016, 2020, 2022\) staat er wel in: zet die in data\/cbs-tables\.json \(sources\.rivm\.tables\)/,
      );
      expect(s.requests.filter((u) => u.includes('/50090NED/'))).toEqual([]);
      expect(r.results.map((x) => x.table)).toEqual(['85984NED']);
    } finally {
      await s.close();
    }
  });

  it('while both are listed, the download says the successor exists', async () => {
    const s = await startOdataServer({ '50090NED': rivmTable(), '50120NED': rivm2022Table() }, { pageSize: 4 });
    try {
      const lines: string[] = [];
      const r = await downloadTables(opts({ baseUrl: s.baseUrl, only: ['50090NED'], log: (l) => lines.push(l) }));
      expect(r.failures).toEqual([]);
      expect(lines.join('\n')).toMatch(/50090NED: let op, opvolger 50120NED \(.*\) staat ook in de catalogus/);
    } finally {
      await s.close();
    }
  });

  it('50120NED in the config downloads with its own codes checked (its Perioden reach 2022)', async () => {
    const s = await startOdataServer({ '50120NED': rivm2022Table() }, { pageSize: 4 });
    try {
      const cfg = testConfig();
      cfg.sources.rivm!.tables = { 2012: '50120NED', 2016: '50120NED', 2020: '50120NED', 2022: '50120NED' };
      cfg.sources.rivm!.successors = {};
      const r = await downloadTables(opts({ baseUrl: s.baseUrl, config: cfg, only: ['50120NED'] }));
      expect(r.failures).toEqual([]);
      const info = readJson('50120NED', 'download.json');
      expect(info).toMatchObject({ years: [2012, 2016, 2020, 2022], rows: { TypedDataSet: 10 * 2 * 4, Leeftijd: 3, Marges: 3 } });
      expect(info.filter).toContain("(Perioden eq '2012JJ00' or Perioden eq '2016JJ00' or Perioden eq '2020JJ00' or Perioden eq '2022JJ00')");
      expect(Object.keys(readJson('50120NED', 'TypedDataSet.json')[0])).toContain('MoeiteMetRondkomen_33');

      cfg.sources.rivm!.dimensions = { Leeftijd: { '20300': '18+', '80200': '65+' }, Marges: { MW00000: 'x', MBG0096: 'y' } };
      const bad = await downloadTables(opts({ baseUrl: s.baseUrl, config: cfg, only: ['50120NED'], force: true }));
      expect(bad.failures[0]!.message).toMatch(/^50120NED: Marges heeft geen code MBG0096 \(wel: MW00000, MOG0095, MBG0095…\)/);
    } finally {
      await s.close();
    }
  });

  it('listed in another catalogue than the config names: fails', async () => {
    server.catalogue = catalogue.map((e) => (e.Identifier === '50090NED' ? { ...e, Catalog: 'CBS' } : e));
    const r = await downloadTables(opts({ only: ['50090NED'] }));
    expect(r.failures[0]!.message).toBe('50090NED: staat in catalogus CBS, niet in RIVM (data/cbs-tables.json, sources.rivm.catalog)');
  });

  it('an identifier in lower case (older tables: "80137ned") is the same table; another one is not', async () => {
    const t = server.tables['85984NED']!;
    const oldInfo = t.tableInfos;
    try {
      t.tableInfos = [{ ...oldInfo[0], Identifier: '85984ned' }];
      server.catalogue = catalogue.map((e) => (e.Identifier === '85984NED' ? { ...e, Identifier: '85984ned' } : e));
      expect((await downloadTables(opts({ only: ['85984NED'] }))).failures).toEqual([]);
      t.tableInfos = [{ ...oldInfo[0], Identifier: '85318NED' }];
      const r = await downloadTables(opts({ only: ['85984NED'], force: true }));
      expect(r.failures[0]!.message).toBe('85984NED: TableInfos noemt tabel 85318NED');
    } finally {
      t.tableInfos = oldInfo;
    }
  });
});

describe('downloadTables: files', () => {
  it('writes one complete folder per table in the documented layout', async () => {
    const lines: string[] = [];
    const r = await downloadTables(opts({ log: (l) => lines.push(l) }));
    expect(r.failures).toEqual([]);
    expect(ls('cbs_odata')).toEqual(['50090NED', '85984NED']);
    expect(ls('cbs_odata', '85984NED')).toEqual(['DataProperties.json', 'TableInfos.json', 'TypedDataSet.json', 'UntypedDataSet.json', 'WijkenEnBuurten.json', 'download.json']);
    expect(ls('cbs_odata', '50090NED')).toEqual([
      'DataProperties.json', 'Leeftijd.json', 'Marges.json', 'Perioden.json', 'TableInfos.json', 'TypedDataSet.json', 'UntypedDataSet.json', 'WijkenEnBuurten.json', 'download.json',
    ]);
    // Only the kept areas; Groningen and Amsterdam's wijken/buurten are filtered out at the server.
    const rows = readJson('85984NED', 'TypedDataSet.json') as { WijkenEnBuurten: string }[];
    expect(rows.map((x) => x.WijkenEnBuurten.trim()).sort()).toEqual([...KEPT].sort());
    expect((readJson('85984NED', 'WijkenEnBuurten.json') as { Key: string }[]).map((x) => x.Key.trim()).sort()).toEqual([...KEPT].sort());
    expect(readJson('85984NED', 'DataProperties.json')).toEqual(kwbTable().dataProperties);
    expect(readJson('85984NED', 'TableInfos.json')[0].Identifier).toBe('85984NED');
    // Untyped rows are CBS's text for the same rows.
    expect(readJson('85984NED', 'UntypedDataSet.json')).toEqual(kwbTable().untyped!.filter((u) => KEPT.includes(String(u.WijkenEnBuurten).trim())));

    const info = readJson('85984NED', 'download.json');
    expect(info).toMatchObject({
      table: '85984NED', source: 'kwb', years: [2024], modified: '2025-03-27T02:00:00', baseUrl: server.baseUrl, catalog: 'CBS',
      downloadedAt: '2026-01-02T03:04:05.000Z', geoDimension: 'WijkenEnBuurten',
      rows: { TypedDataSet: 10, UntypedDataSet: 10, DataProperties: 23, WijkenEnBuurten: 10 }, dimensionRowsAtCbs: { WijkenEnBuurten: 15 }, pages: 3,
      areaCounts: { NL: 1, GM: 4, WK: 2, BU: 3 },
      // WOZ of BU05990111 is '.', Koopwoningen of WK059903 blank: the real legend of 85984NED decides.
      symbols: { '.': 'geheim', '': 'ontbreekt' }, nullCells: { '.': 1, '': 1 }, symbolLegend: 'TableInfos',
    });
    expect(info.filter).toBe(
      "(WijkenEnBuurten eq 'NL00      ' or WijkenEnBuurten eq 'GM0599    ' or WijkenEnBuurten eq 'GM0363    ' or WijkenEnBuurten eq 'GM0518    ' or " +
        "WijkenEnBuurten eq 'GM0344    ' or substringof('WK0599',WijkenEnBuurten) or substringof('BU0599',WijkenEnBuurten))",
    );
    expect(info.urls.TypedDataSet).toHaveLength(3);
    expect(info.urls.TypedDataSet[0]).toBe(`${server.baseUrl}/ODataFeed/odata/85984NED/TypedDataSet?$format=json&$filter=${encodeURIComponent(info.filter)}`);
    expect(info.urls.TableInfos).toBe(`${server.baseUrl}/ODataFeed/odata/85984NED/TableInfos?$format=json`);

    // 50090NED: one table, three years; Leeftijd, Marges and Perioden narrowed to what the config names.
    const rivm = readJson('50090NED', 'download.json');
    expect(rivm).toMatchObject({
      source: 'rivm', years: [2012, 2016, 2020], catalog: 'RIVM', rows: { TypedDataSet: 10 * 2 * 3, Leeftijd: 3, Perioden: 4 },
      areaCounts: { NL: 1, GM: 4, WK: 2, BU: 3 }, symbols: { '.': 'geheim' }, nullCells: { '.': 10 * 2 },
    });
    // One clause per dimension, in DataProperties order, joined by 'and'.
    expect(rivm.filter.split(' and ')).toEqual([
      "(Leeftijd eq '20300' or Leeftijd eq '80200')",
      "Marges eq 'MW00000'",
      "(WijkenEnBuurten eq 'NL01      ' or WijkenEnBuurten eq 'GM0599    ' or WijkenEnBuurten eq 'GM0363    ' or WijkenEnBuurten eq 'GM0518    ' or " +
        "WijkenEnBuurten eq 'GM0344    ' or substringof('WK0599',WijkenEnBuurten) or substringof('BU0599',WijkenEnBuurten))",
      "(Perioden eq '2012JJ00' or Perioden eq '2016JJ00' or Perioden eq '2020JJ00')",
    ]);

    expect(ls('cbs_odata', '.partial')).toBeNull();
    expect(lines.join('\n')).toMatch(/85984NED \(kwb 2024\)\s+10 rijen \(1 NL, 4 GM, 2 WK, 3 BU\), 17 verzoeken/);
    expect(lines.join('\n')).toMatch(/catalogus http:\/\/127\.0\.0\.1:\d+\/ODataCatalog\/Tables: 2 tabellen \(1 verzoek\)/);
  });

  it('a null whose untyped symbol the legend does not know, or an untyped number under a typed null: the table fails', async () => {
    const t = server.tables['85984NED']!;
    const old = t.untyped;
    try {
      t.untyped = old!.map((u) => (String(u.WijkenEnBuurten).trim() === 'BU05990111' ? { ...u, GemiddeldeWOZWaardeVanWoningen_39: '       ?' } : u));
      const r = await downloadTables(opts({ only: ['85984NED'] }));
      expect(r.failures[0]!.message).toMatch(/^85984NED: symbool "\?" \(UntypedDataSet rij \d+, kolom GemiddeldeWOZWaardeVanWoningen_39\) staat niet in de verklaring van symbolen \("", "\.", "\*", "\*\*"\)/);
      fs.rmSync(path.join(out, 'cbs_odata'), { recursive: true }); // the stored pages would be reused
      t.untyped = old!.map((u) => (String(u.WijkenEnBuurten).trim() === 'BU05990111' ? { ...u, GemiddeldeWOZWaardeVanWoningen_39: '     312' } : u));
      const r2 = await downloadTables(opts({ only: ['85984NED'], force: true }));
      expect(r2.failures[0]!.message).toMatch(/^85984NED: TypedDataSet rij \d+ kolom GemiddeldeWOZWaardeVanWoningen_39 is null, UntypedDataSet heeft het getal "312"/);
      expect(ls('cbs_odata', '85984NED')).toBeNull();
    } finally {
      t.untyped = old;
    }
  });

  it('an older-style legend (x = geheim, . = onbekend): "." becomes ontbreekt', async () => {
    const t = server.tables['85984NED']!;
    const old = { infos: t.tableInfos, untyped: t.untyped };
    try {
      // The legend of 80137ned, as CBSOData3.jl recorded it.
      const legend = 'Verklaring van de in de tabel gebruikte symbolen:\r\nlege cel\t: een cijfer kan op logische gronden niet voorkomen\r\n. \t\t: onbekend; het CBS heeft hier geen cijfers over\r\nx \t\t: geheim; het CBS heeft hier wel cijfers over maar kan\r\n                  deze om geheimhoudingsredenen niet publiceren\r\n- \t\t: nihil (het cijfer is echt \'0\')\r\n\r\n\r\n3. KOPPELINGEN';
      t.tableInfos = [{ ...old.infos[0], Description: legend }];
      t.untyped = untypedFrom(t.data).map((u) => (String(u.WijkenEnBuurten).trim() === 'WK059903' ? { ...u, Koopwoningen_47: '       x' } : u));
      const r = await downloadTables(opts({ only: ['85984NED'] }));
      expect(r.failures).toEqual([]);
      expect(readJson('85984NED', 'download.json')).toMatchObject({ symbols: { '.': 'ontbreekt', x: 'geheim' }, nullCells: { '.': 1, x: 1 } });
    } finally {
      t.tableInfos = old.infos;
      t.untyped = old.untyped;
    }
  });

  it('a malformed page: clear error, no table folder, fetched pages kept; the rerun fetches only the rest', async () => {
    server.faults.push({ match: (e, q) => e === '85984NED/TypedDataSet' && q.get('$skip') === '8', respond: 'malformed' });
    const r1 = await downloadTables(opts({ only: ['85984NED'] }));
    expect(r1.failures).toHaveLength(1);
    expect(r1.failures[0]!.message).toMatch(
      /^Ongeldige JSON van CBS op http:\/\/127\.0\.0\.1:\d+\/ODataFeed\/OData\/85984NED\/TypedDataSet\?\$format=json&\$filter=\(WijkenEnBuurten eq 'NL00      ' or .*\)&\$skip=8: /,
    );
    expect(ls('cbs_odata')).toEqual(['.partial']);
    expect(ls('cbs_odata', '.partial', '85984NED')).toEqual([
      'DataProperties.page-0001.json', 'DataProperties.page-0002.json', 'DataProperties.page-0003.json', 'DataProperties.page-0004.json',
      'DataProperties.page-0005.json', 'DataProperties.page-0006.json',
      'TypedDataSet.page-0001.json', 'TypedDataSet.page-0002.json',
      'WijkenEnBuurten.page-0001.json', 'WijkenEnBuurten.page-0002.json', 'WijkenEnBuurten.page-0003.json', 'WijkenEnBuurten.page-0004.json',
      'state.json',
    ]);

    server.requests.length = 0;
    const r2 = await downloadTables(opts({ only: ['85984NED'] }));
    expect(r2.failures).toEqual([]);
    expect(r2.results[0]).toMatchObject({ status: 'gedownload', rows: 10, resumedPages: 12, requests: 5 });
    expect(server.requests.map((u) => u.replace(/\$filter=[^&]*/, '$filter=…'))).toEqual([
      CATALOGUE,
      '/ODataFeed/odata/85984NED/TableInfos?$format=json',
      '/ODataFeed/OData/85984NED/TypedDataSet?$format=json&$filter=…&$skip=8',
      '/ODataFeed/odata/85984NED/UntypedDataSet?$format=json&$filter=…',
      '/ODataFeed/OData/85984NED/UntypedDataSet?$format=json&$filter=…&$skip=4',
      '/ODataFeed/OData/85984NED/UntypedDataSet?$format=json&$filter=…&$skip=8',
    ]);
    expect(ls('cbs_odata')).toEqual(['85984NED']);
    expect(readJson('85984NED', 'TypedDataSet.json')).toHaveLength(10);
  });

  it('a failed refresh leaves the previous complete folder untouched', async () => {
    await downloadTables(opts({ only: ['85984NED'] }));
    const before = fs.readFileSync(path.join(out, 'cbs_odata/85984NED/TypedDataSet.json'), 'utf8');
    server.faults.push({ match: (e) => e === '85984NED/TypedDataSet', respond: { status: 500 }, times: 3 });
    const r = await downloadTables(opts({ only: ['85984NED'], force: true }));
    expect(r.failures[0]!.message).toMatch(/na 3 pogingen .*HTTP 500/);
    expect(fs.readFileSync(path.join(out, 'cbs_odata/85984NED/TypedDataSet.json'), 'utf8')).toBe(before);
    expect(ls('cbs_odata')!.filter((n) => n.startsWith('.tmp') || n.startsWith('.old'))).toEqual([]);
  });

  it('the over-limit 500 fails the table at once with the hint; no five attempts', async () => {
    const body = JSON.stringify({ 'odata.error': { code: '', message: { lang: 'nl-NL', value: 'query returns more than 10000 records' } } });
    server.faults.push({ match: (e) => e === '85984NED/TypedDataSet', respond: { status: 500, body }, times: 5 });
    const r = await downloadTables(opts({ only: ['85984NED'] }));
    expect(r.failures[0]!.message).toMatch(/more than 10000 records \(HTTP 500, blijvend; niet herhaald\)/);
    expect(server.requests.filter((u) => u.includes('/TypedDataSet'))).toHaveLength(1);
  });

  it('retries a 500 and a 429 on the data and still writes the table', async () => {
    server.faults.push({ match: (e) => e === '50090NED/TypedDataSet', respond: { status: 500 } });
    server.faults.push({ match: (e) => e === '50090NED/TypedDataSet', respond: { status: 429, headers: { 'retry-after': '0' } } });
    const r = await downloadTables(opts({ only: ['50090NED'] }));
    expect(r.failures).toEqual([]);
    expect(readJson('50090NED', 'TypedDataSet.json')).toHaveLength(60);
  });

  it('skips a table whose TableInfos.Modified is unchanged, unless forced', async () => {
    await downloadTables(opts({ only: ['85984NED'] }));
    server.requests.length = 0;
    const lines: string[] = [];
    const r = await downloadTables(opts({ only: ['85984NED'], log: (l) => lines.push(l) }));
    expect(r.results[0]!.status).toBe('ongewijzigd');
    expect(server.requests).toEqual([CATALOGUE, '/ODataFeed/odata/85984NED/TableInfos?$format=json']);
    expect(lines.join('\n')).toMatch(/ongewijzigd bij CBS, overgeslagen \(10 rijen \(1 NL, 4 GM, 2 WK, 3 BU\)\)/);
    const f = await downloadTables(opts({ only: ['85984NED'], force: true }));
    expect(f.results[0]!.status).toBe('gedownload');
  });

  it('discards stored pages that belong to another table version', async () => {
    server.faults.push({ match: (e, q) => e === '85984NED/TypedDataSet' && q.get('$skip') === '4', respond: 'malformed' });
    await downloadTables(opts({ only: ['85984NED'] }));
    const t = server.tables['85984NED']!;
    const oldInfo = t.tableInfos;
    t.tableInfos = [{ ...oldInfo[0], Modified: '2025-06-30T02:00:00' }];
    try {
      const lines: string[] = [];
      server.requests.length = 0;
      await downloadTables(opts({ only: ['85984NED'], log: (l) => lines.push(l) }));
      expect(lines.join('\n')).toMatch(/andere tabelversie/);
      expect(server.requests.filter((u) => u.includes('/85984NED/DataProperties'))).toHaveLength(6);
      expect(readJson('85984NED', 'download.json').modified).toBe('2025-06-30T02:00:00');
    } finally {
      t.tableInfos = oldInfo;
    }
  });

  it('offline stops everything with the Dutch message', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const lines: string[] = [];
    const err = await downloadTables(opts({ baseUrl: `http://127.0.0.1:${port}`, log: (l) => lines.push(l) })).catch((e) => e);
    expect(err).toBeInstanceOf(CbsOfflineError);
    expect(err.message).toMatch(new RegExp(`^Geen verbinding met CBS \\(127\\.0\\.0\\.1:${port}\\): ECONNREFUSED`));
    expect(lines).toEqual([]); // stopped at the first table's catalogue, the second was not tried
    expect(ls('cbs_odata')).toBeNull();
  });

  it('fails loudly when the table does not fit the config', async () => {
    const cfg = testConfig();
    cfg.sources.rivm!.dimensions = { Leeftijd: { '20300': '18+', '99999': '??' }, Marges: { MW00000: 'x' } };
    const r = await downloadTables(opts({ config: cfg, only: ['50090NED'] }));
    expect(r.failures[0]!.message).toMatch(/^50090NED: Leeftijd heeft geen code 99999/);

    delete cfg.sources.rivm!.dimensions;
    const r2 = await downloadTables(opts({ config: cfg, only: ['50090NED'] }));
    expect(r2.failures[0]!.message).toMatch(/dimensie Leeftijd staat niet in data\/cbs-tables\.json/);

    const wrongYear = testConfig();
    wrongYear.sources.kwb!.tables = { '2023': '85984NED' };
    const r3 = await downloadTables(opts({ config: wrongYear }));
    expect(r3.failures.map((f) => f.message)).toContain('85984NED: data/cbs-tables.json zegt 2023, maar TableInfos.Period is "2024"');

    const gone = testConfig();
    gone.areas.gemeenten = ['GM0599', 'GM9999'];
    const r4 = await downloadTables(opts({ config: gone, only: ['85984NED'] }));
    expect(r4.failures[0]!.message).toBe('85984NED: WijkenEnBuurten mist GM9999');
    expect(ls('cbs_odata', '85984NED')).toBeNull();
  });

  it('a table the catalogue does not know fails that table only; listed but absent at the Feed (404) too', async () => {
    const cfg = testConfig();
    cfg.sources.kwb!.tables = { '2024': '85984NED', '2030': '99999NED' };
    const r = await downloadTables(opts({ config: cfg }));
    expect(r.failures.map((f) => f.table)).toEqual(['99999NED']);
    expect(r.failures[0]!.message).toMatch(/^99999NED: staat niet in de catalogus CBS van /);
    expect(ls('cbs_odata')!.filter((n) => !n.startsWith('.'))).toEqual(['50090NED', '85984NED']);

    server.catalogue = [...catalogue, { Identifier: '99999NED', Catalog: 'CBS' }];
    const r2 = await downloadTables(opts({ config: cfg, only: ['99999NED'] }));
    expect(r2.failures[0]!.message).toMatch(/HTTP 404 \(tabel of eindpunt bestaat niet\)/);
  });
});

describe('planTables and keptGeoKey', () => {
  it('groups the years of one table, carries root and catalogue, and checks --tables', () => {
    expect(planTables(testConfig()).map((p) => [p.table, p.source, p.years, p.catalog, p.successor])).toEqual([
      ['85984NED', 'kwb', [2024], 'CBS', undefined],
      ['50090NED', 'rivm', [2012, 2016, 2020], 'RIVM', '50120NED'],
    ]);
    expect(planTables(testConfig(), ['50090NED'])).toHaveLength(1);
    expect(() => planTables(testConfig(), ['12345NED'])).toThrow(/onbekende tabel\(len\) in --tables: 12345NED/);
  });

  it('keeps NL, the four gemeenten and Rotterdam’s wijken and buurten only', () => {
    const a = testConfig().areas;
    expect(['NL00', 'NL01', 'GM0599', 'GM0344', 'WK059901', 'BU05990110'].every((c) => keptGeoKey(c, a))).toBe(true);
    expect(['GM0014', 'WK0363AF', 'BU0363AF01', 'WK036301', 'BU0599011', 'LD01', 'PV28'].some((c) => keptGeoKey(c, a))).toBe(false);
  });
});

describe('npm run data:download (the CLI)', () => {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), 'scripts/download-cbs.ts', ...args], { cwd: repo }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('downloads the repo’s 2024 table from --base into --out and reports rows, areas and time', async () => {
    const r = await run(['--base', server.baseUrl, '--out', out, '--tables', '85984NED']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^CBS OData \\(Feed\\): ${server.baseUrl.replace(/\./g, '\\.')}/ODataFeed/odata → `));
    expect(r.stdout).toMatch(/85984NED \(kwb 2024\)\s+10 rijen \(1 NL, 4 GM, 2 WK, 3 BU\), \d+ verzoeken/);
    expect(r.stdout).toMatch(/Klaar in [\d.]+ s: 1 tabel\(len\), 10 rijen\./);
    expect(ls('cbs_odata')).toEqual(['85984NED']);
  });

  it('exits 1 with the Dutch offline message when the server is unreachable', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const r = await run(['--base', `http://127.0.0.1:${port}`, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Geen verbinding met CBS \\(127\\.0\\.0\\.1:${port}\\): ECONNREFUSED`));
    expect(ls('cbs_odata')).toBeNull();
  });

  it('exits 2 on bad options, including a --base that names the capped API', async () => {
    const r = await run(['--tables', '12345NED', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/onbekende tabel\(len\) in --tables: 12345NED/);
    const api = await run(['--base', 'https://opendata.cbs.nl/ODataApi/odata', '--out', out]);
    expect(api.code).toBe(2);
    expect(api.stderr).toMatch(/--base "https:\/\/opendata\.cbs\.nl\/ODataApi\/odata": moet de wortel van de dienst zijn/);
  });
});
