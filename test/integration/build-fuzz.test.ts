// Data build on damaged copies of real source files: truncated, reordered and malformed. Every
// damaged file must give a clear error that names the file (and the row and column where the
// loader knows them), and a failed build must leave the previous output byte-identical. Reordering
// that keeps the data valid (rows shuffled, columns moved together with their data, the transposed
// export's preamble dropped) must give exactly the same values.
// The real files are read from the open-data folder and copied only into os.tmpdir(); the previous
// output is a copy of this run's shared build of the real data (test/shared.ts).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build-data';
import { LOADERS } from '../../scripts/pipeline/sources/index';
import { PublishError } from '../../scripts/pipeline/publish';
import { BOUNDARY_FILES } from '../../scripts/pipeline/boundaries';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';
import { loadKwbStatline, kwbStatlineFile, kwbStatlineFiles } from '../../scripts/pipeline/sources/kwb-statline';
import { loadPolitie2023, POLITIE2023_FILE } from '../../scripts/pipeline/sources/kwb-extra';
import { loadKwb2025, KWB2025_DIR } from '../../scripts/pipeline/sources/kwb-transposed';
import type { LoadResult } from '../../scripts/pipeline/sources/types';
import { sharedData } from '../shared';
import { publishedCopy } from './published-copy';

/** What the version store holds, without its owner file (which names the output it belongs to). */
const storeEntries = (dir: string) => fs.readdirSync(dir).filter((n) => n !== '.owner');

const SOURCE = resolveSourceDir([]);
const KWB2016 = kwbStatlineFile(2016);
const KWB2025 = `${KWB2025_DIR}/${fs.readdirSync(path.join(SOURCE, KWB2025_DIR)).find((n) => /\.csv$/i.test(n))}`;

let work: string;
let outParent: string;
let out: string;
let before: Map<string, string>;
let caseNo = 0;

/** sha256 of every file under dir, following links as Astro does when it copies public/ (also
 * catches leftover folders next to the output). */
function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (fs.statSync(p).isDirectory()) {
        m.set(`${path.relative(dir, p)}/`, 'dir');
        walk(p);
      } else m.set(path.relative(dir, p), crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return m;
}

// ---- text surgery that keeps the file's own BOM, line ends and quoting ----------------------

interface Text {
  bom: string;
  eol: string;
  lines: string[];
  /** The file ended with a line break. */
  final: boolean;
}

function readText(rel: string): Text {
  let t = fs.readFileSync(path.join(SOURCE, rel), 'utf8');
  const bom = t.startsWith('\ufeff') ? '\ufeff' : '';
  t = t.slice(bom.length);
  const eol = t.includes('\r\n') ? '\r\n' : '\n';
  const final = t.endsWith(eol);
  const lines = (final ? t.slice(0, -eol.length) : t).split(eol);
  return { bom, eol, lines, final };
}

function writeText(t: Text): string {
  return t.bom + t.lines.join(t.eol) + (t.final ? t.eol : '');
}

