// Expected classes below are worked out by hand from the values (quantile starts at ranks
// floor(i·n/k) of the sorted values of each side), not with the module's own helpers.
import { describe, expect, it } from 'vitest';
import { indicator } from '../../../../src/lib/catalogue';
import { ABSENT, COLOUR_WORDS, METHOD_WORDS, mapScale, quantileClasses } from '../../../../src/lib/render/map-scale';

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const bluish = (c: string) => { const [r, , b] = hex(c); return b! > r!; };
const BLUE_DARK_TO_LIGHT = ['#2166ac', '#4393c3', '#92c5de'];
const ORANGE_LIGHT_TO_DARK = ['#fdb863', '#e08214', '#b35806'];

describe('mapScale for a rate with a direction (diverging around the city, quantiles per side)', () => {
  // Bijstand: lower is better. City 50. Indexes: 20, 40, 60, 80 | 98, 100, 104 | 120, 140, 160, 184, 436.
  const values = [10, 20, 30, 40, 49, 50, 52, 60, 70, 80, 92.2, 218.2];
  const s = mapScale(indicator('bijstand'), values, 50, 2024);

  it('classes in the unit: three below the city, "rond Rotterdam" (index 96–104), three above', () => {
    expect(s.mode).toBe('index');
    expect(s.title).toBe('per 1.000 inwoners (2024)');
    expect(s.bands.map((b) => b.label)).toEqual(['10,0', '20,0', '30,0 t/m 40,0', 'rond Rotterdam (50,0)', '60,0', '70,0 t/m 80,0', '92,2 t/m 218,2']);
    expect(s.bandOf(49).label).toBe('rond Rotterdam (50,0)');
    expect(s.bandOf(52).label).toBe('rond Rotterdam (50,0)');
    expect(s.extremes).toEqual({ lo: 10, hi: 218.2 });
  });

  it('one extreme (218,2, index 436) does not wash out index 184: both in the darkest "worse" class', () => {
    expect(s.bandOf(92.2).colour).toBe('#b35806');
    expect(s.bandOf(218.2).colour).toBe('#b35806');
    // And a less extreme 80 (index 160) is a lighter class than 92,2.
    expect(s.bandOf(80).colour).toBe('#e08214');
    // Outside the drawn values: the nearest end.
    expect(s.bandOf(1000).colour).toBe('#b35806');
    expect(s.bandOf(0).colour).toBe('#2166ac');
  });

  it('lower is better: low values blue (dark far from the city), high ones orange; the words say so', () => {
    expect(s.bands.slice(0, 3).map((b) => b.colour)).toEqual(BLUE_DARK_TO_LIGHT);
    expect(s.bands.slice(4).map((b) => b.colour)).toEqual(ORANGE_LIGHT_TO_DARK);
    expect(s.note.startsWith(COLOUR_WORDS.judged)).toBe(true);
    expect(s.note).toContain('kwantielen');
    expect(s.note).toContain(METHOD_WORDS.judged);
  });

  it('higher is better flips the colours, not the classes', () => {
    const h = mapScale(indicator('actieven'), values, 50, 2017);
    expect(h.bands.map((b) => b.label.replace(/%/g, ''))).toEqual(s.bands.map((b) => b.label));
    expect(bluish(h.bandOf(218.2).colour)).toBe(true);
    expect(bluish(h.bandOf(10).colour)).toBe(false);
  });

  it('the Plot scale lists every class and "geen cijfer" with the hatch, in the same order as the colours', () => {
    expect(s.plot.domain).toEqual([...s.bands.map((b) => b.label), 'geen cijfer']);
    expect(s.plot.range).toEqual([...s.bands.map((b) => b.colour), 'url(#geen)']);
    expect(s.bandOf(null)).toEqual(ABSENT);
  });

  it('areas without a value: the legend entry says why, with counts', () => {
    const m = mapScale(indicator('bijstand'), values, 50, 2024, ['te weinig inwoners', 'geheim', 'te weinig inwoners', 'ontbreekt', null]);
    const label = 'geen cijfer: te weinig inwoners (2), geheim (1), niet gemeten (2)';
    expect(m.bandOf(null).label).toBe(label);
    expect(m.plot.domain.at(-1)).toBe(label);
  });
});

describe('mapScale for a score (difference) and for context indicators', () => {
  it('a score: a difference that shows as 0 is "rond Rotterdam"; higher is better', () => {
    const s = mapScale(indicator('leefbaarometer'), [3, 4, 5, 6, 7], 5, 2016);
    expect(s.mode).toBe('difference');
    expect(s.bands.map((b) => b.label)).toEqual(['3', '4', 'rond Rotterdam (5)', '6', '7']);
    expect(s.bandOf(5.4).label).toBe('rond Rotterdam (5)');
    expect(bluish(s.bandOf(7).colour)).toBe(true);
    expect(bluish(s.bandOf(3).colour)).toBe(false);
  });

  it('a context indicator: five one-hue quantile classes on the value, in its unit', () => {
    const s = mapScale(indicator('oud'), [3.2, 12, 31.4, 8, 15, 20, 25, 9, 10, 11], 15, 2024);
    expect(s.mode).toBe('value');
    expect(s.note.startsWith(COLOUR_WORDS.value)).toBe(true);
    expect(s.bands.map((b) => b.label)).toEqual(['3,2% t/m 8,0%', '9,0% t/m 10,0%', '11,0% t/m 12,0%', '15,0% t/m 20,0%', '25,0% t/m 31,4%']);
    expect(s.bandOf(9.96).label).toBe('9,0% t/m 10,0%');
    expect(s.bandOf(10.96).label).toBe('11,0% t/m 12,0%');
  });

  it('values equal as shown share one class', () => {
    const s = mapScale(indicator('oud'), [10.01, 10.04, 20, 30, 40, 50], null, 2024);
    expect(s.bandOf(10.01).label).toBe(s.bandOf(10.04).label);
    expect(new Set(s.plot.domain).size).toBe(s.plot.domain.length);
  });

  it('a count is never judged, even with a city value', () => {
    expect(mapScale(indicator('inwoners'), [100, 20000], 650000, 2024).mode).toBe('value');
  });

  it('no values: no classes, everything "geen cijfer"', () => {
    const s = mapScale(indicator('oud'), [], null, 2024);
    expect(s.bands).toEqual([]);
    expect(s.extremes).toBeNull();
    expect(s.bandOf(12).label).toBe('geen cijfer');
  });
});

describe('quantileClasses', () => {
  it('ties stay in one class', () => {
    expect(quantileClasses([1, 1, 1, 1, 2], 3)).toEqual([[1, 2]]);
    expect(quantileClasses([1, 2, 3, 4, 5, 6], 3)).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
});
