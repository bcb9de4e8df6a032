// Publishing the data build in one atomic step.
//
// public/data is a symbolic link to one complete version in .cache/data-build/<id>/. A build writes
// its output into a new version folder there (<id>.tmp while it is written, renamed to <id> when
// complete), makes a new link next to it, and moves that link over public/data with one rename(2):
// readers see the old or the new version, never a mix or nothing. Old versions, half-written
// versions and stray links live outside public/, so Astro never copies them into dist/; each run
// removes them at its start (a crashed run leaves them behind) and after its swap.
//
// One non-atomic case is left: the first run after public/data was a real folder (older builds)
// must move that folder aside before the link can take its place. A crash between those two
// renames leaves no public/data; the next run then points it at the newest complete version.
import fs from 'node:fs';
import path from 'node:path';

export type PublishStep = 'complete' | 'link' | 'migrate' | 'swap' | 'cleanup';

export interface PublishOptions {
  /** The published path (public/data); becomes a symbolic link. */
  outDir: string;
  /** Where versions are kept: outside every folder that is published. */
  storeDir: string;
  log?: (line: string) => void;
  /** For tests: called before each step of commit(), may throw or end the process. */
  beforeStep?: (step: PublishStep) => void;
}

/** A failure while publishing; says whether the previous output is still in place. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly outputUnchanged: boolean,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** A lock older than this is left over from a crash even if its pid was reused. */
const LOCK_STALE_MS = 15 * 60 * 1000;
const LOCK = '.lock';
/** Names the output a store belongs to: clean-up removes every other version, so a store serves one output. */
const OWNER = '.owner';
const TMP = '.tmp';

/** The store for an output path: .cache/data-build beside the folder holding it (public/ → the repo root). */
export function defaultStoreDir(outDir: string): string {
  return path.join(path.dirname(path.dirname(path.resolve(outDir))), '.cache', 'data-build');
}

