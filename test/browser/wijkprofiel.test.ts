// The Wijkprofiel block on a wijk page (src/components/WijkprofielBlock.astro): each mark has the
// colour and shape of its legend entry, the values are the Parquet's, there is no unexplained
// third mark, and tick labels are at least 12 px as shown, on a wide and a phone-sized screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite, watchedPage } from './built-site';

const site = useSite({ db: true });
const AREA = 'BU05991086'; // Afrikaanderwijk: all three indexes in 2014, 2016 and 2018

/** A symbol path's shape without its size: every number divided by the largest, 2 decimals. */
function shape(d: string): string {
  const nums = (d.match(/-?\d*\.?\d+(?:e-?\d+)?/g) ?? []).map(Number);
  const max = Math.max(...nums.map(Math.abs));
  let i = 0;
  return d.replace(/-?\d*\.?\d+(?:e-?\d+)?/g, () => (nums[i++]! / max).toFixed(2));
}

async function open(width: number): Promise<Page> {
  const { page } = await watchedPage(site);
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(`${site.server.url}wijk/${AREA}/`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return page;
}

interface Card {
  title: string;
  legend: { label: string; fill: string; d: string }[];
  marks: { title: string; fill: string; d: string }[];
  /** Rendered font size (px) of each tick label: computed size × the SVG's on-screen scale. */
  tickPx: number[];
}

async function cards(page: Page): Promise<Card[]> {
  return page.$$eval('section[aria-labelledby="wijkprofiel"] figure', (figs) =>
    figs.map((fig) => {
      const svg = fig.querySelector('svg[role="img"]')!;
      const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
      return {
        title: (fig.querySelector('figcaption')?.textContent ?? '').trim(),
        legend: [...fig.querySelectorAll('.legend span')].filter((s) => s.querySelector('svg path')).map((s) => ({
          label: (s.textContent ?? '').trim(),
          fill: s.querySelector('svg')!.getAttribute('fill') ?? '',
          d: s.querySelector('svg path')!.getAttribute('d') ?? '',
        })),
        marks: [...svg.querySelectorAll('path')].filter((p) => p.querySelector('title')).map((p) => ({
          title: p.querySelector('title')!.textContent ?? '',
          fill: p.getAttribute('fill') ?? '',
          d: p.getAttribute('d') ?? '',
        })),
        tickPx: [...svg.querySelectorAll('text')].filter((t) => /^\d+$/.test(t.textContent ?? '')).map((t) => parseFloat(getComputedStyle(t).fontSize) * scale),
      };
    }),
  );
}

describe('Wijkprofiel block on /wijk/BU05991086/', () => {
  it('feiten 2014 and beleving 2014 of the sociale index have the colour and symbol of their legend entries and the Parquet values', async () => {
    const rows = await site.db.query<{ indicator: string; value: number }>(`
      SELECT indicator, value FROM observations WHERE area = '${AREA}' AND year = 2014 AND status = 'ok' AND indicator IN ('wp_si_obj', 'wp_si_subj')`);
    const want = new Map(rows.map((r) => [r.indicator, Math.round(r.value)]));
    expect(want.size).toBe(2);
    const page = await open(1280);
    try {
      const card = (await cards(page)).find((c) => c.title === 'Sociale index');
      expect(card, 'a card for the sociale index').toBeDefined();
      expect(card!.legend.map((l) => l.label)).toEqual(['feiten (registraties)', 'beleving (enquête)']);
      const [feiten, beleving] = card!.legend;
      // The two entries differ in colour and in shape (never colour alone).
      expect(feiten!.fill).not.toBe(beleving!.fill);
      expect(shape(feiten!.d)).not.toBe(shape(beleving!.d));
      for (const [entry, id] of [[feiten!, 'wp_si_obj'], [beleving!, 'wp_si_subj']] as const) {
        const mark = card!.marks.find((m) => m.title === `${entry.label} 2014: ${want.get(id)}`);
        expect(mark, `a mark titled "${entry.label} 2014: ${want.get(id)}"`).toBeDefined();
        expect(mark!.fill).toBe(entry.fill);
        expect(shape(mark!.d)).toBe(shape(entry.d));
      }
    } finally {
      await page.close();
    }
  });

  it('every mark is feiten or beleving (no unexplained third symbol) and matches its legend entry', async () => {
    const page = await open(1280);
    try {
      const all = await cards(page);
      expect(all.map((c) => c.title)).toEqual(['Sociale index', 'Fysieke index', 'Veiligheidsindex']);
      const problems: string[] = [];
      for (const c of all) {
        expect(c.marks.length).toBe(6); // 3 years × feiten and beleving
        for (const m of c.marks) {
          const entry = c.legend.find((l) => m.title.startsWith(`${l.label} `));
          if (!entry) problems.push(`${c.title}: mark "${m.title}" has no legend entry`);
          else if (entry.fill !== m.fill || shape(entry.d) !== shape(m.d)) problems.push(`${c.title}: "${m.title}" looks unlike its legend entry`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  for (const width of [1280, 375]) {
    it(`tick labels are at least 12 px as shown at ${width} px wide`, async () => {
      const page = await open(width);
      try {
        const sizes = (await cards(page)).flatMap((c) => c.tickPx);
        expect(sizes.length).toBeGreaterThan(10);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
      } finally {
        await page.close();
      }
    });
  }
});
