// Trends in a real browser: the wijk page's trend chart for bijstand against the Parquet (values
// of 2014 and 2024, no line across the 2017→2024 gap, references, keyboard reading, without
// JavaScript too), the change since the first year, and the indicator page's spread with a
// highlighted wijk. Expected values come from our own SQL and Intl, not from the site's modules.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useNoJsBrowser, useSite, watchedPage } from './built-site';

const AFRIKAANDERWIJK = 'BU05991086'; // in gebied Feijenoord, so in Rotterdam-Zuid
const LIVE_TIMEOUT = 90_000;
const site = useSite({ db: true });
const noJs = useNoJsBrowser();

const one = (v: number) => v.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

async function value(area: string, indicator: string, year: number): Promise<number | null> {
  const rows = await site.db.query<{ value: number | null }>(
    `SELECT value FROM observations WHERE area = '${area}' AND indicator = '${indicator}' AND year = ${year} AND status = 'ok'`,
  );
  return rows[0]?.value ?? null;
}

async function nameOf(code: string): Promise<string> {
  return (await site.db.query<{ name: string }>(`SELECT name FROM areas WHERE code = '${code}'`))[0].name;
}

/** The x coordinates of every vertex of every line path of a chart, per path. */
async function pathXs(page: Page, selector: string): Promise<number[][]> {
  return page.$$eval(selector, (paths) =>
    paths.map((p) => [...(p.getAttribute('d') ?? '').matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => Number(m[1]))),
  );
}

/** The cx of the dot whose title starts with "<name> <year>:". */
async function dotX(page: Page, fig: string, name: string, year: number): Promise<number | null> {
  return page.$eval(fig, (f, want) => {
    const c = [...f.querySelectorAll('circle')].find((x) => x.querySelector('title')?.textContent?.startsWith(want));
    return c ? Number(c.getAttribute('cx')) : null;
  }, `${name} ${year}:`);
}

