// globalSetup of the integration, browser and typecheck projects (vitest.config.ts). Starts the slow
// shared work once per test run, in child processes, before the first test file runs, so unit tests
// and integration tests that need no build run meanwhile on the other core:
//   data       public/data from the real open data (only if stale: scripts/tools/build.ts dataIsStale)
//   site       dist/ from public/data (only if stale), after `data`
//   typecheck  `npm run typecheck` (astro sync, tsc, astro check), after `site` (both write .astro/)
// The integration project asks for data, browser for data and site, typecheck for typecheck. Tests
// wait for what they need with test/shared.ts and only read the output. Each stage writes
// <dir>/<stage>.json when it ends ({ ok, seconds, error }); its output goes to <dir>/<stage>.log.
// A stage still running when the last project tears down was needed by no test: it is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export type Stage = 'data' | 'site' | 'typecheck';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder with the <stage>.json status files of this run's background stages. */
    backgroundDir: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD_STAGE = path.join(ROOT, 'test/setup/build-stage.ts');
const WANTS: Record<string, Stage[]> = { integration: ['data'], browser: ['data', 'site'], typecheck: ['typecheck'] };

class Background {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-tests-'));
  users = 0;
  private readonly wanted = new Set<Stage>();
  private readonly started = new Set<Stage>();
  private readonly done = new Map<Stage, boolean>();
  private readonly errors = new Map<Stage, string>();
  private readonly children = new Map<Stage, ChildProcess>();
  private readonly t0 = performance.now();
  private stopping = false;
  /** One line per ended stage, printed at the end of the run. */
  private readonly summary: string[] = [];

  want(stages: Stage[]): void {
    for (const s of stages) this.wanted.add(s);
    this.schedule();
  }

  /** Start every wanted stage whose predecessors have ended; called again whenever one ends. */
  private schedule(): void {
    if (this.stopping) return;
    const ended = (s: Stage) => this.done.has(s);
    const settled = (s: Stage) => !this.wanted.has(s) || ended(s);
    if (this.wanted.has('data')) this.start('data');
    if (this.wanted.has('site') && ended('data')) {
      if (this.done.get('data')) this.start('site');
      else this.skip('site', `de databuild is mislukt:\n${this.errors.get('data') ?? ''}`);
    }
    // astro sync (typecheck) and astro build (site) both rewrite .astro/: never at the same time.
    if (this.wanted.has('typecheck') && settled('data') && settled('site')) this.start('typecheck');
  }

  private start(stage: Stage): void {
    if (this.started.has(stage)) return;
    // A site build asked for while the typecheck already runs (another project order) waits for it.
    if (stage === 'site' && this.started.has('typecheck') && !this.done.has('typecheck')) return;
    this.started.add(stage);
    const t0 = performance.now();
    const log = fs.openSync(path.join(this.dir, `${stage}.log`), 'w');
    const [cmd, args] =
      stage === 'typecheck'
        ? ['npm', ['run', '--silent', 'typecheck']]
        : [process.execPath, ['--import', 'tsx', BUILD_STAGE, stage]];
    // Its own process group, so stop() ends the child and what it started (npm → astro, tsc).
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', log, log], detached: true, env: { ...process.env, FORCE_COLOR: '0' } });
    this.children.set(stage, child);
    child.on('error', (e) => this.finish(stage, false, performance.now() - t0, String(e)));
    child.on('exit', (code, signal) => {
      fs.closeSync(log);
      const why = signal ? `gestopt (${signal})` : `exitcode ${code}`;
      this.finish(stage, code === 0, performance.now() - t0, code === 0 ? undefined : `${stage} mislukt, ${why}:\n${this.tail(stage)}`);
    });
  }

  private skip(stage: Stage, why: string): void {
    if (this.started.has(stage)) return;
    this.started.add(stage);
    this.finish(stage, false, 0, `${stage} niet gestart: ${why}`);
  }

  private finish(stage: Stage, ok: boolean, ms: number, error?: string): void {
    if (this.done.has(stage)) return;
    this.done.set(stage, ok);
    if (error) this.errors.set(stage, error);
    this.children.delete(stage);
    const at = (performance.now() - this.t0) / 1000;
    this.summary.push(`${stage} ${ok ? 'klaar' : 'MISLUKT'} in ${(ms / 1000).toFixed(1)} s (na ${at.toFixed(1)} s)`);
    const file = path.join(this.dir, `${stage}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ ok, seconds: ms / 1000, error }));
    fs.renameSync(`${file}.tmp`, file);
    this.schedule();
  }

  private tail(stage: Stage, lines = 60): string {
    const text = fs.readFileSync(path.join(this.dir, `${stage}.log`), 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  }

  /** Stop what still runs (no test waited for it) and remove the status folder. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = [...this.children.values()];
    const stopped = [...this.children.keys()].map((s) => `${s} gestopt (geen test wachtte erop)`);
    if (this.summary.length || stopped.length) console.log(`Achtergrondstappen: ${[...this.summary, ...stopped].join('; ')}`);
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            try {
              process.kill(-child.pid!, 'SIGTERM');
            } catch {
              resolve();
            }
          }),
      ),
    );
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const KEY = Symbol.for('wijkbeeld.tests.background');
type WithBackground = typeof globalThis & { [KEY]?: Background };

export default function setup(project: TestProject): () => Promise<void> {
  const g = globalThis as WithBackground;
  const bg = (g[KEY] ??= new Background());
  bg.users++;
  bg.want(WANTS[project.name] ?? []);
  project.provide('backgroundDir', bg.dir);
  return async () => {
    if (--bg.users > 0) return;
    delete g[KEY];
    await bg.stop();
  };
}
