// Page weight of the built site: the wijk page (the heaviest page type readers open most) and the
// samenhang page (a ~3.000-cell matrix) stay under a budget in raw bytes and elements, set from a
// measurement with ~10% headroom (see BUDGET), and the trend panels keep every point: each chart
// has a dot with a title for every value in its table. Counted from dist/ with plain string
// matching, not with the site's modules.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSite } from '../shared';

/**
 * Measured 2026-11-28 on the built pages (raw bytes / elements outside scripts), before → after the
 * compact SVG of the trend panels, the matrix and the locator map: Afrikaanderwijk 592.676 / 8.221 → 514.162 / 7.573,
 * BU05990110 560.211 / 7.628 → 486.057 / 6.953, samenhang 1.025.100 / 9.320 → 759.793 / 9.211.
 * Budget: the "after" plus ~8% (bytes) and ~4% (elements). More content (a new year, a new
 * indicator) may need more: then measure again and raise the budget on purpose.
 */
const BUDGET: Record<string, { bytes: number; elements: number }> = {
  '/wijk/BU05991086/': { bytes: 560_000, elements: 7_900 },
  '/wijk/BU05990110/': { bytes: 530_000, elements: 7_250 },
  '/samenhang/': { bytes: 820_000, elements: 9_600 },
};

let dist = '';
beforeAll(async () => {
  dist = await sharedSite();
}, 20 * 60_000);

const file = (page: string) => path.join(dist, page, 'index.html');
const elements = (html: string) => (html.replace(/<script[\s\S]*?<\/script>/g, '').match(/<[a-zA-Z][^>]*>/g) ?? []).length;

describe('page weight', () => {
  for (const [page, budget] of Object.entries(BUDGET)) {
    it(`${page} stays under ${budget.bytes.toLocaleString('nl-NL')} bytes and ${budget.elements.toLocaleString('nl-NL')} elements`, () => {
      const html = fs.readFileSync(file(page), 'utf8');
      const bytes = Buffer.byteLength(html);
      expect(bytes, `${page}: ${bytes} bytes`).toBeLessThanOrEqual(budget.bytes);
      expect(elements(html), `${page}: elements`).toBeLessThanOrEqual(budget.elements);
      // The precompressed copy is the one readers get.
      expect(fs.statSync(`${file(page)}.br`).size).toBeLessThan(bytes / 5);
    });
  }

  it('every trend chart on the wijk page has a titled dot for each value in its table', () => {
    const html = fs.readFileSync(file('/wijk/BU05991086/'), 'utf8');
    const figures = [...html.matchAll(/<figure class="trend" id="verloop-([^"]+)"[\s\S]*?<\/figure>/g)];
    expect(figures.length).toBeGreaterThan(40);
    for (const [fig, id] of figures) {
      const svg = fig.slice(fig.indexOf('<svg'), fig.indexOf('</svg>'));
      const dots = (svg.match(/<circle[^>]*>\s*<title>[^<]+<\/title>\s*<\/circle>/g) ?? []).length;
      const body = fig.slice(fig.indexOf('<tbody>'));
      const values = (body.match(/<td[^>]*>([^<]*)<\/td>/g) ?? []).filter((td) => !/>–</.test(td)).length;
      expect(dots, id).toBe(values);
      expect(values, id).toBeGreaterThan(0);
    }
  });
});
