// Browser glue for DuckDB-wasm: loaded on demand (never before the first paint), self-hosted
// (Vite copies the worker and wasm into dist/_astro), with views over the site's Parquet files.
// The same Db interface as in Node, so src/lib/queries.ts runs unchanged here.
import { plain, viewSql, TABLES, type Db, type Row } from '../lib/db';

let ready: Promise<Db> | undefined;

/** Base URL of the site, from the page (set by the layout), so sub-path builds work. */
function dataUrl(file: string): string {
  const base = document.querySelector<HTMLElement>('[data-base]')?.dataset.base ?? '/';
  return new URL(`${base}data/${file}`, location.href).href;
}

async function open(): Promise<Db> {
  const duckdb = await import('@duckdb/duckdb-wasm');
  const wasmUrl = (await import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url')).default;
  const workerUrl = (await import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url')).default;
  const worker = new Worker(workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(wasmUrl);
  for (const t of TABLES) {
    await db.registerFileURL(`${t}.parquet`, dataUrl(`${t}.parquet`), duckdb.DuckDBDataProtocol.HTTP, false);
  }
  const conn = await db.connect();
  for (const sql of viewSql((t) => `${t}.parquet`)) await conn.query(sql);
  // Fail here, with a clear message, if a Parquet file is missing or corrupt on the server.
  for (const t of TABLES) {
    try {
      await conn.query(`SELECT count(*) FROM ${t}`);
    } catch (e) {
      throw new Error(`Het databestand ${t}.parquet kon niet worden gelezen (${(e as Error).message.split('\n')[0]}).`);
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
