// `npm run bench -- --trace [--page /wijk/BU05991086/] [--runs N]`: traced loads of one page and of
// the limit page (bench/limit.ts), each in a fresh browser profile, summarised per kind of work.
import os from 'node:os';
import { launch } from '../browser';
import { measureFirstChartBox, LIMIT_PATH, serveWithLimit } from './limit';
import { TRACE_HEAD, traceRow, tracePage, type TraceSummary } from './trace';

export async function runTrace(dist: string, pagePath: string, runs: number): Promise<void> {
  const load = os.loadavg();
  const box = await measureFirstChartBox(dist, pagePath);
  const site = await serveWithLimit(dist, box);
  const rows: Record<string, TraceSummary[]> = { [pagePath]: [], [LIMIT_PATH]: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const p of Object.keys(rows)) {
        const browser = await launch();
        try {
          // One untraced load first: the browser's start-up is not the page's work.
          const warm = await browser.context.newPage();
          await warm.goto(new URL(LIMIT_PATH.slice(1), site.url).href);
          await warm.close();
          rows[p]!.push(await tracePage(browser.context, new URL(p.slice(1), site.url).href));
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await site.close();
  }
  console.log(`\nTrace (Chromium, hoofdthread van de pagina, eigen tijd per soort werk, navigatie tot load + 1 s; mediaan van ${runs} verse profielen)`);
  console.log(`Machine: ${os.cpus().length} cpu's, belasting (1/5/15 min) bij de start ${load.map((x) => x.toFixed(1)).join(' / ')}, na afloop ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
  console.log(TRACE_HEAD);
  for (const [p, list] of Object.entries(rows)) console.log(traceRow(p, list));
  console.log('  geforc. = stijl en layout die een script afdwingt; >50 = taken langer dan 50 ms');
}
