// Where lines over the years may be drawn, and which years get a label.
import { describe, expect, it } from 'vitest';
import { cadence, labelledYears, segments } from '../../../src/lib/charts/segments';

describe('segments', () => {
  it('the rhythm is the smallest step between published years', () => {
    expect(cadence([2014, 2015, 2016, 2017, 2024])).toBe(1);
    expect(cadence([2012, 2016, 2020])).toBe(4);
    expect(cadence([2002, 2008, 2012, 2014, 2016])).toBe(2);
    expect(cadence([2023])).toBe(1);
  });

  it('a new segment after a step longer than the rhythm, or a missing value', () => {
    const pts = [2014, 2015, 2016, 2017, 2024].map((year) => ({ year, value: year === 2016 ? null : year - 2000 }));
    expect(segments(pts, 1).map((p) => [p.year, p.segment])).toEqual([[2014, 0], [2015, 0], [2017, 1], [2024, 2]]);
    expect(segments([{ year: 2020, value: 3 }, { year: 2012, value: 1 }, { year: 2016, value: 2 }], 4).map((p) => p.segment)).toEqual([0, 0, 0]);
  });

  it('labels the ends of each run first, then what fits', () => {
    // 300 px for 2013,5–2024,5: 27,3 px a year; 2015 and 2016 do not fit beside 2014 and 2017.
    expect([...labelledYears([2014, 2015, 2016, 2017, 2024], 2013.5, 2024.5, 300, 34, 1)].sort()).toEqual([2014, 2017, 2024]);
    // Wide enough: every year.
    expect(labelledYears([2014, 2015, 2016, 2017, 2024], 2013.5, 2024.5, 1000, 34, 1).size).toBe(5);
  });
});
