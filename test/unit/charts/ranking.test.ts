// Ranking snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { ranking } from '../../../src/lib/charts/ranking';
import { chartDoc, expectSnapshot } from './snapshot';

const fmt = (v: number) => v.toFixed(1).replace('.', ',');

describe('ranking', () => {
  it('lower is better: lowest at the top, the highlighted bar in the accent colour, the city line labelled', () => {
    const svg = ranking(
      [{ name: 'Hoog', value: 80.5 }, { name: 'Laag', value: 12.25 }, { name: 'Midden', value: 50, highlight: true }],
      { label: 'Ranglijst', unit: 'per 1.000 inwoners, 2024', city: 50.1, direction: 'lower_better', format: fmt, document: chartDoc() },
    );
    const names = [...svg.matchAll(/<text[^>]*>(Hoog|Laag|Midden)<\/text>/g)].map((m) => m[1]);
    expect(names).toEqual(['Laag', 'Midden', 'Hoog']);
    expect(svg).toContain('>Rotterdam 50,1<');
    // The halo (a white stroke) must not leave the value labels without a fill.
    expect(svg).not.toMatch(/<g[^>]*fill="none"[^>]*><text/);
    expectSnapshot('ranking.svg', svg);
  });
});
