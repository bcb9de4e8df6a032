// The indicator view renderer on a tiny fixture (two square wijken), in Node with linkedom as
// Plot's document: escaping, rank words for counts, the comparison rule per scale, and the year.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { topology } from 'topojson-server';
import type { Boundaries } from '../../../../src/lib/charts/map';
import { renderIndicatorView } from '../../../../src/lib/render/indicator-view';
import type { IndicatorViewData } from '../../../../src/lib/render/indicator-data';

const square = (id: string, x: number) => ({
  type: 'Feature' as const, id, properties: {},
  geometry: { type: 'Polygon' as const, coordinates: [[[4.4 + x, 51.9], [4.4 + x, 51.91], [4.41 + x, 51.91], [4.41 + x, 51.9], [4.4 + x, 51.9]]] },
});
const topo = topology({
  wijk: { type: 'FeatureCollection', features: [square('BU1', 0), square('BU2', 0.02)] },
  gebied: { type: 'FeatureCollection', features: [square('WK1', 0)] },
} as never) as unknown as Boundaries;
const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const render = (d: IndicatorViewData) => {
  const { document } = parseHTML(`<!doctype html><html><body>${renderIndicatorView(d, { base: '/', topo, document: doc() })}</body></html>`);
  return document;
};

describe('renderIndicatorView', () => {
  it('a count: "grootste" ranks, share of the city, no judgement, names escaped, year everywhere', () => {
    const page = render({
      id: 'inwoners', level: 'wijk', year: 2024, city: 1000,
      rows: [
        { area: 'BU1', name: 'A <b>wijk</b>', value: 600, status: 'ok', rank: 1, peers: 2 },
        { area: 'BU2', name: 'B & zo', value: 400, status: 'ok', rank: 2, peers: 2 },
      ],
    });
    const rows = [...page.querySelectorAll('#ind-tabel tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows).toEqual([
      ['grootste van 2', 'A <b>wijk</b>', '600', '60,0% van de stad (een aantal: geen oordeel)'],
      ['2e grootste van 2', 'B & zo', '400', '40,0% van de stad (een aantal: geen oordeel)'],
    ]);
    expect(page.querySelector('#ind-tabel b')).toBeNull(); // the name is text, not markup
    expect(page.querySelector('#ind-tabel thead')!.textContent).toContain('Deel van Rotterdam');
    expect(page.querySelectorAll('#ind-tabel .better, #ind-tabel .worse')).toHaveLength(0);
    expect(page.querySelector('#ind-tabel caption')!.textContent).toContain('2024');
    expect(page.querySelector('[data-intro]')!.textContent).toContain('in 2024');
    expect(page.querySelector('.mapfig .legend p')!.textContent).toBe('aantal (2024)');
    expect(page.querySelector('.mapfig svg[role] a[href="/wijk/BU1/"]')!.getAttribute('aria-label')).toBe('A <b>wijk</b>: 600 aantal in 2024');
  });

  it('a rate: index column judged by direction; an area without a value is listed with its reason and hatched', () => {
    const page = render({
      id: 'bijstand', level: 'wijk', year: 2016, city: 50,
      rows: [
        { area: 'BU1', name: 'Laag', value: 25, status: 'ok', rank: 1, peers: 1 },
        { area: 'BU2', name: 'Klein', value: null, status: 'te weinig inwoners', rank: null, peers: null },
      ],
    });
    const [first, second] = [...page.querySelectorAll('#ind-tabel tbody tr')];
    expect(first!.querySelector('td.idx')!.className).toContain('better');
    expect(first!.querySelector('td.idx')!.textContent).toMatch(/^50 \(index 50: beter dan de stad\)/);
    expect(first!.querySelector('td')!.textContent).toBe('1 van 1');
    expect(second!.textContent).toContain('te weinig inwoners');
    expect(page.querySelector('a[href="/wijk/BU2/"] path')!.getAttribute('fill')).toBe('url(#geen)');
  });
  it('a percentage says its unit once: "60,0% in 2018", not "60,0% % in 2018" (intro and map labels)', () => {
    const page = render({
      id: 'wp_met_werk', level: 'wijk', year: 2018, city: 60,
      rows: [
        { area: 'BU1', name: 'A', value: 37, status: 'ok', rank: 2, peers: 2 },
        { area: 'BU2', name: 'B', value: 64, status: 'ok', rank: 1, peers: 2 },
      ],
    });
    expect(page.querySelector('[data-intro]')!.textContent).toContain('Rotterdam: 60,0% in 2018.');
    expect(page.querySelector('.mapfig svg[role] a[href="/wijk/BU1/"]')!.getAttribute('aria-label')).toBe('A: 37,0% in 2018');
    expect(page.body.textContent).not.toContain('% %');
  });
});
