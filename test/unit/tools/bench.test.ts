import { describe, expect, it } from 'vitest';
import { percentile, yearSequence } from '../../../scripts/tools/bench.ts';

describe('yearSequence', () => {
  it('takes the years the page offers, from both ends inwards, and ends on the latest', () => {
    expect(yearSequence(['', '2025', '2024', '2023', '2018', '2017', '2016', '2015', '2014'])).toEqual(['2025', '2014', '2024', '2015', '2023', '2016', '2018', '2017', '']);
    expect(yearSequence(['', '2016', '2012', '2020'])).toEqual(['2020', '2012', '2016', '']);
  });

  it('never repeats a year twice in a row, also when it wraps to the second entry', () => {
    const s = yearSequence(['', '2012', '2014', '2016', '2018']);
    const cycle = [...s, ...s.slice(1)];
    for (let i = 1; i < cycle.length; i++) expect(cycle[i]).not.toBe(cycle[i - 1]);
    expect(s[0]).not.toBe('');
  });
});

describe('percentile', () => {
  it('interpolates between order statistics', () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 95)).toBeCloseTo(10.5, 10);
    expect(percentile([], 95)).toBeNaN();
  });
});
