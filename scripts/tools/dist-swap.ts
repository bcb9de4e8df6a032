// Atomic publishing of a build. Each build is written to its own fresh folder next to dist/
// (`.dist/partial-…`), renamed to `.dist/<id>` when complete, and then `dist` becomes a symlink to
// it through one rename(2) over the old link. A server that resolves `dist` per request (see
// scripts/tools/serve.ts) therefore sees the old build or the new one, never a half-written or missing
// one; a failed build leaves the published one alone. POSIX only (Linux, macOS).
import fs from 'node:fs';
import path from 'node:path';

/** Builds kept after a publish: the new one and the one before it (requests in flight may still read it). */
const KEEP = 2;
const PARTIAL = 'partial-';

export function buildsDirOf(dist: string): string {
  return path.join(path.dirname(dist), `.${path.basename(dist)}`);
}

function stamp(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').replace('Z', '')}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A new empty folder to build into; nothing reads it until publishBuildDir(). */
export function newBuildDir(dist: string): string {
  const builds = buildsDirOf(dist);
  fs.mkdirSync(builds, { recursive: true });
  const dir = path.join(builds, `${PARTIAL}${stamp()}`);
  fs.mkdirSync(dir);
  return dir;
}

/** Removes a build folder that will not be published (the build failed). */
export function discardBuildDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Publishes a complete build folder made by newBuildDir(): `dist` points to it afterwards.
 * Returns the published folder. Older builds beyond the previous one are removed.
 */
export function publishBuildDir(built: string, dist: string): string {
  const builds = buildsDirOf(dist);
  if (path.dirname(path.resolve(built)) !== path.resolve(builds)) throw new Error(`${built} ligt niet in ${builds}`);
  const name = path.basename(built).startsWith(PARTIAL) ? path.basename(built).slice(PARTIAL.length) : path.basename(built);
  const final = path.join(builds, name);
  if (final !== built) fs.renameSync(built, final);

  let previous: string | undefined;
  const link = `${dist}.link-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  fs.symlinkSync(path.relative(path.dirname(dist), final), link);
  try {
    const st = fs.lstatSync(dist, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) previous = path.resolve(path.dirname(dist), fs.readlinkSync(dist));
    else if (st) {
      // A plain dist/ from before this scheme (or from `astro build` run by hand): move it aside
      // first. This one time there is a moment without dist; the server waits for it briefly.
      previous = path.join(builds, `${stamp()}-old`);
      fs.renameSync(dist, previous);
    }
    fs.renameSync(link, dist);
  } catch (e) {
    fs.rmSync(link, { force: true });
    throw e;
  }
  prune(builds, [final, previous]);
  return final;
}

/** Removes published builds other than `keep`, and partial ones whose build process has ended. */
function prune(builds: string, keep: (string | undefined)[]): void {
  const kept = new Set(keep.filter(Boolean).slice(0, KEEP).map((p) => path.resolve(p!)));
  for (const e of fs.readdirSync(builds, { withFileTypes: true })) {
    const p = path.join(builds, e.name);
    if (kept.has(p)) continue;
    if (e.name.startsWith(PARTIAL)) {
      const pid = Number(/^partial-\d{8}-\d+-(\d+)-/.exec(e.name)?.[1]);
      if (pid && processAlive(pid)) continue;
    }
    fs.rmSync(p, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
