// Bad input and faults in the browser: hostile or unknown URL parameters on the wijk page, the
// Content-Security-Policy, and DuckDB-wasm or the Parquet files failing to load. In every case the
// prerendered page stays readable, the visitor gets a Dutch explanation, and no script of ours or
// of an attacker runs where it should not.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite } from './built-site';
import { consoleErrors } from './console';
import { watch } from './harness';

const WIJK = '/wijk/BU05991086/';
const LONG = 'x'.repeat(5000);

const site = useSite();

/** Every CSP violation the document reports, collected from before the first script runs. */
const CSP_PROBE = `window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.__alerts = 0;`;

interface Opened {
  page: Page;
  dialogs: string[];
  errors: ReturnType<typeof consoleErrors>;
  w: ReturnType<typeof watch>;
}

async function open(url: string, status = 200, before?: (page: Page) => Promise<unknown>): Promise<Opened> {
  const page = await site.browser.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  const errors = consoleErrors(page);
  const w = watch(page);
  await page.addInitScript({ content: CSP_PROBE });
  if (before) await before(page);
  const res = await page.goto(new URL(url.replace(/^\//, ''), site.server.url).href, { waitUntil: 'load' });
  expect(res?.status(), url).toBe(status);
  return { page, dialogs, errors, w };
}

const liveStatus = (page: Page) => page.locator('#live-status').textContent().then((t) => (t ?? '').trim());
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/** The prerendered rows: how many carry a value, and none is blank. */
async function prerenderedRows(page: Page): Promise<{ rows: number; withValue: number; blank: number }> {
  return page.$$eval('tr[data-indicator]', (rows) => ({
    rows: rows.length,
    withValue: rows.filter((r) => (r.querySelector('td.val') as HTMLElement).dataset.value).length,
    blank: rows.filter((r) => !(r.querySelector('td.val')?.textContent ?? '').trim()).length,
  }));
}

interface BadParam {
  what: string;
  query: string;
  /** The notice must match this (Dutch). */
  notice: RegExp;
  /** A valid part of the URL that must still be applied. */
  year?: string;
}

const P = (s: string) => encodeURIComponent(s);
const BAD: BadParam[] = [
  { what: 'unknown area code (valid pattern)', query: `vergelijk=BU09999999`, notice: /Onbekende code om mee te vergelijken genegeerd/ },
  { what: 'unknown area id (no code at all)', query: `vergelijk=afrikaanderwijk`, notice: /Onbekende code/ },
  { what: 'unknown year', query: `jaar=1999`, notice: /Onbekend jaar genegeerd/ },
  { what: 'year that is no number', query: `jaar=twintig`, notice: /Onbekend jaar genegeerd/ },
  { what: '5,000-character year', query: `jaar=${LONG}`, notice: /Onbekend jaar genegeerd/ },
  { what: '5,000-character compare code', query: `vergelijk=${LONG}`, notice: /Onbekende code/ },
  { what: 'script tag as compare code', query: `vergelijk=${P('<script>alert(1)</script>')}`, notice: /Onbekende code/ },
  { what: 'script tag as year', query: `jaar=${P('<script>alert(1)</script>')}`, notice: /Onbekend jaar/ },
  { what: 'img onerror as compare code', query: `vergelijk=${P('<img src=x onerror=alert(1)>')}`, notice: /Onbekende code/ },
  { what: 'quotes breaking out of an attribute', query: `vergelijk=${P(`"'><svg onload=alert(1)>`)}&jaar=${P(`2018" onfocus="alert(1)`)}`, notice: /Onbekend jaar.*|Onbekende code/ },
  { what: 'NUL byte in year', query: `jaar=2018%00`, notice: /Onbekend jaar/ },
  { what: 'NUL byte in code', query: `vergelijk=BU05990110%00`, notice: /Onbekende code/ },
  { what: 'path traversal', query: `vergelijk=${P('../../../etc/passwd')}&jaar=${P('../2018')}`, notice: /Onbekend/ },
  { what: 'SQL in compare code', query: `vergelijk=${P("BU05990110' OR '1'='1")}`, notice: /Onbekende code/ },
  { what: 'five compare codes, one bad (max. 3)', query: `vergelijk=${['WK059901', 'XX', 'WK059903', 'WK059904', 'WK059905'].join(',')}&jaar=2018`, notice: /Onbekende code.*"XX"|tegelijk/, year: '2018' },
  { what: 'right-to-left override in a code (would make the notice read backwards)', query: `vergelijk=${P('\u202Eabc\u2066')}`, notice: /Onbekende code om mee te vergelijken genegeerd: "abc"/ },
  { what: "the page's own code", query: `vergelijk=BU05991086`, notice: /De eigen wijk staat al op deze pagina/ },
  { what: 'good year with a bad code', query: `jaar=2018&vergelijk=${P('<b>vet</b>')}`, notice: /Onbekende code/, year: '2018' },
];

describe('wijk page: bad URL parameters give a Dutch notice, keep the defaults and run nothing', () => {
  for (const b of BAD) {
    it(`${b.what}: ?${b.query.slice(0, 60)}${b.query.length > 60 ? '…' : ''}`, async () => {
      const { page, dialogs, errors, w } = await open(`${WIJK}?${b.query}`);
      try {
        await expect.poll(() => liveStatus(page), { timeout: 10_000 }).toMatch(b.notice);
        const notice = await liveStatus(page);
        console.log(`  ${b.what}: "${notice.slice(0, 160)}"`);
        // Shown as text only, and short: an overlong value is cut, not echoed in full.
        expect(await page.locator('#live-status *').count()).toBe(0);
        expect(notice.length).toBeLessThan(400);
        expect(notice).not.toMatch(/[\u0000-\u001f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
        expect(notice).not.toContain('Onbekende code om mee te vergelijken genegeerd: "BU05991086"');
        // The prerendered page is intact; nothing the URL asked for was injected.
        const rows = await prerenderedRows(page);
        expect(rows.withValue).toBeGreaterThan(rows.rows / 2);
        expect(await page.locator('script:not([src]):not([type="application/json"])').count()).toBe(0);
        expect(await page.locator('#wijkpagina img, [onload], [onerror], [onfocus], #live-status b, #vergelijking b').count()).toBe(0);
        if (b.year) {
          await page.waitForFunction((y) => document.getElementById('wijkpagina')!.dataset.liveYear === y, b.year, { timeout: 60_000 });
          expect(await page.locator('#jaar').inputValue()).toBe(b.year);
        } else {
          expect(await page.locator('#jaar').inputValue()).toBe('');
          expect(await page.locator('#wijkpagina').getAttribute('data-live-year')).toBeNull();
        }
        const compared = (await page.locator('#vergelijking').getAttribute('data-areas')) ?? '';
        expect(compared.split(',').filter(Boolean).every((c) => /^(WK|BU)\d+$/.test(c))).toBe(true);
        await page.waitForTimeout(200);
        expect(dialogs).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
        expect(errors.real()).toEqual([]);
        expect(w.external()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('compare form: a hostile name in the input gives a Dutch notice and no injection', async () => {
    const { page, dialogs, errors } = await open(WIJK);
    try {
      await page.fill('#vergelijk-met', `<img src=x onerror=alert(1)> ${LONG}`);
      await page.click('#vergelijk-form button[type="submit"]');
      await expect.poll(() => liveStatus(page)).toMatch(/Geen wijk of gebied gevonden/);
      expect((await liveStatus(page)).length).toBeLessThan(200);
      expect(await page.locator('#vergelijking').innerHTML()).toBe('');
      expect(dialogs).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('unknown page addresses (code, script, traversal) give the Dutch 404 page without running anything', async () => {
    for (const p of ['/wijk/BU09999999/', `/wijk/${P('<script>alert(1)</script>')}/`, '/wijk/..%2F..%2Fetc%2Fpasswd/', `/indicator/${P('"><svg onload=alert(1)>')}/`]) {
      const { page, dialogs } = await open(p, 404);
      try {
        expect(await page.locator('h1').textContent()).toMatch(/bestaat niet/);
        await page.waitForTimeout(100);
        expect(dialogs, p).toEqual([]);
        expect(await cspViolations(page), p).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });
});

/** Parse a CSP string into directive → sources. */
function parseCsp(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const pages = ['/', WIJK, '/wijk/ZUID/', '/methode/', '/wijk/BU09999999/'];
  it('every page type has the CSP meta tag, allowing only our own origin', async () => {
    const extra = fs.existsSync(path.resolve('dist/indicator/bijstand/index.html')) ? ['/indicator/bijstand/'] : [];
    for (const p of [...pages, ...extra]) {
      const { page } = await open(p, p.includes('BU0999') ? 404 : 200);
      try {
        const metas = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (ms) => ms.map((m) => m.getAttribute('content') ?? ''));
        expect(metas, p).toHaveLength(1);
        const csp = parseCsp(metas[0]!);
        expect(csp.get('default-src'), p).toEqual(["'self'"]);
        expect(csp.get('script-src'), p).toEqual(["'self'", "'wasm-unsafe-eval'"]);
        expect(csp.get('worker-src'), p).toEqual(["'self'", 'blob:']);
        expect(csp.get('connect-src'), p).toEqual(["'self'"]);
        expect(csp.get('object-src'), p).toEqual(["'none'"]);
        expect(csp.get('base-uri'), p).toEqual(["'self'"]);
        // Everything allowed anywhere: self, none, plus three justified exceptions.
        const allowed: Record<string, string[]> = {
          'script-src': ["'wasm-unsafe-eval'"], // compiling DuckDB's wasm; no 'unsafe-eval', no inline script
          'worker-src': ['blob:'], // DuckDB-wasm's worker bootstrap
          'style-src': ["'unsafe-inline'"], // Astro inlines the page CSS in <style>; the score bars use style=""
          'img-src': ['data:'],
        };
        for (const [dir, sources] of csp) {
          const bad = sources.filter((s) => s !== "'self'" && s !== "'none'" && !(allowed[dir] ?? []).includes(s));
          expect(bad, `${p} ${dir}`).toEqual([]);
        }
      } finally {
        await page.close();
      }
    }
  });

  it('the site works under it: a year change and a comparison load DuckDB-wasm without any CSP violation', async () => {
    const { page, errors, w } = await open(WIJK);
    try {
      await page.selectOption('#jaar', '2018');
      await page.waitForFunction(() => document.getElementById('wijkpagina')!.dataset.liveYear === '2018', null, { timeout: 60_000 });
      await page.fill('#vergelijk-met', 'Tarwewijk (BU05991571)');
      await page.click('#vergelijk-form button[type="submit"]');
      await page.waitForFunction(() => document.getElementById('vergelijking')!.dataset.areas === 'BU05991571', null, { timeout: 30_000 });
      expect(await cspViolations(page)).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(w.external()).toEqual([]);
      expect(w.requests.some((u) => /\.wasm$/.test(u))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('an inline script is refused (the policy is enforced, not just present)', async () => {
    const { page } = await open(WIJK);
    try {
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.body.appendChild(s);
      });
      await expect.poll(() => cspViolations(page)).toEqual([expect.stringMatching(/^script-src/)]);
      expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    } finally {
      await page.close();
    }
  });
});

/** Console errors Chromium itself logs for a request we made fail on purpose. */
const failedResource = (e: string) => /Failed to load resource/.test(e);

describe('a slow page script', () => {
  it('a year chosen before the page script ran is shown once it runs: never a year beside figures of another', async () => {
    const page = await site.browser.context.newPage();
    const held: (() => void)[] = [];
    let release = false;
    // Hold every script of ours until the visitor has picked a year, as on a slow connection.
    await page.route('**/_astro/*.js', (r) => (release ? r.continue() : held.push(() => void r.continue())));
    try {
      await page.goto(new URL(WIJK.slice(1), site.server.url).href, { waitUntil: 'commit' });
      await page.waitForSelector('#jaar option[value="2018"]', { state: 'attached' });
      expect(await page.locator('#wijkpagina').getAttribute('data-ready')).toBeNull();
      await page.selectOption('#jaar', '2018');
      release = true;
      for (const go of held.splice(0)) go();
      await page.waitForSelector('#wijkpagina[data-ready="true"]', { timeout: 60_000 });
      await page.waitForSelector('#wijkpagina[data-live-year="2018"]', { timeout: 60_000 });
      // Independent of the client: the row years must be those of the page's own 2018 data.
      const [rowYears, wanted] = await page.evaluate(() => {
        // #jaren-data: { fields, ids, choices: { '2018': [[year, …] | 0 per id] } }
        const data = JSON.parse(document.getElementById('jaren-data')!.textContent!) as { fields: string[]; ids: string[]; choices: Record<string, (unknown[] | 0)[]> };
        const y = data.fields.indexOf('year');
        const rows = [...document.querySelectorAll<HTMLElement>('table.indicators tr[data-indicator]')].map((r) => `${r.dataset.indicator}:${r.dataset.year ?? ''}`);
        return [rows, data.choices['2018']!.flatMap((r, i) => (r === 0 ? [] : [`${data.ids[i]}:${r[y]}`]))];
      });
      expect(wanted.length).toBeGreaterThan(10);
      for (const w of wanted) if (rowYears.some((r) => r.startsWith(`${w.split(':')[0]}:`))) expect(rowYears).toContain(w);
      expect(new URL(page.url()).searchParams.get('jaar')).toBe('2018');
    } finally {
      await page.close();
    }
  });
});

describe('DuckDB-wasm or the data failing to load', () => {
  async function tryYearChange(page: Page): Promise<string> {
    await page.selectOption('#jaar', '2018');
    await expect.poll(() => liveStatus(page), { timeout: 60_000 }).toMatch(/niet|kon|mislukt/i);
    return liveStatus(page);
  }

  it('wasm blocked: the page stays readable, the year choice works from the page data; a Dutch reason; compare aria-disabled', async () => {
    const { page, errors } = await open(WIJK, 200, (p) => p.route('**/*.wasm', (r) => r.abort()));
    try {
      const before = await prerenderedRows(page);
      expect(before.withValue).toBeGreaterThan(before.rows / 2);
      const msg = await tryYearChange(page);
      console.log(`  wasm geblokkeerd: "${msg}"`);
      expect(msg).toMatch(/De interactieve cijfers konden niet worden geladen: de rekenmodule in uw browser kon niet worden geladen/);
      expect(msg).toMatch(/blijven kloppen/);
      expect(msg).not.toMatch(/Error|Failed|fetch/);
      const controls = await page.$$eval('[data-needs-duckdb]', (els) => els.map((e) => `${e.id || e.tagName}:${e.getAttribute('aria-disabled')}`));
      expect(controls.length).toBeGreaterThanOrEqual(1);
      expect(controls.every((c) => c.endsWith(':true'))).toBe(true);
      // Still readable, and the year choice works without DuckDB: the page's own data for 2018
      // is shown (figures and choice agree), and no live check is claimed.
      const after = await prerenderedRows(page);
      expect(after.rows).toBe(before.rows);
      expect(after.withValue).toBeGreaterThan(after.rows / 2);
      expect(await page.locator('#wijkpagina').getAttribute('data-live-year')).toBe('2018');
      expect(await page.locator('#wijkpagina').getAttribute('data-live-checked')).toBeNull();
      expect(await page.locator('#jaar').inputValue()).toBe('2018');
      expect(await page.locator('#jaar').getAttribute('aria-disabled')).toBeNull();
      expect(msg).toMatch(/alleen vergelijken en de live controle werken nu niet/);
      expect(await cspViolations(page)).toEqual([]);
      // Justified: Chromium logs the request we aborted on purpose, and DuckDB's worker leaves that
      // failed fetch unhandled ("Failed to fetch", reported from the worker); nothing else.
      expect(errors.real().filter((e) => !failedResource(e) && !/^TypeError: Failed to fetch/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('observations.parquet missing (404): a Dutch message naming the file; the values stay', async () => {
    const { page, errors } = await open(WIJK, 200, (p) => p.route('**/data/observations.parquet', (r) => r.fulfill({ status: 404, body: 'Niet gevonden' })));
    try {
      const before = await prerenderedRows(page);
      const msg = await tryYearChange(page);
      console.log(`  Parquet ontbreekt: "${msg}"`);
      expect(msg).toMatch(/het databestand observations\.parquet ontbreekt op de server, HTTP-status 404/);
      expect(msg).not.toMatch(/Error|Failed|failed/);
      expect((await prerenderedRows(page)).rows).toBe(before.rows);
      expect(await page.locator('[data-needs-duckdb][aria-disabled="true"]').count()).toBeGreaterThanOrEqual(1);
      expect(errors.real().filter((e) => !failedResource(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('observations.parquet corrupt (garbage bytes): a Dutch message naming the file; the values stay', async () => {
    const garbage = Buffer.alloc(68_000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    const { page, errors } = await open(WIJK, 200, (p) =>
      p.route('**/data/observations.parquet', (r) => r.fulfill({ status: 200, contentType: 'application/octet-stream', body: garbage })),
    );
    try {
      const before = await prerenderedRows(page);
      const msg = await tryYearChange(page);
      console.log(`  Parquet corrupt: "${msg}"`);
      expect(msg).toMatch(/het databestand observations\.parquet is beschadigd of onleesbaar/);
      expect(msg).not.toMatch(/Error|magic/);
      expect(await page.locator('[data-needs-duckdb][aria-disabled="true"]').count()).toBeGreaterThanOrEqual(1);
      expect((await prerenderedRows(page)).rows).toBe(before.rows);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
