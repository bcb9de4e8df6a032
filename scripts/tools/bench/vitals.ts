// Largest Contentful Paint and Total Blocking Time of one page load, from the page's own
// PerformanceObservers (largest-contentful-paint, longtask; both buffered from navigation start).
// TBT here: the sum over long tasks of (duration − 50 ms), for tasks that start after the first
// contentful paint, until the load event and then a quiet second without long tasks (capped at
// 10 s) — Lighthouse's definition ends at "time to interactive", which this approximates.
import type { BrowserContext } from 'playwright-core';

export interface Vitals {
  lcp: number;
  tbt: number;
  fcp: number;
  longTasks: number;
  load: number;
}

const VITALS_PROBE = `(() => {
  const w = window;
  w.__vitals = { lcp: 0, tasks: [] };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__vitals.lcp = e.renderTime || e.loadTime || e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__vitals.tasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** Tasks that start after FCP: sum of their time beyond 50 ms. */
export function totalBlockingTime(tasks: [number, number][], fcp: number): number {
  return tasks.filter(([start]) => start >= fcp).reduce((s, [, d]) => s + Math.max(0, d - 50), 0);
}

export async function pageVitals(context: BrowserContext, url: string, quietMs = 1000, capMs = 10_000): Promise<Vitals> {
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: VITALS_PROBE });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(url, { waitUntil: 'load' });
    // Quiet: no new long task for quietMs after load.
    const t0 = Date.now();
    let last = -1;
    let lastChange = Date.now();
    while (Date.now() - t0 < capMs) {
      const n = await page.evaluate(() => (window as unknown as { __vitals: { tasks: unknown[] } }).__vitals.tasks.length);
      if (n !== last) [last, lastChange] = [n, Date.now()];
      else if (Date.now() - lastChange >= quietMs) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const v = await page.evaluate(() => {
      const w = window as unknown as { __vitals: { lcp: number; tasks: [number, number][] } };
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { lcp: w.__vitals.lcp, tasks: w.__vitals.tasks, fcp, load: nav?.loadEventStart ?? NaN };
    });
    return { lcp: v.lcp, fcp: v.fcp, load: v.load, longTasks: v.tasks.length, tbt: totalBlockingTime(v.tasks, v.fcp) };
  } finally {
    await page.close();
  }
}
