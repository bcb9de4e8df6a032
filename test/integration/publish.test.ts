// Publishing public/data (scripts/pipeline/publish.ts): one atomic swap of a link to a complete version.
// A crash is injected before every step (a child process kills itself with SIGKILL), a failure is
// injected by throwing, and the target is made really unwritable (chmod, or chattr +i when running
// as root, where permission bits do not apply). After each: public/data is one complete build,
// old or new, never a mix; nothing but that build is reachable under public/ (what Astro copies into
// dist/); and the next run removes every leftover.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Publication, PublishError, type PublishStep } from '../../scripts/pipeline/publish';
import { OUTPUT_FILES, outputLabel, published, writeOutput } from './publish-output';

/** What the version store holds, without its owner file (which names the output it belongs to). */
const storeEntries = (dir: string) => fs.readdirSync(dir).filter((n) => n !== '.owner');

const CHILD = fileURLToPath(new URL('./publish-child.ts', import.meta.url));
const STEPS: PublishStep[] = ['complete', 'migrate', 'link', 'swap', 'cleanup'];
const roots: string[] = [];
const undo: (() => void)[] = [];

afterAll(() => {
  undo.forEach((u) => u());
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

interface Site {
  root: string;
  pub: string;
  outDir: string;
  store: string;
}

/** A site folder with public/favicon.svg and a previous build 'oud', as a link or as a real folder (older builds). */
function site(previous: 'link' | 'legacy'): Site {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-publish-'));
  roots.push(root);
  const s = { root, pub: path.join(root, 'public'), outDir: path.join(root, 'public', 'data'), store: path.join(root, '.cache', 'data-build') };
  fs.mkdirSync(s.pub);
  fs.writeFileSync(path.join(s.pub, 'favicon.svg'), '<svg/>');
  if (previous === 'link') publish(s, 'oud');
  else {
    fs.mkdirSync(s.outDir);
    writeOutput(s.outDir, 'oud');
    // Leftovers of the old swap, which Astro used to copy into dist/.
    fs.mkdirSync(`${s.outDir}.old-123`);
    writeOutput(`${s.outDir}.old-123`, 'ouder');
    fs.mkdirSync(`${s.outDir}.tmp-456`);
    fs.writeFileSync(`${s.outDir}.tmp-456/manifest.json`, 'half');
  }
  return s;
}

function publish(s: Site, label: string, beforeStep?: (step: PublishStep) => void) {
  const p = Publication.begin({ outDir: s.outDir, storeDir: s.store, beforeStep });
  writeOutput(p.dir, label);
  return p.commit();
}

/** Under public/ only the favicon and one complete build. */
function expectNothingElsePublished(s: Site): void {
  expect(published(s.pub)).toEqual(['data/', ...OUTPUT_FILES.map((f) => `data/${f}`), 'favicon.svg'].filter((f) => f !== 'data/').sort());
}

/** The next run's start repairs and cleans; after it the store holds exactly the published version. */
function nextRunCleans(s: Site): string {
  const p = Publication.begin({ outDir: s.outDir, storeDir: s.store });
  const label = outputLabel(s.outDir);
  p.abort();
  // A real folder from older builds stays until a build succeeds; the store is then empty.
  const current = p.current();
  expect(storeEntries(s.store)).toEqual(current ? [current] : []);
  expectNothingElsePublished(s);
  return label;
}

/** chmod when that binds (not root), else chattr +i; null when neither is possible here. */
function lockDown(p: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(p, 0o555);
    return () => fs.chmodSync(p, 0o755);
  }
  if (spawnSync('chattr', ['+i', p]).status !== 0) return null;
  const u = () => void spawnSync('chattr', ['-i', p]);
  undo.push(u);
  return u;
}

describe('a crash (SIGKILL) before each step leaves a complete old or new output, nothing served from leftovers', () => {
  for (const previous of ['link', 'legacy'] as const) {
    for (const step of STEPS) {
      it(`previous output a ${previous === 'link' ? 'versioned link' : 'real folder'}, killed before "${step}"`, () => {
        const s = site(previous);
        const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, s.outDir, s.store, step, 'nieuw'], { encoding: 'utf8' });
        const happens = !(previous === 'link' && step === 'migrate');
        expect(r.signal, r.stderr).toBe(happens ? 'SIGKILL' : null);
        const before = STEPS.indexOf(step) < STEPS.indexOf('cleanup') && happens;
        const label = outputLabel(s.outDir);
        if (previous === 'legacy' && (step === 'link' || step === 'swap')) {
          // The one-time move of a real folder into the store: between its two renames there is no
          // public/data at all (never a partial one); the next run points it at a complete version.
          expect(label).toBe('ontbreekt');
          expect(published(s.pub)).toEqual(['favicon.svg']);
          expect(['oud', 'nieuw']).toContain(nextRunCleans(s));
          return;
        }
        expect(label).toBe(before ? 'oud' : 'nieuw');
        expectNothingElsePublished(s);
        expect(nextRunCleans(s)).toBe(label);
        // And a later run publishes normally.
        publish(s, 'derde');
        expect(outputLabel(s.outDir)).toBe('derde');
        expect(storeEntries(s.store)).toHaveLength(1);
      });
    }
  }
});

