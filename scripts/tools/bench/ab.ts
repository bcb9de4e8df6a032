// `npm run bench -- --ab MAP,MAP[,…] [--page /pad/] [--runs N]`: which of two or more builds (copies
// of dist/, e.g. one with a section left out) shows a page's first chart sooner. Every run opens a
// fresh browser and loads, per build, the limit page and then the page, back to back and served
// the same way (serveWithLimit), with the bench's own probe, CDP network log and cache off. Prints
// per build the quartiles of the first chart and the median of page ÷ limit. Noise on this shared
// 2-core machine is ±20 ms between runs, so one variant wins only when its quartiles move.
import path from 'node:path';
import { launch } from '../browser';
import { measureFirstChartBox, LIMIT_PATH, pairedRatio, serveWithLimit, times } from './limit';

export type FirstChart = (context: import('playwright-core').BrowserContext, url: string) => Promise<number>;

export async function runAb(dirs: string[], page: string, runs: number, firstChart: FirstChart): Promise<void> {
  const box = await measureFirstChartBox(path.resolve(dirs[0]!), page);
  const pairs = new Map<string, [number, number][]>(dirs.map((d) => [d, []]));
  for (let i = 0; i < runs; i++) {
    const browser = await launch();
    try {
      for (const dir of dirs) {
        const site = await serveWithLimit(path.resolve(dir), box);
        try {
          // First navigation of each server unmeasured: no build pays for a cold connection.
          const warm = await browser.context.newPage();
          await warm.goto(new URL('favicon.svg', site.url).href);
          await warm.close();
          const limit = await firstChart(browser.context, new URL(LIMIT_PATH.slice(1), site.url).href);
          const ms = await firstChart(browser.context, new URL(page.slice(1), site.url).href);
          pairs.get(dir)!.push([ms, limit]);
        } finally {
          await site.close();
        }
      }
    } finally {
      await browser.close();
    }
    console.log(`  run ${i + 1}/${runs}: ${dirs.map((d) => `${path.basename(d)} ${Math.round(pairs.get(d)!.at(-1)![0])} ms`).join(', ')}`);
  }
  const q = (xs: number[], f: number) => Math.round([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * f)]!);
  console.log(`\nEerste grafiek op ${page}, ${runs} runs (ms: p25 / mediaan / p75; grens = statische pagina met één SVG van ${box.width}×${box.height}):`);
  for (const dir of dirs) {
    const p = pairs.get(dir)!;
    const page = p.map(([ms]) => ms);
    const limit = p.map(([, l]) => l);
    console.log(`  ${dir.padEnd(36)} ${q(page, 0.25)} / ${q(page, 0.5)} / ${q(page, 0.75)}   grens ${q(limit, 0.5)}   ${times(pairedRatio(p))} de grens`);
  }
}
