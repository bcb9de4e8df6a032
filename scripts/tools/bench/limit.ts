// The physical limit as the benchmark's reference: a static page with nothing but one inline SVG
// of the same box as the wijk page's first chart (and about as many marks), served by the same
// server code (serve.ts) on the same port as dist/. A page that shows its first chart as fast as
// this one has nothing left to remove; the bench reports each page as a multiple of it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createServer } from '../serve';
import { precompress } from '../build';
import { launch, serveDist } from '../browser';

/** Goal: every page's first chart within this multiple of the limit page (median of the runs). */
export const LIMIT_RATIO_GOAL = 1.5;
export const LIMIT_PATH = '/bench/limit/';

export interface ChartBox {
  width: number;
  height: number;
  /** Elements inside the first chart, so the limit's SVG carries a similar amount of markup. */
  nodes: number;
}

/** In-page: box and element count of `[data-first-chart]`. */
export async function firstChartBox(context: BrowserContext, url: string): Promise<ChartBox> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    return await page.locator('[data-first-chart]').first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height), nodes: el.querySelectorAll('*').length };
    });
  } finally {
    await page.close();
  }
}

/** The box of `pagePath`'s first chart in the build `dist`, from its own server and browser. */
export async function measureFirstChartBox(dist: string, pagePath: string): Promise<ChartBox> {
  const server = await serveDist(dist);
  const browser = await launch();
  try {
    return await firstChartBox(browser.context, new URL(pagePath.slice(1), server.url).href);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The limit page: a minimal HTML document holding one SVG of the given box (bars and labels). */
export function limitPageHtml(box: ChartBox): string {
  const n = Math.max(1, Math.min(400, Math.round(box.nodes / 2)));
  const rowH = box.height / n;
  const marks: string[] = [];
  for (let i = 0; i < n; i++) {
    // Deterministic, varied bar lengths: the content does not matter, its amount does.
    const w = ((i * 37) % 100) / 100;
    const y = (i * rowH).toFixed(1);
    marks.push(`<rect x="${(box.width * 0.3).toFixed(1)}" y="${y}" width="${(box.width * 0.6 * w).toFixed(1)}" height="${(rowH * 0.7).toFixed(1)}" fill="${i % 2 ? '#1a9850' : '#d73027'}"/>`);
    marks.push(`<text x="4" y="${(i * rowH + rowH * 0.6).toFixed(1)}" font-size="${Math.min(12, rowH * 0.7).toFixed(1)}">Rij ${i + 1}</text>`);
  }
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Grens: één grafiek</title></head><body style="margin:0;font-family:system-ui,sans-serif"><svg data-first-chart xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="Referentiegrafiek">${marks.join('')}</svg></body></html>\n`;
}

/**
 * One server on a free loopback port: /bench/limit/ from a temp folder (precompressed like the
 * build), everything else from dist/, both through serve.ts's request handler.
 */
export async function serveWithLimit(dist: string, box: ChartBox): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-bench-limit-'));
  const pageDir = path.join(dir, ...LIMIT_PATH.split('/').filter(Boolean));
  fs.mkdirSync(pageDir, { recursive: true });
  fs.writeFileSync(path.join(pageDir, 'index.html'), limitPageHtml(box));
  precompress(dir);
  const site = createServer(dist);
  const limit = createServer(dir);
  const server = http.createServer((req, res) => ((req.url ?? '').startsWith(LIMIT_PATH) ? limit : site).emit('request', req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Median over runs of page ÷ limit, each pair measured back to back in one run. */
export function pairedRatio(pairs: [number, number][]): number {
  const r = pairs.map(([page, limit]) => page / limit).sort((a, b) => a - b);
  if (!r.length) return NaN;
  const m = r.length >> 1;
  return r.length % 2 ? r[m]! : (r[m - 1]! + r[m]!) / 2;
}

/** "1,42×" for a table cell. */
export const times = (x: number): string => `${x.toFixed(2).replace('.', ',')}×`;
