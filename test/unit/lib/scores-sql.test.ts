// scoresSql on a hand-made fixture: five gebieden, Rotterdam-Zuid, the city and one wijk, and three
// indicators (higher better, lower better, neutral). Every expected z-score is a literal worked out
// by hand below (population standard deviation: divide by n, not n − 1), so the test does not
// depend on the SQL or on any helper of the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresSql } from '../../../src/lib/queries';
import { NodeDb } from '../../../src/server/duckdb-node';

const G = ['WK059901', 'WK059902', 'WK059903', 'WK059904', 'WK059905'];
const YEAR = 2020;

// Values per gebied G1…G5, Rotterdam-Zuid (Z), the city (GM) and one wijk (W).
const VALUES: Record<string, { g: number[]; z: number; gm: number; w: number }> = {
  hoog: { g: [2, 4, 4, 6, 9], z: 7, gm: 5, w: 100 },
  laag: { g: [10, 20, 30, 30, 60], z: 15, gm: 25, w: 0 },
  neutraal: { g: [1, 3, 3, 3, 5], z: 4, gm: 3, w: 50 },
};

let db: NodeDb;

beforeAll(async () => {
  db = await NodeDb.open();
  const obs: string[] = [];
  const row = (area: string, ind: string, value: number | null, status = 'ok') =>
    obs.push(`('${area}', '${ind}', ${YEAR}, 'test', ${value ?? 'NULL'}, '${status}', NULL, NULL)`);
  for (const [ind, v] of Object.entries(VALUES)) {
    v.g.forEach((x, i) => row(G[i]!, ind, x));
    row('ZUID', ind, v.z);
    row('GM0599', ind, v.gm);
    row('BU05990110', ind, v.w);
  }
  // A sixth gebied whose value is not 'ok' (too few inhabitants): it must not count as a peer. Its
  // value 1000 would move every mean if it did.
  row('WK059906', 'hoog', 1000, 'te weinig inwoners');
  row('WK059906', 'laag', null, 'ontbreekt');
  const areas = [...G, 'WK059906'].map((g) => `('${g}', '${g}', 'gebied', 'GM0599', [${YEAR}])`);
  areas.push(`('ZUID', 'Rotterdam-Zuid', 'stadsdeel', 'GM0599', [${YEAR}])`);
  areas.push(`('GM0599', 'Rotterdam', 'gemeente', NULL, [${YEAR}])`);
  areas.push(`('BU05990110', 'Stadsdriehoek', 'wijk', 'WK059901', [${YEAR}])`);
  const inds = [
    ['hoog', 'higher_better'],
    ['laag', 'lower_better'],
    ['neutraal', 'neutral'],
  ].map(([id, dir]) => `('${id}', '${dir}')`);
  // The column types of the published Parquet (scripts/build-data.ts).
  await db.run(`CREATE TABLE observations (area VARCHAR, indicator VARCHAR, year INTEGER, source VARCHAR, value DOUBLE, status VARCHAR, note VARCHAR, unit VARCHAR)`);
  await db.run(`INSERT INTO observations VALUES ${obs.join(', ')}`);
  await db.run(`CREATE TABLE areas (code VARCHAR, name VARCHAR, level VARCHAR, parent VARCHAR, years INTEGER[])`);
  await db.run(`INSERT INTO areas VALUES ${areas.join(', ')}`);
  await db.run(`CREATE TABLE indicators (id VARCHAR, direction VARCHAR)`);
  await db.run(`INSERT INTO indicators VALUES ${inds.join(', ')}`);
});
afterAll(() => db?.close());

interface ScoreRow {
  area: string;
  indicator: string;
  year: number;
  level: string;
  score: number | null;
  rank: number | null;
  peers: number | null;
}

async function scores(indicator: string): Promise<Map<string, ScoreRow>> {
  const rows = await db.query<ScoreRow>(`SELECT * FROM (${scoresSql()}) WHERE indicator = '${indicator}'`);
  return new Map(rows.map((r) => [r.area, r]));
}

