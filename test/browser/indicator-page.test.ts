// Indicator pages (/indicator/<id>/): the prerendered table, map and ranking against the Parquet,
// a live year change with DuckDB-wasm, ?jaar= restoring it, and an indicator only published per
// gebied. Expected values come from our own SQL on public/data, not from the site's queries.ts.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Format } from '../../src/lib/catalogue';
import { featuresOf, type Boundaries } from '../../src/lib/charts/map';
import { formatValue, plural } from '../../src/lib/format';
import { levelValues } from '../../src/lib/queries';
import { useSite, watchedPage } from './built-site';
import { sqlString as q } from '../../src/lib/db';

const LIVE_TIMEOUT = 90_000;

const site = useSite({ db: true });
let topo: Boundaries;

beforeAll(() => {
  // The boundaries the browser gets: the same file the server hands out.
  topo = JSON.parse(fs.readFileSync(path.resolve('dist/data/boundaries.json'), 'utf8')) as Boundaries;
});


interface ExpectedArea { area: string; name: string; value: number | null; status: string | null }
interface ExpectedLevel {
  year: number;
  format: Format;
  unit: string;
  label: string;
  direction: 'higher_better' | 'lower_better' | 'neutral';
  /** Areas with status 'ok', best first (value order by direction, then code). */
  ok: ExpectedArea[];
  /** Areas of the level without an 'ok' value that year (no row at all: status null). */
  absent: ExpectedArea[];
  all: ExpectedArea[];
}

/** One indicator at one level in one year (default: the latest year with an 'ok' value). */
async function expectedLevel(indicator: string, level: 'wijk' | 'gebied', year?: number): Promise<ExpectedLevel> {
  const [ind] = await site.db.query<{ format: Format; unit: string; label: string; direction: ExpectedLevel['direction'] }>(
    `SELECT format, unit, label, direction FROM indicators WHERE id = ${q(indicator)}`,
  );
  if (!ind) throw new Error(`indicator ${indicator} not in indicators.parquet`);
  const [{ latest }] = await site.db.query<{ latest: number | null }>(`
    SELECT max(o.year) AS latest FROM observations o JOIN areas a ON a.code = o.area
    WHERE o.indicator = ${q(indicator)} AND a.level = ${q(level)} AND o.status = 'ok'`);
  const y = year ?? latest;
  if (y === null) throw new Error(`${indicator} has no 'ok' value at level ${level}`);
  const all = await site.db.query<ExpectedArea>(`
    SELECT a.code AS area, a.name, o.value, o.status FROM areas a
    LEFT JOIN observations o ON o.area = a.code AND o.indicator = ${q(indicator)} AND o.year = ${Math.trunc(y)}
    WHERE a.level = ${q(level)} ORDER BY a.code`);
  const sign = ind.direction === 'lower_better' ? 1 : -1;
  const ok = all.filter((r) => r.status === 'ok' && r.value !== null).sort((a, b) => sign * (a.value! - b.value!) || a.area.localeCompare(b.area));
  const absent = all.filter((r) => r.status !== 'ok' || r.value === null);
  return { year: y, ...ind, ok, absent, all };
}

interface ShownRow { area: string; plek: string; name: string; dataValue: string | null; text: string; cls: string; cmp: string; cmpCls: string }

/** Table rows: place, name, the value cell (third column) and the comparison cell (fourth). */
async function tableRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval('#ind-tabel tbody tr[data-area]', (trs) =>
    trs.map((tr) => {
      const tds = tr.querySelectorAll('td');
      const value = tds[2]!;
      return {
        area: tr.getAttribute('data-area')!,
        plek: (tds[0]?.textContent ?? '').trim(),
        name: (tr.querySelector('a')?.textContent ?? '').trim(),
        dataValue: value.getAttribute('data-value'),
        text: (value.textContent ?? '').trim(),
        cls: value.className,
        cmp: (tds[3]?.textContent ?? '').trim(),
        cmpCls: tds[3]?.className ?? '',
      };
    }),
  );
}

