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

  it('one extreme does not squash the others: the axis stops near the 98th percentile, the long bar is marked', () => {
    // Values 10..50 and one of 218,2: p98 of [10,20,30,40,50,218.2] = 50 + 0.9·168.2·... computed by hand:
    // position 5·0,98 = 4,9 → 50 + 0,9·(218,2 − 50) = 201,38; 218,2 ≤ 1,5·201,38, so no cut here.
    const few = ranking([10, 20, 30, 40, 50, 218.2].map((v, i) => ({ name: `W${i}`, value: v })), { label: 'R', unit: 'u', city: 30, direction: 'lower_better', format: fmt, document: chartDoc() });
    expect(few).not.toContain('›');
    // Sixty areas 1..60 and one of 218,2: position 60·0,98 = 58,8 → 59 + 0,8·1 = 59,8; 218,2 > 89,7: cut at 59,8·1,15 = 68,77.
    const rows = [...Array.from({ length: 60 }, (_, i) => ({ name: `W${i + 1}`, value: i + 1 })), { name: 'Uitschieter', value: 218.2 }];
    const svg = ranking(rows, { label: 'R', unit: 'u', city: 30, direction: 'lower_better', format: fmt, document: chartDoc() });
    expect(svg).toContain('>218,2 ›<');
    expect(svg).toContain('as afgekapt');
    // The bar of 60 is 60/68,77 of the longest bar (which ends at the cut).
    const widths = [...svg.matchAll(/<rect[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const longest = Math.max(...widths);
    expect(widths).toContainEqual(expect.closeTo((longest * 60) / (59.8 * 1.15), 0));
  });

  it('drawn for a phone: names cut with "…" to a narrower margin, fewer ticks, the same values', () => {
    const rows = [{ name: 'Bedrijventerrein Noord-West en omgeving', value: 12.5 }, { name: 'Kort', value: 40 }, { name: 'Midden', value: 25 }];
    const opts = { label: 'R', unit: 'per 1.000 inwoners, 2024', city: 20, direction: 'lower_better' as const, format: fmt, document: chartDoc() };
    const wide = ranking(rows, opts);
    const narrow = ranking(rows, { ...opts, width: 340 });
    expect(narrow).toMatch(/viewBox="0 0 340 /);
    // 36% of 340 = 122 px for the names instead of 170: the long name ends in "…", short ones stay whole.
    expect(wide).toContain('>Bedrijventerrein Noord-West en omgeving<');
    // Cut names keep the whole name as a <title> (hover).
    expect(narrow).toContain('<title>Bedrijventerrein Noord-West en omgeving</title>');
    const shown = narrow.replace(/<title>[^<]*<\/title>/g, '');
    expect(shown).not.toContain('Noord-West');
    expect(shown).toMatch(/>Bedrijventerrein[^<]*…</);
    expect(narrow).toContain('>Kort<');
    for (const v of ['12,5', '40,0', '25,0']) expect(narrow).toContain(`>${v}<`);
    // Axis ticks (Plot's plain integers; values carry a decimal comma) stay ≥ 50 px apart.
    const xs = [...narrow.matchAll(/<text transform="translate\(([\d.]+),[\d.]+\)">\d+<\/text>/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...xs.slice(1).map((x, i) => x - xs[i]))).toBeGreaterThanOrEqual(50);
  });
});
