// The static server for dist/ (npm start, npm run serve, browser tests, bench), on 127.0.0.1 only.
//  - GET and HEAD only (405 otherwise); paths with `..`, dotfiles, NUL or bad %-escapes never reach
//    the disk (404 or 400).
//  - Files are looked up on every request, so a rebuilt dist/ is served as it is now. dist/ is
//    normally a symlink that scripts/tools/dist-swap.ts replaces atomically; it is resolved once per
//    request, so each response comes wholly from one build.
//  - Precompressed .br/.gz copies are chosen by Accept-Encoding with its q-values.
//  - `send` (pillarjs, used by Express) streams the file: ETag/Last-Modified, 304/412, If-Range and
//    single byte ranges (RFC 9110); unsatisfiable or reversed ranges get 416, malformed ones and
//    multiple ranges are ignored (whole file, 200). One gap in its parser is closed here: a suffix
//    range longer than the file means the whole file (RFC 9110 §14.1.2), not 416.
//  - Every response, errors included, carries nosniff, a Referrer-Policy and framing rules; only
//    /embed/ pages may be framed by other sites.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import send from 'send';
import { commandLine } from '../pipeline/cli';
import { COMPRESSIBLE, contentTypeOf } from './content-types';

const EMBED_PREFIX = '/embed/';
const VARIANTS = { br: '.br', gzip: '.gz' } as const;
type Coding = keyof typeof VARIANTS;

/**
 * Codings to try, best first, from an Accept-Encoding header (RFC 9110 §12.5.3): q=0 excludes a
 * coding, `*` covers codings not named, and a coding ranked below an explicitly weighted identity
 * is not used. Without the header, none (identity). Ties prefer br (smaller). When no acceptable
 * coding has a copy, the file goes out as it is (identity), even after `identity;q=0`.
 */
export function preferredEncodings(header: string | undefined): Coding[] {
  if (header === undefined) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (!coding || q.has(coding)) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*(\S*)\s*$/i.exec(p);
      if (m) weight = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(m[1]!) ? Number(m[1]) : 0;
    }
    q.set(coding, weight);
  }
  const star = q.get('*');
  // identity is always acceptable; it outranks a coding only when it is named (or `*` is) with a higher q.
  const identity = q.get('identity') ?? star ?? 0;
  const weightOf = (c: Coding) => q.get(c) ?? (c === 'gzip' ? q.get('x-gzip') : undefined) ?? star ?? 0;
  return (['br', 'gzip'] as Coding[])
    .filter((c) => weightOf(c) > 0 && weightOf(c) >= identity)
    .sort((a, b) => weightOf(b) - weightOf(a));
}

/** `bytes=-N` with N larger than the file selects the whole file (range-parser would answer 416). */
export function widenLongSuffixRanges(range: string, size: number): string {
  if (size <= 0) return range;
  return range.replace(/([=,]\s*)-\s*(\d+)(?=\s*(,|$))/g, (all, lead: string, n: string) => (Number(n) > size ? `${lead}0-` : all));
}

type Target = { kind: 'file'; segments: string[]; dirRequest: boolean; query: string } | { kind: 'bad' } | { kind: 'hidden' };

/** The request target as path segments, refusing anything that could leave the site folder. */
export function parseTarget(url: string | undefined): Target {
  if (!url) return { kind: 'bad' };
  let raw = url;
  // absolute-form (RFC 9112 §3.2.2), e.g. from a proxy-style client: use its path.
  if (/^https?:\/\//i.test(raw)) {
    try {
      const u = new URL(raw);
      raw = u.pathname + u.search;
    } catch {
      return { kind: 'bad' };
    }
  }
  if (!raw.startsWith('/')) return { kind: 'bad' };
  const q = raw.search(/[?#]/);
  const pathname = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 || raw[q] === '#' ? '' : raw.slice(q).split('#')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad' };
  }
  if (decoded.includes('\0')) return { kind: 'bad' };
  const segments = decoded.split('/').filter((s) => s !== '');
  // '.', '..', dotfiles and folders, and backslashes (a separator elsewhere) are never served.
  if (segments.some((s) => s.startsWith('.') || s.includes('\\'))) return { kind: 'hidden' };
  return { kind: 'file', segments, dirRequest: decoded.endsWith('/'), query };
}

// Look-ups are synchronous: on a local disk a stat of a cached inode takes microseconds, less than
// a round trip through libuv's thread pool, and it keeps the server's throughput near sirv's.
function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function realpathOrNull(dir: string): string | null {
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return null;
  }
}

