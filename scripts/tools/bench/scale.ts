// `npm run bench -- --scale [--scales 1,10,100] [--sample N] [--runs N]`: how the site grows with
// the number of areas. Per factor k: Rotterdam plus k−1 synthetic copies of its areas (same
// indicators and years, values from test/fixtures/synthetic-areas.ts), built in a temp folder —
// never in public/data or dist/:
//  - data build (every loader on the real files, then derive, scores, Parquet; boundaries tiled
//    for the copies) in its own process: time and peak memory (maxRSS), Parquet size;
//  - site build (astro) in its own process into .cache/bench-scale-<k>x, with only a sample of the per-area
//    pages (WIJKBEELD_PAGE_SAMPLE, src/server/page-sample.ts): measured time, and the time for all
//    pages extrapolated from Astro's per-page times;
//  - HTML size of the wijk, indicator and home pages; then the browser measurements of the main
//    bench (first chart, DuckDB-wasm ready, year-change and compare p95) on that build.
// Every child runs with a capped heap (--max-old-space-size), so a scale that does not fit fails
// with its own error instead of taking the shared machine's memory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { precompress } from '../build';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const HEAP_MB = 4096;

export interface ScaleMeasure {
  firstChart: Record<string, number>;
  limit: number;
  ready: number;
  yearP95: number;
  compareP95: number;
}

export interface ScaleOptions {
  scales: number[];
  sample: number;
  runs: number;
  changes: number;
  /** The main bench's browser runs on a given dist folder (bench.ts passes it in). */
  measure: (dist: string, runs: number, changes: number) => Promise<ScaleMeasure>;
  timeoutMinutes?: number;
}

interface Child {
  code: number | null;
  out: string;
  err: string;
  seconds: number;
  timedOut: boolean;
}

function run(args: string[], opts: { cwd: string; env?: Record<string, string>; timeoutMs: number }): Promise<Child> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    // tsx by file URL: the site build runs with its cwd in the temp folder, where 'tsx' does not resolve.
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, opts.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, seconds: (performance.now() - t0) / 1000, timedOut });
    });
  });
}

const lastJson = (s: string) => JSON.parse(s.trim().split('\n').filter((l) => l.startsWith('{')).at(-1) ?? 'null');
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** Astro's "├─ /wijk/BU05991086/index.html (+12ms)" lines: ms per output path. */
export function pageTimes(log: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of strip(log).matchAll(/(\/\S+)\s+\(\+(\d+(?:\.\d+)?)\s*(ms|s)\)/g)) out.set(m[1]!, Number(m[2]) * (m[3] === 's' ? 1000 : 1));
  return out;
}

/** Measured site build plus the per-area pages that were left out, at their mean measured cost. */
export function extrapolateBuild(measuredSeconds: number, times: Map<string, number>, areaPages: number): { seconds: number; perArea: number; sampled: number } {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const wijk = [...times].filter(([p]) => /^\/wijk\/[^/]+\/(index\.html)?$/.test(p)).map(([, ms]) => ms);
  const csv = [...times].filter(([p]) => /^\/download\/[A-Z0-9]+(-international)?\.csv$/.test(p)).map(([, ms]) => ms);
  const perArea = (mean(wijk) + 2 * mean(csv)) / 1000;
  const sampled = wijk.length;
  return { seconds: measuredSeconds + Math.max(0, areaPages - sampled) * perArea, perArea, sampled };
}

/** Copies of the real build's precompressed bundles (same content hash = same file) into the scale's dist. */
function linkCompressedAssets(from: string, to: string): void {
  const a = path.join(from, '_astro');
  const b = path.join(to, '_astro');
  if (!fs.existsSync(a) || !fs.existsSync(b)) return;
  for (const f of fs.readdirSync(a)) {
    if (!/\.(br|gz)$/.test(f)) continue;
    const target = path.join(b, f);
    if (fs.existsSync(target.replace(/\.(br|gz)$/, '')) && !fs.existsSync(target)) fs.copyFileSync(path.join(a, f), target);
  }
}

/** Precompress the pages and data (not the bundles: those come from the real build). */
function precompressPages(dist: string): void {
  const astro = path.join(dist, '_astro');
  const aside = `${astro}.aside`;
  fs.renameSync(astro, aside);
  try {
    precompress(dist);
  } finally {
    fs.renameSync(aside, astro);
  }
}

function sizes(file: string): { raw: number; br: number } {
  if (!fs.existsSync(file)) return { raw: NaN, br: NaN };
  const buf = fs.readFileSync(file);
  return { raw: buf.length, br: fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : zlib.brotliCompressSync(buf).length };
}

