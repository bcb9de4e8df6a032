// The data build runs scoresSql over every observation once. A join condition on one side only
// (`lv.level <> 'stadsdeel'` in the ON of the rank join) once made DuckDB plan a blockwise
// nested-loop join: every score row against every rank row, 4,7 s on the real data and ~4 min at
// 10× the areas (npm run bench -- --scale). This checks the plan instead of a time: every join in
// it must be a hash join, which grows with the rows, not with their square.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresSql } from '../../../src/lib/queries';
import { NodeDb } from '../../../src/server/duckdb-node';

let db: NodeDb;

beforeAll(async () => {
  db = await NodeDb.open();
  // Enough rows that the optimizer plans as for real data: 2 gebieden, 200 wijken, Zuid, the city.
  const areas = ["('GM0599', 'Rotterdam', 'gemeente', NULL, [2020])", "('ZUID', 'Zuid', 'stadsdeel', 'GM0599', [2020])"];
  const obs: string[] = [];
  for (let g = 1; g <= 2; g++) areas.push(`('WK05990${g}', 'G${g}', 'gebied', 'GM0599', [2020])`);
  for (let w = 0; w < 200; w++) areas.push(`('BU0599${String(1000 + w)}', 'W${w}', 'wijk', 'WK059901', [2020])`);
  for (const a of areas) {
    const code = a.slice(2, a.indexOf("'", 2));
    for (const ind of ['hoog', 'laag']) obs.push(`('${code}', '${ind}', 2020, 't', ${(code.length * 7 + ind.length) % 13}, 'ok', NULL, NULL)`);
  }
  await db.run(`CREATE TABLE observations (area VARCHAR, indicator VARCHAR, year INTEGER, source VARCHAR, value DOUBLE, status VARCHAR, note VARCHAR, unit VARCHAR)`);
  await db.run(`INSERT INTO observations VALUES ${obs.join(', ')}`);
  await db.run(`CREATE TABLE areas (code VARCHAR, name VARCHAR, level VARCHAR, parent VARCHAR, years INTEGER[])`);
  await db.run(`INSERT INTO areas VALUES ${areas.join(', ')}`);
  await db.run(`CREATE TABLE indicators (id VARCHAR, direction VARCHAR)`);
  await db.run(`INSERT INTO indicators VALUES ('hoog', 'higher_better'), ('laag', 'lower_better')`);
});
afterAll(() => db?.close());

async function plan(sql: string): Promise<string> {
  const rows = await db.query<{ explain_value: string }>(`EXPLAIN ${sql}`);
  return rows.map((r) => r.explain_value).join('\n');
}

const QUADRATIC = /NESTED_LOOP_JOIN|BLOCKWISE_NL_JOIN|CROSS_PRODUCT|PIECEWISE_MERGE_JOIN/;

describe('scoresSql plan', () => {
  it('joins by hash only, never row against row', async () => {
    const p = await plan(scoresSql());
    expect(p).toMatch(/HASH_JOIN/);
    expect(p.match(QUADRATIC)?.[0] ?? null).toBeNull();
  });

  it('the check itself sees the nested loop that a one-sided join condition gives', async () => {
    // The old rank join, so this test can fail: the same query with the condition back in.
    const old = scoresSql().replace('LEFT JOIN ranks r ON ', "LEFT JOIN ranks r ON lv.level <> 'stadsdeel' AND ");
    expect(old).not.toBe(scoresSql());
    expect((await plan(old)).match(QUADRATIC)?.[0]).toBe('BLOCKWISE_NL_JOIN');
  });
});
