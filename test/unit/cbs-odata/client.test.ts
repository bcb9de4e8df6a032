// The HTTP client against a local OData server: paging, retries, Retry-After, time-out, bad JSON,
// offline. Waits are recorded through an injected sleep, so nothing here actually waits long.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CbsOdataClient, CbsOdataError, CbsOfflineError, parseRetryAfter, readStoredPages } from '../../../scripts/cbs-odata-client.ts';
import { kwbTable } from './fixtures.ts';
import { startOdataServer, type OdataServer } from './odata-server.ts';

let server: OdataServer;
let tmp: string;
beforeAll(async () => {
  server = await startOdataServer({ '85984NED': kwbTable() }, { pageSize: 4 });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-client-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  server.requests.length = 0;
  server.faults.length = 0;
});

/** The error a promise rejects with; a resolved promise fails the test. */
async function failure(p: Promise<unknown>): Promise<CbsOdataError> {
  try {
    await p;
  } catch (e) {
    return e as CbsOdataError;
  }
  throw new Error('expected a failure');
}

function client(extra: ConstructorParameters<typeof CbsOdataClient>[0] = {}) {
  const waits: number[] = [];
  const c = new CbsOdataClient({ baseUrl: server.baseUrl, maxAttempts: 4, baseDelayMs: 10, timeoutMs: 2000, pageRows: 4, sleep: async (ms) => void waits.push(ms), ...extra });
  return { c, waits };
}

describe('paging', () => {
  it('follows odata.nextLink until the last page and merges the rows', async () => {
    const { c } = client();
    const r = await c.getCollection(c.url('85984NED', 'WijkenEnBuurten'));
    expect(r.rows).toHaveLength(15);
    expect(r.pages).toBe(4);
    expect(server.requests).toEqual([
      '85984NED/WijkenEnBuurten',
      '85984NED/WijkenEnBuurten?$skip=4',
      '85984NED/WijkenEnBuurten?$skip=8',
      '85984NED/WijkenEnBuurten?$skip=12',
    ]);
    expect((r.rows as { Key: string }[]).map((x) => x.Key.trim()).slice(0, 2)).toEqual(['NL00', 'GM0599']);
  });

  it('keeps the $filter on the next pages (it is in the nextLink)', async () => {
    const { c } = client();
    const r = await c.getCollection(c.url('85984NED', 'TypedDataSet', { $filter: "substringof('WK0599',WijkenEnBuurten) or WijkenEnBuurten eq 'GM0599    ' or startswith(WijkenEnBuurten,'BU0599')" }));
    expect((r.rows as { WijkenEnBuurten: string }[]).map((x) => x.WijkenEnBuurten.trim())).toEqual(['GM0599', 'WK059901', 'BU05990110', 'BU05990111', 'WK059903', 'BU05990320']);
    const f = "$filter=substringof('WK0599',WijkenEnBuurten) or WijkenEnBuurten eq 'GM0599    ' or startswith(WijkenEnBuurten,'BU0599')";
    expect(server.requests).toEqual([`85984NED/TypedDataSet?${f}`, `85984NED/TypedDataSet?${f}&$skip=4`]);
  });

  it('without nextLink, continues with $skip while pages are full', async () => {
    const s = await startOdataServer({ '85984NED': kwbTable() }, { pageSize: 5, nextLink: false });
    try {
      const c = new CbsOdataClient({ baseUrl: s.baseUrl, pageRows: 5 });
      const r = await c.getCollection(c.url('85984NED', 'WijkenEnBuurten'));
      expect(r.rows).toHaveLength(15);
      // 5 + 5 + 5, then an empty page says "done"
      expect(s.requests).toEqual([
        '85984NED/WijkenEnBuurten',
        '85984NED/WijkenEnBuurten?$skip=5',
        '85984NED/WijkenEnBuurten?$skip=10',
        '85984NED/WijkenEnBuurten?$skip=15',
      ]);
    } finally {
      await s.close();
    }
  });

  it('stores pages as they arrive and resumes after the last stored one', async () => {
    const pageDir = path.join(tmp, 'resume');
    server.faults.push({ match: (e, q) => e.endsWith('/WijkenEnBuurten') && q.get('$skip') === '8', respond: 'malformed' });
    const { c } = client();
    const url = c.url('85984NED', 'WijkenEnBuurten');
    await expect(c.getCollection(url, { pageDir, name: 'WijkenEnBuurten' })).rejects.toThrow(/Ongeldige JSON/);
    expect(readStoredPages(pageDir, 'WijkenEnBuurten').map((p) => p.rows.length)).toEqual([4, 4]);
    server.requests.length = 0;
    const r = await c.getCollection(url, { pageDir, name: 'WijkenEnBuurten' });
    expect(r.rows).toHaveLength(15);
    expect(r.resumedPages).toBe(2);
    expect(server.requests).toEqual(['85984NED/WijkenEnBuurten?$skip=8', '85984NED/WijkenEnBuurten?$skip=12']);
  });
});