interface ScaleRow {
  factor: number;
  areas?: number;
  observations?: number;
  data?: { seconds: number; maxRssMb: number; parquetBytes: number; boundaryBytes: number; steps: string; load: number[] } | { error: string };
  site?: { seconds: number; maxRssMb: number; extrapolated: number; perArea: number; sampled: number; areaPages: number } | { error: string };
  html?: Record<string, { raw: number; br: number }>;
  browser?: ScaleMeasure | { error: string };
}

const kbs = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const mbs = (b: number) => `${(b / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
const s1 = (x: number) => `${x.toFixed(0)} s`;
const ms0 = (x: number) => `${Math.round(x)} ms`;

export async function runScale(o: ScaleOptions): Promise<void> {
  const timeoutMs = (o.timeoutMinutes ?? 20) * 60_000;
  const rows: ScaleRow[] = [];
  const load0 = os.loadavg();
  for (const factor of o.scales) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wijkbeeld-scale-${factor}x-`));
    const row: ScaleRow = { factor };
    const cleanup = [dir];
    rows.push(row);
    try {
      console.log(`\n${factor}×: databuild in ${dir}…`);
      const d = await run([path.join(ROOT, 'scripts/tools/bench/scale-data.ts'), String(factor), dir], { cwd: ROOT, timeoutMs });
      const dj = d.code === 0 ? lastJson(d.out) : null;
      if (!dj) {
        row.data = { error: d.timedOut ? `na ${o.timeoutMinutes ?? 20} min gestopt` : `mislukt (exit ${d.code}): ${(d.err.trim().split('\n').find((l) => /Error|heap|memory/i.test(l)) ?? d.err.trim().split('\n').at(-1) ?? '').slice(0, 160)}` };
        console.log(`  databuild ${row.data.error}`);
        continue;
      }
      const parquet = Object.entries(dj.bytes as Record<string, number>).filter(([f]) => f.endsWith('.parquet')).reduce((s, [, b]) => s + b, 0);
      row.areas = dj.rows.areas;
      row.observations = dj.rows.observations;
      row.data = { seconds: dj.seconds, maxRssMb: dj.maxRssMb, parquetBytes: parquet, boundaryBytes: dj.bytes['boundaries.json'], steps: dj.steps ?? '', load: dj.load ?? [] };
      console.log(`  databuild ${s1(dj.seconds)}, piek ${dj.maxRssMb.toFixed(0)} MB, ${dj.rows.areas} gebieden, ${dj.rows.observations} observaties, Parquet ${kbs(parquet)}; belasting ${(dj.load ?? []).map((x: number) => x.toFixed(1)).join(' → ')}`);
      if (dj.steps) console.log(`  per stap: ${dj.steps}`);

      console.log(`  sitebuild (steekproef van ${o.sample} gebiedspagina's)…`);
      const dist = path.join(ROOT, '.cache', `bench-scale-${factor}x`);
      fs.rmSync(dist, { recursive: true, force: true });
      cleanup.push(dist);
      const s = await run([path.join(ROOT, 'scripts/tools/bench/scale-site.ts'), ROOT, dist], { cwd: ROOT, env: { WIJKBEELD_PAGE_SAMPLE: String(o.sample), WIJKBEELD_DATA_DIR: path.join(dir, 'public', 'data') }, timeoutMs });
      fs.writeFileSync(`${dist}.log`, `${s.out}\n${s.err}`);
      cleanup.push(`${dist}.log`);
      const sj = s.code === 0 ? lastJson(s.out) : null;
      if (!sj) {
        row.site = { error: s.timedOut ? `na ${o.timeoutMinutes ?? 20} min gestopt` : `mislukt (exit ${s.code}): ${(strip(s.err).split('\n').find((l) => /Error/.test(l)) ?? '').slice(0, 200)}` };
        console.log(`  sitebuild ${row.site.error}`);
        continue;
      }
      const areaPages = (row.areas ?? 0) - 1; // every area but NL has a wijk page
      const ex = extrapolateBuild(sj.seconds, pageTimes(s.out), areaPages);
      row.site = { seconds: sj.seconds, maxRssMb: sj.maxRssMb, extrapolated: ex.seconds, perArea: ex.perArea, sampled: ex.sampled, areaPages };
      console.log(`  sitebuild ${s1(sj.seconds)} voor ${ex.sampled} van ${areaPages} gebiedspagina's; alle pagina's geschat ${s1(ex.seconds)} (${(ex.perArea * 1000).toFixed(0)} ms per gebied)`);
      precompressPages(dist);
      linkCompressedAssets(path.join(ROOT, 'dist'), dist);
      row.html = {
        wijk: sizes(path.join(dist, 'wijk/BU05991086/index.html')),
        indicator: sizes(path.join(dist, 'indicator/bijstand/index.html')),
        home: sizes(path.join(dist, 'index.html')),
      };
      try {
        row.browser = await o.measure(dist, o.runs, o.changes);
      } catch (e) {
        row.browser = { error: (e as Error).message.split('\n')[0]!.slice(0, 200) };
      }
    } finally {
      for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
    }
  }
  printScale(rows, o, load0);
}

