// The Kansrijk block of a wijk page shows the factor Onderwijs (Wijkprofiel components, issue 16):
// its score line in the goal card with the years it uses, and its table with one row per indicator,
// each with unit, year, source and the Parquet value; choosing 2016 shows the 2016 figures.
// Expected values come from the published Parquet with our own SQL, numbers formatted here.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite, watchedPage } from './built-site';

const site = useSite({ db: true });
const AREA = 'BU05991086'; // Afrikaanderwijk
/** The factor as the issue asks for it: education figures of the Wijkprofiel, one survey question. */
const ONDERWIJS = ['wp_havo_vwo', 'wp_schoolverlaters', 'wp_zonder_startkwalificatie', 'wp_ongediplomeerd', 'wp_studerend', 'wp_moeite_nederlands'];
const SURVEY = new Set(['wp_moeite_nederlands']);
const LIVE_TIMEOUT = 30_000;

const pct = (v: number) => `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`;
const ids = ONDERWIJS.map((id) => `'${id}'`).join(', ');

/** Per indicator: the latest year (≤ cap) any wijk has a value, and this wijk's value then. */
async function expected(cap = 9999): Promise<Map<string, { year: number; value: number }>> {
  const rows = await site.db.query<{ indicator: string; year: number; value: number }>(`
    WITH latest AS (
      SELECT o.indicator, max(o.year) AS year FROM observations o JOIN areas a ON a.code = o.area
      WHERE a.level = 'wijk' AND o.status = 'ok' AND o.indicator IN (${ids}) AND o.year <= ${cap} GROUP BY o.indicator)
    SELECT o.indicator, o.year, o.value FROM observations o JOIN latest l ON l.indicator = o.indicator AND l.year = o.year
    WHERE o.area = '${AREA}' AND o.status = 'ok'`);
  return new Map(rows.map((r) => [r.indicator, { year: Number(r.year), value: r.value }]));
}

async function open(): Promise<{ page: Page; errors: { real: () => string[] } }> {
  const { page, errors } = await watchedPage(site);
  await page.setViewportSize({ width: 1280, height: 900 });
  const res = await page.goto(`${site.server.url}wijk/${AREA}/`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return { page, errors };
}

async function tableRows(page: Page) {
  return page.$$eval('#doel-kansrijk table#factor-onderwijs tbody tr', (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-indicator') ?? '',
      year: tr.getAttribute('data-year') ?? '',
      label: (tr.querySelector('th a')?.textContent ?? '').trim(),
      tags: [...tr.querySelectorAll('th .tag')].map((t) => (t.textContent ?? '').trim()),
      meta: (tr.querySelector('th .small')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      value: (tr.querySelector('td.val')?.textContent ?? '').trim(),
    })),
  );
}

describe('Kansrijk block on /wijk/BU05991086/: Onderwijs', () => {
  it('the goal card Kansrijk lists Onderwijs with the years and number of indicators its score uses', async () => {
    const want = await expected();
    expect([...want.keys()].sort()).toEqual([...ONDERWIJS].sort());
    const years = [...want.values()].map((w) => w.year);
    const span = Math.min(...years) === Math.max(...years) ? String(years[0]) : `${Math.min(...years)}–${Math.max(...years)}`;
    const { page, errors } = await open();
    try {
      const card = page.locator('.card.goal[data-goal="kansrijk"]');
      const factors = await card.locator('ul.factors li .flabel a').allTextContents();
      expect(factors).toContain('Onderwijs');
      const li = card.locator('ul.factors li', { has: page.locator('a[href="#factor-onderwijs"]') });
      expect((await li.locator('.fdetail').textContent())?.trim()).toBe(`${span} · ${ONDERWIJS.length} indicatoren`);
      // a score, not the dash of "no figures"
      expect((await li.locator('.num').textContent())?.trim()).toMatch(/^[+−-]?\d+,\d+$|^0,0$/);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the Onderwijs table has one row per indicator with unit, year, source and the Parquet value', async () => {
    const want = await expected();
    const { page, errors } = await open();
    try {
      expect((await page.locator('#doel-kansrijk table#factor-onderwijs caption').textContent())?.trim()).toBe('Onderwijs');
      const rows = await tableRows(page);
      expect(rows.map((r) => r.id)).toEqual(ONDERWIJS);
      for (const r of rows) {
        const w = want.get(r.id)!;
        expect(r.year, r.id).toBe(String(w.year));
        expect(r.meta, r.id).toContain(`%, ${w.year}`);
        expect(r.meta, r.id).toContain('Wijkprofiel Rotterdam');
        expect(r.value, r.id).toBe(pct(w.value));
        expect(r.tags, r.id).toEqual(SURVEY.has(r.id) ? ['enquête'] : []);
      }
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('choosing 2016 shows the 2016 Onderwijs figures (DuckDB-wasm in the browser)', async () => {
    const want = await expected(2016);
    expect(new Set([...want.values()].map((w) => w.year))).toEqual(new Set([2016]));
    const { page, errors } = await open();
    try {
      await page.selectOption('#jaar', '2016');
      await page.waitForSelector('#wijkpagina[data-live-year="2016"]', { timeout: LIVE_TIMEOUT });
      const rows = await tableRows(page);
      expect(rows.map((r) => r.id)).toEqual(ONDERWIJS);
      for (const r of rows) {
        expect(r.year, r.id).toBe('2016');
        expect(r.value, r.id).toBe(pct(want.get(r.id)!.value));
      }
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
