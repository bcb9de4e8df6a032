// compact.ts: the same picture in fewer nodes. Expected positions are read from Plot's own markup
// (group translate + label translate) with a regex here, not with the module's helpers.
import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { compactSvg } from '../../../src/lib/charts/compact';
import { chartDoc } from './snapshot';

function chart(): Element {
  return Plot.plot({
    document: chartDoc(),
    width: 300, height: 150,
    y: { grid: true, ticks: 3 },
    marks: [
      Plot.line([{ x: 1, y: 2 }, { x: 2, y: 3 }], { x: 'x', y: 'y', stroke: '#005a9c' }),
      Plot.line([{ x: 3, y: 1 }], { x: 'x', y: 'y', stroke: '#005a9c', className: 'lone' }),
      Plot.dot([{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 1 }], { x: 'x', y: 'y', fill: '#1b1f24', title: (d: { x: number }) => `punt ${d.x} & <b>` }),
    ],
  }) as unknown as Element;
}

const translate = (t: string | null) => (t ?? 'translate(0,0)').match(/-?[\d.]+/g)!.map(Number);

describe('compactSvg', () => {
  it('tick labels at the same place, ticks and grid as one path each, marks and titles kept', () => {
    const plot = chart();
    const before = parseHTML(`<div>${plot.outerHTML}</div>`).document;
    // Label positions from Plot's markup: the group's translate plus the label's own.
    const want = [...before.querySelectorAll('g[transform] > text[transform]')]
      .filter((t) => t.textContent!.trim() !== '')
      .map((t) => {
        const [gx, gy] = translate(t.parentElement!.getAttribute('transform'));
        const [x, y] = translate(t.getAttribute('transform'));
        return `${t.textContent}@${Math.round((gx + x) * 10) / 10},${Math.round((gy + y) * 10) / 10}`;
      })
      .sort();
    const ticks = before.querySelectorAll('path[d="M0,0L0,6"], path[d="M0,0L-6,0"]').length;
    expect(ticks).toBeGreaterThan(3);

    const out = compactSvg(plot, { dropLonePoints: true });
    const after = parseHTML(`<div>${out}</div>`).document;
    const got = [...after.querySelectorAll('text')].map((t) => `${t.textContent}@${t.getAttribute('x')},${t.getAttribute('y')}`).sort();
    expect(got).toEqual(want);
    // Every tick is one subpath ("M") of a single path per axis.
    const tickPaths = [...after.querySelectorAll('svg > path')].filter((p) => /[hv]-?6/.test(p.getAttribute('d')!));
    expect(tickPaths).toHaveLength(2);
    expect(tickPaths.reduce((n, p) => n + p.getAttribute('d')!.split('M').length - 1, 0)).toBe(ticks);
    // The grid lines: one path with as many subpaths as Plot drew lines.
    expect(after.querySelectorAll('line')).toHaveLength(0);
    const grid = after.querySelector('path[stroke-opacity]')!;
    expect(grid.getAttribute('d')!.split('M').length - 1).toBe(before.querySelectorAll('line').length);
    // The two-point line stays, the one-point line goes; the dots keep their titles (escaped).
    expect(after.querySelectorAll('path[d*="L"]').length).toBeGreaterThanOrEqual(1);
    expect(after.querySelectorAll('g.lone')).toHaveLength(0);
    expect([...after.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual(['punt 1 & <b>', 'punt 2 & <b>', 'punt 3 & <b>']);
    expect(out).toContain('punt 1 &amp; &lt;b&gt;');
    // The shared fill sits on the group, not on each dot; no <style>, no Plot class.
    expect(after.querySelectorAll('circle[fill]')).toHaveLength(0);
    expect(after.querySelector('circle')!.parentElement!.getAttribute('fill')).toBe('#1b1f24');
    expect(out).not.toContain('<style');
    expect(after.querySelector('svg')!.getAttribute('class')).toBe('chart-lite');
    // Fewer elements than Plot's own markup.
    expect(after.querySelectorAll('*').length).toBeLessThan(before.querySelectorAll('*').length - 10);
  });
});