function printScale(rows: ScaleRow[], o: ScaleOptions, load0: number[]): void {
  console.log(`\nGroei: Rotterdam plus synthetische kopieën (test/fixtures/synthetic-areas.ts); browser: mediaan van ${o.runs} runs; sitebuild: ${o.sample} gebiedspagina's gebouwd, de rest geschat`);
  console.log(`Machine: ${os.cpus().length} cpu's, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, belasting (1/5/15 min) bij de start ${load0.map((x) => x.toFixed(1)).join(' / ')}, na afloop ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}; heap per kindproces ≤ ${HEAP_MB} MB`);
  const head = ['schaal', 'gebieden', 'observ.', 'data s', 'data MB', 'Parquet', 'grenzen', 'site s (gemeten/geschat)', 'html wijk', 'html indic.', 'html home', 'grafiek w/i/h', 'grens', 'duckdb', 'jaar p95', 'vergel. p95'];
  console.log(`  ${head.join(' | ')}`);
  for (const r of rows) {
    const cells: string[] = [`${r.factor}×`, String(r.areas ?? '–'), String(r.observations ?? '–')];
    if (!r.data || 'error' in r.data) cells.push(r.data && 'error' in r.data ? `databuild ${r.data.error}` : '–');
    else cells.push(s1(r.data.seconds), r.data.maxRssMb.toFixed(0), kbs(r.data.parquetBytes), kbs(r.data.boundaryBytes));
    if (r.site && 'error' in r.site) cells.push(`sitebuild ${r.site.error}`);
    else if (r.site) cells.push(`${s1(r.site.seconds)} / ${s1(r.site.extrapolated)}`);
    if (r.html) for (const k of ['wijk', 'indicator', 'home']) cells.push(`${kbs(r.html[k]!.raw)} (br ${kbs(r.html[k]!.br)})`);
    if (r.browser && 'error' in r.browser) cells.push(`browser: ${r.browser.error}`);
    else if (r.browser) {
      const f = r.browser.firstChart;
      cells.push(`${ms0(f.wijk ?? NaN)}/${ms0(f.indicator ?? NaN)}/${ms0(f.home ?? NaN)}`, ms0(r.browser.limit), ms0(r.browser.ready), ms0(r.browser.yearP95), ms0(r.browser.compareP95));
    }
    console.log(`  ${cells.join(' | ')}`);
  }
  const ok = rows.filter((r) => r.data && !('error' in r.data));
  if (ok.length >= 2) {
    const [a, b] = [ok[0]!, ok.at(-1)!];
    const k = (b.areas ?? 1) / (a.areas ?? 1);
    const g = (x: number, y: number) => `×${(y / x).toFixed(1).replace('.', ',')}`;
    const da = a.data as { seconds: number; maxRssMb: number; parquetBytes: number };
    const db = b.data as typeof da;
    console.log(`  groei ${a.factor}× → ${b.factor}× (gebieden ${g(a.areas!, b.areas!)}): databuild ${g(da.seconds, db.seconds)}, geheugen ${g(da.maxRssMb, db.maxRssMb)}, Parquet ${g(da.parquetBytes, db.parquetBytes)}` +
      (a.html && b.html ? `, html wijk ${g(a.html.wijk!.raw, b.html.wijk!.raw)}, indicator ${g(a.html.indicator!.raw, b.html.indicator!.raw)}, home ${g(a.html.home!.raw, b.html.home!.raw)}` : '') +
      (a.site && b.site && !('error' in a.site) && !('error' in b.site) ? `, site (geschat) ${g(a.site.extrapolated, b.site.extrapolated)}` : '') + ` — lineair zou ×${k.toFixed(1).replace('.', ',')} zijn`);
  }
  void mbs;
}
