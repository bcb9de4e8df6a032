// Every browser test file calls ensureBuiltSite() in its beforeAll: public/data and dist/ are built
// once per test run (only when missing or older than their inputs) by test/setup/background.ts.
import { afterAll, beforeAll } from 'vitest';
import { NodeDb } from '../../src/server/duckdb-node';
import { sharedSite } from '../shared';
import { consoleErrors } from './console';
import { launch, serveDist, watch } from './harness';

export async function ensureBuiltSite(): Promise<void> {
  await sharedSite();
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

/** For files that only fetch from the server (no Chromium): build if stale, serve dist/; closed after the file. */
export function useServer(): { server: Site['server'] } {
  const site = {} as { server: Site['server'] };
  beforeAll(async () => {
    await ensureBuiltSite();
    site.server = await serveDist();
  });
  afterAll(async () => {
    await site.server?.close();
  });
  return site;
}

/** A Chromium with JavaScript off (the no-JS reader), launched before the file's tests and closed after. */
export function useNoJsBrowser(): { browser: Awaited<ReturnType<typeof launch>> } {
  const holder = {} as { browser: Awaited<ReturnType<typeof launch>> };
  beforeAll(async () => {
    holder.browser = await launch({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
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