function errText(e: unknown): string {
  return String((e as Error)?.message ?? e);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Publications begun by this process, for unique version names. */
let sequence = 0;

export class Publication {
  /** Where the new output is written. */
  readonly dir: string;
  private readonly id: string;
  private readonly log: (line: string) => void;
  private done = false;

  private constructor(private readonly opts: PublishOptions) {
    this.log = opts.log ?? (() => undefined);
    // The sequence number: two publications in one millisecond of one process (the tests do that)
    // would otherwise get the same folder, and the second rename fails on the first's folder.
    this.id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}-${String(sequence++).padStart(4, '0')}`;
    this.dir = path.join(opts.storeDir, `${this.id}${TMP}`);
  }

  /** Take the lock, repair and clean up after earlier runs, and make an empty version folder. */
  static begin(opts: PublishOptions): Publication {
    const p = new Publication({ ...opts, outDir: path.resolve(opts.outDir), storeDir: path.resolve(opts.storeDir) });
    const { storeDir, outDir } = p.opts;
    if (`${storeDir}${path.sep}`.startsWith(`${path.dirname(outDir)}${path.sep}`)) {
      throw new PublishError(`Versiemap ${storeDir} ligt in ${path.dirname(outDir)}, die gepubliceerd wordt; kies een map daarbuiten`, true);
    }
    for (const dir of [p.opts.storeDir, path.dirname(p.opts.outDir)]) {
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw new PublishError(`Map ${dir} kan niet worden gemaakt (${errText(e)})`, true);
      }
    }
    p.lock();
    try {
      p.claim();
      p.recover();
      p.cleanLeftovers();
      fs.mkdirSync(p.dir);
    } catch (e) {
      p.unlock();
      throw e instanceof PublishError ? e : new PublishError(`Voorbereiden van de uitvoer mislukt: ${errText(e)}`, true);
    }
    return p;
  }

  /** The store folder name public/data points to, if it points into the store. */
  current(): string | undefined {
    const { outDir, storeDir } = this.opts;
    if (!lstat(outDir)?.isSymbolicLink()) return undefined;
    const target = path.resolve(path.dirname(outDir), fs.readlinkSync(outDir));
    return path.dirname(target) === storeDir ? path.basename(target) : undefined;
  }

  /** Complete versions in the store, oldest first. */
  private versions(): string[] {
    return fs
      .readdirSync(this.opts.storeDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.endsWith(TMP))
      .map((e) => e.name)
      .sort();
  }

  private lock(): void {
    const file = path.join(this.opts.storeDir, LOCK);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new PublishError(`Vergrendelen van ${file} mislukt (${errText(e)})`, true);
      }
      const pid = Number(fs.readFileSync(file, 'utf8'));
      const age = Date.now() - fs.statSync(file).mtimeMs;
      if (Number.isInteger(pid) && pid > 0 && alive(pid) && age < LOCK_STALE_MS) {
        throw new PublishError(`Er draait al een databuild (pid ${pid}, ${file}). Wacht tot die klaar is; draait er geen, verwijder dan ${file}.`, true);
      }
      fs.rmSync(file, { force: true }); // left by a crashed run
    }
    throw new PublishError(`Vergrendelen van ${file} mislukt`, true);
  }

  /** A store holds the versions of one output only; a second output would delete the first one's. */
  private claim(): void {
    const file = path.join(this.opts.storeDir, OWNER);
    const owner = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    // An owner that no longer exists (a removed temp folder) leaves only leftovers: take the store over.
    if (owner === undefined || (owner !== this.opts.outDir && !lstat(owner))) fs.writeFileSync(file, this.opts.outDir);
    else if (owner !== this.opts.outDir) {
      throw new PublishError(`Versiemap ${this.opts.storeDir} hoort bij ${owner}, niet bij ${this.opts.outDir}; geef een eigen versiemap (storeDir)`, true);
    }
  }

  private unlock(): void {
    try {
      const file = path.join(this.opts.storeDir, LOCK);
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
    } catch {
      // already gone
    }
  }

  /** public/data missing or dangling after a crash: point it at the newest complete version. */
  private recover(): void {
    const { outDir } = this.opts;
    if (fs.existsSync(outDir)) return;
    const newest = this.versions().pop();
    if (!newest) return;
    this.link(newest);
    this.log(`  ${outDir} ontbrak (onderbroken vorige run); hersteld naar versie ${newest}`);
  }

  /** Everything in the store but the current version, and old-style leftovers beside public/data. */
  private cleanLeftovers(): string[] {
    const { outDir, storeDir } = this.opts;
    const warnings: string[] = [];
    const remove = (p: string) => {
      try {
        fs.rmSync(p, { recursive: true, force: true });
        this.log(`  opgeruimd: ${p}`);
      } catch (e) {
        warnings.push(`${p} kon niet worden verwijderd (${errText(e)}); de volgende run probeert het opnieuw`);
      }
    };
    const base = path.basename(outDir);
    // data.tmp-<pid> and data.old-<pid> from builds before this module: inside public/, so published.
    for (const name of fs.readdirSync(path.dirname(outDir))) {
      if (name.startsWith(`${base}.tmp-`) || name.startsWith(`${base}.old-`)) remove(path.join(path.dirname(outDir), name));
    }
    const keep = new Set([LOCK, OWNER, this.current()]);
    for (const name of fs.readdirSync(storeDir)) if (!keep.has(name)) remove(path.join(storeDir, name));
    warnings.forEach((w) => this.log(`  waarschuwing: ${w}`));
    return warnings;
  }

  /** Point outDir at a version with one rename of a new link over it. */
  private link(version: string, step?: (s: PublishStep) => void): void {
    const { outDir, storeDir } = this.opts;
    const tmpLink = path.join(storeDir, `.link-${process.pid}`);
    fs.rmSync(tmpLink, { force: true });
    step?.('link');
    fs.symlinkSync(path.relative(path.dirname(outDir), path.join(storeDir, version)), tmpLink);
    step?.('swap');
    try {
      fs.renameSync(tmpLink, outDir);
    } catch (e) {
      fs.rmSync(tmpLink, { force: true });
      throw e;
    }
  }

  /** Publish the written version. Throws PublishError only while the previous output is still in place. */
  commit(): { version: string; warnings: string[] } {
    const { outDir, storeDir } = this.opts;
    const step = (s: PublishStep) => this.opts.beforeStep?.(s);
    let moved: string | undefined;
    try {
      step('complete');
      fs.renameSync(this.dir, path.join(storeDir, this.id));
      const st = lstat(outDir);
      if (st && !st.isSymbolicLink()) {
        // An output folder from before versioned builds: move it into the store first.
        step('migrate');
        const aside = path.join(storeDir, `${this.id.split('-')[0]}-vorige`);
        fs.renameSync(outDir, aside);
        moved = aside;
      }
      this.link(this.id, step);
    } catch (e) {
      const why = errText(e);
      let unchanged = true;
      let where = '';
      if (moved) {
        try {
          fs.renameSync(moved, outDir);
        } catch (e2) {
          unchanged = false;
          where = ` De vorige uitvoer staat nu in ${moved} en kon niet worden teruggezet (${errText(e2)}); de volgende run zet ${outDir} weer op een volledige versie.`;
        }
      }
      this.abort();
      throw new PublishError(`${outDir} kon niet worden vervangen (${why}).${where}`, unchanged);
    }
    this.done = true;
    // Published. From here on nothing may fail the build: a leftover is only a warning.
    const warnings: string[] = [];
    try {
      step('cleanup');
      warnings.push(...this.cleanLeftovers());
    } catch (e) {
      warnings.push(`opruimen van ${storeDir} mislukt (${errText(e)})`);
    }
    this.unlock();
    return { version: this.id, warnings };
  }

  /** Give up: remove this run's version folder and release the lock. The output is untouched. */
  abort(): void {
    if (this.done) return;
    for (const p of [this.dir, path.join(this.opts.storeDir, this.id), path.join(this.opts.storeDir, `.link-${process.pid}`)]) {
      if (this.current() === path.basename(p)) continue;
      try {
        fs.rmSync(p, { recursive: true, force: true });
      } catch {
        // left for the next run's clean-up
      }
    }
    this.done = true;
    this.unlock();
  }
}
