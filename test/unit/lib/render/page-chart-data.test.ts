// The chart data a page carries for redrawing at a phone's width (#spread-data, #verloop-data):
// packed compactly and read back to the same lines and points, and safe inside an inline <script>.
import { describe, expect, it } from 'vitest';
import { spreadFromJson, spreadJson, type SpreadData } from '../../../../src/lib/render/spread-view';
import { trendFromJson, trendJson, type TrendArea, type TrendPoint } from '../../../../src/lib/render/trends';

describe('spread data in the page', () => {
  it('round-trips every line, the city and Zuid, with a year without value as null', () => {
    const d: SpreadData = {
      id: 'bijstand', level: 'wijk',
      lines: [
        { code: 'BU1', name: 'Een </script>', points: [{ year: 2014, value: 10.25 }, { year: 2015, value: null }] },
        { code: 'BU2', name: 'Twee', points: [{ year: 2015, value: 3 }] },
      ],
      city: { code: 'GM0599', name: 'Rotterdam', points: [{ year: 2014, value: 50.1 }, { year: 2015, value: 49 }] },
    };
    const text = spreadJson(d);
    expect(text).not.toContain('</script>');
    const back = spreadFromJson(text);
    expect(back.id).toBe('bijstand');
    expect(back.lines[0]).toEqual({ code: 'BU1', name: 'Een </script>', points: [{ year: 2014, value: 10.25 }, { year: 2015, value: null }] });
    // A year a line has no row for comes back as null: the chart leaves it out just the same.
    expect(back.lines[1].points).toEqual([{ year: 2014, value: null }, { year: 2015, value: 3 }]);
    expect(back.city?.points).toEqual([{ year: 2014, value: 50.1 }, { year: 2015, value: 49 }]);
    expect(back.zuid).toBeUndefined();
  });
});

describe('trend data in the page', () => {
  it('keeps the areas and their points; a value with another status than ok becomes null', () => {
    const areas: TrendArea[] = [{ code: 'BU1', name: 'Wijk', role: 'area' }, { code: 'GM0599', name: 'Rotterdam', role: 'city' }];
    const points: TrendPoint[] = [
      { indicator: 'bijstand', area: 'BU1', year: 2014, value: 88.1, status: 'ok' },
      { indicator: 'bijstand', area: 'BU1', year: 2015, value: 12, status: 'suppressed' },
      { indicator: 'bijstand', area: 'GM0599', year: 2014, value: 50.1, status: 'ok' },
      { indicator: 'bijstand', area: 'WK9', year: 2014, value: 1, status: 'ok' },
    ];
    const back = trendFromJson(trendJson(areas, points));
    expect(back.areas).toEqual(areas);
    expect(back.points.map((p) => [p.area, p.year, p.value])).toEqual([['BU1', 2014, 88.1], ['BU1', 2015, null], ['GM0599', 2014, 50.1]]);
    expect(back.points.filter((p) => p.value !== null).every((p) => p.status === 'ok')).toBe(true);
  });
});
