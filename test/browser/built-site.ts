// Every browser test file calls ensureBuiltSite() in its beforeAll: builds public/data and dist/
// only when they are missing or older than their inputs, once per test module.
import { buildSite, dataIsStale, siteIsStale } from '../../scripts/build';
import { resolveSourceDir } from '../../scripts/source-dir';

let ready: Promise<void> | undefined;

async function buildIfStale(): Promise<void> {
  if (siteIsStale() || dataIsStale(resolveSourceDir([]))) await buildSite();
}

export function ensureBuiltSite(): Promise<void> {
  ready ??= buildIfStale()
    .catch(async (e: NodeJS.ErrnoException) => {
      // Another `npm run build` in the same checkout can delete dist/ files under Astro's feet
      // (ENOENT); one more try. A real build error fails again and is reported.
      if (e?.code !== 'ENOENT' && !/ENOENT|Cannot find module .*dist\//.test(String(e?.message))) throw e;
      await buildIfStale();
    })
    .catch((e) => {
      ready = undefined;
      throw e;
    });
  return ready;
}
