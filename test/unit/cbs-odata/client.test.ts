// The HTTP client against the local look-alike of CBS's services: the Feed and its nextLinks, the
// capped ODataApi's permanent 500, the $skip fallback, retries, Retry-After, time-out, bad JSON,
// offline. Waits are recorded through an injected sleep, so nothing here actually waits long.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CbsLimitError, CbsOdataClient, CbsOdataError, CbsOfflineError, parseRetryAfter, readStoredPages } from '../../../scripts/cbs-odata-client.ts';
import { kwbTable } from './fixtures.ts';
import { startOdataServer, type OdataServer } from './odata-server.ts';

let server: OdataServer;
let tmp: string;
beforeAll(async () => {
  server = await startOdataServer({ '85984NED': kwbTable() }, { pageSize: 4, apiLimit: 8 });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-client-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  server.requests.length = 0;
  server.rawRequests.length = 0;
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

/** A one-off server that answers every request with `answer(url, n)` (n counts from 1). */
async function scripted(answer: (url: string, n: number, host: string) => unknown) {
  const seen: string[] = [];
  const s = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer(req.url ?? '', seen.length, `http://${req.headers.host}`)));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    root: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }),
  };
}

describe('URLs: always the Feed, $format=json on the first request', () => {
  it('builds <root>/ODataFeed/odata/<table>/<endpoint>?$format=json&… and the catalogue URL', () => {
    const c = new CbsOdataClient({ baseUrl: 'https://opendata.cbs.nl/' });
    expect(c.url('85984NED', 'TableInfos')).toBe('https://opendata.cbs.nl/ODataFeed/odata/85984NED/TableInfos?$format=json');
    expect(c.url('85984NED', 'TypedDataSet', { $filter: "Perioden eq '2024JJ00'" })).toBe(
      'https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$format=json&$filter=Perioden%20eq%20\'2024JJ00\'',
    );
    expect(new CbsOdataClient({ baseUrl: 'https://dataderden.cbs.nl' }).catalogUrl({ $select: 'Identifier,Catalog' })).toBe(
      'https://dataderden.cbs.nl/ODataCatalog/Tables?$format=json&$select=Identifier%2CCatalog',
    );
  });

  it('refuses a base URL that already names a service (the capped ODataApi included)', () => {
    expect(() => new CbsOdataClient({ baseUrl: 'https://opendata.cbs.nl/ODataApi/odata' })).toThrow(/wortel van de CBS-dienst.*zonder \/ODataApi/);
    expect(() => new CbsOdataClient({ baseUrl: 'https://opendata.cbs.nl/ODataFeed/odata' })).toThrow(/zonder \/ODataApi, \/ODataFeed/);
  });
});