/** Competition rank (ties share a place) among the 'ok' areas, best first: "3 van 74". */
function expectedPlace(exp: ExpectedLevel, value: number): string {
  if (exp.direction === 'neutral') throw new Error('expectedPlace: only for judged indicators');
  const better = exp.ok.filter((r) => (exp.direction === 'lower_better' ? r.value! < value : r.value! > value)).length;
  return `${better + 1} van ${exp.ok.length}`;
}

/** Differences between the rows with a number and the Parquet: order, values, text, place. */
function okProblems(shown: ShownRow[], exp: ExpectedLevel): string[] {
  const out: string[] = [];
  const rows = shown.filter((r) => r.dataValue !== null);
  if (rows.length !== exp.ok.length) out.push(`${rows.length} rows with a value, Parquet has ${exp.ok.length} 'ok' areas in ${exp.year}`);
  const byArea = new Map(exp.ok.map((r) => [r.area, r]));
  rows.forEach((r, i) => {
    const e = byArea.get(r.area);
    if (!e) return void out.push(`${r.area}: shown with value ${r.dataValue} but not 'ok' in the Parquet (${exp.year})`);
    if (!(Math.abs(Number(r.dataValue) - e.value!) <= 1e-9)) out.push(`${r.area}: data-value ${r.dataValue} ≠ Parquet ${e.value}`);
    const text = formatValue(e.value, exp.format);
    if (r.text !== text) out.push(`${r.area}: text "${r.text}" ≠ "${text}"`);
    if (r.name !== e.name) out.push(`${r.area}: name "${r.name}" ≠ "${e.name}"`);
    const place = expectedPlace(exp, e.value!);
    if (r.plek !== place) out.push(`${r.area}: place "${r.plek}" ≠ "${place}"`);
    // Best first: the i-th value equals the i-th of the Parquet's own order (ties in any order).
    const want = exp.ok[i]?.value;
    if (want === undefined || !(Math.abs(Number(r.dataValue) - want!) <= 1e-9)) out.push(`place ${i + 1}: ${r.dataValue}, expected ${want} (${exp.direction})`);
  });
  return out;
}

/** Rows of areas without a value: a reason instead of a number, after every numbered row. */
function absentProblems(shown: ShownRow[], exp: ExpectedLevel): string[] {
  const out: string[] = [];
  const rows = shown.filter((r) => r.dataValue === null);
  const want = new Set(exp.absent.map((r) => r.area));
  const got = new Set(rows.map((r) => r.area));
  for (const a of want) if (!got.has(a)) out.push(`${a}: no value in ${exp.year} but not listed`);
  for (const a of got) if (!want.has(a)) out.push(`${a}: listed without a value but 'ok' in the Parquet`);
  const firstAbsent = shown.findIndex((r) => r.dataValue === null);
  if (firstAbsent >= 0 && shown.slice(firstAbsent).some((r) => r.dataValue !== null)) out.push('a row with a value follows a row without one');
  for (const r of rows) {
    const e = exp.absent.find((x) => x.area === r.area);
    if (/^[\s\d.,%+−–-]*$/.test(r.text)) out.push(`${r.area}: absent value shown as "${r.text}" without a reason`);
    if (r.plek !== '') out.push(`${r.area}: absent area has place "${r.plek}"`);
    const reason = e?.status ? e.status : 'geen cijfer';
    if (!r.text.toLowerCase().includes(reason)) out.push(`${r.area}: reason "${r.text}" does not name "${reason}"`);
  }
  return out;
}

