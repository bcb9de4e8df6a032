// /samenhang/: the prerendered correlation against our own corr() on the Parquet, a live pair
// chosen in #x/#y (DuckDB-wasm), ?x=&y= restoring it, and hostile ids giving only a notice.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatValue, plural } from '../../src/lib/format';
import { correlations } from '../../src/lib/queries';
import { sqlString as q } from '../../src/lib/db';
import { useSite, watchedPage } from './built-site';

const LIVE_TIMEOUT = 90_000;
const DOTS = '#scatter svg path:has(> title)'; // Plot.dot with a title per wijk; the regression band has none

const site = useSite({ db: true });


/**
 * Our own SQL: each indicator's latest year with an 'ok' value at level wijk, its 'ok' values in
 * that year, joined on the wijk; Pearson r with DuckDB's corr() and the number of wijken.
 */
async function expectedPair(x: string, y: string) {
  const latest = (id: string) => `
    SELECT o.area, o.value FROM observations o JOIN areas a ON a.code = o.area
    WHERE o.indicator = ${q(id)} AND o.status = 'ok' AND a.level = 'wijk'
      AND o.year = (SELECT max(o2.year) FROM observations o2 JOIN areas a2 ON a2.code = o2.area
                    WHERE o2.indicator = ${q(id)} AND o2.status = 'ok' AND a2.level = 'wijk')`;
  const [row] = await site.db.query<{ r: number | null; n: number }>(`
    SELECT corr(vx.value, vy.value) AS r, count(*)::INTEGER AS n
    FROM (${latest(x)}) vx JOIN (${latest(y)}) vy ON vx.area = vy.area`);
  const names = await site.db.query<{ id: string; label: string }>(`SELECT id, label FROM indicators WHERE id IN (${q(x)}, ${q(y)})`);
  const label = new Map(names.map((r) => [r.id, r.label]));
  return { ...row, xLabel: label.get(x)!, yLabel: label.get(y)! };
}

