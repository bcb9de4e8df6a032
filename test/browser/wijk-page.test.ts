// The prerendered wijk page in a real browser: every indicator row against the Parquet, for a
// wijk, a gebied, Rotterdam-Zuid and the city; and the same page with JavaScript off.
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { shownIndicators } from '../../src/lib/catalogue';
import { formatInteger } from '../../src/lib/format';
import { useNoJsBrowser, useSite } from './built-site';
import { consoleErrors } from './console';
import { expectedStats, INDICATOR_ROWS, READ_ROWS, rowProblems } from './expected';
import { launch, watch } from './harness';

const AREAS = [
  { code: 'BU05991086', what: 'wijk Afrikaanderwijk' },
  { code: 'WK059910', what: 'gebied Feijenoord' },
  { code: 'WK059903', what: 'gebied Delfshaven' },
  { code: 'ZUID', what: 'stadsdeel Rotterdam-Zuid' },
  { code: 'GM0599', what: 'gemeente Rotterdam' },
];
/** Indicator rows the page promises: every factor of every goal, plus the context indicators. */
const CATALOGUE_ROWS = shownIndicators();

const site = useSite({ db: true });
const noJs = useNoJsBrowser();

async function open(context: BrowserContext, code: string) {
  const page = await context.newPage();
  const w = watch(page);
  const errors = consoleErrors(page);
  const res = await page.goto(`${site.server.url}wijk/${code}/`, { waitUntil: 'load' });
  expect(res?.status(), `HTTP status of /wijk/${code}/`).toBe(200);
  return { page, w, errors };
}

async function name(code: string): Promise<string> {
  return (await site.db.query<{ name: string }>(`SELECT name FROM areas WHERE code = '${code}'`))[0].name;
}

async function latestInhabitants(code: string): Promise<number> {
  const rows = await site.db.query<{ value: number }>(
    `SELECT value FROM observations WHERE area = '${code}' AND indicator = 'inwoners' AND value IS NOT NULL ORDER BY year DESC LIMIT 1`,
  );
  return rows[0].value;
}

describe('wijk page, prerendered values against the Parquet', () => {
  for (const { code, what } of AREAS) {
    it(`${code} (${what}): every indicator row shows the latest Parquet value in Dutch format`, async () => {
      const { page, w, errors } = await open(site.browser.context, code);
      try {
        expect((await page.locator('h1').textContent())?.trim()).toBe(await name(code));
        const rows = await page.$$eval(INDICATOR_ROWS, READ_ROWS);
        expect(rows.map((r) => r.id).sort()).toEqual([...CATALOGUE_ROWS].sort());
        const expected = await expectedStats(site.db, code);
        const problems = rows.flatMap((r) => rowProblems(r, expected.get(r.id)));
        expect(problems).toEqual([]);
        // At least most rows carry a number: a page of only "geen cijfer" would pass the loop.
        expect(rows.filter((r) => r.dataValue).length).toBeGreaterThan(CATALOGUE_ROWS.length / 2);

        const inw = (await page.getByTestId('inwoners').textContent())?.trim();
        expect(inw).toBe(formatInteger(await latestInhabitants(code)));
        expect(w.external()).toEqual([]);
        expect(errors.real()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('Afrikaanderwijk has 8.640 inwoners (CBS 86165NED, 1 januari 2025, checked by hand in the CSV)', async () => {
    const { page, w, errors } = await open(site.browser.context, 'BU05991086');
    try {
      await expect(page.getByTestId('inwoners').textContent()).resolves.toBe('8.640');
      expect(await page.locator('tr[data-indicator="inwoners"] td.val').textContent()).toBe('8.640');
      expect(await page.locator('tr[data-indicator="inwoners"] td.city').textContent()).toBe('672.960');
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('comparisons that mean something', () => {
  it('Delfshaven: Leefbaarometer veiligheid 2016 −0,31 against the city −0,18 is worse, as a difference, not an index', async () => {
    // Hand-checked in the Leefbaarometer 2016 file (RLBVEI): Delfshaven −0,31, Rotterdam −0,18.
    const { page } = await open(site.browser.context, 'WK059903');
    try {
      const row = page.locator('tr[data-indicator="lbm_veiligheid"]');
      expect((await row.locator('td.val').textContent())?.trim()).toBe('-0,31');
      expect((await row.locator('td.city').textContent())?.trim()).toBe('-0,18');
      const cell = row.locator('td.idx');
      expect(await cell.getAttribute('data-kind')).toBe('difference');
      expect(await cell.getAttribute('class')).toContain('worse');
      expect((await cell.textContent())?.trim()).toBe('-0,13 ▼ (verschil -0,13: slechter dan de stad)');
    } finally {
      await page.close();
    }
  });

  it('counts get no index and no better or worse, and rank as "grootste"', async () => {
    const { page } = await open(site.browser.context, 'WK059903');
    try {
      for (const id of ['inwoners']) {
        const cell = page.locator(`tr[data-indicator="${id}"] td.idx`);
        expect(await cell.getAttribute('data-kind')).toBe('share');
        const cls = (await cell.getAttribute('class')) ?? '';
        expect(cls).not.toMatch(/better|worse/);
        expect(await cell.textContent()).toContain('% van de stad');
        expect(await page.locator(`tr[data-indicator="${id}"] td.rank`).textContent()).toMatch(/grootste van \d+/);
      }
      // 76.960 of 672.960 (both checked by hand in CBS 86165NED) is 11,4% of the city.
      expect((await page.locator('tr[data-indicator="inwoners"] td.idx').textContent())?.trim()).toMatch(/^11,4% van de stad/);
    } finally {
      await page.close();
    }
  });
});

describe('wijk page without JavaScript', () => {
  for (const code of ['BU05991086', 'ZUID']) {
    it(`${code}: every catalogue indicator row and the prerendered numbers are there`, async () => {
      const { page, w, errors } = await open(noJs.browser.context, code);
      try {
        const rows = await page.$$eval(INDICATOR_ROWS, READ_ROWS);
        expect(rows).toHaveLength(CATALOGUE_ROWS.length);
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(CATALOGUE_ROWS));
        const expected = await expectedStats(site.db, code);
        expect(rows.flatMap((r) => rowProblems(r, expected.get(r.id)))).toEqual([]);
        expect((await page.getByTestId('inwoners').textContent())?.trim()).toBe(formatInteger(await latestInhabitants(code)));
        // The figures are all prerendered: with JavaScript, before any interaction, the views a
        // script could redraw (dating line, goal cards, indicator tables) read exactly the same.
        // (Scripts add only tools around them by design: download buttons, the citation's date.)
        const js = await open(site.browser.context, code);
        try {
          const text = (p: typeof page) =>
            p.evaluate(() => [...document.querySelectorAll<HTMLElement>('#dating, #doelen, table.indicators')].map((e) => e.innerText).join('\n'));
          expect((await text(page)).length).toBeGreaterThan(1000);
          expect(await text(page)).toBe(await text(js.page));
        } finally {
          await js.page.close();
        }
        expect(w.external()).toEqual([]);
        expect(errors.real()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

// Without a <link rel="icon"> Chromium asks for /favicon.ico, gets our 404 page and logs a
// console error; the layout now links public/favicon.svg.
it('the first page of a fresh visit logs no console error at all (favicon)', async () => {
  const fresh = await launch();
  try {
    const page = await fresh.context.newPage();
    const w = watch(page);
    await page.goto(`${site.server.url}wijk/BU05991086/`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    expect(w.errors).toEqual([]);
  } finally {
    await fresh.close();
  }
});
