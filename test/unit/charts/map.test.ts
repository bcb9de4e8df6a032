// Map snapshots: choropleth and locator (see snapshot.ts for how snapshots work and how to
// update them). Fixture: three square wijken in one gebied and an outlying (harbour) wijk.
import { describe, expect, it } from 'vitest';
import { topology } from 'topojson-server';
import { choroplethParts, locatorMap, type Boundaries } from '../../../src/lib/charts/map';
import { mapScale } from '../../../src/lib/render/map-scale';
import { chartDoc, expectSnapshot } from './snapshot';

// Outer rings clockwise (as the CBS files and d3-geo have them).
const square = (id: string, x: number, y = 0) => ({
  type: 'Feature' as const, id, properties: {},
  geometry: { type: 'Polygon' as const, coordinates: [[[4.4 + x, 51.9 + y], [4.4 + x, 51.91 + y], [4.41 + x, 51.91 + y], [4.41 + x, 51.9 + y], [4.4 + x, 51.9 + y]]] },
});
const topo = topology({
  wijk: { type: 'FeatureCollection', features: [square('BU05990101', 0), square('BU05990102', 0.01), square('BU05990103', 0, 0.01), square('BU05992101', -0.2)] },
  gebied: { type: 'FeatureCollection', features: [square('WK059901', 0), square('WK059921', -0.2)] },
} as never) as unknown as Boundaries;

// A rate, lower is better, not taken from the catalogue so a catalogue edit leaves this alone.
const rate = { direction: 'lower_better', scale: 'rate', format: 'decimal', unit: 'per 1.000 inwoners' } as const;

describe('choropleth', () => {
  it('bands from one scale for areas and legend; absent value hatched; areas are named links', () => {
    const values = [
      { code: 'BU05990101', name: 'Laag', value: 20, label: '20,0 per 1.000 inwoners' },
      { code: 'BU05990102', name: 'Hoog', value: 90, label: '90,0 per 1.000 inwoners' },
      { code: 'BU05990103', name: 'Klein', value: null, label: 'geen cijfer' },
    ];
    const colour = mapScale(rate, values.map((v) => v.value), 50, 2024);
    const { map, legend } = choroplethParts(topo, 'wijk', values, { label: 'Kaart', colour, hrefFor: (c) => `/wijk/${c}/`, document: chartDoc() });
    expect(map).toMatch(/^<svg[^>]* role="group"/);
    expect(map).toContain('<a aria-label="Klein: geen cijfer" href="/wijk/BU05990103/"');
    expect(map).toContain('fill="url(#geen)"');
    expect(legend).toContain('geen cijfer');
    // The legend's swatches are the marks' colours: Laag (20, lower is better) in the legend's first swatch.
    const swatches = [...legend.matchAll(/<svg fill="([^"]+)"[^>]*>[\s\S]*?<\/svg>([^<]*)<\/span>/g)].map((m) => ({ fill: m[1], label: m[2] }));
    const laag = /<a aria-label="Laag[^"]*"[^>]*>\s*<path fill="([^"]+)"/.exec(map)![1];
    expect(swatches[0]).toEqual({ fill: laag, label: '20,0' });
    expectSnapshot('choropleth.svg', map);
    expectSnapshot('choropleth-legend.html', legend);
  });
});

describe('choropleth with insets and extremes', () => {
  // One wijk in Hoek van Holland (WK059917), far west of the urban frame.
  const withHvh = topology({
    wijk: { type: 'FeatureCollection', features: [square('BU05990101', 0), square('BU05990102', 0.01), square('BU05991701', -0.3)] },
    gebied: { type: 'FeatureCollection', features: [square('WK059901', 0), square('WK059917', -0.3)] },
  } as never) as unknown as Boundaries;
  const values = [
    { code: 'BU05990101', name: 'Laag', value: 20, label: '20,0' },
    { code: 'BU05990102', name: 'Hoog', value: 90, label: '90,0' },
    { code: 'BU05991701', name: 'Strand', value: null, label: 'te weinig inwoners' },
  ];
  const colour = mapScale(rate, [20, 90], 50, 2024, ['te weinig inwoners']);
  const { map, legend } = choroplethParts(withHvh, 'wijk', values, {
    label: 'Kaart', colour, hrefFor: (c) => `/wijk/${c}/`, insets: [{ code: 'WK059917', name: 'Hoek van Holland' }], format: (v) => v.toFixed(1).replace('.', ','), document: chartDoc(),
  });

  it('an outlying gebied is an inset: a named nested svg holding its wijken as links, drawn once', () => {
    const inset = /<svg[^>]*class="[^"]*inset[^"]*"[^>]*>[\s\S]*?<\/svg>/.exec(map)?.[0] ?? '';
    expect(inset).toContain('aria-label="Inzet: Hoek van Holland"');
    expect(inset).toContain('href="/wijk/BU05991701/"');
    expect(map.split('href="/wijk/BU05991701/"').length - 1).toBe(1);
    expect(inset).toContain('fill="url(#geen)"');
  });

  it('the legend says why a wijk has no value and names the extremes', () => {
    expect(legend).toContain('geen cijfer: te weinig inwoners (1)');
    expect(legend).toContain('Laagste: <strong>20,0</strong> (Laag); hoogste: <strong>90,0</strong> (Hoog).');
  });
});

describe('locatorMap', () => {
  it('a wijk page: the gebieden in grey, the wijk marked, the harbour outside the frame; one image', () => {
    const svg = locatorMap(topo, ['BU05990102'], { label: 'Kaart van Rotterdam met Hoog gemarkeerd', level: 'gebied', document: chartDoc() });
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).not.toContain('<a');
    expectSnapshot('locator.svg', svg);
  });

  it('the home page: named links, hover style, decorative labels', () => {
    const names = new Map([['BU05990101', 'Laag'], ['BU05990102', 'Hoog'], ['BU05990103', 'Klein']]);
    const svg = locatorMap(topo, ['BU05990101'], { label: 'Kaart van de wijken', level: 'wijk', names, labels: true, hrefFor: (c) => `/wijk/${c}/`, document: chartDoc() });
    expect(svg).toMatch(/^<svg[^>]* role="group"/);
    expect(svg).toContain('<a aria-label="Hoog" href="/wijk/BU05990102/"');
    expect(svg).toMatch(/<g[^>]*aria-hidden="true"[^>]*>\s*<text/);
    expectSnapshot('locator-links.svg', svg);
  });
});
