// DuckDB-wasm in the browser: a year choice recomputes every row from the Parquet, compare adds
// a table, the URL restores both, and hostile URL parameters only give a Dutch notice.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { useSite, watchedPage } from './built-site';
import { areaCode, dutch, expectedStats, INDICATOR_ROWS, observation, READ_ROWS, rowProblems } from './expected';

const HERE = 'BU05991086'; // Afrikaanderwijk
const LIVE_TIMEOUT = 90_000;

const site = useSite({ db: true });
let bloemhof: string;

beforeAll(async () => {
  bloemhof = await areaCode(site.db, 'Bloemhof');
});

/** A page on the wijk URL with request, console and dialog watchers; dialogs fail the test. */
async function open(query = '') {
  const { page, w, errors, dialogs } = await watchedPage(site);
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  const res = await page.goto(`${site.server.url}wijk/${HERE}/${query}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return { page, w, errors, dialogs, responses };
}

/** Latest year (≤ maxYear) per indicator with an 'ok' value among the given areas (the compare table's rule). */
async function compareExpected(codes: string[], indicator: string, maxYear = 9999) {
  const list = codes.map((c) => `'${c}'`).join(', ');
  const rows = await site.db.query<{ area: string; year: number; value: number | null; status: string; format: string }>(`
    SELECT o.area, o.year, o.value, o.status, i.format FROM observations o JOIN indicators i ON i.id = o.indicator
    WHERE o.indicator = '${indicator}' AND o.area IN (${list})
      AND o.year = (SELECT max(year) FROM observations WHERE indicator = '${indicator}' AND area IN (${list}) AND status = 'ok' AND year <= ${maxYear})`);
  return new Map(rows.map((r) => [r.area, r]));
}

async function rows(page: Page) {
  return page.$$eval(INDICATOR_ROWS, READ_ROWS);
}

describe('DuckDB-wasm on the wijk page', () => {
  it('choosing 2016 recomputes the rows in the browser from the Parquet (self-hosted wasm)', async () => {
    const { page, w, errors, dialogs, responses } = await open();
    try {
      const before = new Map((await rows(page)).map((r) => [r.id, r.dataValue]));
      await page.selectOption('#jaar', '2016');
      await page.waitForSelector('#wijkpagina[data-live-checked="2016"]', { timeout: LIVE_TIMEOUT });

      const expected = await expectedStats(site.db, HERE, 2016);
      const okCount = [...expected.values()].filter((e) => e.status === 'ok').length;
      const live = page.locator('#live-check');
      const text = (await live.textContent()) ?? '';
      expect(text).toMatch(/^Live berekend in uw browser: \d+ indicatoren/);
      expect(Number(/browser: (\d+) indicatoren/.exec(text)![1])).toBe(okCount);
      expect(await live.getAttribute('data-live-count')).toBe(String(okCount));

      const after = await rows(page);
      expect(after.flatMap((r) => rowProblems(r, expected.get(r.id)))).toEqual([]);
      // The rows really changed: bijstand is now the 2016 figure, not the prerendered 2024 one.
      const bijstand2016 = await observation(site.db, HERE, 'bijstand', 2016);
      expect(bijstand2016.status).toBe('ok');
      const bijstand = after.find((r) => r.id === 'bijstand')!;
      expect(Math.abs(Number(bijstand.dataValue) - bijstand2016.value!)).toBeLessThanOrEqual(1e-9);
      expect(bijstand.text).toBe(dutch(bijstand2016.value, 'decimal'));
      expect(before.get('bijstand')).not.toBe(bijstand.dataValue);
      const changed = after.filter((r) => before.get(r.id) !== r.dataValue);
      expect(changed.length).toBeGreaterThan(5);
      expect(page.url()).toContain('jaar=2016');

      // Back to "meest recent": the live query agrees with the prerendered page again.
      await page.selectOption('#jaar', '');
      await page.waitForSelector('#wijkpagina[data-live-checked="laatste"]', { timeout: LIVE_TIMEOUT });
      const latest = await expectedStats(site.db, HERE);
      const again = await rows(page);
      expect(again.flatMap((r) => rowProblems(r, latest.get(r.id)))).toEqual([]);
      expect(again.map((r) => [r.id, r.dataValue || ''])).toEqual([...before].map(([id, v]) => [id, v || '']));
      expect(new URL(page.url()).searchParams.has('jaar')).toBe(false);

      // The wasm came from our own server, with the MIME type streaming compilation needs.
      const wasm = responses.filter((r) => /\.wasm(\?|$)/.test(r.url()));
      expect(wasm.length).toBeGreaterThan(0);
      for (const r of wasm) {
        expect(r.url().startsWith(site.server.url)).toBe(true);
        expect(r.status()).toBe(200);
        expect((await r.allHeaders())['content-type']).toBe('application/wasm');
      }
      expect(responses.some((r) => r.url().startsWith(`${site.server.url}data/observations.parquet`))).toBe(true);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('compare: adding Bloemhof through the form shows its Parquet values', async () => {
    const { page, w, errors, dialogs } = await open();
    try {
      await page.fill('#vergelijk-met', `Bloemhof (${bloemhof})`);
      await page.click('#vergelijk-form [type="submit"]');
      await page.waitForSelector(`#vergelijking[data-areas="${bloemhof}"] td[data-area="${bloemhof}"]`, { timeout: LIVE_TIMEOUT });

      const exp = await compareExpected([HERE, bloemhof, 'GM0599'], 'inwoners');
      const row = page.locator('#vergelijking tr[data-indicator="inwoners"]');
      for (const code of [bloemhof, HERE, 'GM0599']) {
        const e = exp.get(code)!;
        expect(e.status).toBe('ok');
        expect((await row.locator(`td[data-area="${code}"]`).textContent())?.trim()).toBe(dutch(e.value, e.format));
      }
      // Checked by hand in the CBS 86165NED CSV: Bloemhof had 13.740 inwoners on 1 January 2025.
      expect((await row.locator(`td[data-area="${bloemhof}"]`).textContent())?.trim()).toBe('13.740');
      expect(await page.locator('#vergelijking caption').textContent()).toContain('Bloemhof');
      expect(new URL(page.url()).searchParams.get('vergelijk')).toBe(bloemhof);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the URL ?vergelijk=…&jaar=2016 restores the comparison and the year', async () => {
    const { page, w, errors, dialogs } = await open(`?vergelijk=${bloemhof}&jaar=2016`);
    try {
      await page.waitForSelector('#wijkpagina[data-live-checked="2016"]', { timeout: LIVE_TIMEOUT });
      await page.waitForSelector(`#vergelijking[data-areas="${bloemhof}"] td[data-area="${bloemhof}"]`, { timeout: LIVE_TIMEOUT });
      expect(await page.locator('#jaar').inputValue()).toBe('2016');
      const bijstand2016 = await observation(site.db, HERE, 'bijstand', 2016);
      const shown = await page.locator('tr[data-indicator="bijstand"] td.val').getAttribute('data-value');
      expect(Math.abs(Number(shown) - bijstand2016.value!)).toBeLessThanOrEqual(1e-9);
      // One year for the whole view: the comparison follows jaar=2016 too.
      for (const id of ['inwoners', 'bijstand']) {
        const exp = await compareExpected([HERE, bloemhof, 'GM0599'], id, 2016);
        const row = page.locator(`#vergelijking tr[data-indicator="${id}"]`);
        expect(Number((await row.locator('td').first().textContent())?.trim())).toBe(exp.get(bloemhof)!.year);
        expect(exp.get(bloemhof)!.year).toBeLessThanOrEqual(2016);
        expect((await row.locator(`td[data-area="${bloemhof}"]`).textContent())?.trim()).toBe(dutch(exp.get(bloemhof)!.value, exp.get(bloemhof)!.format));
      }
      expect(await page.locator('#vergelijking caption').textContent()).toContain('2016 of het laatste jaar ervoor');
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('hostile or unknown URL parameters give a Dutch notice, no dialog, no injected markup', async () => {
    const bad = `?vergelijk=${encodeURIComponent('<script>alert(1)</script>')},XX&jaar=abc`;
    const { page, w, errors, dialogs } = await open(bad);
    try {
      await page.waitForFunction(() => (document.getElementById('live-status')?.textContent ?? '').length > 0, undefined, { timeout: 10_000 });
      const notice = (await page.locator('#live-status').textContent()) ?? '';
      expect(notice).toContain('Onbekende code om mee te vergelijken genegeerd');
      expect(notice).toContain('"XX"');
      expect(notice).toContain('Onbekend jaar genegeerd: "abc"');
      // Shown as text, never parsed as HTML.
      expect(await page.locator('#live-status *').count()).toBe(0);
      expect(notice).toContain('<script>alert(1)');
      expect(await page.evaluate(() => document.documentElement.innerHTML.includes('<script>alert'))).toBe(false);
      expect(await page.locator('#vergelijking').innerHTML()).toBe('');
      expect(await page.locator('#jaar').inputValue()).toBe('');
      await page.waitForTimeout(300); // a late alert() would show up as a dialog
      expect(dialogs).toEqual([]);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** main's text without the live status lines, which report what the browser just did. */
async function mainText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    for (const el of main.querySelectorAll('#live-status, #live-check')) el.remove();
    return main.innerText;
  });
}

describe('one renderer: a year change and back gives the prerendered page again', () => {
  for (const code of ['ZUID', HERE]) {
    it(`${code}: main's text is identical after 2016 and back to "meest recent" (notes, screen-reader texts, cards)`, async () => {
      const { page, errors } = await watchedPage(site);
      try {
        await page.goto(`${site.server.url}wijk/${code}/`, { waitUntil: 'load' });
        const before = await mainText(page);
        // The trend panels (all years) and the sparklines do not follow the year choice: the very same markup after it.
        const trends = () => page.$$eval('details.trends, a.spark', (els) => els.map((e) => e.outerHTML).join('\n'));
        const trendsBefore = await trends();
        expect(trendsBefore).toContain('figure class="trend"');
        const notesBefore = await page.locator('tr[data-indicator] th .note').count();
        const srBefore = await page.locator('td.idx .visually-hidden').count();
        await page.selectOption('#jaar', '2016');
        await page.waitForSelector('#wijkpagina[data-live-checked="2016"]', { timeout: LIVE_TIMEOUT });
        expect(await mainText(page)).not.toBe(before);
        await page.selectOption('#jaar', '');
        await page.waitForSelector('#wijkpagina[data-live-checked="laatste"]', { timeout: LIVE_TIMEOUT });
        const after = await mainText(page);
        expect(after).toBe(before);
        expect(await trends()).toBe(trendsBefore);
        expect(await page.locator('tr[data-indicator] th .note').count()).toBe(notesBefore);
        expect(await page.locator('td.idx .visually-hidden').count()).toBe(srBefore);
        // The arrows are seen, not read: every ▲/▼ sits in an aria-hidden span.
        const readArrows = await page.$$eval('td.idx', (cells) =>
          cells.filter((c) => [...c.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[▲▼]/.test(n.textContent ?? ''))).length);
        expect(readArrows).toBe(0);
        expect(errors.real()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