describe('paging on the Feed', () => {
  it('follows odata.nextLink until the last page and merges the rows', async () => {
    const { c } = client();
    const r = await c.getCollection(c.url('85984NED', 'WijkenEnBuurten'));
    expect(r.rows).toHaveLength(15);
    expect(r.pages).toBe(4);
    expect(server.requests).toEqual([
      '/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json',
      '/ODataFeed/OData/85984NED/WijkenEnBuurten?$format=json&$skip=4',
      '/ODataFeed/OData/85984NED/WijkenEnBuurten?$format=json&$skip=8',
      '/ODataFeed/OData/85984NED/WijkenEnBuurten?$format=json&$skip=12',
    ]);
    expect((r.rows as { Key: string }[]).map((x) => x.Key.trim()).slice(0, 2)).toEqual(['NL00', 'GM0599']);
  });

  it('requests each nextLink exactly as CBS spelled it: $format and $filter once, nothing re-added', async () => {
    const { c } = client();
    const filter = "substringof('WK0599',WijkenEnBuurten) or WijkenEnBuurten eq 'GM0599    ' or startswith(WijkenEnBuurten,'BU0599')";
    const r = await c.getCollection(c.url('85984NED', 'TypedDataSet', { $filter: filter }));
    expect((r.rows as { WijkenEnBuurten: string }[]).map((x) => x.WijkenEnBuurten.trim())).toEqual(['GM0599', 'WK059901', 'BU05990110', 'BU05990111', 'WK059903', 'BU05990320']);
    // CBS writes ( ) ' as %28 %29 %27 and spaces as %20; the second request carries that spelling unchanged.
    const cbsSpelling = encodeURIComponent(filter).replace(/[()']/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
    expect(server.rawRequests[1]).toBe(`/ODataFeed/OData/85984NED/TypedDataSet?$format=json&$filter=${cbsSpelling}&$skip=4`);
    expect(server.rawRequests.every((u) => (u.match(/\$format=/g) ?? []).length === 1 && (u.match(/\$filter=/g) ?? []).length === 1)).toBe(true);
  });

  it('a nextLink with odd spelling is not normalised (no re-encoding, no added options)', async () => {
    // fetch itself escapes a bare quote; '+', '(' and '$' it leaves alone, and so must we.
    const odd = '/ODataFeed/OData/X/TypedDataSet?$format=json&$filter=(Perioden+eq+%272024JJ00%27)&$skip=1';
    const s = await scripted((url, n, host) => (n === 1 ? { value: [{ ID: 0 }], 'odata.nextLink': `${host}${odd}` } : { value: [{ ID: 1 }] }));
    try {
      const c = new CbsOdataClient({ baseUrl: s.root });
      await c.getCollection(c.url('X', 'TypedDataSet'));
      expect(s.seen).toEqual(['/ODataFeed/odata/X/TypedDataSet?$format=json', odd]);
    } finally {
      await s.close();
    }
  });

  it('without nextLink, continues with $skip while pages are full', async () => {
    const s = await startOdataServer({ '85984NED': kwbTable() }, { pageSize: 5, nextLink: false });
    try {
      const c = new CbsOdataClient({ baseUrl: s.baseUrl, pageRows: 5 });
      const r = await c.getCollection(c.url('85984NED', 'WijkenEnBuurten'));
      expect(r.rows).toHaveLength(15);
      // 5 + 5 + 5, then an empty page says "done"
      expect(s.requests).toEqual([
        '/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json',
        '/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json&$skip=5',
        '/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json&$skip=10',
        '/ODataFeed/odata/85984NED/WijkenEnBuurten?$format=json&$skip=15',
      ]);
    } finally {
      await s.close();
    }
  });

  it('the $skip fallback stops when a page starts with the same row as the one before (server ignores $skip)', async () => {
    const s = await startOdataServer({ '85984NED': kwbTable() }, { pageSize: 5, nextLink: false, ignoreSkip: true });
    try {
      const c = new CbsOdataClient({ baseUrl: s.baseUrl, pageRows: 5 });
      const err = await failure(c.getCollection(c.url('85984NED', 'WijkenEnBuurten')));
      expect(err.message).toMatch(/dezelfde eerste rij als op de vorige pagina: de server negeert \$skip/);
      expect(s.requests).toHaveLength(2);
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
    expect(server.requests).toEqual(['/ODataFeed/OData/85984NED/WijkenEnBuurten?$format=json&$skip=8', '/ODataFeed/OData/85984NED/WijkenEnBuurten?$format=json&$skip=12']);
  });
});

describe('the capped ODataApi (what the look-alike does, and how the client takes its 500)', () => {
  it('the look-alike API never pages and refuses more than its cap with HTTP 500', async () => {
    const small = await fetch(`${server.baseUrl}/ODataApi/odata/85984NED/TableInfos?$format=json`).then((r) => r.json());
    expect(small['odata.nextLink']).toBeUndefined();
    const big = await fetch(`${server.baseUrl}/ODataApi/odata/85984NED/WijkenEnBuurten?$format=json`);
    expect(big.status).toBe(500);
    expect(JSON.stringify(await big.json())).toMatch(/query returns more than 8 records/);
  });

  it('the over-limit 500 fails at once with a hint; no retries', async () => {
    const { c, waits } = client();
    const url = `${server.baseUrl}/ODataApi/odata/85984NED/WijkenEnBuurten?$format=json`;
    const err = await failure(c.getJson(url));
    expect(err).toBeInstanceOf(CbsLimitError);
    expect(err.message).toMatch(/query returns more than 8 records \(HTTP 500, blijvend; niet herhaald\).*hoogstens 10\.000 cellen.*via de Feed \(\/ODataFeed\/odata/);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('CBS’s own wording (…more than 10000 records) is recognised too; another 500 is still retried', async () => {
    server.faults.push({ match: (e) => e.endsWith('/TableInfos'), respond: { status: 500, body: JSON.stringify({ 'odata.error': { message: { value: 'query returns more than 10000 records' } } }) } });
    const { c, waits } = client();
    await expect(c.getJson(c.url('85984NED', 'TableInfos'))).rejects.toBeInstanceOf(CbsLimitError);
    server.faults.push({ match: (e) => e.endsWith('/TableInfos'), respond: { status: 500 } });
    await c.getJson(c.url('85984NED', 'TableInfos'));
    expect(waits).toEqual([10]);
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

  it('without $format=json the Feed answers Atom XML, which is not JSON', async () => {
    const { c } = client();
    await expect(c.getJson(`${server.baseUrl}/ODataFeed/odata/85984NED/TableInfos`)).rejects.toThrow(/Ongeldige JSON .*antwoord begint met "<\?xml/);
  });

  it('a query option given twice (a nextLink with options re-added) is refused by the look-alike, like WCF does', async () => {
    const { c } = client();
    await expect(c.getJson(`${c.url('85984NED', 'TableInfos')}&$format=json`)).rejects.toThrow(/HTTP 400 .*Query option '\$format' was specified more than once/);
  });

  it('JSON without a value list', async () => {
    server.faults.push({ match: () => true, respond: { status: 200, body: '{"odata.metadata":"x"}' } });
    const { c } = client();
    await expect(c.getPage(c.url('85984NED', 'DataProperties'))).rejects.toThrow(/geen "value"-lijst/);
  });

  it('a nextLink pointing back at the same page stops the loop', async () => {
    let id = 0;
    const s = await scripted((url, _n, host) => ({ value: [{ ID: id++ }], 'odata.nextLink': `${host}${url}` }));
    try {
      const c = new CbsOdataClient({ baseUrl: s.root });
      await expect(c.getCollection(c.url('X', 'TypedDataSet'))).rejects.toThrow(/verwijst terug naar een eerdere pagina/);
    } finally {
      await s.close();
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
    const c = new CbsOdataClient({ baseUrl: `http://127.0.0.1:${port}`, sleep: async (ms) => void waits.push(ms) });
    const err = await failure(c.getJson(c.url('85984NED', 'TableInfos')));
    expect(err).toBeInstanceOf(CbsOfflineError);
    expect(err.message).toMatch(new RegExp(`^Geen verbinding met CBS \\(127\\.0\\.0\\.1:${port}\\): ECONNREFUSED`));
    expect(waits).toEqual([]);
  });

  it('unknown host (ENOTFOUND, as fetch reports it) → message names opendata.cbs.nl and the Feed URL', async () => {
    const fakeFetch = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND opendata.cbs.nl'), { code: 'ENOTFOUND' }) });
    }) as typeof fetch;
    const c = new CbsOdataClient({ fetch: fakeFetch });
    await expect(c.getJson(c.url('85984NED', 'TableInfos'))).rejects.toThrow(
      /^Geen verbinding met CBS \(opendata\.cbs\.nl\): ENOTFOUND\. .*URL: https:\/\/opendata\.cbs\.nl\/ODataFeed\/odata\/85984NED\/TableInfos\?\$format=json$/,
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
