// Values that stand out: tight rules, checked on small hand-made peer groups.
import { describe, expect, it } from 'vitest';
import { findOddValues, ODD_COUNT_FACTOR, ODD_FENCE, ODD_JUMP, quantile, type OddInput } from '../../../scripts/pipeline/odd-values';

/** Eight peers with values 10, 20, …, 80: Q1 = 27,5, Q3 = 62,5, IQR = 35 (linear interpolation),
 * so the upper fence is 62,5 + 3 × 35 = 167,5 and the lower −77,5. */
const peers = (year: number, except: string[] = []) =>
  [10, 20, 30, 40, 50, 60, 70, 80]
    .map((value, i) => ({ area: `BU0599000${i}`, indicator: 'bijstand', year, level: 'wijk', value, scale: 'rate' as const, format: 'decimal' as const }))
    .filter((r) => !except.includes(r.area));
const row = (area: string, year: number, value: number, extra: Partial<OddInput> = {}): OddInput =>
  ({ area, indicator: 'bijstand', year, level: 'wijk', value, scale: 'rate', format: 'decimal', ...extra });

describe('quantile', () => {
  it('interpolates like DuckDB quantile_cont', () => {
    const s = [10, 20, 30, 40, 50, 60, 70, 80];
    expect(quantile(s, 0.25)).toBeCloseTo(27.5, 10);
    expect(quantile(s, 0.75)).toBeCloseTo(62.5, 10);
  });
});

describe('findOddValues', () => {
  it('uses the stated constants', () => {
    expect([ODD_FENCE, ODD_JUMP, ODD_COUNT_FACTOR]).toEqual([3, 3, 2.5]);
  });

  it('flags a value far outside its peers after a normal previous value', () => {
    // 2017: 0 (inside that year's fence); 2024: 218 > 167,5, and the jump 218 > 3 × 35 = 105.
    const rows = [...peers(2017), ...peers(2024), row('BU05990113', 2017, 0), row('BU05990113', 2024, 218)];
    const found = findOddValues(rows, { minCount: 500 });
    expect(found.map((f) => [f.area, f.year, f.previousYear, f.previous])).toEqual([['BU05990113', 2024, 2017, 0]]);
    expect(found[0].reason).toBe('0,0 in 2017, 218,0 in 2024; ver buiten de andere wijken');
  });

  it('does not flag an area that stood out the year before too', () => {
    const rows = [...peers(2017), ...peers(2024), row('BU05991578', 2017, 200), row('BU05991578', 2024, 330)];
    expect(findOddValues(rows, { minCount: 500 })).toEqual([]);
  });

  it('does not flag a value just past the fence after a small step', () => {
    // 160 → 170: outside (170 > 167,5) but 160 was inside and the step of 10 is far below 105.
    const rows = [...peers(2017), ...peers(2024), row('BU05991000', 2017, 160), row('BU05991000', 2024, 170)];
    expect(findOddValues(rows, { minCount: 500 })).toEqual([]);
  });

  it('never flags the first year of an area (nothing to jump from)', () => {
    expect(findOddValues([...peers(2024), row('BU05990113', 2024, 900)], { minCount: 500 })).toEqual([]);
  });

  it('flags a count that grows by a factor 2,5 or more from at least minCount', () => {
    const count = (area: string, year: number, value: number) => row(area, year, value, { indicator: 'inwoners', scale: 'count', format: 'integer' });
    const rows = [
      count('BU05990113', 2024, 1100), count('BU05990113', 2025, 3040), // 2,76×: flagged
      count('BU05991926', 2023, 1240), count('BU05991926', 2024, 2410), // 1,94×: new housing, not flagged
      count('BU05992308', 2024, 10), count('BU05992308', 2025, 150), // 15×, but from 10 < 500
      count('BU05991575', 2018, 600), count('BU05991575', 2023, 1600), // 2,67×, but the boundary changed
    ];
    const found = findOddValues(rows, { minCount: 500, boundaryChanged: (a) => a === 'BU05991575' });
    expect(found.map((f) => [f.area, f.year])).toEqual([['BU05990113', 2025]]);
    expect(found[0].reason).toBe('1.100 in 2024, 3.040 in 2025');
  });
});
