// Shared set-up for the browser tests: the browser and server from scripts/tools/browser.ts (which
// the benchmark and screenshots use too), and a watcher for requests and console errors.
import type { Page, Request } from 'playwright-core';

export { CHROMIUM, CHROMIUM_ARGS, launch, serveDist } from '../../scripts/tools/browser';

/** Records every request a page makes and every console error, to assert nothing left loopback. */
export function watch(page: Page): { requests: string[]; errors: string[]; external: () => string[] } {
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r: Request) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    requests,
    errors,
    external: () => requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(u)),
  };
}
