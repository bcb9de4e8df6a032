// npm run bench [-- --runs N] [--build] [--strict] [--load]: measured speed of the built site in Debian Chromium.
//  - first chart: navigation → `[data-first-chart]` visible, for a wijk page, the indicator page
//    (when built), the home page and a baseline page that draws the same score cards only after
//    DuckDB-wasm has loaded and queried the Parquet (/bench/baseline/, not published: served here
//    from .cache/bench-page/ next to dist/, see bench-page.ts);
//  - bytes transferred before the first chart, per type (CDP Network events, encoded sizes);
//  - DuckDB-wasm ready after the first interaction (a year change), then the latency of year
//    changes and of adding a compare area (p50/p95);
//  - `npm run data` (a forced data build into a temp folder) and, with --build, `npm run build`.
//  - server load: requests/s and latency (p50/p99) for a page and a Parquet file at 50 keep-alive
//    connections against `npm run serve` in its own process (loopback, fixed count and time limit);
//    `--load` runs only this part, `--connections 50,200` and `--requests N` change it.
// Each run launches a fresh browser profile; pages load with the HTTP cache disabled, so every
// page is measured as a first visit. Loopback server, no network throttling. Missed targets are
// printed as MISSED; --strict also makes the exit code 1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, quantile } from 'd3';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { buildData } from '../pipeline/build-data';
import { commandLine } from '../pipeline/cli';
import { resolveSourceDir } from '../pipeline/source-dir';
import { siteWithBenchPage } from './bench-page';
import { launch } from './browser';
import { buildIfStale as buildIfStaleSite } from './build';
import { loadRun, type LoadResult } from './load';
import { measureFirstChartBox, LIMIT_PATH, LIMIT_RATIO_GOAL, pairedRatio, serveWithLimit, times } from './bench/limit';
import { pageVitals, type Vitals } from './bench/vitals';
import { runTrace } from './bench/trace-run';
import { runScale, type ScaleMeasure } from './bench/scale';
import { runAb } from './bench/ab';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let DIST = path.join(ROOT, 'dist');
const BUILD_RECORD = path.join(ROOT, '.cache', 'bench-build.json');

export const TARGETS = {
  firstChartRatio: 0.1,
  bytesBeforeChart: 250 * 1024,
  yearP95: 100,
  compareP95: 150,
  /** Server load: no failed request. Its req/s and p99 are printed, not judged: on a shared 2-core
   * machine they follow the other load more than the server (sirv measured 1.851 req/s, p99 68 ms). */
  loadErrors: 0,
  dataSeconds: 60,
  buildSeconds: 300,
  /** First click on the year choice of a cold wijk page → updated view, p95 (issue 9). */
  coldClickP95: 500,
};

const WIJK = 'BU05991086';

type Kind = 'html' | 'js' | 'css' | 'data' | 'wasm' | 'other';
const KINDS: Kind[] = ['html', 'js', 'css', 'data', 'wasm', 'other'];

export function kindOf(url: string, mime: string): Kind {
  const p = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  if (p.endsWith('/favicon.ico')) return 'other';
  if (/\.wasm$/.test(p) || mime === 'application/wasm') return 'wasm';
  if (/\.(parquet|json|csv)$/.test(p) || /json|csv|parquet/.test(mime)) return 'data';
  if (/\.m?js$/.test(p) || /javascript/.test(mime)) return 'js';
  if (/\.css$/.test(p) || mime === 'text/css') return 'css';
  if (mime === 'text/html' || p.endsWith('/') || p.endsWith('.html')) return 'html';
  return 'other';
}

/** p-th percentile (0–100), interpolated (d3.quantile); NaN without samples. */
export const percentile = (xs: number[], p: number): number => quantile(xs, p / 100) ?? NaN;
const mid = (xs: number[]): number => median(xs) ?? NaN;

/**
 * The order of year changes: the years the page offers (its #jaar options, from the data), from
 * both ends inwards so that each change crosses several years, then '' (the latest) to end.
 * The first entry is the first interaction, so it is never '' (the page starts there).
 */
export function yearSequence(options: string[]): string[] {
  const years = [...new Set(options.filter((o) => /^\d{4}$/.test(o)))].sort();
  const out: string[] = [];
  for (let i = 0, j = years.length - 1; i <= j; i++, j--) out.push(...(i === j ? [years[i]!] : [years[j]!, years[i]!]));
  return [...out, ''];
}

