// The journalist's toolkit in the browser: chart downloads (SVG with the source line, PNG at 2×),
// the SQL page (examples, a clean DuckDB error, a shared URL), the Citeer block, and search.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite, watchedPage } from './built-site';
import { SQL_EXAMPLES } from '../../src/lib/queries';

const site = useSite({ db: true });

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(buf.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

async function download(page: Page, button: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(button).first().click()]);
  const file = await dl.path();
  return fs.readFileSync(file!);
}

describe('chart downloads', () => {
  it('the indicator map downloads as SVG with the source line and as a 2× PNG', async () => {
    const { page, w, errors } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}indicator/bijstand/`, { waitUntil: 'load' });
      const fig = page.locator('figure.mapfig');
      await fig.locator('[data-figure-download="svg"]').waitFor();
      const svg = (await download(page, 'figure.mapfig [data-figure-download="svg"]')).toString('utf8');
      expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain('Bijstand');
      // The legend travels with the image: its classes in the unit, the city class and why some are empty.
      expect(svg).toContain('rond Rotterdam (');
      expect(svg).toMatch(/\d+,\d t\/m \d+,\d/);
      expect(svg).toContain('geen cijfer: te weinig inwoners');
      expect(svg).toMatch(/Bron: CBS, [^<]*20\d\d/);
      expect(svg).toContain(`${site.server.url}indicator/bijstand/`);

      // The chart is the figure's largest svg (the legend swatches are small svgs too).
      const box = await fig.evaluate((f) => {
        const r = [...f.querySelectorAll('svg')].map((s) => s.getBoundingClientRect()).sort((a, b) => b.width * b.height - a.width * a.height)[0];
        return { width: r.width, height: r.height };
      });
      const png = await download(page, 'figure.mapfig [data-figure-download="png"]');
      fs.mkdirSync('.cache', { recursive: true });
      fs.writeFileSync('.cache/toolkit-download.png', png);
      const { width, height } = pngSize(png);
      // 2× the chart's drawn width (the image is the chart plus title and source lines).
      expect(Math.abs(width - 2 * Math.max(Math.round(box!.width), 360))).toBeLessThanOrEqual(2);
      expect(height).toBeGreaterThan(2 * box!.height);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** Every other chart kind on the site: its own title, unit and source travel with the download. */
const CHARTS = [
  { kind: 'ranking', path: 'indicator/bijstand/', figure: 'figure.rankfig', source: /^Bron: CBS, /, title: /^Bijstand per wijk, 20\d\d: ranglijst$/ },
  { kind: 'samenhang scatter', path: 'samenhang/', figure: '#scatter', source: /^Bron: /, title: / tegen .*, per wijk$/ },
  { kind: 'factoren scatter', path: 'factoren/?uitkomst=bijstand&jaar=2017&x=laag_inkomen&wijk=BU05991086', figure: '#scatter', source: /^Bron: CBS, Kerncijfers wijken en buurten 2017/, title: /^Bijstand tegen Huishoudens met een laag inkomen, per wijk$/ },
  { kind: 'factoren change scatter', path: 'factoren/?uitkomst=bijstand&jaar=2017&van=2014&x=laag_inkomen', figure: '#change-scatter', source: /^Bron: CBS, Kerncijfers wijken en buurten 2014/, title: /^Verandering bijstand/i },
  { kind: 'wijk page Wijkprofiel chart', path: 'wijk/BU05991086/', figure: 'figure.card', source: /^Bron: Gemeente Rotterdam \(OBI\), Wijkprofiel$/, title: /: feiten en beleving, Afrikaanderwijk$/ },
];

describe('chart downloads of every chart kind', () => {
  for (const c of CHARTS) {
    it(`${c.kind}: SVG with its title, unit, source line and URL; PNG at 2×`, async () => {
      const { page, w, errors } = await watchedPage(site);
      try {
        await page.goto(`${site.server.url}${c.path}`, { waitUntil: 'load' });
        const fig = page.locator(c.figure).first();
        await fig.locator('[data-figure-download="svg"]').waitFor({ timeout: 60_000 });
        const meta = await fig.evaluate((f) => ({ ...(f as HTMLElement).dataset }));
        expect(meta.figTitle, 'data-fig-title').toMatch(c.title);
        expect(meta.figSource, 'data-fig-source').toMatch(c.source);
        const svg = (await download(page, `${c.figure} [data-figure-download="svg"]`)).toString('utf8');
        expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        // The drawn text lines (XML-escaped in the file).
        const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
        expect(texts.join(' ').startsWith(meta.figTitle!), texts.slice(0, 2).join(' | ')).toBe(true); // a long title wraps
        expect(texts.join('\n')).toContain(meta.figSource!.slice(0, 40));
        if (meta.figUnit) expect(texts.join(' ')).toContain('Eenheid: ');
        expect(texts.join(' ')).toContain(`${site.server.url}${c.path.split('?')[0]}`);
        if (meta.figYear) expect(texts.join(' ')).toContain(`Jaar ${meta.figYear}`);
        const box = await fig.evaluate((f) => {
          const r = [...f.querySelectorAll('svg')].map((s) => s.getBoundingClientRect()).sort((a, b) => b.width * b.height - a.width * a.height)[0]!;
          return { width: r.width, height: r.height };
        });
        const png = await download(page, `${c.figure} [data-figure-download="png"]`);
        const { width, height } = pngSize(png);
        expect(Math.abs(width - 2 * Math.max(Math.round(box.width), 360))).toBeLessThanOrEqual(2);
        expect(height).toBeGreaterThan(2 * box.height);
        expect(height).toBeLessThan(2 * box.height + 2 * 400); // the chart plus title and a few lines
        fs.mkdirSync('.cache', { recursive: true });
        fs.writeFileSync(`.cache/toolkit-download-${c.kind.replace(/\W+/g, '-')}.png`, png);
        expect(w.external()).toEqual([]);
        expect(errors.real()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('SQL page', () => {
  it('runs every example with rows and no error', async () => {
    const { page, errors } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}data/sql/`, { waitUntil: 'load' });
      for (const ex of SQL_EXAMPLES) {
        await page.locator(`[data-example="${ex.id}"]`).click();
        await page.waitForFunction((sql) => {
          const s = new URL(location.href).searchParams.get('q');
          return s === sql && /rij/.test(document.getElementById('sql-status')?.textContent ?? '');
        }, ex.sql, { timeout: 30_000 });
        expect(await page.locator('#sql-error').isHidden()).toBe(true);
        const rows = await page.locator('#sql-table tbody tr').count();
        const expected = await site.db.query(ex.sql);
        expect(rows, ex.id).toBe(expected.length);
        const first = await page.locator('#sql-table tbody tr').first().locator('td').allTextContents();
        console.log(ex.id, first.join(' | '));
      }
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows DuckDB\'s own message for SELEC 1 and refuses a write', async () => {
    const { page } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}data/sql/`, { waitUntil: 'load' });
      await page.locator('#sql-input').fill('SELEC 1');
      await page.locator('#sql-run').click();
      await page.locator('#sql-error').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.locator('#sql-error').textContent()).toMatch(/syntax error at or near "SELEC"/i);
      await page.locator('#sql-input').fill('DROP TABLE areas');
      await page.locator('#sql-run').click();
      await page.waitForFunction(() => /Alleen lezen/.test(document.getElementById('sql-error')?.textContent ?? ''));
      // The tables are still there.
      await page.locator('#sql-input').fill('SELECT count(*) AS n FROM areas');
      await page.locator('#sql-run').click();
      await page.locator('#sql-table').waitFor();
      const [{ n }] = await site.db.query<{ n: number }>('SELECT count(*) AS n FROM areas');
      expect(await page.locator('#sql-table tbody td').first().textContent()).toBe(String(n));
    } finally {
      await page.close();
    }
  });

  it('a shared URL restores and runs the query; huge results are capped with a notice', async () => {
    const { page } = await watchedPage(site);
    try {
      const sql = "SELECT 'één' AS woord, 42 AS antwoord";
      await page.goto(`${site.server.url}data/sql/?q=${encodeURIComponent(sql)}`, { waitUntil: 'load' });
      await page.locator('#sql-table').waitFor({ timeout: 30_000 });
      expect(await page.locator('#sql-input').inputValue()).toBe(sql);
      expect(await page.locator('#sql-table tbody td').allTextContents()).toEqual(['één', '42']);
      await page.locator('#sql-input').fill('SELECT * FROM observations');
      await page.locator('#sql-run').click();
      await page.waitForFunction(() => document.querySelectorAll('#sql-table tbody tr').length === 1000);
      expect(await page.locator('#sql-result .notice').textContent()).toMatch(/Meer dan 1\.000 rijen/);
    } finally {
      await page.close();
    }
  });
});

describe('Citeer', () => {
  it('the wijk page has a citation with source, table, date and URL', async () => {
    const { page } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}wijk/BU05991086/`, { waitUntil: 'load' });
      const text = (await page.locator('[data-citation-text]').textContent())!.replace(/\s+/g, ' ');
      expect(text).toMatch(/^Bron: CBS, Kerncijfers wijken en buurten 20\d\d \(\d+NED\)/);
      expect(text).toContain('bewerking Wijkbeeld Rotterdam, geraadpleegd op ');
      expect(text.trim().endsWith(`${site.server.url}wijk/BU05991086/`)).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('search', () => {
  it('ignores case and diacritics, counts what it shows, finds indicators, Enter opens a single match', async () => {
    const { page } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}`, { waitUntil: 'load' });
      const before = await page.locator('#zoek-aantal').textContent();
      await page.locator('#zoek').fill('BIJSTAND');
      await expect.poll(() => page.locator('#zoek-indicatoren li:not([hidden]) a').count()).toBeGreaterThan(0);
      expect(await page.locator('#zoek-aantal').textContent()).not.toBe(before);
      expect(await page.locator('#zoek-aantal').textContent()).toMatch(/indicator/);
      await page.locator('#zoek').fill('afrikáánderwijk');
      await expect.poll(() => page.locator('#zoek-aantal').textContent()).toMatch(/^1 gebied, 1 wijk/);
      await Promise.all([page.waitForURL(/\/wijk\/BU05991086\/$/), page.locator('#zoek').press('Enter')]);
    } finally {
      await page.close();
    }
  });
});
