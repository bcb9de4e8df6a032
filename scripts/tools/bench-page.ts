// The benchmark's baseline page (src/pages/bench/) is built with the site, so it loads the same
// bundles as the wijk page, but it is an internal measuring page and is never published: after
// `astro build` the integration below moves it out of the build into .cache/bench-page/, and the
// benchmark serves it next to dist/ through a folder of links (serveWithBenchPage).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the built bench pages wait for the benchmark: `<BENCH_PAGE_DIR>/bench/baseline/index.html`. */
export const BENCH_PAGE_DIR = path.join(ROOT, '.cache', 'bench-page');
/** The folder under the site root that holds the bench pages (src/pages/bench/). */
export const BENCH_FOLDER = 'bench';

/**
 * Moves `<buildDir>/bench` to `<to>/bench` (replacing what was there), with .br/.gz copies of its
 * HTML like the rest of the site. Without a bench folder in the build, nothing happens.
 */
export function moveBenchPage(buildDir: string, to = BENCH_PAGE_DIR): boolean {
  const from = path.join(buildDir, BENCH_FOLDER);
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(to, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(to, '.tmp-'));
  fs.cpSync(from, path.join(tmp, BENCH_FOLDER), { recursive: true });
  for (const file of walk(path.join(tmp, BENCH_FOLDER)).filter((f) => f.endsWith('.html'))) {
    const buf = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(buf, { level: 9 }));
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(buf));
  }
  const target = path.join(to, BENCH_FOLDER);
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(path.join(tmp, BENCH_FOLDER), target);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(from, { recursive: true, force: true });
  return true;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Astro integration (astro.config.mjs): every build leaves its bench pages out of the site. */
export function benchPageAside(): AstroIntegration {
  return {
    name: 'wijkbeeld-bench-page-aside',
    hooks: {
      'astro:build:done': ({ dir }) => {
        moveBenchPage(fileURLToPath(dir));
      },
    },
  };
}

/** The `/_astro/…` files a page refers to. */
function assetRefs(html: string): string[] {
  return [...new Set([...html.matchAll(/["'(]\/?(?:[^"'()\s]*\/)?(_astro\/[^"'()\s?#]+)/g)].map((m) => m[1]!))];
}

/**
 * A folder that looks like `dist` plus the bench pages: a link per entry of the current build, and
 * `bench/` from BENCH_PAGE_DIR. Fails in Dutch when the bench page is missing or belongs to another
 * build (its scripts are not in dist). The caller removes the folder (returned `remove`).
 */
export function siteWithBenchPage(dist: string, pages = BENCH_PAGE_DIR): { dir: string; remove: () => void } {
  const bench = path.join(pages, BENCH_FOLDER);
  const index = path.join(bench, 'baseline', 'index.html');
  if (!fs.existsSync(index)) throw new Error(`${path.relative(ROOT, index)} ontbreekt: bouw de site opnieuw (npm run build).`);
  const root = fs.realpathSync(dist);
  const missing = assetRefs(fs.readFileSync(index, 'utf8')).filter((ref) => !fs.existsSync(path.join(root, ref)));
  if (missing.length) throw new Error(`De meetpagina hoort bij een andere build (${missing.join(', ')} niet in dist/): bouw de site opnieuw (npm run build).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-bench-site-'));
  for (const name of fs.readdirSync(root)) if (name !== BENCH_FOLDER) fs.symlinkSync(path.join(root, name), path.join(dir, name));
  fs.symlinkSync(bench, path.join(dir, BENCH_FOLDER));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
