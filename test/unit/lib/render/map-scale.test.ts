import { describe, expect, it } from 'vitest';
import { indicator } from '../../../../src/lib/catalogue';
import { ABSENT, COLOUR_WORDS, mapScale } from '../../../../src/lib/render/map-scale';

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const bluish = (c: string) => { const [r, , b] = hex(c); return b! > r!; };

describe('mapScale for a rate (index, city = 100)', () => {
  // Bijstand: lower is better. City 50; values spread widely (index 0 to 400).
  const s = mapScale(indicator('bijstand'), [0, 10, 50, 120, 200], 50, 2024);

  it('bands on the rounded index, the middle one exactly "rond het stadsgemiddelde" (96 t/m 104)', () => {
    expect(s.mode).toBe('index');
    expect(s.title).toBe('Index, Rotterdam = 100 (2024)');
    expect(s.bands.map((b) => b.label)).toEqual(['≤ 49', '50 t/m 66', '67 t/m 79', '80 t/m 95', '96 t/m 104', '105 t/m 124', '125 t/m 149', '150 t/m 199', '≥ 200']);
    // 47,9 / 50 = index 95.8 → 96: rond; 47,7 → 95.4 → 95: beter; 52,2 → 104.4 → 104; 52,3 → 105.
    expect(s.bandOf(47.9).label).toBe('96 t/m 104');
    expect(s.bandOf(47.7).label).toBe('80 t/m 95');
    expect(s.bandOf(52.2).label).toBe('96 t/m 104');
    expect(s.bandOf(52.3).label).toBe('105 t/m 124');
    expect(s.bandOf(0).label).toBe('≤ 49');
    expect(s.bandOf(1000).label).toBe('≥ 200');
  });

  it('lower is better: low indexes blue, high ones orange; the words say so', () => {
    expect(bluish(s.bandOf(10).colour)).toBe(true);
    expect(bluish(s.bandOf(150).colour)).toBe(false);
    expect(s.note).toBe(COLOUR_WORDS.judged);
    expect(s.note).toMatch(/^Blauw = beter/);
  });

  it('higher is better flips the colours, not the bands', () => {
    const h = mapScale(indicator('actieven'), [10, 200], 50, 2017);
    expect(h.bands.map((b) => b.label)).toEqual(s.bands.map((b) => b.label));
    expect(bluish(h.bandOf(150).colour)).toBe(true);
    expect(bluish(h.bandOf(10).colour)).toBe(false);
  });

  it('narrow bands when every area lies within a factor 1,5 of the city', () => {
    const n = mapScale(indicator('ervaren_gezondheid'), [60, 75, 90], 75, 2020);
    expect(n.bands.map((b) => b.label)).toEqual(['≤ 79', '80 t/m 86', '87 t/m 90', '91 t/m 95', '96 t/m 104', '105 t/m 109', '110 t/m 114', '115 t/m 124', '≥ 125']);
  });

  it('the Plot scale lists every band and "geen cijfer" with the hatch, in the same order as the colours', () => {
    expect(s.plot.domain).toEqual([...s.bands.map((b) => b.label), 'geen cijfer']);
    expect(s.plot.range).toEqual([...s.bands.map((b) => b.colour), 'url(#geen)']);
    expect(s.bandOf(null)).toEqual(ABSENT);
  });
});

describe('mapScale for a score (difference) and for context indicators', () => {
  it('a score is banded on its difference in the shown precision; 0 is its own band', () => {
    const s = mapScale(indicator('leefbaarometer'), [3, 4, 5, 6, 7], 5, 2016);
    expect(s.mode).toBe('difference');
    expect(s.bands.map((b) => b.label)).toEqual(['≤ -3', '-2', '-1', '0', '+1', '+2', '≥ +3']);
    expect(s.bandOf(5.4).label).toBe('0');
    expect(s.bandOf(5.6).label).toBe('+1');
    expect(bluish(s.bandOf(7).colour)).toBe(true); // higher is better
  });

  it('a context indicator gets single-hue bands on the value, inclusive to the shown decimal', () => {
    const s = mapScale(indicator('oud'), [3.2, 12, 31.4], 15, 2024);
    expect(s.mode).toBe('value');
    expect(s.note).toBe(COLOUR_WORDS.value);
    expect(s.bands[0]!.label).toBe('≤ 4,9%');
    expect(s.bands[1]!.label).toBe('5,0% t/m 9,9%');
    expect(s.bandOf(9.94).label).toBe('5,0% t/m 9,9%');
    expect(s.bandOf(9.96).label).toBe('10,0% t/m 14,9%');
  });

  it('a count is never judged, even with a city value', () => {
    expect(mapScale(indicator('inwoners'), [100, 20000], 650000, 2024).mode).toBe('value');
  });

  it('no values: no bands, everything "geen cijfer"', () => {
    const s = mapScale(indicator('oud'), [], null, 2024);
    expect(s.bands).toEqual([]);
    expect(s.bandOf(12).label).toBe('geen cijfer');
  });
});
