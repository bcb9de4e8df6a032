// What the test run builds once and shares (test/setup/background.ts): wait for a stage, then read
// its output. Never write to public/data or dist/: other test files read them at the same time.
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { Stage } from './setup/background';

/** The published data of the real open data (a link into .cache/data-build). */
export const SHARED_DATA = path.resolve('public/data');
export const SHARED_DIST = path.resolve('dist');

const waits = new Map<Stage, Promise<number>>();

/** Resolves with the stage's duration in seconds once it has ended well; throws its error otherwise. */
export function stage(name: Stage, timeoutMs = 20 * 60_000): Promise<number> {
  let p = waits.get(name);
  if (!p) {
    p = poll(name, timeoutMs);
    waits.set(name, p);
  }
  return p;
}

async function poll(name: Stage, timeoutMs: number): Promise<number> {
  const dir = inject('backgroundDir');
  if (!dir) throw new Error(`Geen achtergrondstappen in dit project: voeg test/setup/background.ts toe aan globalSetup (stap ${name})`);
  const file = path.join(dir, `${name}.json`);
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > until) throw new Error(`Stap ${name} niet klaar na ${timeoutMs / 1000} s (log: ${path.join(dir, `${name}.log`)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { ok: boolean; seconds: number; error?: string };
  if (!r.ok) throw new Error(r.error ?? `Stap ${name} mislukt`);
  return r.seconds;
}

/** public/data, built from the real open data in this run if it was stale. */
export async function sharedData(): Promise<string> {
  await stage('data');
  return SHARED_DATA;
}

/** dist/ (and public/data), built in this run if stale. */
export async function sharedSite(): Promise<string> {
  await stage('data');
  await stage('site');
  return SHARED_DIST;
}