/** The choropleth: one path per boundary feature; each area of the level a labelled link. */
async function mapProblems(page: Page, level: 'wijk' | 'gebied', exp: ExpectedLevel): Promise<string[]> {
  const out: string[] = [];
  const feats = featuresOf(topo, level).map((f) => String(f.id));
  const map = await page.$eval('.mapfig svg[role]', (svg) => ({
    paths: svg.querySelectorAll('path').length,
    hatched: [...svg.querySelectorAll('path')].filter((p) => p.getAttribute('fill') === 'url(#geen)').length,
    links: [...svg.querySelectorAll('a[aria-label]')].map((a) => ({ href: a.getAttribute('href') ?? '', label: a.getAttribute('aria-label') ?? '' })),
  }));
  if (map.paths !== feats.length) out.push(`${map.paths} paths, boundaries.json has ${feats.length} ${level} features`);
  const byArea = new Map(exp.all.map((r) => [r.area, r]));
  const inMap = feats.filter((c) => byArea.has(c));
  if (map.links.length !== inMap.length) out.push(`${map.links.length} labelled links, ${inMap.length} features are areas`);
  const hatched = feats.filter((c) => { const r = byArea.get(c); return !r || r.status !== 'ok' || r.value === null; }).length;
  if (map.hatched !== hatched) out.push(`${map.hatched} hatched paths, ${hatched} features without a value`);
  for (const code of inMap) {
    const r = byArea.get(code)!;
    const link = map.links.find((l) => l.href.endsWith(`/wijk/${code}/`));
    const label = r.status === 'ok' && r.value !== null ? `${r.name}: ${formatValue(r.value, exp.format)} ${exp.unit} in ${exp.year}` : undefined;
    if (!link) out.push(`${code}: no link on the map`);
    else if (label ? link.label !== label : !link.label.startsWith(`${r.name}: `) || /\d/.test(link.label.slice(r.name.length))) {
      out.push(`${code}: map label "${link.label}"${label ? ` ≠ "${label}"` : ' has a number for an absent value'}`);
    }
  }
  return out;
}

