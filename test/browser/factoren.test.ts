// /factoren/: choosing bijstand lists laag_inkomen among the strongest associations with the r we
// compute ourselves (DuckDB corr() on the Parquet); a what-if slider moves the expected value by the
// slope (our own regr_slope) times the shift; the URL restores outcome, factors, wijk and slider.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sqlString as q } from '../../src/lib/db';
import { useSite, watchedPage } from './built-site';

const LIVE_TIMEOUT = 90_000;
const site = useSite({ db: true });

/** 'ok' values of an indicator per wijk (or gebied) in one year. */
const values = (id: string, year: number, level = 'wijk') => `
  SELECT o.area, o.value FROM observations o JOIN areas a ON a.code = o.area
  WHERE o.indicator = ${q(id)} AND o.year = ${year} AND o.status = 'ok' AND a.level = ${q(level)} AND o.value IS NOT NULL`;

async function expected(y: string, x: string, year: number, level = 'wijk') {
  const [row] = await site.db.query<{ r: number; slope: number; n: number }>(`
    SELECT corr(vy.value, vx.value) AS r, regr_slope(vy.value, vx.value) AS slope, count(*)::INTEGER AS n
    FROM (${values(y, year, level)}) vy JOIN (${values(x, year, level)}) vx ON vx.area = vy.area`);
  return row;
}

/** Change against change, our own way: per wijk (value in \`to\` − value in \`from\`) of both
 * indicators, leaving out every wijk with a boundary change between the years in the published manifest. */
async function expectedChange(y: string, x: string, from: number, to: number) {
  const manifest = JSON.parse(fs.readFileSync(path.resolve('public/data/manifest.json'), 'utf8')) as { derived: { boundaryChanges: { area: string; from: number; to: number }[] } };
  const changed = [...new Set(manifest.derived.boundaryChanges.filter((c) => c.to > from && c.from < to).map((c) => c.area))];
  const d = (id: string) => `max(value) FILTER (WHERE indicator = ${q(id)} AND year = ${to}) - max(value) FILTER (WHERE indicator = ${q(id)} AND year = ${from})`;
  const [row] = await site.db.query<{ r: number; n: number; dropped: number }>(`
    WITH v AS (SELECT * FROM (${values(x, from)}) t CROSS JOIN (SELECT ${q(x)} AS indicator, ${from} AS year)
      UNION ALL SELECT * FROM (${values(x, to)}) t CROSS JOIN (SELECT ${q(x)}, ${to})
      UNION ALL SELECT * FROM (${values(y, from)}) t CROSS JOIN (SELECT ${q(y)}, ${from})
      UNION ALL SELECT * FROM (${values(y, to)}) t CROSS JOIN (SELECT ${q(y)}, ${to})),
    deltas AS (SELECT area, ${d(x)} AS dx, ${d(y)} AS dy FROM v GROUP BY area)
    SELECT corr(dy, dx) AS r, count(*)::INTEGER AS n FROM deltas
    WHERE dx IS NOT NULL AND dy IS NOT NULL ${changed.length ? `AND area NOT IN (${changed.map(q).join(', ')})` : ''}`);
  return { ...row, changed };
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
    const { page, errors } = await open(`?niveau=wijk&uitkomst=bijstand&jaar=2017&van=2015&x=eenpersoons&factoren=laag_inkomen&wijk=${wijk.area}&knop=-2`);
    try {
      await rendered(page, `"wijk":"${wijk.area}"`);
      expect(await page.inputValue('#uitkomst')).toBe('bijstand');
      expect(await page.inputValue('#jaar')).toBe('2017');
      expect(await page.inputValue('#niveau')).toBe('wijk');
      expect(await page.inputValue('#van')).toBe('2015');
      expect(await page.getAttribute('#change-scatter', 'data-x')).toBe('eenpersoons');
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

  it('change against change: r and n of the changes 2014–2017 equal our own, without wijken whose boundary changed', async () => {
    const exp = await expectedChange('bijstand', 'laag_inkomen', 2014, 2017);
    expect(exp.n).toBeGreaterThan(40);
    expect(exp.changed.length).toBeGreaterThan(0);
    const { page, errors } = await open('?uitkomst=bijstand&jaar=2017&van=2014&x=laag_inkomen');
    try {
      await rendered(page, '"from":2014');
      const fig = page.locator('#change-scatter');
      expect(Math.abs(Number(await fig.getAttribute('data-r')) - exp.r)).toBeLessThan(1e-9);
      expect(Number(await fig.getAttribute('data-n'))).toBe(exp.n);
      const row = page.locator('#veranderingen tr[data-id="laag_inkomen"]');
      expect(Math.abs(Number(await row.getAttribute('data-r')) - exp.r)).toBeLessThan(1e-9);
      expect(Number(await row.getAttribute('data-n'))).toBe(exp.n);
      // The years are stated, and the left-out wijken named.
      const caption = (await fig.locator('figcaption').textContent())!;
      expect(caption).toContain('(2014–2017)');
      expect(caption).toMatch(/Weggelaten wegens een grenswijziging tussen 2014 en 2017: /);
      expect(await fig.locator('svg[role="img"] circle, svg[role="img"] path').count()).toBeGreaterThan(exp.n - 1);
      // Moving the earlier year redraws, and the URL follows.
      await page.selectOption('#van', '2016');
      await rendered(page, '"from":2016');
      const later = await expectedChange('bijstand', 'laag_inkomen', 2016, 2017);
      expect(Number(await page.getAttribute('#change-scatter', 'data-n'))).toBe(later.n);
      expect(new URL(page.url()).searchParams.get('van')).toBe('2016');
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('level gebied: r and n over the gebieden equal our own; the highlight lists gebieden; state in the URL', async () => {
    const exp = await expected('bijstand', 'laag_inkomen', 2017, 'gebied');
    const [{ n: gebieden }] = await site.db.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM areas WHERE level = 'gebied'");
    const { page, errors } = await open('?uitkomst=ervaren_gezondheid');
    try {
      await rendered(page, '"outcome":"ervaren_gezondheid"');
      await page.selectOption('#uitkomst', 'bijstand');
      await rendered(page, '"outcome":"bijstand"');
      await page.selectOption('#niveau', 'gebied');
      await rendered(page, '"level":"gebied"');
      const row = page.locator('#verbanden tr[data-id="laag_inkomen"]');
      expect(Math.abs(Number(await row.getAttribute('data-r')) - exp.r)).toBeLessThan(1e-9);
      expect(Number(await row.getAttribute('data-n'))).toBe(exp.n);
      expect(exp.n).toBeLessThanOrEqual(gebieden);
      // An indicator published only per gebied can now be chosen.
      expect(await page.locator('#uitkomst option[value="leefbaarometer"]').isDisabled()).toBe(false);
      expect(await page.locator('#wijk option').count()).toBe(gebieden + 1);
      expect(await page.locator('#wijk-label').textContent()).toBe('Gebied uitlichten');
      expect(new URL(page.url()).searchParams.get('niveau')).toBe('gebied');
      expect(await page.locator('#scatter figcaption').textContent()).toMatch(/over \d+ gebieden/);
      // Reloading the URL restores the level.
      await page.goto(page.url(), { waitUntil: 'load' });
      await rendered(page, '"level":"gebied"');
      expect(await page.inputValue('#niveau')).toBe('gebied');
      expect(Number(await page.getAttribute('#verbanden tr[data-id="laag_inkomen"]', 'data-n'))).toBe(exp.n);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
