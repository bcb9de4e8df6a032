// changeSince: the difference since the first year, and when it may not be computed. Expected
// texts are written out by hand (Dutch format: decimal comma, thousands dot, sign).
import { describe, expect, it } from 'vitest';
import { changeSince, type AreaBoundaryChange } from '../../../src/lib/change';
import type { Indicator } from '../../../src/lib/catalogue';

const cat = {
  sources: {
    kwb: { publisher: 'CBS', title: 'KWB', tables: {}, licence: 'CC BY 4.0', url: '', cbsDivision: true },
    rivm: { publisher: 'RIVM', title: 'Gezondheid', tables: {}, licence: 'CC BY 4.0', url: '' },
  },
};

type Ind = Pick<Indicator, 'unit' | 'format' | 'series' | 'definitionChanges'>;
const pct: Ind = { unit: '%', format: 'percent', series: [{ source: 'kwb', years: [2014, 2015, 2016, 2017, 2024], variable: 'x' }] };
const per1000: Ind = { unit: 'per 1.000 inwoners', format: 'decimal', series: [{ source: 'kwb', years: [2014, 2015, 2016, 2017, 2024], variable: 'x' }] };
const count: Ind = { unit: 'aantal', format: 'integer', series: [{ source: 'kwb', years: [2014, 2024], variable: 'x' }] };
const signed: Ind = { unit: 'afwijking van NL', format: 'signed', series: [{ source: 'kwb', years: [2012, 2016], variable: 'x' }] };
const health: Ind = { unit: '%', format: 'percent', series: [{ source: 'rivm', years: [2012, 2016, 2020], variable: 'x' }] };

const pts = (...pairs: [number, number | null][]) => pairs.map(([year, value]) => ({ year, value, status: value === null ? 'ontbreekt' : 'ok' }));

describe('changeSince', () => {
  it('a percentage: difference in procentpunt since the first year with a value', () => {
    const c = changeSince(cat, pct, 'BU1', pts([2014, null], [2015, 20.0], [2016, 22.5], [2024, 24.1]), []);
    expect(c).toEqual({ comparable: true, first: 2015, last: 2024, diff: expect.closeTo(4.1, 9), text: '+4,1 procentpunt sinds 2015' });
  });

  it('a rate per 1.000 and a decrease; the year choice limits the last year', () => {
    expect(changeSince(cat, per1000, 'BU1', pts([2014, 88.1], [2017, 80.0], [2024, 76.05]), [])?.text).toBe('-12,0 per 1.000 sinds 2014');
    expect(changeSince(cat, per1000, 'BU1', pts([2014, 88.1], [2017, 80.0], [2024, 76.05]), [], 2017)).toMatchObject({ last: 2017, text: '-8,1 per 1.000 sinds 2014' });
  });

  it('a count: the change as a number with thousands separator; a signed score: the difference', () => {
    expect(changeSince(cat, count, 'BU1', pts([2014, 10250], [2024, 11484]), [])?.text).toBe('+1.234 sinds 2014');
    expect(changeSince(cat, signed, 'BU1', pts([2012, -0.1], [2016, 0.05]), [])?.text).toBe('+0,15 sinds 2012');
  });

  it('no change printed as such; fewer than two years gives nothing', () => {
    expect(changeSince(cat, pct, 'BU1', pts([2014, 20], [2024, 20.01]), [])?.text).toBe('gelijk sinds 2014');
    expect(changeSince(cat, pct, 'BU1', pts([2014, null], [2024, 20]), [])).toBeNull();
    expect(changeSince(cat, pct, 'BU1', pts([2014, 20], [2024, 21]), [], 2016)).toBeNull();
  });

  it('a definition change between the first and the last year: not comparable, with the year', () => {
    const ind = { ...pct, definitionChanges: [{ year: 2016, text: 'andere telling' }] };
    const c = changeSince(cat, ind, 'BU1', pts([2014, 20], [2015, 21], [2016, 25], [2024, 26]), []);
    expect(c).toEqual({ comparable: false, first: 2014, last: 2024, text: 'niet vergelijkbaar: definitie gewijzigd in 2016' });
    // Up to 2015 the definition is the same: comparable.
    expect(changeSince(cat, ind, 'BU1', pts([2014, 20], [2015, 21], [2016, 25], [2024, 26]), [], 2015)?.text).toBe('+1,0 procentpunt sinds 2014');
    // A change in the first year itself lies not between.
    expect(changeSince(cat, { ...pct, definitionChanges: [{ year: 2014, text: 'x' }] }, 'BU1', pts([2014, 20], [2024, 26]), [])?.comparable).toBe(true);
  });

  it('a boundary change of this area between: not comparable; of another area or before: comparable', () => {
    const changes: AreaBoundaryChange[] = [
      { area: 'BU1', from: 2023, to: 2024, basis: 'cbs' },
      { area: 'BU2', from: 2018, to: 2023, basis: 'oppervlakte' },
    ];
    const series = pts([2014, 88.1], [2017, 80.0], [2024, 76.0]);
    expect(changeSince(cat, per1000, 'BU1', series, changes)).toEqual({ comparable: false, first: 2014, last: 2024, text: 'niet vergelijkbaar: grenswijziging in 2024' });
    expect(changeSince(cat, per1000, 'BU2', series, changes)).toMatchObject({ comparable: false, text: 'niet vergelijkbaar: grenswijziging tussen 2018 en 2023' });
    expect(changeSince(cat, per1000, 'BU3', series, changes)?.comparable).toBe(true);
    expect(changeSince(cat, per1000, 'BU1', series, changes, 2017)?.text).toBe('-8,1 per 1.000 sinds 2014');
  });

  it('a boundary change does not touch a source on a fixed division (RIVM)', () => {
    const changes: AreaBoundaryChange[] = [{ area: 'BU1', from: 2015, to: 2016, basis: 'cbs' }];
    expect(changeSince(cat, health, 'BU1', pts([2012, 30], [2016, 31.5], [2020, 33]), changes)?.text).toBe('+3,0 procentpunt sinds 2012');
  });
});
