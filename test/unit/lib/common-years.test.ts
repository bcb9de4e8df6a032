// commonYears: the years in which every one of a set of indicators has a value at a level (the
// factoren page's default year). Over a tiny in-memory table on DuckDB (Node).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commonYears } from '../../../src/lib/queries';
import { NodeDb } from '../../../src/server/duckdb-node';

let db: NodeDb;

beforeAll(async () => {
  db = await NodeDb.open();
  // a: 2014–2017 ok; b: 2014, 2016 ok, 2017 only 'geheim'; c: 2016–2017 ok, but 2014 only at gebied level.
  const obs = [
    ['BU1', 'a', 2014, 'ok'], ['BU1', 'a', 2016, 'ok'], ['BU1', 'a', 2017, 'ok'],
    ['BU1', 'b', 2014, 'ok'], ['BU2', 'b', 2016, 'ok'], ['BU1', 'b', 2017, 'geheim'],
    ['WK1', 'c', 2014, 'ok'], ['BU2', 'c', 2016, 'ok'], ['BU1', 'c', 2017, 'ok'],
  ];
  await db.run(`CREATE TABLE observations AS SELECT * FROM (VALUES ${obs.map(([a, i, y, s]) => `('${a}', '${i}', ${y}, '${s}')`).join(', ')}) t(area, indicator, year, status)`);
  await db.run(`CREATE TABLE areas AS SELECT * FROM (VALUES ('BU1', 'wijk'), ('BU2', 'wijk'), ('WK1', 'gebied')) t(code, level)`);
});
afterAll(() => db.close());

describe('commonYears', () => {
  it('keeps a year only when every indicator has an ok value at that level', async () => {
    expect(await commonYears(db, 'wijk', ['a', 'b'])).toEqual([2014, 2016]);
    expect(await commonYears(db, 'wijk', ['a', 'b', 'c'])).toEqual([2016]);
    expect(await commonYears(db, 'wijk', ['a', 'c'])).toEqual([2016, 2017]);
    expect(await commonYears(db, 'gebied', ['c'])).toEqual([2014]);
    expect(await commonYears(db, 'wijk', [])).toEqual([]);
  });
});
