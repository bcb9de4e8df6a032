// Trend panel snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { trendPanel } from '../../../src/lib/charts/trend-panel';
import { chartDoc, expectSnapshot } from './snapshot';

const nl = (v: number) => v.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe('trend panel', () => {
  const series = [
    { role: 'area' as const, name: 'Bloemhof', points: [{ year: 2014, value: 88.1 }, { year: 2015, value: 90 }, { year: 2016, value: null }, { year: 2017, value: 85 }, { year: 2024, value: 70.25 }] },
    { role: 'gebied' as const, name: 'Feijenoord', points: [{ year: 2014, value: 70 }, { year: 2015, value: 72 }, { year: 2016, value: 71 }, { year: 2017, value: 69 }, { year: 2024, value: 60 }] },
    { role: 'zuid' as const, name: 'Rotterdam-Zuid', points: [{ year: 2014, value: 60 }, { year: 2017, value: 60 }, { year: 2024, value: 50 }] },
    { role: 'city' as const, name: 'Rotterdam', points: [{ year: 2014, value: 45 }, { year: 2015, value: 46 }, { year: 2016, value: 47 }, { year: 2017, value: 45 }, { year: 2024, value: 40 }] },
  ];

  it('lines only between consecutive years, a point title per value, legend from the colour scale', () => {
    const out = trendPanel(series, { label: 'Bijstand', step: 1, format: nl, unit: 'per 1.000 inwoners', document: chartDoc() })!;
    const svg = parseHTML(`<div>${out.svg}</div>`).document;
    // The area: 2014–2015 joined, 2016 missing, 2017 and 2024 each alone: one line; the lone
    // points are only dots (a one-point path would draw nothing but a cap under the dot).
    const area = [...svg.querySelectorAll('g.trend-area path')].map((p) => p.getAttribute('d')!);
    expect(area).toHaveLength(1);
    expect(area[0].match(/L/g)).toHaveLength(1);
    expect(svg.querySelectorAll('g.trend-dot-area circle')).toHaveLength(4);
    // Zuid 2014 → 2017 is three years apart with yearly data: not joined, so no line at all.
    expect(svg.querySelectorAll('g.trend-zuid path')).toHaveLength(0);
    expect(svg.querySelectorAll('g.trend-dot-zuid circle')).toHaveLength(3);
    const titles = [...svg.querySelectorAll('circle title')].map((t) => t.textContent);
    expect(titles).toContain('Bloemhof 2024: 70,3');
    expect(titles).toContain('Rotterdam-Zuid 2017: 60,0');
    // Legend colours equal the marks' colours, one entry per series, in series order.
    const legend = parseHTML(`<div>${out.legend}</div>`).document;
    const keys = [...legend.querySelectorAll('.key')].map((k) => [k.textContent, k.querySelector('line')!.getAttribute('stroke')]);
    // Marks' colour: one per group (on the group, shared by its dots or lines); lines and dots agree.
    const marks = ['area', 'gebied', 'zuid', 'city'].map((r) => svg.querySelector(`g.trend-dot-${r}`)!.getAttribute('fill'));
    for (const r of ['area', 'gebied', 'city']) expect(svg.querySelector(`g.trend-${r}`)!.getAttribute('stroke')).toBe(marks[['area', 'gebied', 'zuid', 'city'].indexOf(r)]);
    expect(keys).toEqual(series.map((s, i) => [s.name, marks[i]]));
    expect(new Set(marks).size).toBe(4);
    expectSnapshot('trend-panel.svg', out.svg);
  });

  it('a four-yearly source joins its points; nothing to draw gives null', () => {
    const out = trendPanel([{ role: 'area', name: 'A', points: [{ year: 2012, value: 30 }, { year: 2016, value: 31 }, { year: 2020, value: 33 }] }], { label: 'x', step: 4, format: nl, unit: '%', document: chartDoc() })!;
    const paths = parseHTML(`<div>${out.svg}</div>`).document.querySelectorAll('g.trend-area path');
    expect(paths).toHaveLength(1);
    expect(paths[0].getAttribute('d')!.match(/L/g)).toHaveLength(2);
    expect(trendPanel([{ role: 'area', name: 'A', points: [{ year: 2012, value: null }] }], { label: 'x', step: 4, format: nl, unit: '%', document: chartDoc() })).toBeNull();
  });
});
