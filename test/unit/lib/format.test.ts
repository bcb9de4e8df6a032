import { describe, expect, it } from 'vitest';
import { formatDateLong, formatValue, plural } from '../../../src/lib/format';

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

describe('formatDateLong', () => {
  it('writes the visitor\'s calendar day in Dutch, without leading zero', () => {
    expect(formatDateLong(new Date(2026, 10, 27, 23, 59))).toBe('27 november 2026');
    expect(formatDateLong(new Date(2027, 0, 1, 0, 0))).toBe('1 januari 2027');
    expect(formatDateLong(new Date(2024, 2, 9))).toBe('9 maart 2024');
  });
});
