// The factoren analysis on a hand-made five-wijk example (same numbers as stats.test.ts):
// bijstand y = 2 4 5 4 5 against laag_inkomen x = 1..5 gives r = 6/√60, slope 0,6, residuals
// −0,8 +0,6 +1,0 −0,6 −0,2.
import { describe, expect, it } from 'vitest';
import { associations, changeAssociations, changedBetween, changePair, factorIds, model, whatIf, type FactorData } from '../../../../src/lib/render/factoren-data';

const codes = ['A', 'B', 'C', 'D', 'E'];
const col = (vs: number[]) => Object.fromEntries(codes.map((c, i) => [c, vs[i]]));
const data = (extra: Partial<FactorData> = {}): FactorData => ({
  level: 'wijk',
  year: 2017,
  areas: codes.map((code) => ({ code, name: `Wijk ${code}`, zuid: code === 'E' })),
  years: { bijstand: 2017, laag_inkomen: 2017, ww: 2016, inwoners: 2017 },
  values: {
    bijstand: col([2, 4, 5, 4, 5]),
    laag_inkomen: col([1, 2, 3, 4, 5]),
    ww: col([4, 8, 10, 8, 10]), // 2 × bijstand: r = 1
    inwoners: col([900, 800, 700, 600, 500]), // a count: never an association
  },
  city: {},
  ...extra,
});

describe('factoren analysis', () => {
  it('ranks the other rate indicators by |r|, leaves out the outcome and counts, flags small n', () => {
    const list = associations(data(), 'bijstand');
    expect(list.map((a) => a.id)).toEqual(['ww', 'laag_inkomen']);
    expect(list[0].r).toBeCloseTo(1, 10);
    expect(list[0].year).toBe(2016);
    expect(list[1].r).toBeCloseTo(0.7745967, 6);
    expect(list[1].rho).toBeCloseTo(0.7378648, 6);
    expect(list[1].n).toBe(5);
    expect(list[1].small).toBe(true);
  });
  it('orders wijken from better to worse than expected by the outcome direction (bijstand: lower is better)', () => {
    const m = model(data(), 'bijstand', ['laag_inkomen'])!;
    expect(m.rows.map((r) => r.code)).toEqual(['A', 'D', 'E', 'B', 'C']);
    expect(m.rows[0].residual).toBeCloseTo(-0.8, 10);
    expect(m.rows[0].expected).toBeCloseTo(2.8, 10);
    expect(m.rows.every((r) => !r.outside)).toBe(true);
    expect(model(data(), 'bijstand', ['bijstand'])).toBeNull();
  });
  it('what-if: the expectation moves by slope × shift', () => {
    const d = data();
    const m = model(d, 'bijstand', ['laag_inkomen'])!;
    const w = whatIf(m, d, 'C', [-5])!;
    expect(w.before).toBeCloseTo(4, 10);
    expect(w.after - w.before).toBeCloseTo(0.6 * -5, 10);
    expect(whatIf(m, d, 'Z', [1])).toBeNull();
  });
  it('change against change leaves out wijken with a boundary change between the years used', () => {
    const a = data({ year: 2014, years: { bijstand: 2014, laag_inkomen: 2014, ww: 2014, inwoners: 2014 }, city: { bijstand: 10, laag_inkomen: 20 } });
    const b = data({
      values: { ...a.values, bijstand: col([3, 4, 7, 4, 9]), laag_inkomen: col([2, 2, 4, 4, 7]) },
      city: { bijstand: 12, laag_inkomen: 19 },
    });
    // E changed in 2016 (CBS flag: from 2015 to 2016); B changed in 2014, before the span; C some time between 2018 and 2023.
    const changes = [{ area: 'E', from: 2015, to: 2016 }, { area: 'B', from: 2013, to: 2014 }, { area: 'C', from: 2018, to: 2023 }];
    const c = changePair(a, b, 'laag_inkomen', 'bijstand', changes)!;
    // Δx = 1 0 1 0, Δy = 1 0 2 0 for A–D; centred: Sxy = 1,5, Sxx = 1, Syy = 2,75
    expect(c.rows.map((r) => r.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(c.rows.map((r) => [r.x, r.y])).toEqual([[1, 1], [0, 0], [1, 2], [0, 0]]);
    expect(c.excluded).toEqual(['Wijk E']);
    expect(c.n).toBe(4);
    expect(c.r).toBeCloseTo(1.5 / Math.sqrt(2.75), 10);
    expect(c.yearsX).toEqual([2014, 2017]);
    expect(c.city).toEqual({ x: -1, y: 2 });
    expect(c.small).toBe(true);
  });
  it('a change spanning (from, to] counts when it overlaps the years compared', () => {
    const changes = [{ area: 'X', from: 2018, to: 2023 }];
    expect(changedBetween(changes, 'X', 2017, 2024)).toBe(true);
    expect(changedBetween(changes, 'X', 2022, 2024)).toBe(true); // it may have happened in 2023
    expect(changedBetween(changes, 'X', 2014, 2017)).toBe(false);
    expect(changedBetween(changes, 'X', 2023, 2024)).toBe(false); // already in place by 2023
    expect(changedBetween(changes, 'Y', 2014, 2024)).toBe(false);
  });
  it('no change against change for an indicator measured in one year only; the list skips it', () => {
    const a = data({ year: 2016, years: { bijstand: 2016, laag_inkomen: 2016, ww: 2016, inwoners: 2016 } });
    // ww is only measured in 2016, so "2017" resolves to 2016 again: no change to compare.
    const b = data({ values: { ...a.values, bijstand: col([3, 4, 7, 4, 9]), laag_inkomen: col([2, 2, 4, 4, 7]) } });
    expect(changePair(a, b, 'ww', 'bijstand', [])).toBeNull();
    const list = changeAssociations(a, b, 'bijstand', []);
    expect(list.map((p) => p.x)).toEqual(['laag_inkomen']);
    expect(list[0].n).toBe(5);
  });
  it('the gebied level has indicators published only per gebied', () => {
    expect(factorIds('gebied')).toContain('leefbaarometer');
    expect(factorIds('wijk')).not.toContain('leefbaarometer');
    expect(factorIds('wijk')).toContain('bijstand');
  });
});