async function open(url: string) {
  const { page, w, errors, dialogs } = await watchedPage(site);
  const res = await page.goto(`${site.server.url}${url.replace(/^\//, '')}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return { page, w, errors, dialogs };
}

describe('indicator page /indicator/bijstand/', () => {
  it('prerendered table, map and ranking equal the Parquet for the latest year', async () => {
    const exp = await expectedLevel('bijstand', 'wijk');
    expect(exp.direction).toBe('lower_better');
    expect(exp.absent.length).toBeGreaterThan(0); // the page must show reasons, not only numbers
    const { page, w, errors, dialogs } = await open('/indicator/bijstand/');
    try {
      expect(await page.getAttribute('#indicatorpagina', 'data-year')).toBe(String(exp.year));
      expect(await page.textContent('#ind-tabel caption')).toContain(`per wijk, ${exp.year}`);
      expect(await page.inputValue('#ind-jaar')).toBe(String(exp.year));

      const shown = await tableRows(page);
      expect(shown.map((r) => r.area).sort()).toEqual(exp.all.map((r) => r.area).sort()); // every wijk once
      expect(okProblems(shown, exp)).toEqual([]);
      expect(absentProblems(shown, exp)).toEqual([]);
      // Best first means ascending for a lower_better indicator.
      const values = shown.filter((r) => r.dataValue !== null).map((r) => Number(r.dataValue));
      expect(values).toEqual([...values].sort((a, b) => a - b));

      // The site's own query agrees with ours (cross-check, not the source of truth).
      const fromSite = await levelValues(site.db, 'bijstand', 'wijk', exp.year);
      expect(fromSite.filter((r) => r.status === 'ok').length).toBe(exp.ok.length);

      const intro = (await page.textContent('[data-intro]')) ?? '';
      expect(intro).toContain(`${plural(exp.ok.length, 'wijk', 'wijken')} met een cijfer`);
      expect(intro).toContain(`${plural(exp.absent.length, 'wijk', 'wijken')} zonder`);

      const mapLabel = (await page.getAttribute('.mapfig svg[role]', 'aria-label')) ?? '';
      expect(mapLabel).toContain(`Kaart: Bijstand per wijk in ${exp.year}`);
      expect(await mapProblems(page, 'wijk', exp)).toEqual([]);

      const rankLabel = (await page.getAttribute('#ranking svg', 'aria-label')) ?? '';
      expect(rankLabel).toContain('Bijstand');
      expect(rankLabel).toContain(String(exp.year));

      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('choosing 2016 in #ind-jaar re-renders table, map and ranking from the Parquet (DuckDB-wasm) and sets ?jaar=', async () => {
    const latest = await expectedLevel('bijstand', 'wijk');
    const exp = await expectedLevel('bijstand', 'wijk', 2016);
    expect(exp.ok.length).toBeGreaterThan(0);
    const { page, w, errors, dialogs } = await open('/indicator/bijstand/');
    try {
      const before = new Map((await tableRows(page)).map((r) => [r.area, r.dataValue]));
      await page.selectOption('#ind-jaar', '2016');
      await page.waitForSelector('#indicatorpagina[data-live-year="2016"]', { timeout: LIVE_TIMEOUT });

      const shown = await tableRows(page);
      expect(okProblems(shown, exp)).toEqual([]);
      // The numbers really changed from the prerendered latest year.
      const changed = shown.filter((r) => r.dataValue !== null && before.get(r.area) !== r.dataValue);
      expect(changed.length).toBeGreaterThan(latest.ok.length / 2);

      expect(new URL(page.url()).searchParams.get('jaar')).toBe('2016');
      expect(await page.textContent('#ind-tabel caption')).toContain('per wijk, 2016');
      expect(await page.locator('.jaar').allTextContents()).toEqual(expect.arrayContaining(['2016']));
      expect(await page.getAttribute('.mapfig svg[role]', 'aria-label')).toContain('Bijstand per wijk in 2016');
      expect(await mapProblems(page, 'wijk', exp)).toEqual([]);
      expect(await page.getAttribute('#ranking svg', 'aria-label')).toContain('2016');
      expect(await page.textContent('#live-status')).toContain('2016');

      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('/indicator/bijstand/?jaar=2016 restores the year', async () => {
    const exp = await expectedLevel('bijstand', 'wijk', 2016);
    const { page, w, errors, dialogs } = await open('/indicator/bijstand/?jaar=2016');
    try {
      await page.waitForSelector('#indicatorpagina[data-live-year="2016"]', { timeout: LIVE_TIMEOUT });
      expect(await page.inputValue('#ind-jaar')).toBe('2016');
      expect(okProblems(await tableRows(page), exp)).toEqual([]);
      expect(await mapProblems(page, 'wijk', exp)).toEqual([]);
      expect(new URL(page.url()).searchParams.get('jaar')).toBe('2016');
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('an unknown ?jaar= gives a Dutch notice and keeps the prerendered year', async () => {
    const exp = await expectedLevel('bijstand', 'wijk');
    const { page, w, errors, dialogs } = await open(`/indicator/bijstand/?jaar=${encodeURIComponent('<b>1999</b>')}`);
    try {
      await page.waitForFunction(() => (document.getElementById('live-status')?.textContent ?? '').length > 0, undefined, { timeout: 10_000 });
      expect(await page.textContent('#live-status')).toContain('Onbekend jaar genegeerd');
      expect(await page.locator('#live-status *').count()).toBe(0);
      expect(await page.inputValue('#ind-jaar')).toBe(String(exp.year));
      expect(okProblems(await tableRows(page), exp)).toEqual([]);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  // The live table lists the wijken without a value with their reason, as the prerendered one does.
  it('after a live year change the wijken without a value are still listed with a reason', async () => {
    const exp = await expectedLevel('bijstand', 'wijk', 2016);
    const { page } = await open('/indicator/bijstand/?jaar=2016');
    try {
      await page.waitForSelector('#indicatorpagina[data-live-year="2016"]', { timeout: LIVE_TIMEOUT });
      const shown = await tableRows(page);
      expect(shown.map((r) => r.area).sort()).toEqual(exp.all.map((r) => r.area).sort());
      expect(absentProblems(shown, exp)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  // The intro follows the chosen year: city value and counts (once only the year changed).
  it('after a live year change the intro shows that year\'s city value and counts', async () => {
    const exp = await expectedLevel('bijstand', 'wijk', 2016);
    const [city] = await site.db.query<{ value: number }>(`SELECT value FROM observations WHERE area = 'GM0599' AND indicator = 'bijstand' AND year = 2016 AND status = 'ok'`);
    const { page } = await open('/indicator/bijstand/?jaar=2016');
    try {
      await page.waitForSelector('#indicatorpagina[data-live-year="2016"]', { timeout: LIVE_TIMEOUT });
      const intro = (await page.textContent('[data-intro]')) ?? '';
      expect(intro).toContain(`Rotterdam: ${formatValue(city.value, exp.format)} ${exp.unit} in 2016`);
      expect(intro).toContain(`${plural(exp.ok.length, 'wijk', 'wijken')} met een cijfer`);
      expect(intro).toContain(`${plural(exp.absent.length, 'wijk', 'wijken')} zonder`);
    } finally {
      await page.close();
    }
  });
});

describe('indicator published only per gebied: /indicator/leefbaarometer/', () => {
  it('shows the gebieden with the Parquet values, no wijken', async () => {
    // Precondition from the data: leefbaarometer has no 'ok' value for any wijk.
    const [{ n }] = await site.db.query<{ n: number }>(`
      SELECT count(*)::INTEGER AS n FROM observations o JOIN areas a ON a.code = o.area
      WHERE o.indicator = 'leefbaarometer' AND a.level = 'wijk' AND o.status = 'ok'`);
    expect(n).toBe(0);
    const exp = await expectedLevel('leefbaarometer', 'gebied');
    const { page, w, errors, dialogs } = await open('/indicator/leefbaarometer/');
    try {
      expect(await page.getAttribute('#indicatorpagina', 'data-level')).toBe('gebied');
      expect(await page.getAttribute('#indicatorpagina', 'data-year')).toBe(String(exp.year));
      expect(await page.textContent('h1')).toContain('per gebied');
      expect(await page.textContent('#ind-tabel thead')).toContain('Gebied');
      const shown = await tableRows(page);
      expect(shown.map((r) => r.area).sort()).toEqual(exp.all.map((r) => r.area).sort());
      expect(shown.every((r) => r.area.startsWith('WK'))).toBe(true);
      expect(okProblems(shown, exp)).toEqual([]);
      expect(absentProblems(shown, exp)).toEqual([]);
      expect(await mapProblems(page, 'gebied', exp)).toEqual([]);
      // No link to a per-wijk view that does not exist.
      expect(await page.locator('#indicatorpagina a', { hasText: 'Bekijk per wijk' }).count()).toBe(0);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('/indicator/bijstand/gebieden/ shows the same indicator per gebied', async () => {
    const exp = await expectedLevel('bijstand', 'gebied');
    const { page, w, errors } = await open('/indicator/bijstand/gebieden/');
    try {
      expect(await page.getAttribute('#indicatorpagina', 'data-level')).toBe('gebied');
      const shown = await tableRows(page);
      expect(shown.map((r) => r.area).sort()).toEqual(exp.all.map((r) => r.area).sort());
      expect(okProblems(shown, exp)).toEqual([]);
      expect(absentProblems(shown, exp)).toEqual([]);
      expect(await page.locator('#indicatorpagina a[href$="/indicator/bijstand/"]', { hasText: 'Bekijk per wijk' }).count()).toBe(1);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** A Dutch number as the page prints it ("1.234,5", "-12", "+0,05", "−3") → number. */
function dutchNumber(text: string): number {
  const n = Number(text.trim().replace(/[−–]/g, '-').replace(/\./g, '').replace(',', '.').replace(/[^\d.+-]/g, ''));
  if (!Number.isFinite(n)) throw new Error(`not a number: "${text}"`);
  return n;
}

/** A legend label as an inclusive range of shown values: "30,0 t/m 40,0", "92,2"; null for others. */
function labelRange(label: string): [number, number] | null {
  if (label.startsWith('geen cijfer') || label.startsWith('rond Rotterdam')) return null;
  const parts = label.split(' t/m ');
  return parts.length === 2 ? [dutchNumber(parts[0]!), dutchNumber(parts[1]!)] : [dutchNumber(label), dutchNumber(label)];
}

async function legendOf(page: Page): Promise<{ title: string; swatches: { label: string; fill: string }[] }> {
  return page.$eval('.mapfig .legend', (el) => ({
    title: (el.querySelector('p')?.textContent ?? '').trim(),
    swatches: [...el.querySelectorAll('span')].filter((s) => s.querySelector('svg')).map((s) => ({ label: (s.textContent ?? '').trim(), fill: s.querySelector('svg')!.getAttribute('fill') ?? '' })),
  }));
}

/** Text of `main` as a reader gets it, without the live status line (it reports what happened). */
async function mainText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    main.querySelector('#live-status')!.textContent = '';
    return (main.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

describe('indicator page: comparison, legend and one renderer', () => {
  it('the comparison column shows the index (city = 100) of a rate and judges it by direction', async () => {
    const exp = await expectedLevel('bijstand', 'wijk');
    const [{ city }] = await site.db.query<{ city: number }>(`SELECT value AS city FROM observations WHERE area = 'GM0599' AND indicator = 'bijstand' AND year = ${exp.year} AND status = 'ok'`);
    const { page } = await open('/indicator/bijstand/');
    try {
      expect(await page.textContent('#ind-tabel thead')).toContain('Index');
      const problems: string[] = [];
      for (const r of await tableRows(page)) {
        const e = exp.ok.find((x) => x.area === r.area);
        if (!e) continue;
        const index = Math.round((e.value! / city) * 100);
        // Bijstand: lower is better; within 5 points of 100 is "rond het stadsgemiddelde".
        const judged = Math.abs(index - 100) < 5 ? 'same' : index < 100 ? 'better' : 'worse';
        if (!r.cmp.startsWith(String(index))) problems.push(`${r.area}: "${r.cmp}" does not start with index ${index}`);
        if (!r.cmpCls.split(' ').includes(judged)) problems.push(`${r.area}: class "${r.cmpCls}", expected ${judged} (index ${index})`);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a score (leefbaarometer) is compared by its difference with the city, not by an index', async () => {
    const { page } = await open('/indicator/leefbaarometer/');
    try {
      const head = (await page.textContent('#ind-tabel thead')) ?? '';
      expect(head).toContain('Verschil met Rotterdam');
      expect(head).not.toContain('Index');
      const legend = await legendOf(page);
      expect(legend.title).toMatch(/^klasse 1-9 \(\d{4}\)$/);
      expect(legend.swatches.map((s) => s.label)).toContainEqual(expect.stringMatching(/^rond Rotterdam \(/));
    } finally {
      await page.close();
    }
  });

  it('map: every wijk has the fill of the legend entry that holds its value; Afrikaanderwijk lies in the worse half', async () => {
    const exp = await expectedLevel('bijstand', 'wijk');
    const [{ city }] = await site.db.query<{ city: number }>(`SELECT value AS city FROM observations WHERE area = 'GM0599' AND indicator = 'bijstand' AND year = ${exp.year} AND status = 'ok'`);
    const { page } = await open('/indicator/bijstand/');
    try {
      const legend = await legendOf(page);
      expect(legend.title).toBe(`per 1.000 inwoners (${exp.year})`);
      const fills = await page.$$eval('.mapfig svg[aria-label] a[href]', (as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', fill: a.querySelector('path')?.getAttribute('fill') ?? '' })));
      const fillOf = (code: string) => fills.find((f) => f.href.endsWith(`/wijk/${code}/`))?.fill;
      const shown = (v: number) => Math.round(v * 10) / 10;
      // Bijstand is a rate: index 96–104 (rounded) is "rond Rotterdam", by compare.ts's rule.
      const swatchFor = (value: number) => {
        const index = Math.round((value / city) * 100);
        if (Math.abs(index - 100) < 5) return legend.swatches.filter((s) => s.label.startsWith('rond Rotterdam'));
        return legend.swatches.filter((s) => { const r = labelRange(s.label); return r !== null && shown(value) >= r[0] && shown(value) <= r[1]; });
      };

      // Afrikaanderwijk (BU05991086, index ≈ 184): in the worse half, i.e. after "rond Rotterdam"
      // (lower is better, so the legend runs from better to worse) and in the second half of the classes.
      const afr = exp.ok.find((r) => r.area === 'BU05991086')!;
      const afrSwatch = swatchFor(afr.value!);
      expect(afrSwatch, `exactly one legend entry holds ${afr.value}`).toHaveLength(1);
      expect(fillOf('BU05991086')).toBe(afrSwatch[0]!.fill);
      const classes = legend.swatches.filter((s) => !s.label.startsWith('geen cijfer'));
      const at = classes.findIndex((s) => s.fill === afrSwatch[0]!.fill);
      const middle = classes.findIndex((s) => s.label.startsWith('rond Rotterdam'));
      expect(at).toBeGreaterThan(middle);
      expect(at).toBeGreaterThanOrEqual(Math.ceil(classes.length / 2));
      // Its orange is darker than the lightest "worse" class: an outlier did not wash it out.
      const lum = (hex: string) => [1, 3, 5].reduce((s, i) => s + parseInt(hex.slice(i, i + 2), 16), 0);
      expect(lum(afrSwatch[0]!.fill)).toBeLessThan(lum(classes[middle + 1]!.fill));

      const problems: string[] = [];
      for (const r of exp.all) {
        const fill = fillOf(r.area);
        if (fill === undefined) continue; // not on the map (harbour areas are listed in the table)
        const ok = r.status === 'ok' && r.value !== null;
        const want = ok ? swatchFor(r.value!) : legend.swatches.filter((s) => s.label.startsWith('geen cijfer'));
        if (want.length !== 1) problems.push(`${r.area}: ${want.length} legend entries match`);
        else if (fill !== want[0]!.fill) problems.push(`${r.area}: fill ${fill} ≠ legend "${want[0]!.label}" ${want[0]!.fill}`);
      }
      expect(problems).toEqual([]);
      // Every colour on the map is explained by the legend; the reasons for missing values are named.
      const legendFills = new Set(legend.swatches.map((s) => s.fill));
      expect(fills.filter((f) => !legendFills.has(f.fill))).toEqual([]);
      if (exp.all.some((r) => r.status === 'te weinig inwoners')) expect(legend.swatches.map((s) => s.label).join(' ')).toContain('te weinig inwoners');
      // Hoek van Holland and Rozenburg are on the map, as insets.
      expect(await page.$$eval('.mapfig svg.inset', (els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Inzet: Hoek van Holland', 'Inzet: Rozenburg']);
    } finally {
      await page.close();
    }
  });

  it('choosing 2016 and then the latest year again gives main exactly the prerendered text', async () => {
    const exp = await expectedLevel('bijstand', 'wijk');
    const { page, w, errors, dialogs } = await open('/indicator/bijstand/');
    try {
      const prerendered = await mainText(page);
      expect(prerendered).toContain(`per wijk, ${exp.year}`);
      await page.selectOption('#ind-jaar', '2016');
      await page.waitForSelector('#indicatorpagina[data-live-year="2016"]', { timeout: LIVE_TIMEOUT });
      const other = await mainText(page);
      expect(other).not.toBe(prerendered); // the year change really changed the view
      await page.selectOption('#ind-jaar', String(exp.year));
      await page.waitForSelector(`#indicatorpagina[data-live-year="${exp.year}"]`, { timeout: LIVE_TIMEOUT });
      expect(await mainText(page)).toBe(prerendered);
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('?jaar= with NUL and bidi overrides: the notice echoes the text without them', async () => {
    // NUL, RIGHT-TO-LEFT OVERRIDE, "6102", LEFT-TO-RIGHT ISOLATE, POP DIRECTIONAL ISOLATE, RLM
    const { page } = await open(`/indicator/bijstand/?jaar=${encodeURIComponent('\u0000\u202e6102\u2066\u2069\u200f')}`);
    try {
      await page.waitForFunction(() => (document.getElementById('live-status')?.textContent ?? '').length > 0, undefined, { timeout: 10_000 });
      const notice = (await page.textContent('#live-status')) ?? '';
      expect(notice).toBe('Onbekend jaar genegeerd: "6102".');
      expect([...notice].filter((c) => { const n = c.codePointAt(0)!; return n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069) || n === 0x200e || n === 0x200f; })).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
