// Every browser test file calls ensureBuiltSite() in its beforeAll: builds public/data and dist/
// only when they are missing or older than their inputs, once per test module.
import { buildSite, dataIsStale, siteIsStale } from '../../scripts/tools/build';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';
import { afterAll, beforeAll } from 'vitest';
import { NodeDb } from '../../src/server/duckdb-node';
import { consoleErrors } from './console';
import { launch, serveDist, watch } from './harness';

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


export interface Site {
  server: Awaited<ReturnType<typeof serveDist>>;
  browser: Awaited<ReturnType<typeof launch>>;
  /** The published Parquet, for expected values computed with our own SQL. */
  db: NodeDb;
}

/**
 * The set-up every browser test file shares: build if stale, serve dist/, one Chromium, and (with
 * `db`) DuckDB on public/data; closed after the file. Read the fields inside tests and hooks.
 */
export function useSite(opts: { db?: boolean } = {}): Site {
  const site = {} as Site;
  beforeAll(async () => {
    await ensureBuiltSite();
    if (opts.db) site.db = await NodeDb.forData();
    site.server = await serveDist();
    site.browser = await launch();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
    site.db?.close();
  });
  return site;
}

/** A new page with the watchers every test asserts on: requests (nothing may leave 127.0.0.1),
 * console errors, and dialogs (recorded and dismissed; a test expects none). */
export async function watchedPage(site: Site) {
  const page = await site.browser.context.newPage();
  const w = watch(page);
  const errors = consoleErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { page, w, errors, dialogs };
}
