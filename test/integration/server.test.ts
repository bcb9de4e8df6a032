// The static server (scripts/tools/serve.ts) as `npm run serve` runs it: a child process on a small
// fixture site in a temp folder, published with the build's own atomic swap (scripts/tools/dist-swap.ts).
// Hostile requests (reversed, malformed and unsatisfiable ranges, traversal, dotfiles, bad
// escapes, other methods) must get a proper answer and leave the process serving; headers and
// Accept-Encoding are checked on raw responses; a series of swaps while requests are in flight
// must fail none of them. Expected bodies are slices of the fixture bytes written here.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildsDirOf, newBuildDir, publishBuildDir } from '../../scripts/tools/dist-swap';
import { loadRun } from '../../scripts/tools/load';
import { planStart } from '../../scripts/tools/start';

const ROOT = path.resolve(__dirname, '../..');
const PARQUET = crypto.randomBytes(10_000);
const INDEX = Buffer.from(`<!doctype html><html lang="nl"><title>Start</title><p>${'Wijkbeeld Rotterdam. '.repeat(200)}</p></html>`);
const NOT_FOUND = Buffer.from('<!doctype html><html lang="nl"><title>Niet gevonden</title><p>Deze pagina bestaat niet.</p></html>');
const WIJK = Buffer.from('<!doctype html><title>Wijk</title><p>Afrikaanderwijk</p>');
const APP_JS = Buffer.from(`export const x = ${JSON.stringify('a'.repeat(3000))};`);
const EMBED = Buffer.from('<!doctype html><title>Kaart</title><p>Ingebed</p>');

let work: string;
let dist: string;
let server: ChildProcess;
let port: number;
let stderr = '';

function writeTree(dir: string, files: Record<string, Buffer | string>): void {
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
}

/** A build folder published the way scripts/tools/build.ts does it. */
function publish(files: Record<string, Buffer | string>): string {
  const dir = newBuildDir(dist);
  writeTree(dir, files);
  return publishBuildDir(dir, dist);
}

function baseSite(): Record<string, Buffer | string> {
  return {
    'index.html': INDEX,
    'index.html.br': zlib.brotliCompressSync(INDEX),
    'index.html.gz': zlib.gzipSync(INDEX),
    '404.html': NOT_FOUND,
    'wijk/BU05991086/index.html': WIJK,
    'data/observations.parquet': PARQUET,
    'data/empty.parquet': Buffer.alloc(0),
    '_astro/app.Ab12Cd.js': APP_JS,
    '_astro/app.Ab12Cd.js.gz': zlib.gzipSync(APP_JS),
    'embed/kaart/index.html': EMBED,
    '.env': 'SECRET=1',
    '.git/config': '[core]',
  };
}

