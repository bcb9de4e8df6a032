// scripts/download-cbs.ts against the local OData server: the files it writes, the filter it sends,
// resuming after a failure, nothing half-written, skipping unchanged tables, loud config errors.
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
import { KEPT, kwbTable, rivmTable, testConfig } from './fixtures.ts';
import { startOdataServer, type OdataServer } from './odata-server.ts';

let server: OdataServer;
let out: string;
const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(out, 'cbs_odata', ...p), 'utf8'));
const ls = (...p: string[]) => (fs.existsSync(path.join(out, ...p)) ? fs.readdirSync(path.join(out, ...p)).sort() : null);

beforeAll(async () => {
  server = await startOdataServer({ '85984NED': kwbTable(), '50090NED': rivmTable() }, { pageSize: 4 });
});
afterAll(() => server.close());
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-download-'));
});
afterEach(() => {
  fs.rmSync(out, { recursive: true, force: true });
  server.requests.length = 0;
  server.faults.length = 0;
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

describe('downloadTables', () => {
  it('writes one complete folder per table in the documented layout', async () => {
    const lines: string[] = [];
    const r = await downloadTables(opts({ log: (l) => lines.push(l) }));
    expect(r.failures).toEqual([]);
    expect(ls('cbs_odata')).toEqual(['50090NED', '85984NED']);
    expect(ls('cbs_odata', '85984NED')).toEqual(['DataProperties.json', 'TableInfos.json', 'TypedDataSet.json', 'WijkenEnBuurten.json', 'download.json']);
    expect(ls('cbs_odata', '50090NED')).toEqual([
      'DataProperties.json', 'Leeftijd.json', 'Marges.json', 'Perioden.json', 'TableInfos.json', 'TypedDataSet.json', 'WijkenEnBuurten.json', 'download.json',
    ]);
    // Only the kept areas; Groningen and Amsterdam's wijken/buurten are filtered out at the server.
    const rows = readJson('85984NED', 'TypedDataSet.json') as { WijkenEnBuurten: string }[];
    expect(rows.map((x) => x.WijkenEnBuurten.trim()).sort()).toEqual([...KEPT].sort());
    expect((readJson('85984NED', 'WijkenEnBuurten.json') as { Key: string }[]).map((x) => x.Key.trim()).sort()).toEqual([...KEPT].sort());
    expect(readJson('85984NED', 'DataProperties.json')).toEqual(kwbTable().dataProperties);
    expect(readJson('85984NED', 'TableInfos.json')[0].Identifier).toBe('85984NED');

    const info = readJson('85984NED', 'download.json');
    expect(info).toMatchObject({
      table: '85984NED', source: 'kwb', years: [2024], modified: '2025-03-27T02:00:00', baseUrl: server.baseUrl,
      downloadedAt: '2026-01-02T03:04:05.000Z', geoDimension: 'WijkenEnBuurten',
      rows: { TypedDataSet: 10, DataProperties: 23, WijkenEnBuurten: 10 }, dimensionRowsAtCbs: { WijkenEnBuurten: 15 }, pages: 3,
    });
    expect(info.filter).toBe(
      "(WijkenEnBuurten eq 'NL00      ' or WijkenEnBuurten eq 'GM0599    ' or WijkenEnBuurten eq 'GM0363    ' or WijkenEnBuurten eq 'GM0518    ' or " +
        "WijkenEnBuurten eq 'GM0344    ' or substringof('WK0599',WijkenEnBuurten) or substringof('BU0599',WijkenEnBuurten))",
    );
    expect(info.urls.TypedDataSet).toHaveLength(3);
    expect(info.urls.TypedDataSet[0]).toBe(`${server.baseUrl}/85984NED/TypedDataSet?$filter=${encodeURIComponent(info.filter)}`);

    // 50090NED: one table, three years; Leeftijd, Marges and Perioden narrowed to what the config names.
    const rivm = readJson('50090NED', 'download.json');
    expect(rivm).toMatchObject({ source: 'rivm', years: [2012, 2016, 2020], rows: { TypedDataSet: 10 * 2 * 3, Leeftijd: 3, Perioden: 4 } });
    // One clause per dimension, in DataProperties order, joined by 'and'.
    expect(rivm.filter.split(' and ')).toEqual([
      "(Leeftijd eq '20300' or Leeftijd eq '80200')",
      "Marges eq 'MW00000'",
      "(WijkenEnBuurten eq 'NL01      ' or WijkenEnBuurten eq 'GM0599    ' or WijkenEnBuurten eq 'GM0363    ' or WijkenEnBuurten eq 'GM0518    ' or " +
        "WijkenEnBuurten eq 'GM0344    ' or substringof('WK0599',WijkenEnBuurten) or substringof('BU0599',WijkenEnBuurten))",
      "(Perioden eq '2012JJ00' or Perioden eq '2016JJ00' or Perioden eq '2020JJ00')",
    ]);

    expect(ls('cbs_odata', '.partial')).toBeNull();
    expect(lines.join('\n')).toMatch(/85984NED \(kwb 2024\)\s+10 rijen/);
  });

  it('a malformed page: clear error, no table folder, fetched pages kept; the rerun fetches only the rest', async () => {
    server.faults.push({ match: (e, q) => e === '85984NED/TypedDataSet' && q.get('$skip') === '8', respond: 'malformed' });
    const r1 = await downloadTables(opts({ only: ['85984NED'] }));
    expect(r1.failures).toHaveLength(1);
    expect(r1.failures[0]!.message).toMatch(
      /^Ongeldige JSON van CBS op http:\/\/127\.0\.0\.1:\d+\/ODataApi\/odata\/85984NED\/TypedDataSet\?\$filter=\(WijkenEnBuurten eq 'NL00      ' or .*\)&\$skip=8: /,
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
    expect(r2.results[0]).toMatchObject({ status: 'gedownload', rows: 10, resumedPages: 12, requests: 2 });
    expect(server.requests.map((u) => u.replace(/\?\$filter=[^&]*/, '?$filter=…'))).toEqual([
      '85984NED/TableInfos',
      '85984NED/TypedDataSet?$filter=…&$skip=8',
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
    const r = await downloadTables(opts({ only: ['85984NED'] }));
    expect(r.results[0]!.status).toBe('ongewijzigd');
    expect(server.requests).toEqual(['85984NED/TableInfos']);
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
      expect(server.requests.filter((u) => u.startsWith('85984NED/DataProperties'))).toHaveLength(6);
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
    const err = await downloadTables(opts({ baseUrl: `http://127.0.0.1:${port}/ODataApi/odata`, log: (l) => lines.push(l) })).catch((e) => e);
    expect(err).toBeInstanceOf(CbsOfflineError);
    expect(err.message).toMatch(new RegExp(`^Geen verbinding met CBS \\(127\\.0\\.0\\.1:${port}\\): ECONNREFUSED`));
    expect(lines).toEqual([]); // stopped at the first table, the second was not tried
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

  it('an unknown table at CBS (404) fails that table only', async () => {
    const cfg = testConfig();
    cfg.sources.kwb!.tables = { '2024': '85984NED', '2030': '99999NED' };
    const r = await downloadTables(opts({ config: cfg }));
    expect(r.failures.map((f) => f.table)).toEqual(['99999NED']);
    expect(r.failures[0]!.message).toMatch(/HTTP 404/);
    expect(ls('cbs_odata')!.filter((n) => !n.startsWith('.'))).toEqual(['50090NED', '85984NED']);
  });
});

describe('planTables and keptGeoKey', () => {
  it('groups the years of one table and checks --tables', () => {
    expect(planTables(testConfig()).map((p) => [p.table, p.source, p.years])).toEqual([
      ['85984NED', 'kwb', [2024]],
      ['50090NED', 'rivm', [2012, 2016, 2020]],
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

  it('downloads the repo’s 2024 table from --base into --out and reports rows and time', async () => {
    const r = await run(['--base', server.baseUrl, '--out', out, '--tables', '85984NED']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/85984NED \(kwb 2024\)\s+10 rijen, \d+ verzoeken/);
    expect(r.stdout).toMatch(/Klaar in [\d.]+ s: 1 tabel\(len\), 10 rijen\./);
    expect(ls('cbs_odata')).toEqual(['85984NED']);
  });

  it('exits 1 with the Dutch offline message when the server is unreachable', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const r = await run(['--base', `http://127.0.0.1:${port}/ODataApi/odata`, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Geen verbinding met CBS \\(127\\.0\\.0\\.1:${port}\\): ECONNREFUSED`));
    expect(ls('cbs_odata')).toBeNull();
  });

  it('exits 2 on bad options', async () => {
    const r = await run(['--tables', '12345NED', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/onbekende tabel\(len\) in --tables: 12345NED/);
  });
});
