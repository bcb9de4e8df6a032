// Debian's Chromium through playwright-core (never a downloaded browser) with a fresh profile per
// launch, and dist/ served by the same server as `npm start` on 127.0.0.1 with a free port. Used by
// the benchmark, the screenshots and the browser tests (test/browser/harness.ts re-exports these).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { chromium, type BrowserContext } from 'playwright-core';
import { listen } from './serve';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function serveDist(dir = path.resolve('dist')): Promise<{ url: string; server: http.Server; close: () => Promise<void> }> {
  const { server, url } = await listen(dir, 0);
  return { server, url, close: () => new Promise((r) => server.close(() => r())) };
}

export async function launch(opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: 'nl-NL',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