describe('retries', () => {
  it('retries a 500 with exponential backoff, then succeeds', async () => {
    server.faults.push({ match: (e) => e.endsWith('/TableInfos'), respond: { status: 500 }, times: 2 });
    const { c, waits } = client();
    const r = await c.getPage(c.url('85984NED', 'TableInfos'));
    expect((r.rows[0] as { Identifier: string }).Identifier).toBe('85984NED');
    expect(waits).toEqual([10, 20]);
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After on a 429 (seconds), capped by maxDelayMs', async () => {
    server.faults.push({ match: (e) => e.endsWith('/TableInfos'), respond: { status: 429, headers: { 'retry-after': '2' } } });
    server.faults.push({ match: (e) => e.endsWith('/TableInfos'), respond: { status: 429, headers: { 'retry-after': '3600' } } });
    const { c, waits } = client({ maxDelayMs: 5000 });
    await c.getPage(c.url('85984NED', 'TableInfos'));
    expect(waits).toEqual([2000, 5000]);
  });

  it('gives up after maxAttempts with the last problem in the message', async () => {
    server.faults.push({ match: () => true, respond: { status: 503 }, times: 10 });
    const { c, waits } = client();
    const url = c.url('85984NED', 'TableInfos');
    await expect(c.getJson(url)).rejects.toThrow(`CBS gaf geen bruikbaar antwoord na 4 pogingen op ${url}: HTTP 503: fout 503`);
    expect(waits).toEqual([10, 20, 40]);
    expect(server.requests).toHaveLength(4);
  });

  it('does not retry a 404, and shows CBS’s message', async () => {
    const { c, waits } = client();
    const err = await failure(c.getJson(c.url('99999NED', 'TableInfos')));
    expect(err).toBeInstanceOf(CbsOdataError);
    expect(err.status).toBe(404);
    expect(err.message).toMatch(/HTTP 404 \(tabel of eindpunt bestaat niet\).*Tabel 99999NED niet gevonden/);
    expect(waits).toEqual([]);
  });

  it('retries a dropped connection', async () => {
    server.faults.push({ match: (e) => e.endsWith('/TableInfos'), respond: 'drop' });
    const { c, waits } = client();
    await c.getPage(c.url('85984NED', 'TableInfos'));
    expect(waits).toEqual([10]);
  });
});

describe('time-out', () => {
  it('aborts a request that does not answer, retries, and fails with a clear message', async () => {
    server.faults.push({ match: () => true, respond: 'hang', times: 2 });
    const { c, waits } = client({ timeoutMs: 150, maxAttempts: 2 });
    const t0 = performance.now();
    const err = await failure(c.getJson(c.url('85984NED', 'TableInfos')));
    expect(err).toBeInstanceOf(CbsOdataError);
    expect(err.message).toMatch(/na 2 pogingen .*time-out: geen \(volledig\) antwoord binnen 0\.15 s/);
    expect(waits).toEqual([10]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a single time-out is retried and the next attempt succeeds', async () => {
    server.faults.push({ match: () => true, respond: 'hang' });
    const { c } = client({ timeoutMs: 150 });
    const r = await c.getPage(c.url('85984NED', 'TableInfos'));
    expect(r.rows).toHaveLength(1);
  });
});

describe('bad answers', () => {
  it('invalid JSON: a clear error, not retried', async () => {
    server.faults.push({ match: () => true, respond: 'malformed' });
    const { c, waits } = client();
    const url = c.url('85984NED', 'DataProperties');
    await expect(c.getJson(url)).rejects.toThrow(`Ongeldige JSON van CBS op ${url}`);
    expect(waits).toEqual([]);
  });

  it('JSON without a value list', async () => {
    server.faults.push({ match: () => true, respond: { status: 200, body: '{"odata.metadata":"x"}' } });
    const { c } = client();
    await expect(c.getPage(c.url('85984NED', 'DataProperties'))).rejects.toThrow(/geen "value"-lijst/);
  });

  it('a nextLink pointing back at the same page stops the loop', async () => {
    const s = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: [{ ID: 1 }], 'odata.nextLink': `http://${req.headers.host}${req.url}` }));
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    try {
      const c = new CbsOdataClient({ baseUrl: `http://127.0.0.1:${(s.address() as AddressInfo).port}/ODataApi/odata` });
      await expect(c.getCollection(c.url('X', 'TypedDataSet'))).rejects.toThrow(/verwijst terug naar een eerdere pagina/);
    } finally {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });
});

describe('offline', () => {
  it('connection refused → "Geen verbinding met CBS (…)" at once, no retries', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const waits: number[] = [];
    const c = new CbsOdataClient({ baseUrl: `http://127.0.0.1:${port}/ODataApi/odata`, sleep: async (ms) => void waits.push(ms) });
    const err = await failure(c.getJson(c.url('85984NED', 'TableInfos')));
    expect(err).toBeInstanceOf(CbsOfflineError);
    expect(err.message).toMatch(new RegExp(`^Geen verbinding met CBS \\(127\\.0\\.0\\.1:${port}\\): ECONNREFUSED`));
    expect(waits).toEqual([]);
  });

  it('unknown host (ENOTFOUND, as fetch reports it) → message names opendata.cbs.nl', async () => {
    const fakeFetch = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND opendata.cbs.nl'), { code: 'ENOTFOUND' }) });
    }) as typeof fetch;
    const c = new CbsOdataClient({ fetch: fakeFetch });
    await expect(c.getJson(c.url('85984NED', 'TableInfos'))).rejects.toThrow(
      /^Geen verbinding met CBS \(opendata\.cbs\.nl\): ENOTFOUND\. .*URL: https:\/\/opendata\.cbs\.nl\/ODataApi\/odata\/85984NED\/TableInfos$/,
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