/** Starts `scripts/tools/serve.ts --dir DIR` as its own process; resolves with the port it printed. */
function startServer(dir: string, env: Record<string, string> = { PORT: '0' }): Promise<{ child: ChildProcess; port: number; out: () => string; err: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/tools/serve.ts', '--dir', dir], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve({ child, port: Number(m[1]), out: () => out, err: () => err });
    });
    child.on('exit', (code) => reject(Object.assign(new Error(`server exited ${code}: ${err}`), { code, out, err })));
  });
}

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One request over a fresh socket, bytes exactly as given (no client-side URL clean-up). */
function raw(target: string, headers: Record<string, string> = {}, method = 'GET', p = port): Promise<Raw> {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return new Promise((resolve, reject) => {
    const sock = net.connect(p, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.setTimeout(10_000, () => sock.destroy(new Error(`timeout ${target}`)));
    sock.on('data', (c) => chunks.push(c));
    // The server may answer and close before it read everything we sent (431): keep what came.
    sock.on('error', (e) => {
      if (!Buffer.concat(chunks).includes('\r\n\r\n')) reject(e);
    });
    sock.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no response to ${method} ${target}: ${JSON.stringify(all.toString())}`));
      const [statusLine, ...hs] = all.subarray(0, end).toString('latin1').split('\r\n');
      const h: Record<string, string> = {};
      for (const line of hs) {
        const i = line.indexOf(':');
        const k = line.slice(0, i).trim().toLowerCase();
        h[k] = h[k] === undefined ? line.slice(i + 1).trim() : `${h[k]}, ${line.slice(i + 1).trim()}`;
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers: h, body: all.subarray(end + 4) });
    });
    sock.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

async function stillServing(): Promise<void> {
  expect(server.exitCode).toBeNull();
  const r = await raw('/');
  expect(r.status).toBe(200);
  expect(r.body.equals(INDEX)).toBe(true);
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-server-'));
  dist = path.join(work, 'dist');
  publish(baseSite());
  const s = await startServer(dist);
  server = s.child;
  port = s.port;
  server.stderr!.on('data', (d) => (stderr += d));
});

afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
});

describe('byte ranges (DuckDB-wasm reads Parquet this way)', () => {
  const P = '/data/observations.parquet';
  const N = PARQUET.length;

  it('a reversed range gets 416 and the server keeps serving', async () => {
    const a = await raw(P, { Range: 'bytes=50-10' });
    expect(a.status).toBe(416);
    expect(a.headers['content-range']).toBe(`bytes */${N}`);
    const b = await raw('/', { Range: 'bytes=5-1' });
    expect(b.status).toBe(416);
    expect(b.headers['content-range']).toBe(`bytes */${INDEX.length}`);
    await stillServing();
  });

  it('a suffix range returns the last bytes, the whole file when longer than the file', async () => {
    const r = await raw(P, { Range: 'bytes=-100' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes ${N - 100}-${N - 1}/${N}`);
    expect(r.headers['content-length']).toBe('100');
    expect(r.body.equals(PARQUET.subarray(N - 100))).toBe(true);
    const whole = await raw(P, { Range: `bytes=-${N * 3}` });
    expect(whole.status).toBe(206);
    expect(whole.headers['content-range']).toBe(`bytes 0-${N - 1}/${N}`);
    expect(whole.body.equals(PARQUET)).toBe(true);
  });

  it('ordinary ranges: first bytes, open end, end past the file', async () => {
    const a = await raw(P, { Range: 'bytes=0-99' });
    expect([a.status, a.headers['content-range']]).toEqual([206, `bytes 0-99/${N}`]);
    expect(a.body.equals(PARQUET.subarray(0, 100))).toBe(true);
    const b = await raw(P, { Range: `bytes=${N - 1}-` });
    expect([b.status, b.body.length, b.body[0]]).toEqual([206, 1, PARQUET[N - 1]]);
    const c = await raw(P, { Range: 'bytes=4000-99999999999999999999999' });
    expect(c.headers['content-range']).toBe(`bytes 4000-${N - 1}/${N}`);
    expect(c.body.equals(PARQUET.subarray(4000))).toBe(true);
  });

  it.each([
    ['bytes=-0', 416],
    [`bytes=${PARQUET.length}-`, 416],
    [`bytes=${PARQUET.length + 5}-${PARQUET.length + 10}`, 416],
    ['bytes=50-10, 60-20', 416],
  ])('unsatisfiable %s → %i with Content-Range */size', async (range, status) => {
    const r = await raw(P, { Range: range });
    expect(r.status).toBe(status);
    expect(r.headers['content-range']).toBe(`bytes */${N}`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  const manyRanges = `bytes=${Array.from({ length: 800 }, (_, i) => `${2 * i}-${2 * i}`).join(',')}`;
  it.each([
    ...['bytes=abc', 'bytes=', 'bytes=1-2-3', 'bytes=--5', 'bytes=0x10-0x20', 'items=0-5', 'bytes 0-5', 'bytes=0-0,-1'].map((r) => [r, r]),
    ['800 single-byte ranges', manyRanges],
  ])(
    'malformed or multiple ranges are ignored: %s → 200, whole file',
    async (_, range) => {
      const r = await raw(P, { Range: range });
      expect(r.status).toBe(200);
      expect(r.body.equals(PARQUET)).toBe(true);
    },
  );

  it('any range on an empty file is unsatisfiable', async () => {
    for (const range of ['bytes=0-', 'bytes=-100', 'bytes=0-0']) {
      const r = await raw('/data/empty.parquet', { Range: range });
      expect(r.status, range).toBe(416);
    }
    expect((await raw('/data/empty.parquet')).status).toBe(200);
  });

  it('If-Range with another validator gives the whole file; with the current ETag the range', async () => {
    const etag = (await raw(P, {}, 'HEAD')).headers.etag!;
    expect(etag).toBeTruthy();
    const stale = await raw(P, { Range: 'bytes=0-9', 'If-Range': '"nope"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(PARQUET)).toBe(true);
    const fresh = await raw(P, { Range: 'bytes=0-9', 'If-Range': etag });
    // send compares validators literally; a weak ETag may not be used for If-Range (RFC 9110
    // §13.1.5), so either answer is allowed here as long as it is a correct one.
    if (fresh.status === 206) expect(fresh.body.equals(PARQUET.subarray(0, 10))).toBe(true);
    else expect(fresh.body.equals(PARQUET)).toBe(true);
    await stillServing();
  });
});

describe('headers on every response', () => {
  it('Parquet, wasm-free fixture types and caching', async () => {
    const pq = await raw('/data/observations.parquet', {}, 'HEAD');
    expect(pq.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(pq.headers['accept-ranges']).toBe('bytes');
    expect(pq.headers['content-length']).toBe(String(PARQUET.length));
    expect(pq.headers['cache-control']).toBe('no-cache');
    const js = await raw('/_astro/app.Ab12Cd.js', {}, 'HEAD');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await raw('/wijk/BU05991086/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.equals(WIJK)).toBe(true);
  });

  it.each([
    ['/', 'GET', 200],
    ['/data/observations.parquet', 'GET', 200],
    ['/bestaat-niet/', 'GET', 404],
    ['/.env', 'GET', 404],
    ['/', 'POST', 405],
    ['/%zz', 'GET', 400],
    ['/wijk/BU05991086', 'GET', 301],
  ])('%s %s → %i carries nosniff, Referrer-Policy and frame-ancestors self', async (target, method, status) => {
    const r = await raw(target, {}, method);
    expect(r.status).toBe(status);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(r.headers['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('only /embed/ pages may be framed elsewhere', async () => {
    const r = await raw('/embed/kaart/');
    expect(r.status).toBe(200);
    expect(r.body.equals(EMBED)).toBe(true);
    expect(r.headers['content-security-policy']).toBe('frame-ancestors *');
    expect(r.headers['x-frame-options']).toBeUndefined();
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the 404 is our page, with status 404 (also for HEAD, without a body)', async () => {
    const r = await raw('/wijk/BU99999999/');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body.equals(NOT_FOUND)).toBe(true);
    const h = await raw('/wijk/BU99999999/', {}, 'HEAD');
    expect([h.status, h.body.length, h.headers['content-length']]).toEqual([404, 0, String(NOT_FOUND.length)]);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'])('%s → 405 with Allow', async (method) => {
    const r = await raw('/', { 'Content-Length': '0' }, method);
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });
});

describe('Accept-Encoding', () => {
  const decode = (r: Raw) =>
    r.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(r.body) : r.body;

  it.each([
    [undefined, undefined],
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['BR;Q=1.0', 'br'],
    ['gzip;q=0, br;q=0', undefined],
    ['*', 'br'],
    ['*;q=0, identity', undefined],
    ['gzip;q=0.5, identity', undefined],
    ['br;q=2', undefined],
    ['', undefined],
  ])('%j → %s, same page after decoding', async (ae, expected) => {
    const r = await raw('/', ae === undefined ? {} : { 'Accept-Encoding': ae });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe(expected);
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(decode(r).equals(INDEX)).toBe(true);
  });

  it('a file with only a .gz copy is sent gzipped to a br+gzip client, plain to a br-only one', async () => {
    const a = await raw('/_astro/app.Ab12Cd.js', { 'Accept-Encoding': 'br, gzip' });
    expect(a.headers['content-encoding']).toBe('gzip');
    expect(decode(a).equals(APP_JS)).toBe(true);
    const b = await raw('/_astro/app.Ab12Cd.js', { 'Accept-Encoding': 'br' });
    expect(b.headers['content-encoding']).toBeUndefined();
    expect(b.body.equals(APP_JS)).toBe(true);
  });
});

describe('paths that must not reach the disk', () => {
  it.each([
    ['/../../../../etc/passwd', [404]],
    ['/%2e%2e/%2e%2e/%2e%2e/etc/passwd', [404]],
    ['/..%2f..%2f..%2fetc%2fpasswd', [404]],
    ['/%252e%252e/%252e%252e/etc/passwd', [404]],
    ['/data/..%5c..%5cpackage.json', [404]],
    ['/.env', [404]],
    ['/%2eenv', [404]],
    ['/.git/config', [404]],
    ['/.dist/', [404]],
    ['/index.html%00.parquet', [400]],
    ['/%E0%A4%A', [400]],
    ['/%', [400]],
    ['*', [400]],
    ['http://127.0.0.1/../etc/passwd', [404]],
  ])('%s → %j', async (target, statuses) => {
    const r = await raw(target);
    expect(statuses).toContain(r.status);
    expect(r.body.includes('root:')).toBe(false);
    expect(r.body.includes('SECRET')).toBe(false);
  });

  it('a folder without slash redirects to the slash form on this site only', async () => {
    const a = await raw('/wijk/BU05991086?jaar=2016');
    expect([a.status, a.headers.location]).toEqual([301, '/wijk/BU05991086/?jaar=2016']);
    const b = await raw('//wijk//BU05991086');
    expect([b.status, b.headers.location]).toEqual([301, '/wijk/BU05991086/']);
    const c = await raw('/embed');
    expect(c.headers.location).toBe('/embed/');
  });

  it('a file asked for as a folder is not found', async () => {
    expect((await raw('/data/observations.parquet/')).status).toBe(404);
    expect((await raw('/index.html/x')).status).toBe(404);
  });

  it('an oversized request header gets 431 and the server goes on', async () => {
    const r = await raw(`/${'a'.repeat(20_000)}`);
    expect(r.status).toBe(431);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    await stillServing();
  });

  it('nothing above ended the process or logged a crash', async () => {
    await stillServing();
    expect(stderr).not.toMatch(/Onverwachte fout|Serverfout|RangeError/);
  });
});

describe('a build published while requests are in flight', () => {
  /** Generation g of the site: every file's content and length change with g. */
  function generation(g: number): Record<string, Buffer> {
    const fill = (name: string, n: number) => Buffer.from(`${name} build ${g}\n`.repeat(n));
    const files: Record<string, Buffer> = {
      'index.html': INDEX,
      '404.html': NOT_FOUND,
      'wijk/BU05991086/index.html': fill('wijk', 20 + g),
      'data/observations.parquet': fill('parquet', 3000 + 97 * g),
      'data/big.bin': fill('groot', 150_000 + g),
    };
    files[`only-${g % 2 ? 'odd' : 'even'}.txt`] = fill('alleen', 5);
    return files;
  }

  it('fails no request, and then serves the new files, sizes and deletions', async () => {
    const published: Record<string, Buffer>[] = [];
    const pub = (g: number) => {
      published[g] = generation(g);
      publish(published[g]!);
    };
    pub(0);
    const failures: string[] = [];
    let done = 0;
    let stop = false;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 12 });
    const targets: { path: string; range?: string }[] = [
      { path: '/wijk/BU05991086/' },
      { path: '/data/observations.parquet' },
      { path: '/data/observations.parquet', range: 'bytes=-100' },
      { path: '/data/observations.parquet', range: 'bytes=1000-1999' },
      { path: '/data/big.bin' },
    ];
    const expectedFor = (t: (typeof targets)[number], file: Buffer): Buffer => {
      if (!t.range) return file;
      if (t.range.startsWith('bytes=-')) return file.subarray(file.length - 100);
      return file.subarray(1000, 2000);
    };
    const client = async (id: number) => {
      for (let i = 0; !stop; i++) {
        const t = targets[(id + i) % targets.length]!;
        try {
          const r = await new Promise<{ status: number; body: Buffer; length: string | undefined }>((resolve, reject) => {
            const req = http.get({ host: '127.0.0.1', port, path: t.path, agent, headers: t.range ? { Range: t.range } : {} }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c) => chunks.push(c));
              res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), length: res.headers['content-length'] }));
              res.on('error', reject);
            });
            req.on('error', reject);
          });
          const rel = t.path.replace(/^\//, '').replace(/\/$/, '/index.html');
          const ok = published.some((site) => site[rel] && r.body.equals(expectedFor(t, site[rel]!)));
          if (r.status !== (t.range ? 206 : 200) || !ok || Number(r.length) !== r.body.length) {
            failures.push(`${t.path} ${t.range ?? ''}: ${r.status}, ${r.body.length} bytes (Content-Length ${r.length})`);
          }
          done++;
        } catch (e) {
          failures.push(`${t.path} ${t.range ?? ''}: ${(e as Error).message}`);
        }
      }
    };
    const clients = Array.from({ length: 12 }, (_, i) => client(i));
    for (let g = 1; g <= 8; g++) {
      await new Promise((r) => setTimeout(r, 250));
      pub(g);
    }
    await new Promise((r) => setTimeout(r, 250));
    stop = true;
    await Promise.all(clients);
    agent.destroy();
    expect(failures).toEqual([]);
    expect(done).toBeGreaterThan(100);

    // The last generation (8) is what is served now: new lengths, its new file, no deleted one.
    const last = published[8]!;
    const pq = await raw('/data/observations.parquet');
    expect(pq.headers['content-length']).toBe(String(last['data/observations.parquet']!.length));
    expect(pq.body.equals(last['data/observations.parquet']!)).toBe(true);
    expect((await raw('/only-even.txt')).status).toBe(200);
    const gone = await raw('/only-odd.txt');
    expect(gone.status).toBe(404);
    expect(gone.body.equals(NOT_FOUND)).toBe(true);
    // dist is a symlink to the last build; only it and the one before it are kept.
    expect(fs.lstatSync(dist).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(buildsDirOf(dist)).length).toBe(2);
    expect(server.exitCode).toBeNull();

    publish(baseSite());
    await stillServing();
  });

  it('a plain dist/ folder from before is moved aside and replaced', async () => {
    const plainDist = path.join(work, 'plain', 'dist');
    writeTree(plainDist, { 'index.html': 'oud', '404.html': NOT_FOUND });
    const s = await startServer(plainDist);
    try {
      expect((await raw('/', {}, 'GET', s.port)).body.toString()).toBe('oud');
      const dir = newBuildDir(plainDist);
      writeTree(dir, { 'index.html': 'nieuw', '404.html': NOT_FOUND });
      publishBuildDir(dir, plainDist);
      expect((await raw('/', {}, 'GET', s.port)).body.toString()).toBe('nieuw');
      expect(fs.lstatSync(plainDist).isSymbolicLink()).toBe(true);
      expect(fs.readdirSync(buildsDirOf(plainDist)).sort()).toHaveLength(2);
    } finally {
      s.child.kill('SIGTERM');
    }
  });
});