describe('wijk page trend chart (bijstand)', () => {
  it('shows the 2014 and 2024 values from the Parquet, with gebied, Rotterdam-Zuid and Rotterdam, and no line 2017→2024', async () => {
    const { page, errors } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}wijk/${AFRIKAANDERWIJK}/`, { waitUntil: 'load' });
      const name = await nameOf(AFRIKAANDERWIJK);
      const fig = 'figure#verloop-bijstand';
      const v2014 = await value(AFRIKAANDERWIJK, 'bijstand', 2014);
      const v2017 = await value(AFRIKAANDERWIJK, 'bijstand', 2017);
      const v2024 = await value(AFRIKAANDERWIJK, 'bijstand', 2024);
      expect(v2014).not.toBeNull();
      expect(v2017).not.toBeNull();
      expect(v2024).not.toBeNull();

      // The table under the chart: the wijk's row has both values in Dutch format.
      const head = await page.$$eval(`${fig} table thead th`, (ths) => ths.map((t) => t.textContent?.trim()));
      const own = await page.$$eval(`${fig} table tbody tr[data-area-role="area"] > *`, (cells) => cells.map((c) => c.textContent?.trim()));
      expect(own[0]).toBe(name);
      expect(own[head.indexOf('2014')]).toBe(one(v2014!));
      expect(own[head.indexOf('2024')]).toBe(one(v2024!));
      // The same numbers on the points (hover titles).
      const titles = await page.$$eval(`${fig} svg circle title`, (ts) => ts.map((t) => t.textContent));
      expect(titles).toContain(`${name} 2014: ${one(v2014!)}`);
      expect(titles).toContain(`${name} 2024: ${one(v2024!)}`);

      // References: the gebied, Rotterdam-Zuid and Rotterdam, each with lines in the chart.
      const gebied = await nameOf('WK059910');
      const rowNames = await page.$$eval(`${fig} table tbody th`, (ths) => ths.map((t) => t.textContent?.trim()));
      expect(rowNames).toEqual([name, gebied, 'Rotterdam-Zuid', 'Rotterdam']);
      const legend = await page.$eval(`${fig}`, (f) => f.closest('details')!.querySelector('.legend')!.textContent);
      for (const n of [name, gebied, 'Rotterdam-Zuid', 'Rotterdam']) expect(legend).toContain(n);

      // No path of any series spans the years between 2017 and 2024.
      const x2017 = (await dotX(page, fig, name, 2017))!;
      const x2024 = (await dotX(page, fig, name, 2024))!;
      expect(x2024 - x2017).toBeGreaterThan(50);
      const paths = await pathXs(page, `${fig} svg g[class^="trend-"] path`);
      // Each of the four series has its 2014–2017 line; 2024 stands alone (a dot, no line reaches it).
      for (const role of ['area', 'gebied', 'zuid', 'city']) expect(await page.locator(`${fig} svg g.trend-${role} path`).count(), role).toBeGreaterThanOrEqual(1);
      expect(paths.length).toBeGreaterThanOrEqual(4);
      const spanning = paths.filter((xs) => Math.min(...xs) <= x2017 + 0.5 && Math.max(...xs) >= x2024 - 0.5);
      expect(spanning).toEqual([]);
      expect(paths.filter((xs) => xs.some((x) => Math.abs(x - x2024) < 0.5))).toEqual([]);
      // …while 2014–2017 is drawn as a line for the wijk.
      const x2014 = (await dotX(page, fig, name, 2014))!;
      const areaPaths = await pathXs(page, `${fig} svg g.trend-area path`);
      expect(areaPaths.some((xs) => Math.min(...xs) <= x2014 + 0.5 && Math.max(...xs) >= x2017 - 0.5)).toBe(true);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the sparkline links to the chart and opens its panel; the keyboard reads the points', async () => {
    const { page, errors } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}wijk/${AFRIKAANDERWIJK}/`, { waitUntil: 'load' });
      const panel = page.locator('details.trends:has(figure#verloop-bijstand)');
      expect(await panel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      const spark = page.locator('tr[data-indicator="bijstand"] a.spark');
      expect((await spark.locator('.yrs').textContent())?.replace(/\s+/g, '')).toBe('20142024');
      await spark.click();
      await expect.poll(() => panel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      const svg = page.locator('figure#verloop-bijstand svg');
      await svg.focus();
      const name = await nameOf(AFRIKAANDERWIJK);
      const readout = page.locator('figure#verloop-bijstand .readout');
      // Focus starts on the last point; Home goes to the first (2014, the earliest year).
      await page.keyboard.press('Home');
      expect(await readout.textContent()).toMatch(/^.+ 2014: \d/);
      await page.keyboard.press('End');
      const last = await readout.textContent();
      expect(last).toMatch(/ 2024: /);
      expect(await readout.getAttribute('aria-live')).toBe('polite');
      expect(name.length).toBeGreaterThan(0);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('without JavaScript the trend charts and their tables are in the page', async () => {
    const page = await noJs.browser.context.newPage();
    try {
      await page.goto(`${site.server.url}wijk/${AFRIKAANDERWIJK}/`, { waitUntil: 'load' });
      expect(await page.locator('figure#verloop-bijstand svg circle').count()).toBeGreaterThan(10);
      expect(await page.locator('details.trends').count()).toBeGreaterThanOrEqual(5);
      await page.locator('details.trends:has(figure#verloop-bijstand) > summary').click();
      expect(await page.locator('figure#verloop-bijstand svg').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('change since the first year', () => {
  /** The expected text, from the Parquet, the manifest and Intl. */
  async function expected(area: string): Promise<string> {
    const rows = await site.db.query<{ year: number; value: number }>(
      `SELECT year, value FROM observations WHERE area = '${area}' AND indicator = 'bijstand' AND status = 'ok' ORDER BY year`,
    );
    const [first, last] = [rows[0], rows.at(-1)!];
    const manifest = JSON.parse(fs.readFileSync(path.resolve('public/data/manifest.json'), 'utf8'));
    const change = (manifest.derived.boundaryChanges as { area: string; from: number; to: number; basis: string }[]).find(
      (c) => c.area === area && c.to > first.year && c.to <= last.year,
    );
    if (change) return `niet vergelijkbaar: grenswijziging ${change.basis === 'cbs' ? `in ${change.to}` : `tussen ${change.from} en ${change.to}`}`;
    const diff = (last.value - first.value).toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    return `${diff} per 1.000 sinds ${first.year}`;
  }

  const CASES: [string, string, RegExp][] = [
    ['BU05991081', 'Bloemhof: no boundary change since 2014', /^[+-]\d+,\d per 1\.000 sinds 2014$/],
    [AFRIKAANDERWIJK, 'Afrikaanderwijk: CBS boundary change in 2018', /^niet vergelijkbaar: grenswijziging in 2018$/],
    ['BU05990836', 'Nieuw Crooswijk: boundary changed between 2018 and 2023 (land area)', /^niet vergelijkbaar: grenswijziging tussen 2018 en 2023$/],
  ];
  for (const [code, what, shape] of CASES) {
    it(`${code} (${what})`, async () => {
      const { page } = await watchedPage(site);
      try {
        await page.goto(`${site.server.url}wijk/${code}/`, { waitUntil: 'load' });
        const want = await expected(code);
        expect(want).toMatch(shape);
        expect((await page.locator('tr[data-indicator="bijstand"] td.verloop .change').textContent())?.trim()).toBe(want);
      } finally {
        await page.close();
      }
    });
  }
});

describe('indicator page trend (bijstand per wijk)', () => {
  it('band of the 10th–90th percentile from the Parquet; ?wijk= highlights that wijk with its values', async () => {
    const { page, errors } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}indicator/bijstand/`, { waitUntil: 'load' });
      const fig = page.locator('figure.spread');
      expect(await fig.locator('svg g.spread-area path').count()).toBeGreaterThan(60);
      expect(await fig.locator('.legend').textContent()).toContain('middelste 80% van de wijken (10e tot 90e percentiel)');
      // The band's 2014 bounds: DuckDB's quantile_cont over the wijken with a value.
      const [q] = await site.db.query<{ lo: number; hi: number }>(`
        SELECT quantile_cont(o.value, 0.1) AS lo, quantile_cont(o.value, 0.9) AS hi FROM observations o JOIN areas a ON a.code = o.area
        WHERE o.indicator = 'bijstand' AND o.year = 2014 AND a.level = 'wijk' AND o.status = 'ok'`);
      const head = await fig.locator('table thead th').allTextContents();
      const lo = await fig.locator('table tbody tr').nth(0).locator('td').allTextContents();
      const hi = await fig.locator('table tbody tr').nth(1).locator('td').allTextContents();
      const col = head.indexOf('2014') - 1;
      expect(lo[col]).toBe(one(q.lo));
      expect(hi[col]).toBe(one(q.hi));
      // Without a choice nothing is highlighted; the URL picks one.
      expect(await fig.getAttribute('data-chosen')).toBe('');
      await page.goto(`${site.server.url}indicator/bijstand/?wijk=${AFRIKAANDERWIJK}`, { waitUntil: 'load' });
      await page.waitForSelector(`figure.spread[data-chosen="${AFRIKAANDERWIJK}"]`, { timeout: LIVE_TIMEOUT });
      const name = await nameOf(AFRIKAANDERWIJK);
      expect(await page.locator('figure.spread .legend').textContent()).toContain(name);
      expect(await page.locator('figure.spread svg g.spread-chosen path').count()).toBeGreaterThan(0);
      const titles = await page.locator('figure.spread svg circle title').allTextContents();
      expect(titles).toContain(`${name} 2024: ${one((await value(AFRIKAANDERWIJK, 'bijstand', 2024))!)} per 1.000 inwoners`);
      expect(await page.locator('#spread-kies').inputValue()).toBe(AFRIKAANDERWIJK);
      // No line across 2017→2024 here either.
      const x = (y: number) => page.$eval('figure.spread', (f, want) => {
        const c = [...f.querySelectorAll('circle')].find((e) => e.querySelector('title')?.textContent?.startsWith(want));
        return Number(c!.getAttribute('cx'));
      }, `Rotterdam ${y}:`);
      const [x2017, x2024] = [await x(2017), await x(2024)];
      const paths = await pathXs(page, 'figure.spread svg g[class^="spread-"] path');
      expect(paths.filter((xs) => Math.min(...xs) <= x2017 + 0.5 && Math.max(...xs) >= x2024 - 0.5)).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
