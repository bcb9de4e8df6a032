// scoresSql: areas that share one measured unit (a Wijkprofiel wijk spanning two CBS buurten)
// count once in mean, spread and peer count, and share one rank. Run on DuckDB 1.5 (Node, the
// build) and on DuckDB-wasm 1.28 (the browser's engine), over a tiny Parquet fixture.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresSql } from '../../../src/lib/queries';
import { NodeDb } from '../../../src/server/duckdb-node';
import { openWasmDb } from '../../wasm-db';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-scores-'));

// Five wijken; B and C are one Wijkprofiel wijk (unit WP1) with the same value 10.
const OBS = [
  ['BU0599000A', 2], ['BU0599000B', 10], ['BU0599000C', 10], ['BU0599000D', 4], ['BU0599000E', 6],
] as const;

beforeAll(async () => {
  const db = await NodeDb.open();
  const obs = OBS.map(([a, v]) => `('${a}', 'wp_si', 2016, 'wijkprofiel', ${v}, 'ok', NULL, ${a.endsWith('B') || a.endsWith('C') ? "'WP1'" : 'NULL'})`).join(', ');
  const areas = OBS.map(([a]) => `('${a}', '${a}', 'wijk', 'WK059900', [2016])`).join(', ');
  const tables = {
    observations: `SELECT * FROM (VALUES ${obs}) t(area, indicator, year, source, value, status, note, unit)`,
    areas: `SELECT * FROM (VALUES ${areas}) t(code, name, level, parent, years)`,
    indicators: `SELECT 'wp_si' AS id, 'Sociale index' AS label, 'index' AS unit, 'integer' AS format, 'score' AS scale, 'higher_better' AS direction, 'wijkprofiel' AS domain, NULL AS goal, NULL AS factor, false AS model`,
    scores: `SELECT 1 AS placeholder`,
  };
  for (const [t, sql] of Object.entries(tables)) await db.run(`COPY (${sql}) TO '${path.join(dir, `${t}.parquet`)}' (FORMAT PARQUET)`);
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Expected, by hand over the four units A=2, WP1=10, D=4, E=6: mean 5,5; population variance
// ((−3,5)² + 4,5² + (−1,5)² + 0,5²) / 4 = 35 / 4 = 8,75.
const sd = Math.sqrt(8.75);
const expected: Record<string, { score: number; rank: number }> = {
  BU0599000A: { score: (2 - 5.5) / sd, rank: 4 },
  BU0599000B: { score: (10 - 5.5) / sd, rank: 1 },
  BU0599000C: { score: (10 - 5.5) / sd, rank: 1 },
  BU0599000D: { score: (4 - 5.5) / sd, rank: 3 },
  BU0599000E: { score: (6 - 5.5) / sd, rank: 2 },
};

async function check(db: { query<T>(sql: string): Promise<T[]> }) {
  const rows = await db.query<{ area: string; score: number; rank: number; peers: number }>(`SELECT area, score, rank, peers FROM (${scoresSql()}) ORDER BY area`);
  expect(rows.map((r) => r.area)).toEqual(Object.keys(expected));
  for (const r of rows) {
    expect(r.score, r.area).toBeCloseTo(expected[r.area].score, 10);
    expect(r.rank, r.area).toBe(expected[r.area].rank);
    expect(r.peers, r.area).toBe(4);
  }
}

describe('scoresSql with a shared measured unit', () => {
  it('counts the merged wijk once on DuckDB 1.5 (build)', async () => {
    const db = await NodeDb.forData(dir);
    try {
      await check(db);
    } finally {
      db.close();
    }
  });
  it('gives the same on DuckDB-wasm 1.28 (browser engine)', async () => {
    const db = await openWasmDb(dir);
    try {
      await check(db);
    } finally {
      db.close();
    }
  });
});
