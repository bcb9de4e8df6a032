// DuckDB-wasm 1.28 (the browser's engine) running in Node, for tests that check the browser's
// SQL on the browser's engine without a browser.
import { createRequire } from 'node:module';
import path from 'node:path';
import { plain, viewSql, type Db, type Row } from '../src/lib/db';

const require = createRequire(import.meta.url);

/** kind 'TABLE' loads the files into memory as the browser does; 'VIEW' reads them per query. */
export async function openWasmDb(dataDir = path.resolve('public/data'), kind: 'VIEW' | 'TABLE' = 'VIEW'): Promise<Db & { close(): void }> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  for (const sql of viewSql((t) => path.join(dataDir, `${t}.parquet`), kind)) conn.query(sql);
  return {
    async query<T = Row>(sql: string): Promise<T[]> {
      return conn.query(sql).toArray().map((r: { toJSON(): Row }) => plain<T>(r.toJSON()));
    },
    close: () => conn.close(),
  };
}
