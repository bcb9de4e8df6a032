import { describe, expect, it } from 'vitest';
import { copyCode, copyValue, scaleLoadResult } from '../../fixtures/synthetic-areas';

describe('synthetic copies of Rotterdam (bench --scale)', () => {
  it('moves Rotterdam codes into a made-up gemeente and leaves other codes alone', () => {
    expect(copyCode('BU05991086', 3)).toBe('BU90031086');
    expect(copyCode('WK059910', 3)).toBe('WK900310');
    expect(copyCode('GM0599', 42)).toBe('GM9042');
    expect(copyCode('NL', 3)).toBeNull();
    expect(copyCode('GM0363', 3)).toBeNull();
  });

  it('keeps values plausible: within ±15%, counts whole, percentages within 0–100, missing stays missing', () => {
    const v = { source: 'kwb', year: 2024, area: 'BU05991086', variable: 'Aantal inwoners [aantal]', value: 7000, status: 'ok' as const };
    for (let c = 1; c < 50; c++) {
      const x = copyValue(v, c)!;
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(5950);
      expect(x).toBeLessThanOrEqual(8050);
    }
    expect(copyValue({ ...v, variable: 'Bijstand [%]', value: 95 }, 7)).toBeLessThanOrEqual(100);
    expect(copyValue({ ...v, value: null, status: 'geheim' }, 7)).toBeNull();
  });

  it('adds factor − 1 copies of the Rotterdam rows only', () => {
    const r = scaleLoadResult({
      values: [
        { source: 'kwb', year: 2024, area: 'BU05991086', variable: 'a', value: 1, status: 'ok' },
        { source: 'kwb', year: 2024, area: 'NL', variable: 'a', value: 1, status: 'ok' },
      ],
      areas: [{ code: 'BU05991086', name: 'Afrikaanderwijk', year: 2024, source: 'kwb' }],
      files: ['x.csv'],
    }, 10);
    expect(r.values).toHaveLength(2 + 9);
    expect(r.areas.map((a) => a.name)).toContain('Afrikaanderwijk 10');
    expect(new Set(r.values.map((v) => v.area)).size).toBe(11);
  });

  it('copies only the values the filter accepts, and keeps every original', () => {
    const v = (variable: string) => ({ source: 'kwb', year: 2024, area: 'BU05991086', variable, value: 1, status: 'ok' as const });
    const r = scaleLoadResult({ values: [v('a'), v('b')], areas: [], files: [] }, 5, (x) => x.variable === 'a');
    expect(r.values.map((x) => `${x.area} ${x.variable}`).sort()).toEqual([
      'BU05991086 a', 'BU05991086 b', 'BU90011086 a', 'BU90021086 a', 'BU90031086 a', 'BU90041086 a',
    ]);
  });
});