/** In-page: the moment `[data-first-chart]` has a layout box, and the animation frame after it. */
const FIRST_CHART_PROBE = `(() => {
  const w = window;
  w.__firstChart = null;
  let found = false;
  const check = () => {
    if (found) return true;
    const el = document.querySelector('[data-first-chart]');
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    found = true;
    w.__firstChartFound = performance.now();
    requestAnimationFrame(() => { w.__firstChart = performance.now(); });
    return true;
  };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-first-chart', 'hidden', 'style', 'class'] });
  document.addEventListener('DOMContentLoaded', () => { if (check()) mo.disconnect(); });
})();`;

interface Transfer {
  requestId: string;
  method: string;
  url: string;
  mime: string;
  start: number;
  end?: number;
  bytes: number;
}

/** Collects encoded bytes per request from CDP Network events of the page's own target. */
async function networkLog(page: Page): Promise<{ cdp: CDPSession; list: Map<string, Transfer>; docStart: () => number | undefined }> {
  const cdp = await page.context().newCDPSession(page);
  const list = new Map<string, Transfer>();
  let docStart: number | undefined;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('data:')) return;
    if (e.type === 'Document' && docStart === undefined) docStart = e.timestamp;
    list.set(e.requestId, { requestId: e.requestId, method: e.request.method, url: e.request.url, mime: '', start: e.timestamp, bytes: 0 });
  });
  cdp.on('Network.responseReceived', (e) => {
    const t = list.get(e.requestId);
    if (t) t.mime = e.response.mimeType;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = list.get(e.requestId);
    if (t) Object.assign(t, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { cdp, list, docStart: () => docStart };
}

interface ChartRun {
  ms: number;
  bytes: Record<Kind, number>;
  total: number;
  /** Requests by URL, for the wasm check (also sees worker requests via Playwright). */
  wasmRequestedBefore: boolean;
}

async function firstChart(context: BrowserContext, url: string, timeout = 60_000): Promise<ChartRun & { page: Page }> {
  const page = await context.newPage();
  await page.addInitScript({ content: FIRST_CHART_PROBE });
  const net = await networkLog(page);
  const wasmAt: number[] = [];
  page.on('request', (r) => {
    if (/\.wasm(\?|$)/.test(r.url())) wasmAt.push(Date.now());
  });
  // DuckDB's worker fetches the wasm and the Parquet itself; the page's CDP session does not see
  // those requests, Playwright does (with sizes and timing), so they are added from there.
  const fromWorker: Promise<{ key: string; url: string; mime: string; bytes: number; endEpochMs: number }>[] = [];
  page.on('requestfinished', (r) => {
    fromWorker.push(
      (async () => {
        const sizes = await r.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
        // The page may be closed by now (the chart was seen): then the response is gone, not an error.
        const mime = (await r.response().catch(() => null))?.headers()['content-type']?.split(';')[0] ?? '';
        const t = r.timing();
        return { key: `${r.method()} ${r.url()}`, url: r.url(), mime, bytes: sizes.responseBodySize + sizes.responseHeadersSize, endEpochMs: t.startTime + t.responseEnd };
      })(),
    );
  });
  await page.goto(url, { waitUntil: 'commit', timeout });
  await page.locator('[data-first-chart]').first().waitFor({ state: 'visible', timeout });
  await page.waitForFunction(() => (window as unknown as { __firstChart: number | null }).__firstChart !== null, null, { timeout });
  const seenAt = Date.now();
  const [ms, origin] = await page.evaluate(() => [(window as unknown as { __firstChart: number }).__firstChart, performance.timeOrigin]);
  // CDP timestamps are monotonic seconds; the document request starts right after the time origin,
  // so everything finished by docStart + ms was transferred before the chart (a slight overcount).
  const cutoff = (net.docStart() ?? 0) + ms / 1000;
  const bytes = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  // Playwright also reports the page's own requests: skip as many per method + URL as CDP saw.
  const seen = new Map<string, number>();
  for (const t of net.list.values()) {
    seen.set(`${t.method} ${t.url}`, (seen.get(`${t.method} ${t.url}`) ?? 0) + 1);
    if (t.end !== undefined && t.end <= cutoff) bytes[kindOf(t.url, t.mime)] += t.bytes;
  }
  for (const w of await Promise.all(fromWorker)) {
    if (w.url.startsWith('data:') || w.url.startsWith('blob:')) continue;
    const n = seen.get(w.key) ?? 0;
    if (n > 0) {
      seen.set(w.key, n - 1);
      continue;
    }
    if (w.endEpochMs <= origin + ms) bytes[kindOf(w.url, w.mime)] += w.bytes;
  }
  const total = KINDS.reduce((s, k) => s + bytes[k], 0);
  return { page, ms, bytes, total, wasmRequestedBefore: wasmAt.some((t) => t <= seenAt) };
}

/** In-page: change the year and resolve with the ms until #wijkpagina[data-live-year] shows it. */
async function yearChange(page: Page, year: string, timeout = 60_000, attr: 'liveYear' | 'liveChecked' = 'liveYear'): Promise<number> {
  return page.evaluate(
    ([year, timeout, attr]) =>
      new Promise<number>((resolve, reject) => {
        const art = document.getElementById('wijkpagina')!;
        const want = year || 'laatste';
        const sel = document.getElementById('jaar') as HTMLSelectElement;
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`jaar ${want}: geen data-live-year na ${timeout} ms (${document.getElementById('live-status')?.textContent})`)), timeout);
        const mo = new MutationObserver(() => {
          if (attr === 'liveChecked' && art.dataset.liveError === want) {
            mo.disconnect();
            clearTimeout(timer);
            reject(new Error(`jaar ${want}: live controle mislukt (${document.getElementById('live-status')?.textContent})`));
          } else if (art.dataset[attr] === want) {
            const ms = performance.now() - t0;
            mo.disconnect();
            clearTimeout(timer);
            resolve(ms);
          }
        });
        mo.observe(art, { attributes: true, attributeFilter: ['data-live-year', 'data-live-checked', 'data-live-error'] });
        sel.value = year;
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    [year, timeout, attr] as const,
  );
}

/** In-page: submit the compare form with "Name (CODE)" and resolve when #vergelijking lists the areas. */
async function compareAdd(page: Page, option: string, expectAreas: string, timeout = 60_000): Promise<number> {
  return page.evaluate(
    ([option, expectAreas, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const box = document.getElementById('vergelijking')!;
        const input = document.getElementById('vergelijk-met') as HTMLInputElement;
        const form = document.getElementById('vergelijk-form') as HTMLFormElement;
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`vergelijk ${option}: geen data-areas=${expectAreas} na ${timeout} ms`)), timeout);
        const mo = new MutationObserver(() => {
          if (box.dataset.areas === expectAreas) {
            const ms = performance.now() - t0;
            mo.disconnect();
            clearTimeout(timer);
            resolve(ms);
          }
        });
        mo.observe(box, { attributes: true, attributeFilter: ['data-areas'] });
        input.value = option;
        form.requestSubmit();
      }),
    [option, expectAreas, timeout] as const,
  );
}

