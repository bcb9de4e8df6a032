// Browser glue for DuckDB-wasm: loaded on demand (never before the first paint), self-hosted
// (Vite copies the worker and wasm into dist/_astro), with the site's Parquet files loaded into memory.
// The same Db interface as in Node, so src/lib/queries.ts runs unchanged here.
import { plain, viewSql, TABLES, type Db, type Row } from '../lib/db';

let ready: Promise<Db> | undefined;

/** A wasm download without any progress for this long counts as failed. */
const STALL_MS = 20_000;

/** Base URL of the site, from the page (set by the layout), so sub-path builds work. */
function dataUrl(file: string): string {
  const base = document.querySelector<HTMLElement>('[data-base]')?.dataset.base ?? '/';
  return new URL(`${base}data/${file}`, location.href).href;
}

/** Errors for the visitor: Dutch, without parentheses (callers put the message in a sentence). */
function loadError(what: string, cause: unknown): Error {
  const e = new Error(what, { cause });
  // The technical detail stays available to developers, not in the visitor's notice.
  console.warn(`DuckDB-wasm: ${what}:`, cause);
  return e;
}

/** Why a Parquet file could not be read: missing on the server, unreachable, or not Parquet. */
async function dataError(file: string, cause: unknown): Promise<Error> {
  let why = 'is beschadigd of onleesbaar';
  try {
    const r = await fetch(dataUrl(file), { method: 'HEAD', cache: 'no-store' });
    if (!r.ok) why = `ontbreekt op de server, HTTP-status ${r.status}`;
  } catch {
    why = 'kon niet worden opgehaald, controleer de internetverbinding';
  }
  return loadError(`het databestand ${file} ${why}`, cause);
}

async function open(): Promise<Db> {
  let duckdb: typeof import('@duckdb/duckdb-wasm');
  let wasmUrl: string;
  let workerUrl: string;
  try {
    duckdb = await import('@duckdb/duckdb-wasm');
    wasmUrl = (await import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url')).default;
    workerUrl = (await import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url')).default;
  } catch (e) {
    throw loadError('de database-software kon niet worden gedownload, controleer de internetverbinding', e);
  }
  const worker = new Worker(workerUrl);
  // An uncaught exception in DuckDB's worker arrives here only as an 'error' event on the Worker,
  // while DuckDB's pending promises never settle: turn the event into a rejection.
  const crashed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      reject(new Error(ev.message || 'worker error'));
    }),
  );
  crashed.catch(() => undefined);
  // A failed wasm download inside DuckDB's worker is an unhandled rejection there: no event here,
  // and instantiate() never settles. So watch it from the page: a HEAD request for the same file
  // fails at once when it is unreachable (offline, blocked, missing), and a download that makes no
  // progress for STALL_MS counts as failed.
  let progressAt = performance.now();
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    fetch(wasmUrl, { method: 'HEAD' }).then((r) => {
      if (!r.ok) reject(new Error(`HTTP-status ${r.status}`));
    }, reject);
    watchdog = setInterval(() => {
      if (performance.now() - progressAt > STALL_MS) reject(new Error(`${STALL_MS / 1000} s geen voortgang`));
    }, 1000);
  });
  stalled.catch(() => undefined);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await Promise.race([db.instantiate(wasmUrl, null, () => (progressAt = performance.now())), crashed, stalled]);
  } catch (e) {
    worker.terminate();
    // Plain words for visitors (no product names); the console keeps the technical cause.
    throw loadError('de rekenmodule in uw browser kon niet worden geladen, controleer de internetverbinding', e);
  } finally {
    clearInterval(watchdog);
  }
  for (const t of TABLES) {
    await db.registerFileURL(`${t}.parquet`, dataUrl(`${t}.parquet`), duckdb.DuckDBDataProtocol.HTTP, false);
  }
  const conn = await db.connect();
  // Fail here, with a clear message, if a Parquet file is missing or corrupt on the server:
  // loading each file into memory reads all of it once; later queries need no network.
  const tables = viewSql((t) => `${t}.parquet`, 'TABLE');
  for (const [i, t] of TABLES.entries()) {
    try {
      await Promise.race([conn.query(tables[i]!), crashed]);
    } catch (e) {
      worker.terminate();
      throw await dataError(`${t}.parquet`, e);
    }
  }
  return {
    async query<T = Row>(sql: string): Promise<T[]> {
      const table = await conn.query(sql);
      return table.toArray().map((r: { toJSON(): Row }) => plain<T>(r.toJSON()));
    },
  };
}

/** The one DuckDB-wasm instance of the page, started on the first call. */
export function getDb(): Promise<Db> {
  ready ??= open().catch((e) => {
    ready = undefined;
    throw e;
  });
  return ready;
}

/** After the load event, wait this long before idle preloading, so the first paint and the
 * page's own scripts go first (and a bench's "no wasm before the first chart" stays true). */
const IDLE_AFTER_MS = 800;

/**
 * Start loading DuckDB-wasm and the Parquet before they are needed, never before the first paint:
 * on the first sign of intent on one of `controls` (pointer over it, pointer down, focus), and when
 * the browser is idle after the page has loaded, unless the browser asks to save data
 * (navigator.connection.saveData). Failures here are silent: the control's own use reports them.
 */
export function preloadDb(controls: (Element | null)[]): void {
  const start = () => void getDb().catch(() => undefined);
  for (const el of controls) {
    if (!el) continue;
    for (const type of ['pointerenter', 'pointerdown', 'focus', 'touchstart']) el.addEventListener(type, start, { once: true, passive: true });
  }
  const conn = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  if (conn?.saveData) return;
  const whenIdle = () =>
    setTimeout(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 4000 });
      else start();
    }, IDLE_AFTER_MS);
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
