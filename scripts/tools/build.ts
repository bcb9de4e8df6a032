// npm run build: data build when its output is missing or older than its inputs, then astro
// build into a fresh folder, precompressed .br and .gz copies of text assets and the wasm, and
// only then an atomic swap of dist/ to the new build (scripts/tools/dist-swap.ts): a running server
// never sees a half-built site, and a failed build leaves the published one in place.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build as astroBuild } from 'astro';
import { buildData } from '../pipeline/build-data';
import { COMPRESSIBLE } from './content-types';
import { discardBuildDir, newBuildDir, publishBuildDir } from './dist-swap';
import { commandLine } from '../pipeline/cli';
import { newestMtime, newestPipelineInput } from '../pipeline/inputs';
import { resolveSourceDir } from '../pipeline/source-dir';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA_OUT = path.join(ROOT, 'public/data');
const DIST = path.join(ROOT, 'dist');

function mtime(p: string): number {
  return fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0;
}

/** True when public/data is missing or older than the data build's own inputs (pipeline/inputs.ts). */
export function dataIsStale(sourceDir: string): boolean {
  const built = mtime(path.join(DATA_OUT, 'manifest.json'));
  if (!built) return true;
  return newestPipelineInput(sourceDir) > built;
}

export function siteIsStale(): boolean {
  const built = mtime(path.join(DIST, 'index.html'));
  if (!built) return true;
  const inputs = Math.max(mtime(path.join(DATA_OUT, 'manifest.json')), newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'data')), mtime(path.join(ROOT, 'astro.config.mjs')));
  return inputs > built;
}

/** Precompress once at build time so the server never compresses on the fly. */
export function precompress(dir: string): { files: number; seconds: number } {
  const t0 = performance.now();
  let files = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (COMPRESSIBLE.has(path.extname(e.name).toLowerCase()) && fs.statSync(p).size > 1024) {
        const buf = fs.readFileSync(p);
        fs.writeFileSync(`${p}.gz`, zlib.gzipSync(buf, { level: 9 }));
        // Quality 9 is within a few percent of 11 on the 18 MB wasm and many times faster.
        fs.writeFileSync(`${p}.br`, zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
        files++;
      }
    }
  };
  walk(dir);
  return { files, seconds: (performance.now() - t0) / 1000 };
}

export function dataIsBuilt(): boolean {
  return fs.existsSync(path.join(DATA_OUT, 'manifest.json'));
}

export function siteIsBuilt(): boolean {
  return fs.existsSync(path.join(DIST, 'index.html'));
}

/**
 * Builds the site. `sourceDir: null` means the raw data folder is not available: the data build
 * is skipped and the Parquet already in public/data is used (an error if there is none).
 */
export async function buildSite(opts: { force?: boolean; sourceDir?: string | null } = {}): Promise<void> {
  const t0 = performance.now();
  const sourceDir = opts.sourceDir === undefined ? resolveSourceDir() : opts.sourceDir;
  if (sourceDir === null) {
    if (!dataIsBuilt()) resolveSourceDir();
    console.log('Geen bronmap; de bestaande data in public/data wordt gebruikt.');
  } else if (opts.force || dataIsStale(sourceDir)) {
    console.log(`Databuild uit ${sourceDir}…`);
    const r = await buildData({ sourceDir, outDir: DATA_OUT, log: () => undefined });
    console.log(`Databuild klaar in ${r.seconds.toFixed(1)} s`);
  } else console.log('Data is actueel; databuild overgeslagen.');
  const t1 = performance.now();
  const out = newBuildDir(DIST);
  try {
    await astroBuild({ root: ROOT, outDir: out, logLevel: 'warn' });
    console.log(`Astro build klaar in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const c = precompress(out);
    console.log(`${c.files} bestanden voorgecomprimeerd in ${c.seconds.toFixed(1)} s`);
    publishBuildDir(out, DIST);
  } catch (e) {
    discardBuildDir(out);
    throw e;
  }
  console.log(`Build totaal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Builds data and site only where missing or stale (the benchmark; the browser tests do the same). */
export async function buildIfStale(sourceDir = resolveSourceDir()): Promise<void> {
  if (siteIsStale() || dataIsStale(sourceDir)) await buildSite({ sourceDir });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const { values } = commandLine({ force: { type: 'boolean', default: false }, source: { type: 'string' } }, 'Gebruik: npm run build -- [--force] [--source MAP]');
    await buildSite({ force: values.force });
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
