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
      expect(await page.getAttribute('#scatter svg[role="img"]', 'aria-label')).toBe(`Spreidingsdiagram: ${exp.xLabel} tegen ${exp.yLabel} per wijk`);
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
      expect(await page.getAttribute('#scatter svg[role="img"]', 'aria-label')).toBe(`Spreidingsdiagram: ${exp.xLabel} tegen ${exp.yLabel} per wijk`);
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

/** Text of `main` as a reader gets it, without the live status line (it reports what happened). */
async function mainText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    main.querySelector('#live-status')!.textContent = '';
    return (main.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** WCAG 2 contrast of two colours given as #rrggbb or rgb(r, g, b). */
function contrast(a: string, b: string): number {
  const channels = (c: string) => (c.startsWith('#') ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number));
  const lum = (c: string) => {
    const [r, g, bl] = channels(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** "0,5 t/m 0,7" → [0.5, 0.7]; "-1,0 t/m -0,8" → [-1, -0.8]. */
function rRange(label: string): [number, number] {
  const [lo, hi] = label.split(' t/m ').map((t) => Number(t.trim().replace(/[−–]/g, '-').replace(',', '.')));
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`legend label "${label}" is not a range`);
  return [lo!, hi!];
}

describe('samenhang matrix: legend, contrast, labels', () => {
  it('bijstand × WW: r equals corr() on the Parquet, and the cell has the colour of the legend entry for that r', async () => {
    const exp = await expectedPair('bijstand', 'ww');
    expect(exp.r!).toBeGreaterThan(0.5); // a known, clearly positive pair
    const years = await site.db.query<{ id: string; year: number }>(`
      SELECT o.indicator AS id, max(o.year) AS year FROM observations o JOIN areas a ON a.code = o.area
      WHERE o.indicator IN ('bijstand', 'ww') AND o.status = 'ok' AND a.level = 'wijk' GROUP BY o.indicator`);
    const year = new Map(years.map((r) => [r.id, r.year]));
    const name = `${exp.xLabel} (${year.get('bijstand')}) × ${exp.yLabel} (${year.get('ww')}): `;
    const r1 = Math.round(exp.r! * 10) / 10;
    const { page } = await open();
    try {
      const cell = await page.$$eval('section[aria-labelledby="matrix"] svg[role="img"] rect', (rects, prefix) => {
        const hit = rects.find((r) => (r.querySelector('title')?.textContent ?? '').startsWith(prefix as string));
        return hit ? { title: hit.querySelector('title')!.textContent!, fill: hit.getAttribute('fill') ?? '' } : null;
      }, name);
      expect(cell, `a matrix cell titled "${name}…"`).not.toBeNull();
      expect(cell!.title).toBe(`${name}r = ${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r1)} (${exp.n} wijken)`);

      const legend = await page.$$eval('section[aria-labelledby="matrix"] .legend span', (spans) =>
        spans.filter((s) => s.querySelector('svg')).map((s) => ({ label: (s.textContent ?? '').trim(), fill: s.querySelector('svg')!.getAttribute('fill') ?? '' })));
      const entry = legend.filter((l) => { const [lo, hi] = rRange(l.label); return r1 >= lo - 1e-9 && r1 <= hi + 1e-9; });
      expect(entry, `exactly one legend entry holds r = ${r1}`).toHaveLength(1);
      expect(cell!.fill).toBe(entry[0]!.fill);
      // The words next to the matrix name no colours: the legend alone says which colour is which.
      expect(await page.textContent('section[aria-labelledby="matrix"]')).not.toMatch(/paars|oranje|blauw/i);
    } finally {
      await page.close();
    }
  });

  it('every number in the matrix has at least 4,5:1 contrast with its cell', async () => {
    const { page } = await open();
    try {
      const pairs = await page.$eval('section[aria-labelledby="matrix"] svg[role="img"]', (svg) => {
        const centre = (el: Element) => { const b = el.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2] as const; };
        const cells = [...svg.querySelectorAll('rect')].filter((r) => r.querySelector('title')).map((r) => ({ c: centre(r), fill: r.getAttribute('fill') ?? '' }));
        const texts = [...svg.querySelectorAll('text')].filter((t) => /^-?\d,\d$/.test(t.textContent ?? ''));
        return texts.map((t) => {
          const [x, y] = centre(t);
          const cell = cells.find((c) => Math.abs(c.c[0] - x) < 4 && Math.abs(c.c[1] - y) < 4);
          return { text: t.textContent, fg: getComputedStyle(t).fill, bg: cell?.fill ?? 'none' };
        });
      });
      expect(pairs.length).toBeGreaterThan(500);
      const low = pairs.filter((p) => p.bg === 'none' || contrast(p.fg, p.bg) < 4.5);
      expect(low.slice(0, 5).map((p) => `${p.text}: ${p.fg} on ${p.bg}`)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('every row and column label of the matrix lies whole inside the chart', async () => {
    const { page } = await open();
    try {
      const cut = await page.$eval('section[aria-labelledby="matrix"] svg[role="img"]', (svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => /\(\d{4}\)$/.test(t.textContent ?? ''))
          .filter((t) => { const b = t.getBoundingClientRect(); return b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5; })
          .map((t) => t.textContent);
      });
      expect(await page.locator('section[aria-labelledby="matrix"] svg[role="img"] text', { hasText: /\(\d{4}\)$/ }).count()).toBeGreaterThan(40);
      expect(cut).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('samenhang pair view: one renderer', () => {
  it('choosing another pair and then the first pair again gives main exactly the prerendered text', async () => {
    const { page, w, errors, dialogs } = await open();
    try {
      const prerendered = await mainText(page);
      await page.selectOption('#x', 'bijstand');
      await page.waitForSelector('#samenhang[data-x="bijstand"]', { timeout: LIVE_TIMEOUT });
      const other = await mainText(page);
      expect(other).not.toBe(prerendered); // the pair change really changed the view
      await page.selectOption('#x', 'laag_inkomen');
      await page.waitForSelector('#samenhang[data-x="laag_inkomen"]', { timeout: LIVE_TIMEOUT });
      expect(await mainText(page)).toBe(prerendered);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
