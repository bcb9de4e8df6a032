// The derive steps must grow with the rows, not with their square: at 10× and 100× the areas
// (npm run bench -- --scale) a search through all observations per flagged value, or through all
// boundary changes per row, turned seconds into minutes. Instead of timing, these tests count how
// often the steps read a field of their input rows (each row is a counting Proxy): the count per
// row must stay the same when the number of areas grows tenfold.
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/lib/catalogue';
import type { Area, Observation } from '../../../src/lib/model';
import { markBoundaryChanges, markOddValues } from '../../../scripts/pipeline/derive';
import type { BoundaryChange } from '../../../scripts/pipeline/boundary-changes';

const cat = {
  minInwoners: 50,
  zuid: { code: 'ZUID', name: 'Zuid', gebieden: [] },
  sources: { kwb: { publisher: 'CBS', title: 'KWB', tables: {}, licence: '', url: '', cbsDivision: true } },
  populations: {}, goals: [], context: { id: 'b', label: 'B', question: '', indicators: [] }, wijkprofiel: [], similarity: [],
  indicators: [
    { id: 'aantal', label: 'Aantal', unit: 'aantal', format: 'integer', scale: 'count', direction: 'neutral', domain: 'w', aggregate: 'sum',
      series: [{ source: 'kwb', years: [2016, 2017], variable: 'Bijstand [aantal]' }] },
    { id: 'per1000', label: 'Per 1.000', unit: 'per 1.000', format: 'decimal', scale: 'rate', direction: 'lower_better', domain: 'w',
      series: [{ source: 'kwb', years: [2016, 2017], numerator: 'Bijstand [aantal]', denominator: 'Inwoners', per: 1000 }] },
  ],
} as unknown as Catalogue;

/** Rows behind Proxies that count every field read. */
function counted<T extends object>(rows: T[]): { rows: T[]; reads: () => number } {
  let n = 0;
  const handler: ProxyHandler<T> = { get: (t, k, r) => (n++, Reflect.get(t, k, r)) };
  return { rows: rows.map((r) => new Proxy(r, handler)), reads: () => n };
}

const code = (i: number) => `BU0599${String(1000 + i).padStart(4, '0')}`;
const areasOf = (n: number) => new Map<string, Area>(Array.from({ length: n }, (_, i) => [code(i), { code: code(i), name: code(i), level: 'wijk', parent: null, years: [2016, 2017] }]));

/** n wijken, two years, a count and a rate; every tenth wijk's rate jumps to 1000 in 2017. */
function oddFixture(n: number): Observation[] {
  const obs: Observation[] = [];
  for (let i = 0; i < n; i++) {
    const row = (indicator: string, year: number, value: number): Observation =>
      ({ area: code(i), indicator, year, source: 'kwb', value, status: 'ok', note: null, unit: null });
    obs.push(row('aantal', 2016, 100), row('aantal', 2017, 100));
    obs.push(row('per1000', 2016, 10 + (i % 10)), row('per1000', 2017, i % 10 === 0 ? 1000 : 10 + (i % 10)));
  }
  return obs;
}

function oddReadsPerRow(n: number): { perRow: number; flagged: number } {
  const { rows, reads } = counted(oddFixture(n));
  const { oddValues } = markOddValues(cat, rows, areasOf(n), []);
  return { perRow: reads() / rows.length, flagged: oddValues.length };
}

describe('markOddValues grows with the rows', () => {
  it('flags every tenth wijk (rate and the count behind it), reading each row a fixed number of times', () => {
    const small = oddReadsPerRow(200);
    const large = oddReadsPerRow(2000);
    // 20 jumps in the rate, and each flags its count too: 40; tenfold for 2000 wijken.
    expect(small.flagged).toBe(40);
    expect(large.flagged).toBe(400);
    // A search through all rows per flag makes reads per row grow tenfold with the areas (and
    // ~200 per row already at 2000 wijken); a lookup keeps it flat.
    expect(large.perRow).toBeLessThan(small.perRow * 1.5);
    expect(large.perRow).toBeLessThan(40);
  });
});

describe('markBoundaryChanges grows with the rows', () => {
  function boundaryReads(n: number): { perRow: number; marked: number } {
    const obs: Observation[] = [];
    const changes: BoundaryChange[] = [];
    for (let i = 0; i < n; i++) {
      for (const year of [2016, 2017]) obs.push({ area: code(i), indicator: 'aantal', year, source: 'kwb', value: 1, status: 'ok', note: null, unit: null });
      // Every wijk has a change, every other one between the two years.
      changes.push({ area: code(i), from: i % 2 ? 2016 : 2012, to: i % 2 ? 2017 : 2013, basis: 'cbs', haBefore: 1, haAfter: 2, inhabitantsBefore: null, inhabitantsAfter: null });
    }
    const c = counted(changes);
    const out = markBoundaryChanges(cat, obs, c.rows);
    return { perRow: c.reads() / obs.length, marked: out.filter((o) => o.note).length };
  }

  it('looks only at the changes of the row\'s own area', () => {
    const small = boundaryReads(200);
    const large = boundaryReads(2000);
    // The 2017 row of every odd wijk; for the 2016 rows the change to 2013 lies before 2015.
    expect(small.marked).toBe(100);
    expect(large.marked).toBe(1000);
    expect(large.perRow).toBeLessThan(small.perRow * 1.5);
    expect(large.perRow).toBeLessThan(20);
  });
});
