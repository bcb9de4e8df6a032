// DuckDB in Node for the build and for prerendering pages. Never imported by browser code.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { plain, viewSql, type Db, type Row } from '../lib/db';
import { dataDir as defaultDataDir } from './data-dir';

export class NodeDb implements Db {
  private constructor(readonly connection: DuckDBConnection) {}

  static async open(): Promise<NodeDb> {
    const instance = await DuckDBInstance.create(':memory:');
    return new NodeDb(await instance.connect());
  }

  /** A connection with views over the published Parquet in dataDir (default public/data). */
  static async forData(dataDir = defaultDataDir()): Promise<NodeDb> {
    const db = await NodeDb.open();
    for (const sql of viewSql((t) => path.join(dataDir, `${t}.parquet`))) await db.run(sql);
    return db;
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async query<T = Row>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => plain<T>(r as Row));
  }

  close(): void {
    this.connection.closeSync();
  }
}

let shared: Promise<NodeDb> | undefined;
/** One connection per build process for all prerendered pages. */
export function dataDb(): Promise<NodeDb> {
  shared ??= NodeDb.forData();
  return shared;
}
