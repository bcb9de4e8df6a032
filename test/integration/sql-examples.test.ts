// The SQL page's examples run on the browser's engine (DuckDB-wasm 1.28, tables in memory as in
// the browser) and on DuckDB 1.5 with the same rows; each answers with at least one row.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQL_EXAMPLES } from '../../src/lib/queries';
import { NodeDb } from '../../src/server/duckdb-node';
import { openWasmDb } from '../wasm-db';

let node: NodeDb;
let wasm: Awaited<ReturnType<typeof openWasmDb>>;
beforeAll(async () => {
  node = await NodeDb.forData(path.resolve('public/data'));
  wasm = await openWasmDb(path.resolve('public/data'), 'TABLE');
}, 60_000);
afterAll(() => {
  node?.close();
  wasm?.close();
});

describe('SQL page examples', () => {
  for (const ex of SQL_EXAMPLES) {
    it(`${ex.id}: same rows on wasm 1.28 and DuckDB 1.5`, async () => {
      const a = await wasm.query(ex.sql);
      const b = await node.query(ex.sql);
      expect(a.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
      expect(Object.values(a[0]).every((v) => v !== null), JSON.stringify(a[0])).toBe(true);
      console.log(ex.id, JSON.stringify(a[0]), a.length);
    });
  }
  it('bijstand-daling: the first row is the largest fall, checked with separate SQL', async () => {
    const rows = await node.query<{ name: string; d: number }>(`
      WITH p AS (SELECT area, max(CASE WHEN year = 2014 THEN value END) AS v, max(CASE WHEN year = 2024 THEN value END) AS n
                 FROM observations WHERE indicator = 'bijstand' AND status = 'ok' GROUP BY area)
      SELECT a.name, p.n - p.v AS d FROM p JOIN areas a ON a.code = p.area
      WHERE a.level = 'wijk' AND p.v IS NOT NULL AND p.n IS NOT NULL ORDER BY d LIMIT 1`);
    const ex = await wasm.query<{ wijk: string; verschil: number }>(SQL_EXAMPLES[0].sql);
    expect(ex[0].wijk).toBe(rows[0].name);
    expect(ex[0].verschil).toBeCloseTo(rows[0].d, 1);
  });
});