function expectScores(got: Map<string, ScoreRow>, expected: Record<string, [score: number | null, rank: number | null, peers: number | null]>) {
  expect([...got.keys()].sort()).toEqual(Object.keys(expected).sort());
  for (const [area, [score, rank, peers]] of Object.entries(expected)) {
    const r = got.get(area)!;
    if (score === null) expect(r.score, `${area} score`).toBeNull();
    else expect(r.score, `${area} score`).toBeCloseTo(score, 12);
    expect(r.rank, `${area} rank`).toBe(rank);
    expect(r.peers, `${area} peers`).toBe(peers);
  }
}

describe('scoresSql on five gebieden', () => {
  it('higher_better: z = (x − mean) / population sd, Zuid against the gebieden without rank, ties share a rank', async () => {
    // Gebieden 2, 4, 4, 6, 9: mean 25 / 5 = 5; deviations −3, −1, −1, 1, 4; squares 9 + 1 + 1 + 1 + 16
    // = 28; population variance 28 / 5 = 5,6; sd √5,6 = 2,3664319132398464 (the sample sd √7 would
    // give other numbers). z: −3/2,36643… = −1,267731382092775; ∓1/2,36643… = ∓0,4225771273642583;
    // 4/2,36643… = 1,6903085094570331. Zuid 7: 2/2,36643… = 0,8451542547285166.
    // Rank (1 = best, highest value): 9 → 1, 6 → 2, 4 and 4 → 3 and 3, 2 → 5.
    // The city is alone on its level: sd 0, so no score; the wijk likewise (its 100 must not reach
    // the gebieden, nor the 1000 of the gebied with too few inhabitants).
    expectScores(await scores('hoog'), {
      WK059901: [-1.267731382092775, 5, 5],
      WK059902: [-0.4225771273642583, 3, 5],
      WK059903: [-0.4225771273642583, 3, 5],
      WK059904: [0.4225771273642583, 2, 5],
      WK059905: [1.6903085094570331, 1, 5],
      ZUID: [0.8451542547285166, null, null],
      GM0599: [null, 1, 1],
      BU05990110: [null, 1, 1],
    });
  });

  it('lower_better: the sign flips, so below the mean scores above zero; rank 1 is the lowest value', async () => {
    // Gebieden 10, 20, 30, 30, 60: mean 150 / 5 = 30; deviations −20, −10, 0, 0, 30; squares 400 +
    // 100 + 0 + 0 + 900 = 1400; variance 1400 / 5 = 280; sd √280 = 16,73320053068151.
    // z flipped: 20/16,7332… = 1,1952286093343936; 10/16,7332… = 0,5976143046671968; 0; 0;
    // −30/16,7332… = −1,7928429140015905. Zuid 15: 15/16,7332… = 0,8964214570007952.
    // Rank: 10 → 1, 20 → 2, 30 and 30 → 3 and 3, 60 → 5.
    expectScores(await scores('laag'), {
      WK059901: [1.1952286093343936, 1, 5],
      WK059902: [0.5976143046671968, 2, 5],
      WK059903: [0, 3, 5],
      WK059904: [0, 3, 5],
      WK059905: [-1.7928429140015905, 5, 5],
      ZUID: [0.8964214570007952, null, null],
      GM0599: [null, 1, 1],
      BU05990110: [null, 1, 1],
    });
  });

  it('neutral: no direction, so every score is 0; the rank still orders by value, highest first', async () => {
    // Gebieden 1, 3, 3, 3, 5 (sd √1,6 > 0, so a score exists and is 0 × z = 0).
    // Rank: 5 → 1, the three 3s → 2, 2, 2, 1 → 5.
    expectScores(await scores('neutraal'), {
      WK059901: [0, 5, 5],
      WK059902: [0, 2, 5],
      WK059903: [0, 2, 5],
      WK059904: [0, 2, 5],
      WK059905: [0, 1, 5],
      ZUID: [0, null, null],
      GM0599: [null, 1, 1],
      BU05990110: [null, 1, 1],
    });
  });

  it('returns one row per area, indicator and year, with the area’s own level', async () => {
    const rows = await db.query<ScoreRow>(`SELECT * FROM (${scoresSql()})`);
    expect(rows).toHaveLength(3 * 8);
    expect(new Set(rows.map((r) => `${r.area}|${r.indicator}|${r.year}`)).size).toBe(rows.length);
    expect(rows.find((r) => r.area === 'ZUID')!.level).toBe('stadsdeel');
    expect(rows.every((r) => r.year === YEAR)).toBe(true);
  });
});
