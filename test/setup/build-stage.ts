// One stage of the test run's shared build, started by test/setup/background.ts:
//   data  public/data from the real open data when it is missing or older than its inputs
//   site  dist/ (astro build, precompression, swap) when it is missing or older than its inputs
// The same functions as `npm run build`, so the tests see what a build gives.
import path from 'node:path';
import { buildData } from '../../scripts/pipeline/build-data';
import { buildSite, dataIsStale, siteIsStale } from '../../scripts/tools/build';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';

const stage = process.argv[2];

async function data(): Promise<void> {
  const sourceDir = resolveSourceDir([]);
  if (!dataIsStale(sourceDir)) return console.log('Data is actueel; databuild overgeslagen.');
  console.log(`Databuild uit ${sourceDir}…`);
  const r = await buildData({ sourceDir, outDir: path.resolve('public/data') });
  console.log(`Databuild klaar in ${r.seconds.toFixed(1)} s`);
}

async function site(): Promise<void> {
  if (!siteIsStale()) return console.log('Site is actueel; astro build overgeslagen.');
  try {
    await buildSite({ sourceDir: resolveSourceDir([]) });
  } catch (e) {
    // Another `npm run build` in the same checkout can delete dist/ files under Astro's feet
    // (ENOENT): one more try. A real build error fails again and is reported.
    const err = e as NodeJS.ErrnoException;
    if (err?.code !== 'ENOENT' && !/ENOENT|Cannot find module .*dist\//.test(String(err?.message))) throw e;
    console.log(`Nog een poging na: ${err.message}`);
    await buildSite({ sourceDir: resolveSourceDir([]) });
  }
}

try {
  if (stage === 'data') await data();
  else if (stage === 'site') await site();
  else throw new Error(`onbekende stap "${stage}" (data of site)`);
} catch (e) {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
}
