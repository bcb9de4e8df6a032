// Scatter snapshots (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { diagonalScatter, scatterParts } from '../../../src/lib/charts/scatter';
import { chartDoc, expectSnapshot } from './snapshot';

const rows = [
  { name: 'Afrikaanderwijk', x: 30, y: 62, zuid: true },
  { name: 'Bloemhof', x: 28, y: 65, zuid: true },
  { name: 'Kralingen Oost', x: 8, y: 80, zuid: false },
  { name: 'Oude Westen', x: 25, y: 68, zuid: false },
  { name: 'Hillegersberg Zuid', x: 5, y: 84, zuid: false },
];

describe('scatter', () => {
  it('least-squares line, Zuid by colour and shape, legend from the same scales', () => {
    const { svg, legend } = scatterParts(rows, { label: 'Inkomen tegen gezondheid', xLabel: 'Laag inkomen (%, 2017)', yLabel: 'Gezondheid goed (%, 2020)', document: chartDoc() });
    expect(legend).toContain('Rotterdam-Zuid');
    expect(legend).toContain('rest van de stad');
    expectSnapshot('scatter.svg', svg);
    expectSnapshot('scatter-legend.html', legend);
  });

  it('presentation size: shared domain, diagonal x = y instead of a fitted line, outliers named', () => {
    const svg = diagonalScatter(rows, {
      label: 'Feiten tegen beleving', xLabel: 'feiten', yLabel: 'beleving', domain: [0, 100], size: 'presentation',
      labelIf: (r) => Math.abs(r.x - r.y) > 70, document: chartDoc(),
    });
    const printed = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(printed).toContain('Hillegersberg Zuid');
    expect(printed).not.toContain('Oude Westen'); // 25 against 68: within 70 of the diagonal
    expectSnapshot('scatter-diagonal.svg', svg);
  });
});
