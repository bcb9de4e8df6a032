import { describe, expect, it } from 'vitest';
import { formatValue, plural } from '../../../src/lib/format';

describe('Dutch number formats', () => {
  it('groups thousands with a dot and uses a decimal comma', () => {
    expect(formatValue(1234.5, 'decimal')).toBe('1.234,5');
    expect(formatValue(672960, 'integer')).toBe('672.960');
    expect(formatValue(12.34, 'percent')).toBe('12,3%');
    expect(formatValue(-0.5, 'signed')).toBe('-0,50');
  });
  it('shows an en dash for a missing value, never 0', () => {
    expect(formatValue(null, 'integer')).toBe('–');
    expect(formatValue(Number.NaN, 'decimal')).toBe('–');
  });
  it('uses correct plurals', () => {
    expect(plural(1, 'wijk', 'wijken')).toBe('1 wijk');
    expect(plural(2000, 'wijk', 'wijken')).toBe('2.000 wijken');
  });
});
