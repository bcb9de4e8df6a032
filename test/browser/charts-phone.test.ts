// Charts redraw to the width they have (issue 9): at 375 px the indicator page's ranking and spread
// and a wijk trend panel are redrawn in the browser (src/client/redraw.ts) so that their text is at
// least 12 px on screen, and the redrawn charts still show the published values (Parquet, own SQL).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch } from './harness';
import { useSite } from './built-site';

const site = useSite({ db: true });
const PHONE = { width: 375, height: 667 };
const AREA = 'BU05991086'; // Afrikaanderwijk
/** Dutch, one decimal (bijstand's format), written here, not with the site's formatter. */
const nl1 = (v: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

/** Per chart: drawn width (viewBox), shown width, and the smallest text in screen px (font size × scale). */
async function chartText(page: Page, selector: string) {
  return page.$eval(selector, (svg) => {
    const s = svg as SVGSVGElement;
    const shown = s.getBoundingClientRect();
    const scale = shown.width / s.viewBox.baseVal.width;
    const texts = [...s.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim());
    const sizes = texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    // Text outside the chart's box is cut off on screen (margins too small for the labels).
    const outside = texts.filter((t) => {
      const r = t.getBoundingClientRect();
      return r.left < shown.left - 1 || r.right > shown.right + 1;
    }).map((t) => t.textContent);
    return { drawn: s.viewBox.baseVal.width, shown: shown.width, min: Math.min(...sizes), n: texts.length, outside };
  });
}

describe('charts on a phone (375 px)', () => {
  it('indicator page: ranking and spread redrawn at their width, text ≥ 12 px, the same values', async () => {
    const [{ year }] = await site.db.query<{ year: number }>(`SELECT max(o.year) AS year FROM observations o JOIN areas a ON a.code = o.area WHERE o.indicator = 'bijstand' AND a.level = 'wijk' AND o.status = 'ok'`);
    const wijken = await site.db.query<{ name: string; value: number }>(`SELECT a.name, o.value FROM observations o JOIN areas a ON a.code = o.area WHERE o.indicator = 'bijstand' AND a.level = 'wijk' AND o.status = 'ok' AND o.year = ${year} AND o.value IS NOT NULL`);
    const [{ value }] = await site.db.query<{ value: number }>(`SELECT value FROM observations WHERE indicator = 'bijstand' AND area = '${AREA}' AND year = ${year} AND status = 'ok'`);
    const phone = await launch({ viewport: PHONE });
    try {
      const page = await phone.context.newPage();
      await page.goto(new URL('indicator/bijstand/', site.server.url).href, { waitUntil: 'load' });
      // The build draws the ranking at 580 and the spread at 480. A chart far below the screen keeps
      // that drawing (no work for what is never seen); scrolled near, it is redrawn.
      const spreadWidth = () => page.$eval('#spread figure.spread > svg', (s) => (s as SVGSVGElement).viewBox.baseVal.width);
      const built = await spreadWidth();
      await page.waitForTimeout(1500);
      expect(await spreadWidth(), 'not redrawn while far below the screen').toBe(built);
      await page.locator('#ranking').scrollIntoViewIfNeeded();
      await expect.poll(() => page.$eval('#ranking svg', (s) => (s as SVGSVGElement).viewBox.baseVal.width), { timeout: 15_000 }).toBeLessThan(400);
      await page.locator('#spread').scrollIntoViewIfNeeded();
      await expect.poll(spreadWidth, { timeout: 15_000 }).toBeLessThan(400);
      const rank = await chartText(page, '#ranking svg');
      console.log(`  375 px ranking: drawn ${rank.drawn}, shown ${rank.shown.toFixed(0)} px, smallest text ${rank.min.toFixed(1)} px`);
      expect(rank.min).toBeGreaterThanOrEqual(12);
      expect(rank.outside).toEqual([]);
      const spread = await chartText(page, '#spread figure.spread > svg');
      console.log(`  375 px spread: drawn ${spread.drawn}, shown ${spread.shown.toFixed(0)} px, smallest text ${spread.min.toFixed(1)} px`);
      expect(spread.min).toBeGreaterThanOrEqual(12);

      // Same values: one bar per wijk with a value, and Afrikaanderwijk's label is its Parquet value.
      const bars = await page.$$eval('#ranking svg rect', (rs) => rs.filter((r) => r.parentElement?.getAttribute('fill') || r.getAttribute('fill')).length);
      expect(bars).toBe(wijken.length);
      const label = await page.$eval('#ranking svg', (svg) => {
        const texts = [...svg.querySelectorAll('text')];
        const name = texts.find((t) => t.textContent === 'Afrikaanderwijk');
        if (!name) return null;
        const y = name.getBoundingClientRect().top + name.getBoundingClientRect().height / 2;
        const value = texts.find((t) => t !== name && t.getBoundingClientRect().left > name.getBoundingClientRect().right && Math.abs(t.getBoundingClientRect().top + t.getBoundingClientRect().height / 2 - y) < 3);
        return value?.textContent ?? null;
      });
      expect(label).toBe(nl1(value));
      await page.close();
    } finally {
      await phone.close();
    }
  });

  it('indicator page: a live year change and a highlighted wijk keep the phone width', async () => {
    const phone = await launch({ viewport: PHONE });
    try {
      const page = await phone.context.newPage();
      await page.goto(new URL('indicator/bijstand/', site.server.url).href, { waitUntil: 'load' });
      const drawn = (sel: string) => page.$eval(sel, (s) => (s as SVGSVGElement).viewBox.baseVal.width);
      await page.locator('#spread').scrollIntoViewIfNeeded();
      await expect.poll(() => drawn('#spread figure.spread > svg'), { timeout: 15_000 }).toBeLessThan(400);
      const phoneWidth = await drawn('#spread figure.spread > svg');
      await page.selectOption('#ind-jaar', '2016');
      await page.waitForSelector('#indicatorpagina[data-live-year="2016"]', { timeout: 60_000 });
      await page.locator('#ranking').scrollIntoViewIfNeeded();
      await expect.poll(() => drawn('#ranking svg'), { timeout: 15_000 }).toBe(phoneWidth);
      await page.selectOption('#spread-kies', AREA);
      await page.waitForSelector(`#spread figure.spread[data-chosen="${AREA}"]`, { timeout: 60_000 });
      expect(await drawn('#spread figure.spread > svg')).toBe(phoneWidth);
      expect((await chartText(page, '#spread figure.spread > svg')).min).toBeGreaterThanOrEqual(12);
      await page.close();
    } finally {
      await phone.close();
    }
  });

  it('wijk page: a trend panel redrawn at its width, text ≥ 12 px, a point where the Parquet puts it', async () => {
    const rows = await site.db.query<{ year: number; value: number }>(`SELECT year, value FROM observations WHERE indicator = 'bijstand' AND area = '${AREA}' AND status = 'ok' AND value IS NOT NULL ORDER BY year DESC LIMIT 1`);
    const { year, value } = rows[0]!;
    const phone = await launch({ viewport: PHONE });
    try {
      const page = await phone.context.newPage();
      await page.goto(new URL(`wijk/${AREA}/`, site.server.url).href, { waitUntil: 'load' });
      const fig = 'figure#verloop-bijstand';
      await page.$eval(fig, (f) => ((f.closest('details') as HTMLDetailsElement).open = true));
      await page.locator(fig).scrollIntoViewIfNeeded();
      // Redrawn to the figure's own width (the build draws 320).
      await expect.poll(() => page.$eval(fig, (f) => Math.floor(f.getBoundingClientRect().width) - (f.querySelector(':scope > svg') as SVGSVGElement).viewBox.baseVal.width), { timeout: 15_000 }).toBe(0);
      const t = await chartText(page, `${fig} > svg`);
      console.log(`  375 px trend panel: drawn ${t.drawn}, shown ${t.shown.toFixed(0)} px, smallest text ${t.min.toFixed(1)} px`);
      expect(t.drawn).toBeLessThan(320);
      expect(t.min).toBeGreaterThanOrEqual(12);
      // The area's point of the newest year: its title says the Parquet value, and its height on
      // the y axis (read from two tick labels) is that value.
      const point = await page.$eval(`${fig} > svg`, (svg, title) => {
        const dot = [...svg.querySelectorAll('circle')].find((c) => c.querySelector('title')?.textContent === title);
        if (!dot) return null;
        const num = (s: string) => Number(s.replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));
        const ticks = [...svg.querySelectorAll('text')]
          .filter((t) => /^-?[\d.,]+%?$/.test((t.textContent ?? '').trim()) && !/^20\d\d$/.test(t.textContent ?? ''))
          .map((t) => ({ v: num(t.textContent!), y: t.getBoundingClientRect().top + t.getBoundingClientRect().height / 2 }));
        const [a, b] = [ticks[0], ticks.at(-1)];
        const r = dot.getBoundingClientRect();
        const cy = r.top + r.height / 2;
        return { ticks: ticks.length, span: a && b ? Math.abs(b.v - a.v) : 0, read: a && b && a.y !== b.y ? a.v + ((cy - a.y) / (b.y - a.y)) * (b.v - a.v) : null };
      }, `Afrikaanderwijk ${year}: ${nl1(value)}`);
      expect(point, `a point titled "Afrikaanderwijk ${year}: ${nl1(value)}"`).not.toBeNull();
      expect(point!.ticks).toBeGreaterThanOrEqual(2);
      // Within 2% of the axis' span read back from screen pixels.
      expect(Math.abs(point!.read! - value)).toBeLessThan(point!.span * 0.02);
      await page.close();
    } finally {
      await phone.close();
    }
  });
});
