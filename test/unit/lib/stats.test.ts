// Hand-computed expectations (worked out on paper for five points; see the comments), never via
// the module's own helpers.
import { describe, expect, it } from 'vitest';
import { fisherInterval, ols, pearson, ranks, spearman, tQuantile } from '../../../src/lib/stats';

// x = 1..5, y = 2 4 5 4 5: means 3 and 4; Sxy = 6, Sxx = 10, Syy = 6.
const X = [1, 2, 3, 4, 5];
const Y = [2, 4, 5, 4, 5];

describe('correlation', () => {
  it('Pearson r = 6 / √60', () => {
    const c = pearson(X, Y);
    expect(c.n).toBe(5);
    expect(c.r).toBeCloseTo(0.7745967, 6);
  });
  it('Spearman ρ with average ranks for ties: y ranks 1 2,5 4,5 2,5 4,5 → 7 / √90', () => {
    expect(ranks(Y)).toEqual([1, 2.5, 4.5, 2.5, 4.5]);
    expect(spearman(X, Y).r).toBeCloseTo(0.7378648, 6);
  });
  it('drops cases with a missing value in either column', () => {
    const c = pearson([1, 2, null, 3, 4, NaN, 5], [2, 4, 9, 5, 4, 1, 5]);
    expect(c.n).toBe(5);
    expect(c.r).toBeCloseTo(0.7745967, 6);
    expect(spearman([1, undefined, 2, 3, 4, 5], [2, 7, 4, 5, 4, 5]).r).toBeCloseTo(0.7378648, 6);
  });
  it('a constant column or fewer than three pairs gives no r', () => {
    expect(pearson(X, [3, 3, 3, 3, 3]).r).toBeNull();
    expect(spearman([3, 3, 3, 3, 3], Y).r).toBeNull();
    expect(pearson([1, 2], [2, 1]).r).toBeNull();
  });
  it('Fisher-z 95% interval: tanh(atanh(r) ± 1,96/√(n−3))', () => {
    const [lo, hi] = fisherInterval(0.7745967, 5)!;
    expect(lo).toBeCloseTo(-0.34008, 4);
    expect(hi).toBeCloseTo(0.98424, 4);
    expect(fisherInterval(0.5, 3)).toBeNull();
  });
});

describe('Student t quantiles (table values)', () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.975, 2, 4.3027],
    [0.975, 3, 3.1824],
    [0.975, 10, 2.2281],
    [0.975, 30, 2.0423],
    [0.95, 5, 2.015],
    [0.025, 10, -2.2281],
  ])('t(%f, %i) = %f', (p, df, q) => expect(tQuantile(p, df)).toBeCloseTo(q, 3));
});

describe('ordinary least squares', () => {
  it('one predictor: b = 6/10, b0 = 4 − 0,6·3, R² = 1 − 2,4/6', () => {
    const f = ols(Y, [X])!;
    expect(f.n).toBe(5);
    expect(f.df).toBe(3);
    expect(f.coefficients[0].estimate).toBeCloseTo(0.6, 10);
    expect(f.intercept.estimate).toBeCloseTo(2.2, 10);
    expect(f.r2).toBeCloseTo(0.6, 10);
    // σ² = 2,4 / 3 = 0,8; se(b) = √(0,8/10); t(0,975; 3) = 3,18245
    expect(f.coefficients[0].se).toBeCloseTo(Math.sqrt(0.08), 10);
    expect(f.coefficients[0].low).toBeCloseTo(0.6 - 3.182446 * Math.sqrt(0.08), 5);
    // Residual of the third point: 5 − 4,0 = 1,0. Prediction interval at x = 3: ± t·√0,8·√(1 + 1/5)
    expect(Y[2] - f.predict([3])).toBeCloseTo(1, 10);
    const [lo, hi] = f.predictionInterval([3]);
    expect(hi - 4).toBeCloseTo(3.118148, 4);
    expect(4 - lo).toBeCloseTo(3.118148, 4);
    // at x = 5: √(1 + 1/5 + 4/10)
    expect(f.predictionInterval([5])[1] - 5.2).toBeCloseTo(3.600527, 4);
    // the band of the mean at x = 3: ± t·√0,8·√(1/5)
    expect(f.confidenceInterval([3])[1] - 4).toBeCloseTo(3.182446 * Math.sqrt(0.8 / 5), 4);
  });
  it('two predictors (Cramer on the centred sums: S11 = S22 = 10, S12 = 8, S1y = 22, S2y = 21)', () => {
    const f = ols([3, 4, 8, 8, 12], [X, [2, 1, 4, 3, 5]])!;
    expect(f.coefficients[0].estimate).toBeCloseTo(52 / 36, 10);
    expect(f.coefficients[1].estimate).toBeCloseTo(34 / 36, 10);
    expect(f.intercept.estimate).toBeCloseTo(7 - 3 * (52 / 36) - 3 * (34 / 36), 10);
    // SSE = 7/18, SST = 52
    expect(f.r2).toBeCloseTo(1 - 7 / 18 / 52, 10);
    // var(b1) = σ² · 10/36 with σ² = (7/18)/2; t(0,975; 2) = 4,30265
    const se = Math.sqrt((7 / 36) * (10 / 36));
    expect(f.coefficients[0].se).toBeCloseTo(se, 10);
    expect(f.coefficients[0].low).toBeCloseTo(52 / 36 - 4.302653 * se, 5);
    expect(f.coefficients[0].high).toBeCloseTo(52 / 36 + 4.302653 * se, 5);
    // Residual of the fourth wijk: 8 − (−1/6 + 4·52/36 + 3·34/36) = −4/9
    expect(8 - f.predict([4, 3])).toBeCloseTo(-4 / 9, 10);
    // At the means (3, 3) the prediction interval is ± t·σ·√(1 + 1/5)
    const [lo, hi] = f.predictionInterval([3, 3]);
    expect(f.predict([3, 3])).toBeCloseTo(7, 10);
    expect(hi - 7).toBeCloseTo(4.302653 * Math.sqrt((7 / 36) * 1.2), 5);
    expect(7 - lo).toBeCloseTo(4.302653 * Math.sqrt((7 / 36) * 1.2), 5);
  });
  it('missing values drop the case; a constant or collinear predictor gives no fit', () => {
    const f = ols([2, 4, null, 5, 4, 5], [[1, 2, 9, 3, 4, 5]])!;
    expect(f.n).toBe(5);
    expect(f.coefficients[0].estimate).toBeCloseTo(0.6, 10);
    expect(ols(Y, [[7, 7, 7, 7, 7]])).toBeNull();
    expect(ols(Y, [X, X.map((v) => 2 * v + 1)])).toBeNull();
    expect(ols([1, 2, 3], [[1, 2, 4], [3, 1, 2]])).toBeNull(); // df = 0
  });
});
