// The one interface views and the build use to ask DuckDB for rows. Node (@duckdb/node-api) and
// the browser (DuckDB-wasm) each implement it, so the same SQL in queries.ts serves both.

export type Row = Record<string, unknown>;

export interface Db {
  query<T = Row>(sql: string): Promise<T[]>;
}

/** The Parquet files the site publishes under public/data/. */
export const TABLES = ['areas', 'observations', 'indicators', 'scores'] as const;
export type Table = (typeof TABLES)[number];

/** Quote a string literal for SQL; queries never paste user input unquoted. */
export function sqlString(s: string): string {
  return `'${String(s).replaceAll("'", "''")}'`;
}

/**
 * Relations named after the tables, over Parquet files at the given locations: views (Node reads
 * local files), or in-memory tables (the browser reads the small files once instead of issuing
 * HTTP range requests for every query).
 */
export function viewSql(location: (table: Table) => string, kind: 'VIEW' | 'TABLE' = 'VIEW', tables: readonly Table[] = TABLES): string[] {
  return tables.map((t) => `CREATE OR REPLACE ${kind} ${t} AS SELECT * FROM read_parquet(${sqlString(location(t))})`);
}

/** DuckDB may return BIGINT as bigint (node) or as numbers wrapped differently (wasm): normalise. */
export function plain<T>(row: Row): T {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (v && typeof v === 'object' && 'toArray' in v && typeof (v as { toArray: unknown }).toArray === 'function') {
      out[k] = Array.from((v as { toArray(): unknown[] }).toArray(), (x) => (typeof x === 'bigint' ? Number(x) : x));
    } else out[k] = v;
  }
  return out as T;
}
