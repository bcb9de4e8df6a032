// Unknown addresses get the 404 page with suggestions; the home page list filters as you type.
import { describe, expect, it } from 'vitest';
import { useSite } from './built-site';
import { consoleErrors } from './console';
import { areaCode } from './expected';
import { watch } from './harness';

const site = useSite({ db: true });

/** Chromium logs the 404 of the page itself as a console error; only other errors count. */
const notTheDocument = (url: string) => (e: string) => !(e.startsWith('Failed to load resource') && e.endsWith(url));

describe('not found', () => {
  it('/wijk/BU99999999/ answers HTTP 404 with the Dutch 404 page', async () => {
    const page = await site.browser.context.newPage();
    const w = watch(page);
    const errors = consoleErrors(page);
    try {
      const url = `${site.server.url}wijk/BU99999999/`;
      const res = await page.goto(url, { waitUntil: 'load' });
      expect(res?.status()).toBe(404);
      expect(res?.headers()['content-type']).toMatch(/^text\/html/);
      expect((await page.locator('h1').textContent())?.trim()).toBe('Deze pagina bestaat niet');
      expect(await page.title()).toContain('Niet gevonden');
      // A way back to the list of all areas.
      expect(await page.locator(`main a[href="/"]`).count()).toBeGreaterThan(0);
      expect(await page.locator('tr[data-indicator]').count()).toBe(0);
      expect(w.external()).toEqual([]);
      expect(errors.real().filter(notTheDocument(url))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('/wijk/afrikaander/ suggests a link to Afrikaanderwijk that works', async () => {
    const page = await site.browser.context.newPage();
    const w = watch(page);
    const errors = consoleErrors(page);
    try {
      const url = `${site.server.url}wijk/afrikaander/`;
      const res = await page.goto(url, { waitUntil: 'load' });
      expect(res?.status()).toBe(404);
      const code = await areaCode(site.db, 'Afrikaanderwijk');
      const link = page.locator(`#suggesties a[href$="/wijk/${code}/"]`);
      await link.waitFor({ timeout: 10_000 });
      expect((await link.textContent())?.trim()).toBe('Afrikaanderwijk');
      expect(await page.locator('#suggesties h2').textContent()).toContain('Bedoelde u');
      const [nav] = await Promise.all([page.waitForNavigation(), link.click()]);
      expect(nav?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(`/wijk/${code}/`);
      expect((await page.locator('h1').textContent())?.trim()).toBe('Afrikaanderwijk');
      expect(w.external()).toEqual([]);
      expect(errors.real().filter(notTheDocument(url))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('home page search', () => {
  it('typing "bloem" in #zoek hides every wijk that does not match', async () => {
    const page = await site.browser.context.newPage();
    const w = watch(page);
    const errors = consoleErrors(page);
    try {
      await page.goto(site.server.url, { waitUntil: 'load' });
      const visible = () =>
        page.$$eval('#lijst li', (lis) => lis.filter((li) => (li as HTMLElement).offsetParent !== null).map((li) => li.querySelector('a')!.textContent!.trim()));
      const all = await visible();
      expect(all.length).toBeGreaterThan(50);

      await page.locator('#zoek').fill('bloem');
      await page.waitForFunction(() => [...document.querySelectorAll('#lijst li')].some((li) => (li as HTMLElement).offsetParent === null));
      const shown = await visible();
      // Wijken matching "bloem" by their own name or their gebied's name, per the Parquet.
      const matching = (
        await site.db.query<{ name: string }>(
          `SELECT w.name FROM areas w JOIN areas g ON g.code = w.parent
           WHERE w.level = 'wijk' AND (lower(w.name) LIKE '%bloem%' OR lower(g.name) LIKE '%bloem%')`,
        )
      ).map((r) => r.name);
      expect(matching).toContain('Bloemhof');
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.sort()).toEqual(matching.filter((n) => all.includes(n)).sort());
      expect(shown).not.toContain('Afrikaanderwijk');
      const visibleGebieden = await page.$$eval('#lijst .gebied', (gs) => gs.filter((g) => (g as HTMLElement).offsetParent !== null).length);
      expect(visibleGebieden).toBe(1);

      await page.locator('#zoek').fill('');
      await page.waitForFunction((n) => [...document.querySelectorAll('#lijst li')].filter((li) => (li as HTMLElement).offsetParent !== null).length === n, all.length);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