async function open(query = '') {
  const { page, w, errors, dialogs } = await watchedPage(site);
  const res = await page.goto(`${site.server.url}samenhang/${query}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return { page, w, errors, dialogs };
}

const shownR = async (page: Page) => ((await page.textContent('[data-r]')) ?? '').trim();

describe('samenhang page', () => {
  it('the prerendered correlation laag_inkomen × ervaren_gezondheid equals corr() on the Parquet', async () => {
    const exp = await expectedPair('laag_inkomen', 'ervaren_gezondheid');
    expect(exp.r).not.toBeNull();
    expect(exp.n).toBeGreaterThan(20);
    // Cross-check: the site's correlations() gives the same coefficient and count.
    const fromSite = await correlations(site.db, 'wijk', ['laag_inkomen', 'ervaren_gezondheid']);
    expect(fromSite).toHaveLength(1);
    expect(Math.abs(fromSite[0].r! - exp.r!)).toBeLessThan(1e-12);
    expect(fromSite[0].n).toBe(exp.n);

    const { page, w, errors, dialogs } = await open();
    try {
      expect(await page.getAttribute('#samenhang', 'data-x')).toBe('laag_inkomen');
      expect(await page.getAttribute('#samenhang', 'data-y')).toBe('ervaren_gezondheid');
      expect(await page.inputValue('#x')).toBe('laag_inkomen');
      expect(await page.inputValue('#y')).toBe('ervaren_gezondheid');
      expect(await shownR(page)).toBe(formatValue(exp.r, 'signed'));
      expect(await page.textContent('#paar-uitleg')).toContain(`over ${plural(exp.n, 'wijk', 'wijken')}`);
      expect(await page.locator(DOTS).count()).toBe(exp.n);
      expect(await page.getAttribute('#scatter svg', 'aria-label')).toBe(`Spreidingsdiagram: ${exp.xLabel} tegen ${exp.yLabel} per wijk`);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('choosing bijstand × koopwoningen in #x/#y shows the live correlation and one dot per wijk with both values', async () => {
    const exp = await expectedPair('bijstand', 'koopwoningen');
    const first = await expectedPair('laag_inkomen', 'ervaren_gezondheid');
    // The new pair must differ visibly from the prerendered one, or the test proves nothing.
    expect(formatValue(exp.r, 'signed')).not.toBe(formatValue(first.r, 'signed'));
    expect(exp.n).not.toBe(first.n);

    const { page, w, errors, dialogs } = await open();
    try {
      await page.selectOption('#x', 'bijstand');
      await page.waitForSelector('#samenhang[data-x="bijstand"][data-y="ervaren_gezondheid"]', { timeout: LIVE_TIMEOUT });
      const mid = await expectedPair('bijstand', 'ervaren_gezondheid');
      expect(await shownR(page)).toBe(formatValue(mid.r, 'signed'));
      expect(await page.locator(DOTS).count()).toBe(mid.n);

      await page.selectOption('#y', 'koopwoningen');
      await page.waitForSelector('#samenhang[data-x="bijstand"][data-y="koopwoningen"]', { timeout: LIVE_TIMEOUT });
      expect(await shownR(page)).toBe(formatValue(exp.r, 'signed'));
      expect(await page.locator(DOTS).count()).toBe(exp.n);
      expect(await page.getAttribute('#scatter svg', 'aria-label')).toBe(`Spreidingsdiagram: ${exp.xLabel} tegen ${exp.yLabel} per wijk`);
      expect(await page.textContent('#live-status')).toContain(`${plural(exp.n, 'wijk', 'wijken')}, live berekend`);
      const url = new URL(page.url());
      expect(url.searchParams.get('x')).toBe('bijstand');
      expect(url.searchParams.get('y')).toBe('koopwoningen');
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('?x=woz&y=eenzaam restores the pair', async () => {
    const exp = await expectedPair('woz', 'eenzaam');
    const { page, w, errors, dialogs } = await open('?x=woz&y=eenzaam');
    try {
      await page.waitForSelector('#samenhang[data-x="woz"][data-y="eenzaam"]', { timeout: LIVE_TIMEOUT });
      expect(await page.inputValue('#x')).toBe('woz');
      expect(await page.inputValue('#y')).toBe('eenzaam');
      expect(await shownR(page)).toBe(formatValue(exp.r, 'signed'));
      expect(await page.locator(DOTS).count()).toBe(exp.n);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('?x=<script> gives a Dutch notice, no dialog, no injected markup, and keeps the prerendered pair', async () => {
    const first = await expectedPair('laag_inkomen', 'ervaren_gezondheid');
    const { page, w, errors, dialogs } = await open(`?x=${encodeURIComponent('<script>alert(1)</script>')}&y=bijstand`);
    try {
      await page.waitForFunction(() => (document.getElementById('live-status')?.textContent ?? '').length > 0, undefined, { timeout: 10_000 });
      expect(await page.textContent('#live-status')).toContain('Onbekende indicator in de link genegeerd');
      expect(await page.locator('#live-status *').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.innerHTML.includes('<script>alert'))).toBe(false);
      expect(await page.getAttribute('#samenhang', 'data-x')).toBe('laag_inkomen');
      expect(await page.getAttribute('#samenhang', 'data-y')).toBe('ervaren_gezondheid');
      expect(await page.inputValue('#x')).toBe('laag_inkomen');
      expect(await page.inputValue('#y')).toBe('ervaren_gezondheid');
      expect(await shownR(page)).toBe(formatValue(first.r, 'signed'));
      await page.waitForTimeout(300); // a late alert() would show up as a dialog
      expect(dialogs).toEqual([]);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  // The sentence names the number of wijken of the chosen pair (once it kept the prerendered count).
  it('after a live pair change the sentence names the number of wijken of that pair', async () => {
    const exp = await expectedPair('bijstand', 'koopwoningen');
    const { page } = await open('?x=bijstand&y=koopwoningen');
    try {
      await page.waitForSelector('#samenhang[data-x="bijstand"][data-y="koopwoningen"]', { timeout: LIVE_TIMEOUT });
      expect(await page.textContent('#paar-uitleg')).toContain(`over ${plural(exp.n, 'wijk', 'wijken')}`);
    } finally {
      await page.close();
    }
  });
});
