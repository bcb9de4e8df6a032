// What /data/ and /data/sql/ say about the published tables: columns and types (DESCRIBE on the
// Parquet), rows, years and file sizes, read at build time from public/data.
import fs from 'node:fs';
import path from 'node:path';
import { TABLES } from '../lib/db';
import { dataDb } from './duckdb-node';
import { dataDir as defaultDataDir } from './data-dir';

export interface PublishedTable {
  table: string;
  file: string;
  bytes: number;
  rows: number;
  columns: { name: string; type: string }[];
}

export async function publishedTables(dataDir = defaultDataDir()): Promise<PublishedTable[]> {
  const db = await dataDb();
  const out: PublishedTable[] = [];
  for (const t of TABLES) {
    const file = `${t}.parquet`;
    const cols = await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${t}`);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`);
    out.push({ table: t, file, bytes: fs.statSync(path.join(dataDir, file)).size, rows: n, columns: cols.map((c) => ({ name: c.column_name, type: c.column_type })) });
  }
  return out;
}
