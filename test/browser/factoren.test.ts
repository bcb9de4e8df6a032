// /factoren/: choosing bijstand lists laag_inkomen among the strongest associations with the r we
// compute ourselves (DuckDB corr() on the Parquet); a what-if slider moves the expected value by the
// slope (our own regr_slope) times the shift; the URL restores outcome, factors, wijk and slider.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sqlString as q } from '../../src/lib/db';
import { useSite, watchedPage } from './built-site';

const LIVE_TIMEOUT = 90_000;
const site = useSite({ db: true });

/** 'ok' values of an indicator per wijk in one year. */
const values = (id: string, year: number) => `
  SELECT o.area, o.value FROM observations o JOIN areas a ON a.code = o.area
  WHERE o.indicator = ${q(id)} AND o.year = ${year} AND o.status = 'ok' AND a.level = 'wijk' AND o.value IS NOT NULL`;

async function expected(y: string, x: string, year: number) {
  const [row] = await site.db.query<{ r: number; slope: number; n: number }>(`
    SELECT corr(vy.value, vx.value) AS r, regr_slope(vy.value, vx.value) AS slope, count(*)::INTEGER AS n
    FROM (${values(y, year)}) vy JOIN (${values(x, year)}) vx ON vx.area = vy.area`);
  return row;
}

/** The signed Dutch text the page shows for r (two decimals, minus sign). */
const dutchR = (r: number) => (r > 0 ? '+' : r < 0 ? '−' : '') + Math.abs(r).toFixed(2).replace('.', ',');

async function open(query = '') {
  const { page, w, errors, dialogs } = await watchedPage(site);
  const res = await page.goto(`${site.server.url}factoren/${query}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return { page, w, errors, dialogs };
}

const rendered = (page: Page, check: string) =>
  page.waitForFunction((c) => (document.getElementById('factoren')?.dataset.rendered ?? '').includes(c), check, { timeout: LIVE_TIMEOUT });

const afterMinusBefore = (page: Page) =>
  page.evaluate(() => {
    const el = document.getElementById('whatif-result')!;
    return Number(el.dataset.after) - Number(el.dataset.before);
  });

describe('factoren page', () => {
  it('choosing bijstand lists laag_inkomen among the five strongest, with r and n from our own corr()', async () => {
    const exp = await expected('bijstand', 'laag_inkomen', 2017);
    expect(exp.n).toBeGreaterThan(50);
    const { page, w, errors, dialogs } = await open('?uitkomst=ervaren_gezondheid');
    try {
      await rendered(page, '"outcome":"ervaren_gezondheid"');
      await page.selectOption('#uitkomst', 'bijstand');
      await rendered(page, '"outcome":"bijstand"');
      const top = await page.$$eval('#verbanden tbody tr', (rows) => rows.slice(0, 5).map((r) => (r as HTMLElement).dataset.id));
      expect(top).toContain('laag_inkomen');
      const row = page.locator('#verbanden tr[data-id="laag_inkomen"]');
      expect(Math.abs(Number(await row.getAttribute('data-r')) - exp.r)).toBeLessThan(1e-9);
      expect(Number(await row.getAttribute('data-n'))).toBe(exp.n);
      expect(await row.locator('td').nth(1).textContent()).toBe(dutchR(exp.r));
      expect(new URL(page.url()).searchParams.get('uitkomst')).toBe('bijstand');
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a what-if slider moved with the keyboard changes the expectation by slope × shift, kept in the URL', async () => {
    const exp = await expected('bijstand', 'laag_inkomen', 2017);
    const [wijk] = await site.db.query<{ area: string }>(`SELECT area FROM (${values('laag_inkomen', 2017)}) ORDER BY area LIMIT 1`);
    const { page, errors } = await open(`?uitkomst=bijstand&jaar=2017&factoren=laag_inkomen&wijk=${wijk.area}`);
    try {
      await rendered(page, `"wijk":"${wijk.area}"`);
      await page.focus('#knop-0');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
      const shift = Number(await page.inputValue('#knop-0'));
      expect(shift).toBeLessThan(0);
      await page.waitForFunction(() => document.getElementById('whatif-result')?.dataset.after !== document.getElementById('whatif-result')?.dataset.before);
      expect(Math.abs((await afterMinusBefore(page)) - exp.slope * shift)).toBeLessThan(1e-6);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('knop-0');
      expect(Number(new URL(page.url()).searchParams.get('knop'))).toBe(shift);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the URL restores outcome, year, factors, wijk and slider', async () => {
    const exp = await expected('bijstand', 'laag_inkomen', 2017);
    const [wijk] = await site.db.query<{ area: string }>(`SELECT area FROM (${values('laag_inkomen', 2017)}) ORDER BY area DESC LIMIT 1`);
    const { page, errors } = await open(`?uitkomst=bijstand&jaar=2017&x=eenpersoons&factoren=laag_inkomen&wijk=${wijk.area}&knop=-2`);
    try {
      await rendered(page, `"wijk":"${wijk.area}"`);
      expect(await page.inputValue('#uitkomst')).toBe('bijstand');
      expect(await page.inputValue('#jaar')).toBe('2017');
      expect(await page.inputValue('#x')).toBe('eenpersoons');
      expect(await page.inputValue('#factor-0')).toBe('laag_inkomen');
      expect(await page.inputValue('#factor-2')).toBe('');
      expect(await page.inputValue('#wijk')).toBe(wijk.area);
      expect(Number(await page.inputValue('#knop-0'))).toBe(-2);
      expect(await page.getAttribute('#scatter', 'data-x')).toBe('eenpersoons');
      expect(await page.locator('#residuen tr.current').count()).toBe(1);
      expect(Math.abs((await afterMinusBefore(page)) - exp.slope * -2)).toBeLessThan(1e-6);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