/** Raw fields of one line (quotes kept), split on the delimiter outside quotes. */
function splitRaw(line: string, delim: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === delim && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
const unquote = (raw: string) => raw.replace(/^"(.*)"$/, '$1').replaceAll('""', '"');

function mapFields(line: string, delim: string, f: (fields: string[]) => string[]): string {
  return f(splitRaw(line, delim)).join(delim);
}

/** Deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffle<T>(xs: T[], seed = 42): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** First 50% of the bytes. */
function truncated(rel: string): Buffer {
  const buf = fs.readFileSync(path.join(SOURCE, rel));
  return buf.subarray(0, Math.floor(buf.length / 2));
}

/** 1-based line on which the last (cut) line of a truncated file starts. */
function lastLineNo(buf: Buffer): number {
  return buf.toString('utf8').split(/\r\n|\n/).length;
}

// ---- temp source folders ------------------------------------------------------------------

/** A source folder in the temp dir with real copies of `copy` and the given replaced files. */
function sourceWith(copy: string[], replaced: Record<string, string | Buffer | null>): string {
  const dir = path.join(work, `src-${++caseNo}`);
  for (const rel of [...copy, ...Object.keys(replaced)]) fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  for (const rel of copy) if (!(rel in replaced)) fs.copyFileSync(path.join(SOURCE, rel), path.join(dir, rel));
  for (const [rel, content] of Object.entries(replaced)) if (content !== null) fs.writeFileSync(path.join(dir, rel), content);
  return dir;
}

const statlineFiles = kwbStatlineFiles(SOURCE).map((f) => f.file);
const loaderOf = (name: string) => LOADERS.find((l) => l.name === name)!;
const STATLINE = [loaderOf('kwb-statline')];
const POLITIE = [loaderOf('politie')];
const KWB25 = [loaderOf('kwb-transposed')];

interface Expect {
  file: string;
  detail: RegExp;
  row?: number;
  column?: string;
}

/** buildData must reject naming file (row, column) and leave the previous output as it was. */
async function expectBuildError(sourceDir: string, loaders: typeof LOADERS, exp: Expect): Promise<string> {
  const err = await buildData({ sourceDir, outDir: out, log: () => undefined, loaders }).then(
    () => null,
    (e: Error) => e,
  );
  expect(err, 'build should have failed').toBeInstanceOf(Error);
  const msg = err!.message;
  console.log(`    → ${msg.split('\n').slice(0, 3).join(' | ')}`);
  expect(msg).toContain(exp.file);
  expect(msg).toMatch(exp.detail);
  if (exp.row !== undefined) expect(msg).toContain(`rij ${exp.row}`);
  if (exp.column !== undefined) expect(msg).toContain(`kolom "${exp.column}"`);
  expect(snapshot(outParent)).toEqual(before);
  return msg;
}

/** Values as a sorted set of lines, so order in the file does not matter. */
function valueSet(r: LoadResult): string[] {
  return r.values.map((v) => `${v.source}|${v.year}|${v.area}|${v.variable}|${v.value}|${v.status}|${v.note ?? ''}`).sort();
}
function areaSet(r: LoadResult): string[] {
  return r.areas.map((a) => `${a.source}|${a.year}|${a.code}|${a.name}`).sort();
}

/**
 * The real loaders, each run once on the real files, replaying a fresh copy of that result: for the
 * cases that need a complete build to fail late (what they test comes after the loaders).
 */
let loaded: Promise<LoadResult[]> | undefined;
async function replayedLoaders(): Promise<typeof LOADERS> {
  loaded ??= Promise.all(LOADERS.map((l) => l.load(SOURCE)));
  const results = await loaded;
  return LOADERS.map((l, i) => ({ ...l, load: async () => structuredClone(results[i]!) }));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-fuzz-'));
  outParent = path.join(work, 'out');
  out = path.join(outParent, 'data');
  // The previous output: a complete, good build of the real open data (this run's shared one).
  publishedCopy(await sharedData(), out);
  before = snapshot(outParent);
  expect([...before.keys()].sort()).toEqual(
    ['data/', 'data/areas.parquet', 'data/boundaries.json', 'data/indicators.parquet', 'data/manifest.json', 'data/observations.parquet', 'data/scores.parquet'].sort(),
  );
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('CBS KWB 2014–2018 (StatLine CSV, ";" and decimal comma), damaged 2016 file', () => {
  const load = (replaced: string | Buffer | null) => sourceWith(statlineFiles, { [KWB2016]: replaced });

  it('truncated at 50% of the bytes: the cut row, named by file and row', async () => {
    const cut = truncated(KWB2016);
    await expectBuildError(load(cut), STATLINE, { file: KWB2016, detail: /afgekapt|niet leesbaar/, row: lastLineNo(cut) });
  });

  it('"12,3x" for the inhabitants of Afrikaanderwijk: file, row and column', async () => {
    const t = readText(KWB2016);
    const titles = splitRaw(t.lines[3]!, ';').map((f) => unquote(f).replace(/^\|+/, ''));
    const col = titles.indexOf('Aantal inwoners');
    const i = t.lines.findIndex((l) => l.includes(';BU05991086;'));
    expect(col).toBeGreaterThan(0);
    t.lines[i] = mapFields(t.lines[i]!, ';', (f) => f.map((x, j) => (j === col ? '12,3x' : x)));
    await expectBuildError(load(writeText(t)), STATLINE, { file: KWB2016, detail: /geen getal: "12,3x"/, row: i + 1, column: 'Aantal inwoners' });
  });

  it('the Codering column deleted: "kolom ontbreekt" naming Codering', async () => {
    const t = readText(KWB2016);
    const col = splitRaw(t.lines[3]!, ';').map(unquote).indexOf('Codering');
    expect(col).toBeGreaterThan(0);
    t.lines = t.lines.map((l, i) => (i === 0 ? l : mapFields(l, ';', (f) => f.filter((_, j) => j !== col))));
    await expectBuildError(load(writeText(t)), STATLINE, { file: KWB2016, detail: /kolom ontbreekt/, row: 4, column: 'Codering' });
  });

  it('the preamble (title, empty line, "Onderwerp") dropped: the header is not recognised', async () => {
    const t = readText(KWB2016);
    t.lines = t.lines.slice(3);
    await expectBuildError(load(writeText(t)), STATLINE, { file: KWB2016, detail: /regel 5|kop|Wijken en buurten/ });
  });

  it('header labels of Codering and Soort regio swapped (data not): an invalid code, with row and column', async () => {
    const t = readText(KWB2016);
    t.lines[3] = mapFields(t.lines[3]!, ';', (f) => {
      const a = f.findIndex((x) => unquote(x) === 'Codering');
      const b = f.findIndex((x) => unquote(x) === 'Soort regio');
      const g = [...f];
      [g[a], g[b]] = [f[b]!, f[a]!];
      return g;
    });
    await expectBuildError(load(writeText(t)), STATLINE, { file: KWB2016, detail: /ongeldige regiocode/, row: 6, column: 'Codering' });
  });

  it('the file missing: the year is missing, named with the folder and the file name it belongs in', async () => {
    // Years come from the files present, so a missing file is a year the catalogue names and no file gives.
    const msg = await expectBuildError(load(null), STATLINE, { file: 'cbs_kwb_rotterdam_2014_2018/Kerncijfers_wijken_en_buurten_*.csv', detail: /Geen bronbestand levert .*\n {2}kwb 2016 \(sources\.kwb\.tables\): hoort in /s });
    expect(msg).not.toMatch(/kwb 201[4578] /);
  });

  it('rows shuffled and two columns moved together with their data: exactly the same values', async () => {
    const good = await loadKwbStatline(load(fs.readFileSync(path.join(SOURCE, KWB2016))));
    const t = readText(KWB2016);
    const titles = splitRaw(t.lines[3]!, ';').map((f) => unquote(f).replace(/^\|+/, ''));
    const [a, b] = [titles.indexOf('Mannen'), titles.indexOf('Codering')];
    expect(a).toBeGreaterThan(0);
    const swap = (l: string) => mapFields(l, ';', (f) => {
      const g = [...f];
      [g[a], g[b]] = [f[b]!, f[a]!];
      return g;
    });
    t.lines = [...t.lines.slice(0, 3), ...t.lines.slice(3, 5).map(swap), ...shuffle(t.lines.slice(5).map(swap))];
    const moved = await loadKwbStatline(load(writeText(t)));
    expect(valueSet(moved)).toEqual(valueSet(good));
    expect(areaSet(moved)).toEqual(areaSet(good));
    expect(good.values.length).toBeGreaterThan(10_000);
  });
});

describe('Politie 2023 (R write.csv, "," and decimal point)', () => {
  const load = (replaced: string | Buffer | null) => sourceWith([], { [POLITIE2023_FILE]: replaced });

  it('truncated at 50% of the bytes: the cut row, named by file and row', async () => {
    const cut = truncated(POLITIE2023_FILE);
    await expectBuildError(load(cut), POLITIE, { file: POLITIE2023_FILE, detail: /afgekapt|niet leesbaar/, row: lastLineNo(cut) });
  });

  it('"12,3x" as a crime count: file, row and column', async () => {
    const t = readText(POLITIE2023_FILE);
    const col = splitRaw(t.lines[0]!, ',').map(unquote).indexOf('GeregistreerdeMisdrijven_1');
    t.lines[5] = mapFields(t.lines[5]!, ',', (f) => f.map((x, j) => (j === col ? '"12,3x"' : x)));
    await expectBuildError(load(writeText(t)), POLITIE, { file: POLITIE2023_FILE, detail: /geen getal: "12,3x"/, row: 6, column: 'GeregistreerdeMisdrijven_1' });
  });

  it('the code column (WijkenEnBuurten) deleted: "kolom ontbreekt"', async () => {
    const t = readText(POLITIE2023_FILE);
    const col = splitRaw(t.lines[0]!, ',').map(unquote).indexOf('WijkenEnBuurten');
    t.lines = t.lines.map((l) => mapFields(l, ',', (f) => f.filter((_, j) => j !== col)));
    await expectBuildError(load(writeText(t)), POLITIE, { file: POLITIE2023_FILE, detail: /kolom ontbreekt/, row: 1, column: 'WijkenEnBuurten' });
  });

  it('the header line dropped: the first data row is no header, "kolom ontbreekt"', async () => {
    const t = readText(POLITIE2023_FILE);
    t.lines = t.lines.slice(1);
    await expectBuildError(load(writeText(t)), POLITIE, { file: POLITIE2023_FILE, detail: /kolom ontbreekt/, row: 1 });
  });

  it('header labels WijkenEnBuurten and Perioden swapped (data not): a clear error with row and column', async () => {
    const t = readText(POLITIE2023_FILE);
    t.lines[0] = mapFields(t.lines[0]!, ',', (f) =>
      f.map((x) => (unquote(x) === 'WijkenEnBuurten' ? '"Perioden"' : unquote(x) === 'Perioden' ? '"WijkenEnBuurten"' : x)),
    );
    await expectBuildError(load(writeText(t)), POLITIE, { file: POLITIE2023_FILE, detail: /periode "BU\d+" is geen jaar/, row: 2, column: 'Perioden' });
  });

  it('rows shuffled: exactly the same values', async () => {
    const good = await loadPolitie2023(load(fs.readFileSync(path.join(SOURCE, POLITIE2023_FILE))));
    const t = readText(POLITIE2023_FILE);
    t.lines = [t.lines[0]!, ...shuffle(t.lines.slice(1), 7)];
    const moved = await loadPolitie2023(load(writeText(t)));
    expect(valueSet(moved)).toEqual(valueSet(good));
    expect(good.values.length).toBeGreaterThan(80);
  });

  it('an undamaged file alone is no complete build: the catalogue check fails and the output stays', async () => {
    const msg = await expectBuildError(load(fs.readFileSync(path.join(SOURCE, POLITIE2023_FILE))), POLITIE, {
      file: 'kwb 2014 (sources.kwb.tables)',
      detail: /^Geen bronbestand levert wat data\/indicators\.json noemt:/,
    });
    // Politie 2023 itself is there.
    expect(msg).not.toContain('politie 2023');
  });
});

describe('CBS KWB 2025 (transposed StatLine CSV: one line per topic, one column per region)', () => {
  const load = (replaced: string | Buffer | null) => sourceWith([], { [KWB2025]: replaced });
  const rowOf = (t: Text, label: string) => t.lines.findIndex((l) => unquote(splitRaw(l, ';')[0] ?? '') === label);

  it('truncated at 50% of the bytes: the cut row, named by file and row', async () => {
    const cut = truncated(KWB2025);
    await expectBuildError(load(cut), KWB25, { file: KWB2025, detail: /afgekapt|niet leesbaar/, row: lastLineNo(cut) });
  });

  it('"12,3x" as Rotterdam\'s inhabitants: file, row and column (the region code)', async () => {
    const t = readText(KWB2025);
    const codes = splitRaw(t.lines[rowOf(t, 'Regioaanduiding|Codering')]!, ';').map(unquote);
    const col = codes.findIndex((c) => c.trim() === 'GM0599');
    const i = rowOf(t, 'Bevolking|Aantal inwoners');
    expect(col).toBeGreaterThan(1);
    expect(i).toBeGreaterThan(0);
    t.lines[i] = mapFields(t.lines[i]!, ';', (f) => f.map((x, j) => (j === col ? '"12,3x"' : x)));
    await expectBuildError(load(writeText(t)), KWB25, { file: KWB2025, detail: /geen getal: "12,3x"/, row: i + 1, column: 'GM0599' });
  });

  it('the Codering row deleted: "regiocodes ontbreekt"', async () => {
    const t = readText(KWB2025);
    const i = rowOf(t, 'Regioaanduiding|Codering');
    expect(i).toBeGreaterThan(0);
    t.lines.splice(i, 1);
    await expectBuildError(load(writeText(t)), KWB25, { file: KWB2025, detail: /regiocodes ontbreekt/, column: 'Regioaanduiding|Codering' });
  });

  it('a region column deleted from one topic row only: the short row, with file, row and region', async () => {
    const t = readText(KWB2025);
    const i = rowOf(t, 'Bevolking|Aantal inwoners');
    t.lines[i] = mapFields(t.lines[i]!, ';', (f) => f.slice(0, -1));
    await expectBuildError(load(writeText(t)), KWB25, { file: KWB2025, detail: /afgekapt/, row: i + 1 });
  });

  it('preamble dropped, topic rows shuffled and two region columns swapped: exactly the same values', async () => {
    const good = await loadKwb2025(load(fs.readFileSync(path.join(SOURCE, KWB2025))));
    const t = readText(KWB2025);
    const [a, b] = [5, 9];
    const swap = (l: string) => mapFields(l, ';', (f) => {
      if (f.length < 10) return f;
      const g = [...f];
      [g[a], g[b]] = [f[b]!, f[a]!];
      return g;
    });
    const body = t.lines.slice(3).map(swap);
    // The region-attribute rows (names, codes, …) stay on top; the topic rows are shuffled; the
    // closing "Bron: CBS" line, which marks a complete export, stays last.
    const isAttr = (l: string) => /^"(Onderwerp|Regioaanduiding\|)/.test(l);
    const isFooter = (l: string) => /^"Bron/.test(l);
    const topics = body.filter((l) => !isAttr(l) && !isFooter(l));
    t.lines = [...body.filter(isAttr), ...shuffle(topics, 3), ...body.filter(isFooter)];
    const moved = await loadKwb2025(load(writeText(t)));
    expect(valueSet(moved)).toEqual(valueSet(good));
    expect(areaSet(moved)).toEqual(areaSet(good));
  });

  // A topic row moved between the region-attribute rows is refused with its line, not dropped.
  it('a topic row between the region-attribute rows is not silently dropped', async () => {
    const t = readText(KWB2025);
    const i = rowOf(t, 'Bevolking|Aantal inwoners');
    const [row] = t.lines.splice(i, 1);
    t.lines.splice(rowOf(t, 'Regioaanduiding|Codering') + 1, 0, row!);
    const r = await loadKwb2025(load(writeText(t))).catch((e: Error) => e);
    if (r instanceof Error) expect(r.message).toContain(KWB2025);
    else expect(r.values.some((v) => v.variable === 'Aantal inwoners [aantal]')).toBe(true);
  });
});

describe('a failure after the Parquet files were written', () => {
  it('a truncated boundary file fails the complete build late; the previous output stays, no temp folder is left', async () => {
    // Every source folder linked (not copied) from the open-data folder, except the wijk- en
    // buurtkaart folder, whose files are linked one by one but for the damaged wijk_2024.geojson.
    const dir = path.join(work, `src-${++caseNo}`);
    fs.mkdirSync(dir);
    const kaartDir = path.dirname(BOUNDARY_FILES.gebied);
    for (const e of fs.readdirSync(SOURCE)) {
      if (e !== kaartDir) fs.symlinkSync(path.join(SOURCE, e), path.join(dir, e));
    }
    fs.mkdirSync(path.join(dir, kaartDir));
    for (const e of fs.readdirSync(path.join(SOURCE, kaartDir))) {
      const rel = `${kaartDir}/${e}`;
      if (rel === BOUNDARY_FILES.gebied) fs.writeFileSync(path.join(dir, rel), truncated(rel));
      else fs.symlinkSync(path.join(SOURCE, rel), path.join(dir, rel));
    }
    await expectBuildError(dir, await replayedLoaders(), { file: BOUNDARY_FILES.gebied, detail: /geen geldige GeoJSON/ });
    // The half-written version was removed from the store too; only the published one is left.
    expect(storeEntries(path.join(work, '.cache/data-build'))).toEqual([path.basename(fs.readlinkSync(out))]);
  });
});

describe('publishing into an unwritable public folder', () => {
  it('a complete build whose swap is refused: PublishError "unchanged", and the previous output is byte-identical', async (ctx) => {
    const loaders = await replayedLoaders();
    // chmod does not bind root; chattr +i does (where the file system has it).
    const root = process.getuid?.() === 0;
    if (root && spawnSync('chattr', ['+i', outParent]).status !== 0) return ctx.skip();
    if (!root) fs.chmodSync(outParent, 0o555);
    let err: unknown;
    try {
      await buildData({ sourceDir: SOURCE, outDir: out, log: () => undefined, loaders });
    } catch (e) {
      err = e;
    } finally {
      if (root) spawnSync('chattr', ['-i', outParent]);
      else fs.chmodSync(outParent, 0o755);
    }
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).outputUnchanged).toBe(true);
    console.log(`    → ${(err as Error).message}`);
    expect((err as Error).message).toContain(`${out} kon niet worden vervangen`);
    expect(snapshot(outParent)).toEqual(before);
    expect(storeEntries(path.join(work, '.cache/data-build'))).toEqual([path.basename(fs.readlinkSync(out))]);
  });
});