/** dist/ as it is now. During the one-time move of a plain dist/ aside it is briefly absent. */
async function resolveRoot(dir: string): Promise<string | null> {
  for (let attempt = 0; ; attempt++) {
    const root = realpathOrNull(dir);
    if (root || attempt >= 5) return root;
    await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
  }
}

function securityHeaders(res: http.ServerResponse, pathname: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  // frame-ancestors only works as a header (not in the pages' CSP meta tag); this header policy
  // adds to that meta policy, it does not replace it.
  if (pathname.startsWith(EMBED_PREFIX)) res.setHeader('Content-Security-Policy', 'frame-ancestors *');
  else {
    res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  }
}

const CONTENT_HEADERS = ['Content-Type', 'Content-Encoding', 'Content-Length', 'Content-Range', 'ETag', 'Last-Modified', 'Cache-Control', 'Accept-Ranges', 'Vary'];

/** A short plain-text answer (errors, redirects); keeps the security headers already set. */
function plain(req: http.IncomingMessage, res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  for (const h of CONTENT_HEADERS) if (!(h in headers)) res.removeHeader(h);
  const body = Buffer.from(`${text}\n`);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function notFound(req: http.IncomingMessage, res: http.ServerResponse, root: string | null): Promise<void> {
  const page = root ? await fs.promises.readFile(path.join(root, '404.html')).catch(() => null) : null;
  if (!page) return plain(req, res, 404, 'Niet gevonden');
  for (const h of CONTENT_HEADERS) res.removeHeader(h);
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', page.length);
  res.setHeader('Cache-Control', 'no-cache');
  res.end(req.method === 'HEAD' ? undefined : page);
}

const encodePath = (segments: string[]) => `/${segments.map(encodeURIComponent).join('/')}`;

async function handle(dir: string, req: http.IncomingMessage, res: http.ServerResponse, retried = false): Promise<void> {
  const target = parseTarget(req.url);
  if (retried) for (const h of CONTENT_HEADERS) res.removeHeader(h);
  securityHeaders(res, target.kind === 'file' ? encodePath(target.segments) + (target.dirRequest ? '/' : '') : '/');
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(req, res, 405, 'Alleen GET en HEAD', { Allow: 'GET, HEAD' });
  if (target.kind === 'bad') return plain(req, res, 400, 'Ongeldig adres');

  const root = await resolveRoot(dir);
  if (!root) return plain(req, res, 503, 'De site is (nog) niet gebouwd', { 'Retry-After': '5' });
  if (target.kind === 'hidden') return notFound(req, res, root);

  let segments = target.segments;
  let st = statOrNull(path.join(root, ...segments));
  if (st?.isDirectory()) {
    if (!target.dirRequest) {
      // Pages live at /x/ (trailingSlash: 'always'); the Location is rebuilt from checked segments,
      // so it is always a path on this site.
      const loc = `${encodePath(segments)}/${target.query}`;
      return plain(req, res, 301, `Verplaatst naar ${loc}`, { Location: loc });
    }
    segments = [...segments, 'index.html'];
    st = statOrNull(path.join(root, ...segments));
  } else if (target.dirRequest) st = null;
  if (!st?.isFile()) {
    // Not in the build resolved above; if a newer build was published meanwhile, look there.
    if (!retried && (await resolveRoot(dir)) !== root) return handle(dir, req, res, true);
    return notFound(req, res, root);
  }

  const file = path.join(root, ...segments);
  const ext = path.extname(file).toLowerCase();
  let sendSegments = segments;
  let size = st.size;
  if (COMPRESSIBLE.has(ext)) {
    res.setHeader('Vary', 'Accept-Encoding');
    for (const coding of preferredEncodings(req.headers['accept-encoding'] as string | undefined)) {
      const v = statOrNull(file + VARIANTS[coding]);
      if (v?.isFile()) {
        res.setHeader('Content-Encoding', coding);
        sendSegments = [...segments.slice(0, -1), segments.at(-1)! + VARIANTS[coding]];
        size = v.size;
        break;
      }
    }
  }
  res.setHeader('Content-Type', contentTypeOf(ext));
  res.setHeader('Cache-Control', segments[0] === '_astro' ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (typeof req.headers.range === 'string') req.headers.range = widenLongSuffixRanges(req.headers.range, size);

  await new Promise<void>((resolve) => {
    const stream = send(req, encodePath(sendSegments), {
      root,
      index: false,
      dotfiles: 'ignore',
      etag: true,
      lastModified: true,
      cacheControl: false,
      acceptRanges: true,
    });
    stream.on('error', (err: { status?: number; statusCode?: number; headers?: Record<string, string> }) => {
      const status = err.status ?? err.statusCode ?? 500;
      if (res.headersSent) {
        res.destroy();
        return resolve();
      }
      // Found a moment ago but gone now: a build was published in between. Once more, on the new one.
      if (status === 404 && !retried) return void handle(dir, req, res, true).then(resolve, resolve);
      if (status === 404 || status === 403) return void notFound(req, res, root).then(resolve, resolve);
      if (status === 416) plain(req, res, 416, 'Dit bereik valt buiten het bestand', { 'Content-Range': `bytes */${size}`, ...err.headers });
      else if (status === 412) plain(req, res, 412, 'Voorwaarde niet vervuld');
      else if (status === 400) plain(req, res, 400, 'Ongeldig adres');
      else {
        console.error(`Fout bij ${req.url}: ${String(err)}`);
        plain(req, res, 500, 'Serverfout');
      }
      resolve();
    });
    stream.on('end', () => resolve());
    res.on('close', () => resolve());
    stream.pipe(res);
  });
}

export function createServer(dir: string): http.Server {
  const server = http.createServer((req, res) => {
    handle(dir, req, res).catch((e) => {
      // No request may end the process: log, answer 500 if still possible, else drop the socket.
      console.error(`Fout bij ${req.url}: ${(e as Error).stack ?? String(e)}`);
      if (res.headersSent) res.destroy();
      else plain(req, res, 500, 'Serverfout');
    });
  });
  // Malformed requests, oversized headers and header timeouts: Node's own answers, plus nosniff.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: import('node:net').Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    if (socket.bytesWritten === 0) {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n\r\n`);
    } else socket.destroy();
  });
  return server;
}