describe('a failure (thrown) at each step', () => {
  for (const step of STEPS.filter((x) => x !== 'migrate')) {
    it(`before "${step}": ${step === 'cleanup' ? 'published, the clean-up failure is a warning' : 'PublishError, previous output unchanged, no leftovers'}`, () => {
      const s = site('link');
      const fail = (x: PublishStep) => {
        if (x === step) throw new Error(`ingespoten fout bij ${x}`);
      };
      if (step === 'cleanup') {
        const r = publish(s, 'nieuw', fail);
        expect(r.warnings.join()).toMatch(/opruimen .* mislukt \(ingespoten fout bij cleanup\)/);
        expect(outputLabel(s.outDir)).toBe('nieuw');
      } else {
        let err: unknown;
        try {
          publish(s, 'nieuw', fail);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(PublishError);
        expect((err as PublishError).outputUnchanged).toBe(true);
        expect((err as Error).message).toContain(`${s.outDir} kon niet worden vervangen (ingespoten fout bij ${step})`);
        expect(outputLabel(s.outDir)).toBe('oud');
        expect(storeEntries(s.store).filter((n) => n !== fs.readlinkSync(s.outDir).split('/').pop())).toEqual([]);
      }
      expectNothingElsePublished(s);
    });
  }
});

describe('an unwritable target', () => {
  it('public/ not writable: the swap fails, PublishError says the previous output is unchanged, and it is', (ctx) => {
    const s = site('link');
    const unlock = lockDown(s.pub);
    if (!unlock) return ctx.skip();
    let err: unknown;
    try {
      publish(s, 'nieuw');
    } catch (e) {
      err = e;
    } finally {
      unlock();
    }
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).outputUnchanged).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`^${s.outDir} kon niet worden vervangen \\(E(PERM|ACCES)`));
    expect(outputLabel(s.outDir)).toBe('oud');
    expect(storeEntries(s.store)).toHaveLength(1);
    expectNothingElsePublished(s);
  });

  it('public/data a real, unwritable folder (older builds): it cannot be moved, PublishError, unchanged', (ctx) => {
    const s = site('legacy');
    const unlock = lockDown(s.outDir);
    if (!unlock) return ctx.skip();
    let err: unknown;
    try {
      publish(s, 'nieuw');
    } catch (e) {
      err = e;
    } finally {
      unlock();
    }
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).outputUnchanged).toBe(true);
    expect(fs.lstatSync(s.outDir).isDirectory()).toBe(true);
    expect(outputLabel(s.outDir)).toBe('oud');
    // The old swap's leftovers were removed at the start of the run.
    expectNothingElsePublished(s);
  });

  it('the previous version cannot be removed: published anyway, a warning (not "unchanged"), cleaned by the next run', (ctx) => {
    const s = site('link');
    const old = path.resolve(s.pub, fs.readlinkSync(s.outDir));
    const unlock = lockDown(old);
    if (!unlock) return ctx.skip();
    let warnings: string[];
    try {
      warnings = publish(s, 'nieuw').warnings;
    } finally {
      unlock();
    }
    expect(warnings.join()).toContain(`${old} kon niet worden verwijderd`);
    expect(outputLabel(s.outDir)).toBe('nieuw');
    expect(storeEntries(s.store).sort()).toHaveLength(2);
    expectNothingElsePublished(s);
    expect(nextRunCleans(s)).toBe('nieuw');
  });
});

describe('the version store', () => {
  it('must lie outside the published folder, and serves one output only', () => {
    const s = site('link');
    expect(() => Publication.begin({ outDir: s.outDir, storeDir: path.join(s.pub, '.versies') })).toThrow(/ligt in .*public, die gepubliceerd wordt/);
    const other = path.join(s.root, 'elders', 'data');
    expect(() => Publication.begin({ outDir: other, storeDir: s.store })).toThrow(new RegExp(`hoort bij ${s.outDir}, niet bij ${other}`));
    expect(outputLabel(s.outDir)).toBe('oud');
  });
});

describe('the lock', () => {
  it('a second build while one runs is refused; a lock left by a dead process is taken over', () => {
    const s = site('link');
    const p = Publication.begin({ outDir: s.outDir, storeDir: s.store });
    expect(() => Publication.begin({ outDir: s.outDir, storeDir: s.store })).toThrow(/Er draait al een databuild \(pid \d+/);
    p.abort();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(s.store, '.lock'), dead);
    publish(s, 'nieuw');
    expect(outputLabel(s.outDir)).toBe('nieuw');
    expect(fs.existsSync(path.join(s.store, '.lock'))).toBe(false);
  });
});