describe('start-up', () => {
  it('a taken port is one Dutch line with the way out, exit code 1', async () => {
    const e = (await startServer(dist, { PORT: String(port) }).then(
      (s) => {
        s.child.kill('SIGTERM');
        return { code: 0, err: 'a second server started on a taken port' };
      },
      (err) => err,
    )) as { code: number; err: string };
    expect(e.code).toBe(1);
    expect(e.err.trim()).toBe(`Poort ${port} op 127.0.0.1 is al in gebruik (draait Wijkbeeld al?). Kies een andere poort: PORT=${port + 1} npm run serve`);
  });

  it('a PORT that is no number is named', async () => {
    const e = (await startServer(dist, { PORT: 'acht' }).then(
      (s) => {
        s.child.kill('SIGTERM');
        return { code: 0, err: 'started with PORT=acht' };
      },
      (err) => err,
    )) as { code: number; err: string };
    expect(e.code).toBe(1);
    expect(e.err.trim()).toBe('PORT=acht is geen poortnummer (0–65535). Bijvoorbeeld: PORT=4322 npm run serve');
  });

  const missing = new Error('Bronmap niet gevonden: /nergens');
  const state = { siteBuilt: true, siteStale: false, dataBuilt: true, dataStale: () => false };
  it.each([
    ['source, all fresh', { ...state, source: '/bron' }, { build: false }],
    ['source, data stale', { ...state, source: '/bron', dataStale: () => true }, { build: true, sourceDir: '/bron' }],
    ['no source, site built', { ...state, source: missing }, { build: false }],
    ['no source, site stale, data built', { ...state, source: missing, siteStale: true }, { build: true, sourceDir: null }],
    ['no source, no site, data built', { ...state, source: missing, siteBuilt: false, siteStale: true }, { build: true, sourceDir: null }],
    ['no source, no site, no data', { ...state, source: missing, siteBuilt: false, siteStale: true, dataBuilt: false }, { error: expect.stringContaining('geen build in dist/') }],
  ])('npm start plan: %s', (_, s, expected) => {
    expect(planStart(s)).toMatchObject(expected);
  });
});

describe('load run (npm run bench -- --load)', () => {
  it('counts every request, reports no errors on a healthy server', async () => {
    const r = await loadRun({ url: `http://127.0.0.1:${port}/data/observations.parquet`, connections: 10, requests: 300, seconds: 20 });
    expect(r.requests).toBe(300);
    expect(r.errors).toBe(0);
    expect(r.bytes).toBe(300 * PARQUET.length);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
    expect(r.rps).toBeGreaterThan(0);
  });

  it('counts error statuses', async () => {
    const r = await loadRun({ url: `http://127.0.0.1:${port}/bestaat-niet`, connections: 4, requests: 20, seconds: 20 });
    expect([r.requests, r.errors]).toEqual([20, 20]);
  });
});