/** A listen failure in Dutch, with the way out (PORT=…). */
export class ListenError extends Error {}

function listenMessage(e: NodeJS.ErrnoException, host: string, port: number, command: string): string {
  if (e.code === 'EADDRINUSE') {
    return `Poort ${port} op ${host} is al in gebruik (draait Wijkbeeld al?). Kies een andere poort: PORT=${port === 65535 ? 4322 : port + 1} ${command}`;
  }
  if (e.code === 'EACCES') return `Geen toegang tot poort ${port} op ${host}. Kies een poort vanaf 1024: PORT=4321 ${command}`;
  return `Kan niet luisteren op ${host}:${port} (${e.code ?? e.message}). Kies een andere poort: PORT=4322 ${command}`;
}

export function portFromEnv(env = process.env, command = 'npm start'): number {
  const raw = env.PORT ?? '4321';
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535) throw new ListenError(`PORT=${raw} is geen poortnummer (0–65535). Bijvoorbeeld: PORT=4322 ${command}`);
  return port;
}

export function listen(dir: string, port = Number(process.env.PORT ?? 4321), host = '127.0.0.1', command = 'npm start'): Promise<{ server: http.Server; url: string }> {
  const server = createServer(dir);
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new ListenError(listenMessage(e, host, port, command), { cause: e })));
    server.listen(port, host, () => {
      const addr = server.address() as { port: number };
      resolve({ server, url: `http://${host}:${addr.port}/` });
    });
  });
}

/** For the command-line entries: a listen failure is one Dutch line, not a stack trace. */
export async function listenOrExit(dir: string, command: string): Promise<{ server: http.Server; url: string }> {
  try {
    return await listen(dir, portFromEnv(process.env, command), '127.0.0.1', command);
  } catch (e) {
    if (!(e instanceof ListenError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

/** Last line of defence for the long-running server: log and keep serving. */
export function keepServingOnErrors(): void {
  process.on('uncaughtException', (e) => console.error(`Onverwachte fout (server draait door): ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => console.error(`Onverwachte fout (server draait door): ${(e as Error)?.stack ?? e}`));
}

// npm run serve [-- --dir MAP]: serve an existing build without building.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = commandLine({ dir: { type: 'string', default: 'dist' } }, 'Gebruik: npm run serve -- [--dir MAP]');
  const dir = path.resolve(values.dir);
  keepServingOnErrors();
  const { url } = await listenOrExit(dir, 'npm run serve');
  console.log(`Wijkbeeld Rotterdam draait op ${url}`);
}
