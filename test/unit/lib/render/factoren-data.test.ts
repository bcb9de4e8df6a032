// The factoren analysis on a hand-made five-wijk example (same numbers as stats.test.ts):
// bijstand y = 2 4 5 4 5 against laag_inkomen x = 1..5 gives r = 6/√60, slope 0,6, residuals
// −0,8 +0,6 +1,0 −0,6 −0,2.
import { describe, expect, it } from 'vitest';
import { associations, changePairs, model, whatIf, type FactorData } from '../../../../src/lib/render/factoren-data';

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
  boundary: {},
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
  it('change against change leaves out wijken with a boundary change', () => {
    const a = data();
    const b = data({ values: { ...a.values, bijstand: col([3, 4, 7, 4, 9]), laag_inkomen: col([2, 2, 4, 4, 7]) }, boundary: { bijstand: ['E'] } });
    const c = changePairs(a, b, 'laag_inkomen', 'bijstand');
    // Δx = 1 0 1 0, Δy = 1 0 2 0 for A–D; centred: Sxy = 1,5, Sxx = 1, Syy = 2,75
    expect(c.rows.map((r) => r.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(c.excluded).toBe(1);
    expect(c.r).toBeCloseTo(1.5 / Math.sqrt(2.75), 10);
  });
});
