// Spread-over-time snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { bandOf, spread } from '../../../src/lib/charts/trend-spread';
import { chartDoc, expectSnapshot } from './snapshot';

const nl = (v: number) => v.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Six wijken, 2014–2017 yearly and 2024; W6 lacks 2015.
const lines = Array.from({ length: 6 }, (_, i) => ({
  code: `W${i + 1}`,
  name: `Wijk ${i + 1}`,
  points: [2014, 2015, 2016, 2017, 2024].map((year) => ({ year, value: i === 5 && year === 2015 ? null : 10 * (i + 1) + (year - 2014) })),
}));

describe('trend spread', () => {
  it('band from the 10th to the 90th percentile (linear interpolation), per year with enough areas', () => {
    // 2014: 10, 20, 30, 40, 50, 60 → position 0,5 and 4,5 → 15 and 55.
    expect(bandOf(lines).find((b) => b.year === 2014)).toEqual({ year: 2014, lo: 15, hi: 55, n: 6 });
    // 2015 has five values (11, 21, 31, 41, 51): positions 0,4 and 3,6 → 15 and 47.
    const b2015 = bandOf(lines).find((b) => b.year === 2015)!;
    expect(b2015.lo).toBeCloseTo(15, 9);
    expect(b2015.hi).toBeCloseTo(47, 9);
    expect(bandOf(lines, 7)).toEqual([]);
  });

  it('thin lines, city and chosen area, gaps empty, legend from the colour scale', () => {
    const city = { code: 'GM', name: 'Rotterdam', points: [2014, 2015, 2016, 2017, 2024].map((year) => ({ year, value: 30 })) };
    const out = spread(lines, { label: 'x', many: 'wijken', step: 1, format: nl, unit: 'per 1.000 inwoners', city, chosen: 'W2', document: chartDoc() })!;
    const doc = parseHTML(`<div>${out.svg}</div>`).document;
    // Five other wijken: each 2014–2017 and a lone 2024 (W6: 2014, 2016–2017, 2024).
    expect(doc.querySelectorAll('g.spread-area path')).toHaveLength(11);
    expect(doc.querySelectorAll('g.spread-chosen path')).toHaveLength(2);
    expect(doc.querySelectorAll('g.spread-band path')).toHaveLength(2);
    const titles = [...doc.querySelectorAll('circle title')].map((t) => t.textContent);
    expect(titles).toContain('Wijk 2 2024: 30,0 per 1.000 inwoners');
    const legend = parseHTML(`<div>${out.legend}</div>`).document;
    const keys = [...legend.querySelectorAll('.key')].map((k) => k.textContent);
    expect(keys).toEqual(['middelste 80% van de wijken (10e tot 90e percentiel)', 'elk van de wijken', 'Rotterdam', 'Wijk 2']);
    const chosenStroke = doc.querySelector('g.spread-chosen path')!.getAttribute('stroke');
    expect(legend.querySelectorAll('.key line')[2].getAttribute('stroke')).toBe(chosenStroke);
    expectSnapshot('trend-spread.svg', out.svg);
  });
});
