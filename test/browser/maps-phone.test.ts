// The home map and the phone layout (issue 9): the home page map colours Afrikaanderwijk on
// bijstand in the worse half of its legend, names every wijk and shows Hoek van Holland and
// Rozenburg; at 375 px no page is wider than the viewport, the wijk page shows its first
// indicator value within two screens and its factor links are touch targets of 24×24 px; a year
// change is answered from the page's own data before DuckDB-wasm is there.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch } from './harness';
import { useSite } from './built-site';

const site = useSite({ db: true });
const PHONE = { width: 375, height: 667 };

/** Every page type of the site (the /download/ files are files, not pages). */
const PAGES = [
  '/', '/wijk/BU05991086/', '/wijk/WK059910/', '/wijk/ZUID/', '/wijk/GM0599/', '/indicator/', '/indicator/bijstand/',
  '/indicator/bijstand/gebieden/', '/samenhang/', '/factoren/', '/methode/', '/data/', '/data/sql/', '/presentatie/', '/wijk/BU09999999/',
];

async function legend(page: Page, scope: string) {
  return page.$eval(scope, (el) => [...el.querySelectorAll('.legend span')].filter((s) => s.querySelector('svg')).map((s) => ({ label: (s.textContent ?? '').trim(), fill: s.querySelector('svg')!.getAttribute('fill') ?? '' })));
}

describe('home page map', () => {
  it('shows bijstand per wijk: Afrikaanderwijk in the worse half of the legend, every wijk a named link, insets', async () => {
    const [{ year }] = await site.db.query<{ year: number }>(`SELECT max(year) AS year FROM observations o JOIN areas a ON a.code = o.area WHERE indicator = 'bijstand' AND a.level = 'wijk' AND status = 'ok'`);
    const wijken = await site.db.query<{ code: string; name: string }>(`SELECT code, name FROM areas WHERE level = 'wijk' AND list_contains(years, ${year})`);
    const page = await site.browser.context.newPage();
    try {
      await page.goto(new URL('', site.server.url).href, { waitUntil: 'load' });
      const swatches = await legend(page, '.homemap');
      const classes = swatches.filter((s) => !s.label.startsWith('geen cijfer'));
      const middle = classes.findIndex((s) => s.label.startsWith('rond Rotterdam'));
      expect(middle).toBeGreaterThan(0);
      const afrFill = await page.$eval('.homemap svg.map a[href$="/wijk/BU05991086/"] path', (p) => p.getAttribute('fill'));
      const at = classes.findIndex((s) => s.fill === afrFill);
      // Lower is better: the legend runs from better to worse, so the worse half is after the middle.
      expect(at, `fill ${afrFill} of Afrikaanderwijk among ${JSON.stringify(classes)}`).toBeGreaterThan(middle);
      expect(at).toBeGreaterThanOrEqual(Math.ceil(classes.length / 2));

      const links = await page.$$eval('.homemap svg.map a[href]', (as) => as.map((a) => ({ href: a.getAttribute('href')!, label: a.getAttribute('aria-label') ?? '' })));
      const missing = wijken.filter((w) => !links.some((l) => l.href.endsWith(`/wijk/${w.code}/`) && l.label.startsWith(`${w.name}:`)));
      expect(missing.map((w) => w.code)).toEqual([]);
      expect(await page.$$eval('.homemap svg.inset', (els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Inzet: Hoek van Holland', 'Inzet: Rozenburg']);
      // Named on keyboard focus: focusing a wijk's link shows its name below the map.
      await page.focus('.homemap svg.map a[href$="/wijk/BU05991086/"]');
      expect(await page.textContent('#kaart-naam')).toMatch(/^Afrikaanderwijk: \d+,\d per 1\.000 inwoners/);
      // No DuckDB-wasm for the home page before the visitor does anything.
      expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')))).toBe(false);
    } finally {
      await page.close();
    }
  });
});

describe('phones (375 × 667)', () => {
  it('no page is wider than the viewport', async () => {
    const phone = await launch({ viewport: PHONE });
    try {
      const wide: string[] = [];
      for (const p of PAGES) {
        const page = await phone.context.newPage();
        await page.goto(new URL(p.slice(1), site.server.url).href, { waitUntil: 'load' });
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        console.log(`  375 px: ${p} is ${w} px breed`);
        if (w > PHONE.width) wide.push(`${p}: ${w} px`);
        await page.close();
      }
      expect(wide).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('wijk page: the first indicator value within two screens; rows are stacked cards; factor links ≥ 24×24 px', async () => {
    const phone = await launch({ viewport: PHONE });
    try {
      const page = await phone.context.newPage();
      await page.goto(new URL('wijk/BU05991086/', site.server.url).href, { waitUntil: 'load' });
      const first = await page.$eval('table.indicators td.val', (td) => ({ top: td.getBoundingClientRect().top + scrollY, text: td.textContent ?? '' }));
      console.log(`  eerste indicatorwaarde op ${Math.round(first.top)} px ("${first.text.trim()}")`);
      expect(first.top).toBeLessThan(2 * PHONE.height);
      // A card: the row is a grid, the label spans it, nothing scrolls sideways inside.
      const row = await page.$eval('table.indicators tbody tr', (tr) => ({ display: getComputedStyle(tr).display, scroll: tr.closest('.scroll')!.scrollWidth - tr.closest('.scroll')!.clientWidth }));
      expect(row).toEqual({ display: 'grid', scroll: 0 });
      const small = await page.$$eval('#doelen .flabel a', (as) => as.map((a) => a.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).map((r) => `${r.width}×${r.height}`));
      expect(small).toEqual([]);
      await page.close();
    } finally {
      await phone.close();
    }
  });
});

describe('the first click', () => {
  it('a year change is answered from the page before DuckDB-wasm has loaded, then checked live', async () => {
    const [{ value }] = await site.db.query<{ value: number }>(`SELECT value FROM observations WHERE area = 'BU05991086' AND indicator = 'bijstand' AND year = 2016 AND status = 'ok'`);
    const page = await site.browser.context.newPage();
    try {
      // Hold the wasm back: the view must follow the choice without it.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/*.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(new URL('wijk/BU05991086/', site.server.url).href, { waitUntil: 'load' });
      await page.selectOption('#jaar', '2016');
      await page.waitForSelector('#wijkpagina[data-live-year="2016"]', { timeout: 5_000 });
      expect(await page.getAttribute('tr[data-indicator="bijstand"] td.val', 'data-value')).toBe(String(value));
      expect(await page.getAttribute('#wijkpagina', 'data-live-checked')).toBeNull();
      release();
      await page.waitForSelector('#wijkpagina[data-live-checked="2016"]', { timeout: 60_000 });
      expect(await page.getAttribute('tr[data-indicator="bijstand"] td.val', 'data-value')).toBe(String(value));
      expect(await page.textContent('#live-check')).toMatch(/^Live berekend in uw browser/);
    } finally {
      await page.close();
    }
  });
});