async function removeFirstCompared(page: Page, expectAreas: string): Promise<void> {
  await page.locator('#vergelijking button').first().click();
  await page.waitForFunction((want) => document.getElementById('vergelijking')!.dataset.areas === want, expectAreas);
}

/**
 * The first click on a cold page: a fresh browser profile per sample, the wijk page loaded with
 * the cache off, and as soon as its first chart shows, a year chosen in #jaar (Playwright's
 * selectOption, as a visitor's pick). Measured in the page from the select's input event to the
 * frame after #wijkpagina[data-live-year] shows that year (the updated view), whatever
 * DuckDB-wasm is doing by then. Returns the samples in ms.
 */
export async function coldFirstClicks(base: string, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const browser = await launch();
    try {
      const { page } = await firstChart(browser.context, new URL(`wijk/${WIJK}/`, base).href);
      const years = (await page.$$eval('#jaar option', (os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
      const year = years[(i * 3) % years.length]!;
      const done = page.evaluate(
        (want) =>
          new Promise<number>((resolve, reject) => {
            const art = document.getElementById('wijkpagina')!;
            let t0 = NaN;
            // The pick fires input, then change: the earlier of the two starts the clock.
            // (No named inner functions: the bundler's __name helper does not exist in the page.)
            for (const type of ['input', 'change']) {
              document.getElementById('jaar')!.addEventListener(type, () => { if (Number.isNaN(t0)) t0 = performance.now(); }, { capture: true, once: true });
            }
            const timer = setTimeout(() => reject(new Error(`jaar ${want}: geen bijgewerkte weergave na 30 s`)), 30_000);
            const mo = new MutationObserver(() => {
              if (art.dataset.liveYear !== want) return;
              mo.disconnect();
              clearTimeout(timer);
              requestAnimationFrame(() => resolve(performance.now() - t0));
            });
            mo.observe(art, { attributes: true, attributeFilter: ['data-live-year'] });
          }),
        year,
      );
      await page.selectOption('#jaar', year);
      out.push(await done);
    } finally {
      await browser.close();
    }
  }
  return out;
}

/** Prints the cold first click next to the other interaction figures; returns a missed target. */
function reportColdClicks(ms: number[], summary: string[]): string | null {
  const [p50, p95] = [percentile(ms, 50), percentile(ms, 95)];
  const ok = p95 <= TARGETS.coldClickP95;
  console.log(`  eerste klik, koude pagina  p50 ${msf(p50).padStart(7)}   p95 ${msf(p95).padStart(7)}   (${ms.length} keer, elk een vers profiel; jaarkeuze → bijgewerkte weergave)   doel p95 ≤ ${TARGETS.coldClickP95} ms: ${verdict(ok)}`);
  summary.push(`eerste klik koud p95 ${msf(p95)}`);
  return ok ? null : `eerste klik koud p95 ${msf(p95)}`;
}

interface PageSpec {
  key: string;
  label: string;
  path: string;
}

interface RunResult {
  charts: Record<string, ChartRun>;
  vitals: Vitals;
  readyMs: number;
  years: number[];
  compares: number[];
}

async function oneRun(base: string, pages: PageSpec[], changes: number): Promise<RunResult> {
  const browser = await launch();
  try {
    const charts: Record<string, ChartRun> = {};
    // A first navigation that is not measured: no page pays for the browser's own start-up.
    const warm = await browser.context.newPage();
    await warm.goto(new URL(LIMIT_PATH.slice(1), base).href);
    await warm.close();
    const measure = async (key: string, p: string) => {
      const r = await firstChart(browser.context, new URL(p.slice(1), base).href);
      await r.page.close();
      const { page: _, ...rest } = r;
      charts[key] = rest;
    };
    for (const spec of pages) {
      // The limit page right before each page: on a shared machine the load drifts within a run,
      // so each page is compared with a limit measured under the same load (pairedRatio).
      if (spec.key !== 'limit' && spec.key !== 'baseline' && pages.some((p) => p.key === 'limit')) await measure(`${spec.key}:limit`, LIMIT_PATH);
      await measure(spec.key, spec.path);
    }
    const vitals = await pageVitals(browser.context, new URL(`wijk/${WIJK}/`, base).href);
    // Interaction on a fresh wijk page: the first year change loads DuckDB-wasm.
    const { page } = await firstChart(browser.context, new URL(`wijk/${WIJK}/`, base).href);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const sequence = yearSequence(await page.$$eval('#jaar option', (os) => os.map((o) => (o as HTMLOptionElement).value)));
    if (sequence.length < 3) throw new Error(`#jaar op /wijk/${WIJK}/ biedt te weinig jaren om te wisselen: ${sequence.join(', ')}`);
    // The view follows at once from the page's own data; DuckDB is ready when the live check is in.
    const readyMs = await yearChange(page, sequence[0]!, 60_000, 'liveChecked');
    const years: number[] = [];
    for (let i = 0; i < changes; i++) years.push(await yearChange(page, sequence[1 + (i % (sequence.length - 1))]!));
    const options = await page.$$eval('#gebieden-lijst option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    // A mix of wijken and gebieden, spread over the list.
    const pick = Array.from({ length: changes }, (_, i) => options[Math.floor((i * options.length) / changes)]!);
    const compares: number[] = [];
    let current: string[] = [];
    for (const opt of pick) {
      const code = /\(([A-Z0-9]+)\)$/.exec(opt)![1]!;
      if (current.length === 3) {
        current = current.slice(1);
        await removeFirstCompared(page, current.join(','));
      }
      current = [...current, code];
      compares.push(await compareAdd(page, opt, current.join(',')));
    }
    if (errors.length) throw new Error(`Fouten in de pagina: ${errors.join('; ')}`);
    await page.close();
    return { charts, vitals, readyMs, years, compares };
  } finally {
    await browser.close();
  }
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const msf = (x: number) => `${Math.round(x)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

async function timeDataBuild(): Promise<number> {
  // The repository's layout (public/data, versions in .cache/data-build), in a temp folder.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-bench-data-'));
  try {
    const t0 = performance.now();
    await buildData({ sourceDir: resolveSourceDir(), outDir: path.join(root, 'public', 'data'), log: () => undefined });
    return (performance.now() - t0) / 1000;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** `npm run build -- --force` as a child process: forced data build, astro build, precompression. */
function timeFullBuild(): number {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', 'build', '--', '--force'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build mislukt (exit ${r.status})`);
  const seconds = (performance.now() - t0) / 1000;
  fs.mkdirSync(path.dirname(BUILD_RECORD), { recursive: true });
  fs.writeFileSync(BUILD_RECORD, JSON.stringify({ seconds, at: new Date().toISOString(), host: os.hostname(), cpus: os.cpus().length }, null, 2));
  return seconds;
}

/** `npm run serve` on dist/ as its own process (PORT=0), so client and server do not share one event loop. */
async function startServeProcess(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/tools/serve.ts'), '--dir', DIST], { cwd: ROOT, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve({ url: m[0], pid: child.pid!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`npm run serve stopte (exit ${code}): ${out}`)));
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '');
  return m ? Number(m[1]) / 1024 : NaN;
}

const LOAD_TARGETS = [
  { label: `pagina /wijk/${WIJK}/ (br)`, path: `/wijk/${WIJK}/`, headers: { 'accept-encoding': 'br, gzip' } },
  { label: 'Parquet /data/observations.parquet (heel)', path: '/data/observations.parquet', headers: {} as Record<string, string> },
  { label: 'Parquet, bereik bytes=-65536 (zoals DuckDB)', path: '/data/observations.parquet', headers: { range: 'bytes=-65536' } },
];

/** Bounded load on the static server; returns summary parts and missed targets. */
async function serverLoad(args: BenchArgs): Promise<{ summary: string[]; missed: string[] }> {
  const connections = args.connections.split(',').map(Number).filter((n) => n > 0);
  const requests = Math.max(100, Number(args.requests) || 5000);
  const seconds = 20;
  const server = await startServeProcess();
  const summary: string[] = [];
  const missed: string[] = [];
  try {
    const rssStart = rssMb(server.pid);
    console.log(`\nServerbelasting (npm run serve in een eigen proces, loopback, keep-alive; per regel ${requests} verzoeken of ${seconds} s):`);
    for (const c of connections) {
      for (const t of LOAD_TARGETS) {
        const r: LoadResult = await loadRun({ url: new URL(t.path.slice(1), server.url).href, connections: c, requests, seconds, headers: t.headers });
        const codes = Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join(' ');
        const ok = r.errors <= TARGETS.loadErrors;
        console.log(
          `  ${String(c).padStart(3)} verbindingen  ${t.label.padEnd(44)} ${Math.round(r.rps).toLocaleString('nl-NL').padStart(6)} req/s   p50 ${r.p50.toFixed(1).replace('.', ',').padStart(6)} ms   p99 ${r.p99.toFixed(1).replace('.', ',').padStart(6)} ms   ` +
            `${r.requests} verzoeken, ${r.errors} fouten (${codes})   doel geen fouten: ${verdict(ok)}`,
        );
        if (!ok) missed.push(`belasting ${t.path} bij ${c} verbindingen: ${r.errors} fouten`);
        if (c === connections[0]) summary.push(`${t.path === LOAD_TARGETS[0]!.path ? 'pagina' : t.headers.range ? 'parquet-bereik' : 'parquet'} ${Math.round(r.rps)} req/s p99 ${msf(r.p99)}`);
      }
    }
    console.log(`  geheugen van de server (RSS): ${rssStart.toFixed(0)} MB bij de start, ${rssMb(server.pid).toFixed(0)} MB na afloop; machinebelasting (1 min) ${os.loadavg()[0]!.toFixed(1)} op ${os.cpus().length} cpu's`);
  } finally {
    server.stop();
  }
  return { summary, missed };
}

/** The browser part of the bench on another build (bench --scale): medians over fresh-profile runs. */
async function measureDist(dist: string, runs: number, changes: number): Promise<ScaleMeasure> {
  const box = await measureFirstChartBox(dist, `/wijk/${WIJK}/`);
  const pages: PageSpec[] = [
    { key: 'wijk', label: '', path: `/wijk/${WIJK}/` },
    { key: 'indicator', label: '', path: '/indicator/bijstand/' },
    { key: 'home', label: '', path: '/' },
    { key: 'limit', label: '', path: LIMIT_PATH },
  ];
  const site = await serveWithLimit(dist, box);
  const results: RunResult[] = [];
  try {
    for (let i = 0; i < runs; i++) results.push(await oneRun(site.url, pages, changes));
  } finally {
    await site.close();
  }
  return {
    firstChart: Object.fromEntries(pages.map((p) => [p.key, mid(results.map((r) => r.charts[p.key]!.ms))])),
    limit: mid(results.map((r) => r.charts.limit!.ms)),
    ready: mid(results.map((r) => r.readyMs)),
    yearP95: percentile(results.flatMap((r) => r.years), 95),
    compareP95: percentile(results.flatMap((r) => r.compares), 95),
  };
}

const OPTIONS = {
  runs: { type: 'string', default: '5' },
  changes: { type: 'string', default: '12' },
  build: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  load: { type: 'boolean', default: false },
  connections: { type: 'string', default: '50' },
  requests: { type: 'string', default: '5000' },
  source: { type: 'string' },
  trace: { type: 'boolean', default: false },
  page: { type: 'string', default: `/wijk/${WIJK}/` },
  scale: { type: 'boolean', default: false },
  scales: { type: 'string', default: '1,10,100' },
  sample: { type: 'string', default: '24' },
  dist: { type: 'string' },
  ab: { type: 'string' },
} as const;
const USAGE = 'Gebruik: npm run bench -- [--runs N] [--changes N] [--build] [--strict] [--load] [--connections 50,200] [--requests N] [--source MAP] [--trace [--page /pad/]] [--scale [--scales 1,10,100] [--sample N]] [--dist MAP] [--ab MAP,MAP [--page /pad/]]';
type BenchArgs = ReturnType<typeof commandLine<typeof OPTIONS>>['values'];

async function main(): Promise<void> {
  const args = commandLine(OPTIONS, USAGE).values;
  // --dist MAP: measure that build as it is (no build first), e.g. a copy of an earlier one.
  const buildIfStale = args.dist ? async () => undefined : buildIfStaleSite;
  if (args.dist) DIST = path.resolve(args.dist);
  if (args.ab) {
    // A/B of existing builds: nothing is built, each MAP is measured as it is.
    const dirs = args.ab.split(',').filter(Boolean);
    if (dirs.length < 2) throw new Error(`--ab wil twee of meer mappen, kreeg: ${args.ab}`);
    await runAb(dirs, args.page, Math.max(1, Number(args.runs) || 9), async (context, url) => {
      const r = await firstChart(context, url);
      await r.page.close();
      return r.ms;
    });
    return;
  }
  if (args.trace) {
    await buildIfStale();
    await runTrace(DIST, args.page, Math.max(1, Number(args.runs) || 5));
    return;
  }
  if (args.scale) {
    await buildIfStale();
    await runScale({ scales: args.scales.split(',').map(Number).filter((n) => n >= 1), sample: Math.max(1, Number(args.sample) || 24), runs: Math.max(1, Number(args.runs) || 5), changes: Math.max(10, Number(args.changes) || 12), measure: measureDist });
    return;
  }
  if (args.load) {
    await buildIfStale();
    const load = await serverLoad(args);
    console.log(`\nbench --load: ${load.missed.length ? `MISSED ${load.missed.length} (${load.missed.join('; ')})` : 'alle doelen gehaald'} | ${load.summary.join(' | ')}`);
    if (load.missed.length && args.strict) process.exitCode = 1;
    return;
  }
  const runs = Math.max(1, Number(args.runs) || 5);
  const changes = Math.max(10, Number(args.changes) || 12);
  const missed: string[] = [];
  const summary: string[] = [];

  let buildSeconds: number | undefined;
  let buildNote = '';
  if (args.build) {
    console.log('npm run build -- --force (volledige build, duurt ruim een minuut)…');
    buildSeconds = timeFullBuild();
  } else {
    await buildIfStale();
    if (fs.existsSync(BUILD_RECORD)) {
      const rec = JSON.parse(fs.readFileSync(BUILD_RECORD, 'utf8')) as { seconds: number; at: string };
      buildSeconds = rec.seconds;
      buildNote = ` (laatste meting ${rec.at}; opnieuw meten met --build)`;
    }
  }
  console.log('Databuild in een tijdelijke map (npm run data)…');
  const dataSeconds = await timeDataBuild();

  const pages: PageSpec[] = [{ key: 'wijk', label: `wijkpagina /wijk/${WIJK}/`, path: `/wijk/${WIJK}/` }];
  if (fs.existsSync(path.join(DIST, 'indicator/bijstand/index.html'))) {
    pages.push({ key: 'indicator', label: 'indicatorpagina /indicator/bijstand/', path: '/indicator/bijstand/' });
  } else console.log('Let op: dist/indicator/bijstand/index.html bestaat (nog) niet; indicatorpagina overgeslagen.');
  pages.push({ key: 'home', label: 'startpagina /', path: '/' });
  pages.push({ key: 'baseline', label: 'basislijn /bench/baseline/ (eerst DuckDB, dan de kaarten)', path: '/bench/baseline/' });
  pages.push({ key: 'limit', label: `grens ${LIMIT_PATH} (statisch, één inline SVG zo groot als de eerste grafiek van de wijkpagina)`, path: LIMIT_PATH });

  const load = os.loadavg();
  // The limit page takes the box of the wijk page's first chart, measured once on this build.
  const box = await measureFirstChartBox(DIST, `/wijk/${WIJK}/`);
  // The bench pages are never published: served from a folder of links next to dist/ (bench-page.ts).
  const withBench = siteWithBenchPage(DIST);
  const site = await serveWithLimit(withBench.dir, box);
  const results: RunResult[] = [];
  let cold: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = await oneRun(site.url, pages, changes);
      results.push(r);
      console.log(
        `  run ${i + 1}/${runs}: ${pages.map((p) => `${p.key} ${msf(r.charts[p.key]!.ms)}`).join(', ')}; duckdb klaar ${msf(r.readyMs)}; ` +
          `jaar p95 ${msf(percentile(r.years, 95))}; vergelijk p95 ${msf(percentile(r.compares, 95))} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
      );
    }
    cold = await coldFirstClicks(site.url, runs * 2);
  } finally {
    await site.close();
    withBench.remove();
  }

  console.log(`\nWijkbeeld Rotterdam — benchmark, mediaan van ${runs} runs (Debian Chromium, vers profiel per run, cache uit, loopback)`);
  console.log(`Machine: ${os.cpus().length} cpu's, belasting (1/5/15 min) bij de start ${load.map((x) => x.toFixed(1)).join(' / ')}, na afloop ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}\n`);
  console.log('Eerste grafiek zichtbaar (navigatie → [data-first-chart] zichtbaar) en bytes tot dan (gecodeerd, over de lijn):');
  const base = mid(results.map((r) => r.charts.baseline!.ms));
  const limit = mid(results.map((r) => r.charts.limit!.ms));
  console.log(`  (grens: SVG van ${box.width}×${box.height} px met ${box.nodes} elementen, zoals [data-first-chart] op /wijk/${WIJK}/)`);
  for (const p of pages) {
    const runsOf = results.map((r) => r.charts[p.key]!);
    const ms = mid(runsOf.map((c) => c.ms));
    const bytes = Object.fromEntries(KINDS.map((k) => [k, mid(runsOf.map((c) => c.bytes[k]))])) as Record<Kind, number>;
    const total = mid(runsOf.map((c) => c.total));
    const wasm = runsOf.some((c) => c.bytes.wasm > 0 || c.wasmRequestedBefore);
    console.log(`  ${p.label}`);
    console.log(`    eerste grafiek  ${msf(ms).padStart(8)}   (min ${msf(Math.min(...runsOf.map((c) => c.ms)))}, max ${msf(Math.max(...runsOf.map((c) => c.ms)))})`);
    console.log(`    bytes           ${kb(total).padStart(10)}   html ${kb(bytes.html)}, js ${kb(bytes.js)}, css ${kb(bytes.css)}, data ${kb(bytes.data)}, wasm ${kb(bytes.wasm)}, overig ${kb(bytes.other)}`);
    if (p.key === 'baseline' || p.key === 'limit') continue;
    const toLimit = pairedRatio(results.map((r) => [r.charts[p.key]!.ms, r.charts[`${p.key}:limit`]?.ms ?? r.charts.limit!.ms]));
    const okLimit = toLimit <= LIMIT_RATIO_GOAL;
    console.log(`    t.o.v. grens    ${times(toLimit).padStart(8)}   (mediaan per run van pagina ÷ grens vlak ervoor; grens mediaan ${msf(mid(results.map((r) => r.charts[`${p.key}:limit`]?.ms ?? r.charts.limit!.ms)))})   doel ≤ ${times(LIMIT_RATIO_GOAL)}: ${verdict(okLimit)}`);
    if (!okLimit) missed.push(`${p.key} eerste grafiek ${times(toLimit)} de grens`);
    const ratio = ms / base;
    const okRatio = ratio <= TARGETS.firstChartRatio;
    const okBytes = total <= TARGETS.bytesBeforeChart && !wasm;
    console.log(`    t.o.v. basislijn ${(ratio * 100).toFixed(1)}% van ${msf(base)}   doel ≤ ${TARGETS.firstChartRatio * 100}%: ${verdict(okRatio)}`);
    console.log(`    vóór de grafiek: ${wasm ? 'WEL wasm' : 'geen wasm'}, ${kb(total)}   doel geen wasm en ≤ ${kb(TARGETS.bytesBeforeChart)}: ${verdict(okBytes)}`);
    if (!okRatio) missed.push(`${p.key} eerste grafiek ${(ratio * 100).toFixed(1)}% van basislijn`);
    if (!okBytes) missed.push(`${p.key} ${kb(total)}${wasm ? ' met wasm' : ''} vóór de eerste grafiek`);
    summary.push(`${p.key} ${msf(ms)} (${times(toLimit)} grens, ${(ratio * 100).toFixed(1)}% van basislijn), ${kb(total)}${wasm ? ' +wasm' : ''}`);
  }
  summary.push(`grens ${msf(limit)}`, `basislijn ${msf(base)}`);
  const lcp = mid(results.map((r) => r.vitals.lcp));
  const tbt = mid(results.map((r) => r.vitals.tbt));
  console.log(`\nWijkpagina /wijk/${WIJK}/ (PerformanceObserver; TBT = lange taken na FCP boven 50 ms, tot load en 1 s stil):`);
  console.log(`  LCP ${msf(lcp)} (min ${msf(Math.min(...results.map((r) => r.vitals.lcp)))}, max ${msf(Math.max(...results.map((r) => r.vitals.lcp)))})   TBT ${msf(tbt)} (max ${msf(Math.max(...results.map((r) => r.vitals.tbt)))})   FCP ${msf(mid(results.map((r) => r.vitals.fcp)))}   load ${msf(mid(results.map((r) => r.vitals.load)))}`);
  summary.push(`wijk LCP ${msf(lcp)} TBT ${msf(tbt)}`);

  const ready = mid(results.map((r) => r.readyMs));
  const years = results.flatMap((r) => r.years);
  const compares = results.flatMap((r) => r.compares);
  const [y50, y95, c50, c95] = [percentile(years, 50), percentile(years, 95), percentile(compares, 50), percentile(compares, 95)];
  console.log('\nInteractie op de wijkpagina (DuckDB-wasm, laadt pas bij de eerste interactie):');
  console.log(`  DuckDB klaar na eerste jaarkeuze  ${msf(ready)}   (mediaan; min ${msf(Math.min(...results.map((r) => r.readyMs)))}, max ${msf(Math.max(...results.map((r) => r.readyMs)))}; geen doel)`);
  console.log(`  jaarwissel          p50 ${msf(y50).padStart(7)}   p95 ${msf(y95).padStart(7)}   (${years.length} wissels)   doel p95 ≤ ${TARGETS.yearP95} ms: ${verdict(y95 <= TARGETS.yearP95)}`);
  console.log(`  vergelijk toevoegen p50 ${msf(c50).padStart(7)}   p95 ${msf(c95).padStart(7)}   (${compares.length} keer)    doel p95 ≤ ${TARGETS.compareP95} ms: ${verdict(c95 <= TARGETS.compareP95)}`);
  const coldMissed = reportColdClicks(cold, summary);
  if (coldMissed) missed.push(coldMissed);
  if (y95 > TARGETS.yearP95) missed.push(`jaarwissel p95 ${msf(y95)}`);
  if (c95 > TARGETS.compareP95) missed.push(`vergelijk p95 ${msf(c95)}`);
  summary.push(`duckdb klaar ${msf(ready)}`, `jaar p95 ${msf(y95)}`, `vergelijk p95 ${msf(c95)}`);

  console.log('\nBuilds:');
  console.log(`  npm run data (geforceerd, tijdelijke map)  ${dataSeconds.toFixed(1)} s   doel ≤ ${TARGETS.dataSeconds} s: ${verdict(dataSeconds <= TARGETS.dataSeconds)}`);
  if (dataSeconds > TARGETS.dataSeconds) missed.push(`npm run data ${dataSeconds.toFixed(1)} s`);
  summary.push(`data ${dataSeconds.toFixed(1)} s`);
  if (buildSeconds === undefined) {
    console.log(`  npm run build                              niet gemeten (gebruik --build; ~70 s)   doel ≤ ${TARGETS.buildSeconds / 60} min`);
    summary.push('build niet gemeten');
  } else {
    console.log(`  npm run build -- --force                   ${buildSeconds.toFixed(1)} s${buildNote}   doel ≤ ${TARGETS.buildSeconds / 60} min: ${verdict(buildSeconds <= TARGETS.buildSeconds)}`);
    if (buildSeconds > TARGETS.buildSeconds) missed.push(`npm run build ${buildSeconds.toFixed(1)} s`);
    summary.push(`build ${buildSeconds.toFixed(1)} s`);
  }

  const serverRun = await serverLoad(args);
  missed.push(...serverRun.missed);
  summary.push(...serverRun.summary);

  console.log(`\nbench: ${missed.length ? `MISSED ${missed.length} (${missed.join('; ')})` : 'alle doelen gehaald'} | ${summary.join(' | ')}`);
  if (missed.length && args.strict) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error((e as Error).stack ?? String(e));
    process.exit(2);
  });
}
