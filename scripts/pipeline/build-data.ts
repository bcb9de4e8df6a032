// npm run data: open data in ../shared/opendata (or --source / OPENDATA_DIR) → public/data/
// (Parquet + boundaries + manifest). Every source file must be complete (scripts/pipeline/completeness.ts).
// The output is written as a new version in .cache/data-build/ and published with one atomic swap
// of the public/data link (scripts/pipeline/publish.ts): a failed build leaves the previous output untouched.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue, factorOf, type Catalogue } from '../../src/lib/catalogue';
import type { Area, Observation } from '../../src/lib/model';
import { levelOf, parentOf } from '../../src/lib/model';
import { NodeDb } from '../../src/server/duckdb-node';
import { viewSql } from '../../src/lib/db';
import { scoresSql } from '../../src/lib/queries';
import { BOUNDARY_YEAR, buildBoundaries } from './boundaries';
import { addMissingTotals, checkVariables, deriveAll, SUMMED_NOTE, usedVariables, ValueIndex } from './derive';
import { derivedSummary, logDerived } from './derived-summary';
import { checkCompleteness, wijkCodesOf, type Expected } from './completeness';
import { defaultStoreDir, Publication, PublishError, type PublishStep } from './publish';
import { resolveSourceDir } from './source-dir';
import type { Loader, LoadResult, SourceArea, SourceValue } from './sources/types';
import { LOADERS } from './sources/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Deviation of the buurt sum from the gemeente total we accept: buurt figures are rounded to 5
 * (≤ 92 × 2,5 = 230 persons) and some persons have no buurt; 0,1% (~650 persons) still catches
 * a lost residential wijk. */
export const INHABITANT_TOLERANCE = 0.001;

/** A loader as the build runs it; tests may pass just a name and a load function. */
export type BuildLoader = Pick<Loader, 'name' | 'load'> & Partial<Pick<Loader, 'fillsGaps'>>;

const sourceYear = (x: { source: string; year: number }) => `${x.source} ${x.year}`;

/** A gap filler's result without the (source, year) pairs another loader already gave. */
export function onlyGaps(r: LoadResult, given: ReadonlySet<string>): LoadResult {
  return { ...r, values: r.values.filter((v) => !given.has(sourceYear(v))), areas: r.areas.filter((a) => !given.has(sourceYear(a))) };
}

/**
 * The (source, year) pairs data/indicators.json lists under `sources.<id>.tables` that no loader
 * gave: most often a year's file that is missing (loaders find their years in the files present).
 * Each names where such a file belongs, from the registry.
 */
export function missingSourceYears(cat: Catalogue, given: ReadonlySet<string>, registry: readonly Loader[] = LOADERS): string[] {
  const out: string[] = [];
  for (const [id, src] of Object.entries(cat.sources)) {
    for (const year of Object.keys(src.tables)) {
      if (given.has(`${id} ${year}`)) continue;
      const places = registry.filter((l) => !l.fillsGaps && l.sources.includes(id)).flatMap((l) => l.files.filter((f) => f.includes('*')).map((f) => `${l.folder}/${f}`));
      const download = registry.some((l) => l.fillsGaps && l.sources.includes(id));
      const where = [...places, ...(download ? ['een download (npm run data:download)'] : [])];
      out.push(`${id} ${year} (sources.${id}.tables)${where.length ? `: hoort in ${where.join(', ')}` : ''}`);
    }
  }
  return out;
}

/** 'kwb 2014–2018, 2023' for a log line: per source its years, runs of consecutive years joined. */
export function describeYears(values: readonly { source: string; year: number }[]): string {
  const bySource = new Map<string, Set<number>>();
  for (const v of values) bySource.set(v.source, (bySource.get(v.source) ?? new Set()).add(v.year));
  return [...bySource].map(([source, ys]) => {
    const runs: [number, number][] = [];
    for (const y of [...ys].sort()) {
      const last = runs.at(-1);
      if (last && y === last[1] + 1) last[1] = y;
      else runs.push([y, y]);
    }
    return `${source} ${runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ')}`;
  }).join('; ');
}

export interface BuildOptions {
  sourceDir: string;
  /** The published path (public/data), a link to the current version. */
  outDir: string;
  /** Where versions are kept (default: .cache/data-build beside the folder holding outDir). */
  storeDir?: string;
  log?: (line: string) => void;
  /** Instead of the registry (sources/index.ts), for tests. */
  loaders?: readonly BuildLoader[];
  /** For tests: called before each publishing step. */
  beforeStep?: (step: PublishStep) => void;
}

export interface BuildReport {
  seconds: number;
  rows: Record<string, number>;
  coverage: string;
  inhabitantChecks: string[];
  unmapped: string[];
  /** Leftovers that could not be removed (the build itself succeeded). */
  warnings: string[];
}

/** Areas from CBS KWB (names of the latest year), plus Rotterdam-Zuid. */
export function buildAreas(sourceAreas: SourceArea[], cat: Catalogue): Area[] {
  const byCode = new Map<string, Area & { nameYear: number }>();
  for (const a of sourceAreas) {
    if (a.source !== 'kwb') continue;
    const known = byCode.get(a.code);
    if (!known) {
      byCode.set(a.code, { code: a.code, name: a.name, level: levelOf(a.code), parent: parentOf(a.code), years: [a.year], nameYear: a.year });
      continue;
    }
    if (!known.years.includes(a.year)) known.years.push(a.year);
    if (a.year > known.nameYear) Object.assign(known, { name: a.name, nameYear: a.year });
  }
  const areas: Area[] = [...byCode.values()].map(({ nameYear: _, ...a }) => ({ ...a, years: a.years.sort() }));
  const zuidYears = [...new Set(cat.zuid.gebieden.flatMap((c) => byCode.get(c)?.years ?? []))].sort();
  areas.push({ code: cat.zuid.code, name: cat.zuid.name, level: 'stadsdeel', parent: 'GM0599', years: zuidYears });
  return areas.sort((a, b) => a.code.localeCompare(b.code));
}

/** Sum of wijk (CBS buurt) inhabitants vs the gemeente total, per year. Throws beyond tolerance. */
export function checkInhabitants(obs: Observation[], log: (s: string) => void): string[] {
  const lines: string[] = [];
  const years = [...new Set(obs.filter((o) => o.indicator === 'inwoners').map((o) => o.year))].sort();
  for (const year of years) {
    const rows = obs.filter((o) => o.indicator === 'inwoners' && o.year === year && o.status === 'ok');
    // A gemeente total that is itself the sum of the wijken checks nothing.
    const gm = rows.find((o) => o.area === 'GM0599' && o.note !== SUMMED_NOTE)?.value;
    const buurten = rows.filter((o) => o.area.startsWith('BU0599'));
    if (!buurten.length) continue;
    const sum = buurten.reduce((s, o) => s + o.value!, 0);
    if (gm === undefined || gm === null) {
      lines.push(`${year}: ${buurten.length} wijken samen ${sum}, geen gemeentetotaal`);
      continue;
    }
    const dev = (sum - gm) / gm;
    const line = `${year}: som van ${buurten.length} wijken ${sum} vs gemeente ${gm}: ${sum - gm} (${(dev * 100).toFixed(3)}%)`;
    lines.push(line);
    if (Math.abs(dev) > INHABITANT_TOLERANCE) throw new Error(`Inwonerscontrole mislukt: ${line}, tolerantie ${INHABITANT_TOLERANCE * 100}%`);
  }
  lines.forEach((l) => log(`  ${l}`));
  return lines;
}

/** Indicators × years: how many Rotterdam wijken (CBS buurten) and gebieden have a value. */
export function coverageTable(obs: Observation[], cat: Catalogue): string {
  const years = [...new Set(obs.map((o) => o.year))].sort();
  const count = new Map<string, [number, number]>();
  for (const o of obs) {
    if (o.status !== 'ok') continue;
    const k = `${o.indicator}|${o.year}`;
    const c = count.get(k) ?? [0, 0];
    if (o.area.startsWith('BU')) c[0]++;
    else if (o.area.startsWith('WK')) c[1]++;
    count.set(k, c);
  }
  const head = ['indicator'.padEnd(22), ...years.map((y) => String(y).padStart(7))].join(' ');
  const lines = cat.indicators.map((ind) =>
    [ind.id.padEnd(22), ...years.map((y) => {
      const c = count.get(`${ind.id}|${y}`);
      return (c ? `${c[0]}/${c[1]}` : '').padStart(7);
    })].join(' '),
  );
  return [`Dekking: aantal wijken/gebieden met een waarde`, head, ...lines].join('\n');
}

function duplicateCheck(obs: Observation[]): void {
  const seen = new Set<string>();
  for (const o of obs) {
    const k = `${o.area}|${o.indicator}|${o.year}`;
    if (seen.has(k)) throw new Error(`Dubbele sleutel in observaties: ${k}`);
    seen.add(k);
  }
}

/** Rows per write of the NDJSON file: one string for all rows passes V8's string limit (~512 MB) at scale. */
const NDJSON_CHUNK = 10_000;

async function writeTable(db: NodeDb, dir: string, name: string, rows: object[], columns: Record<string, string>): Promise<void> {
  const json = path.join(dir, `${name}.ndjson`);
  const fd = fs.openSync(json, 'w');
  try {
    for (let i = 0; i < rows.length; i += NDJSON_CHUNK) {
      fs.writeSync(fd, rows.slice(i, i + NDJSON_CHUNK).map((r) => JSON.stringify(r) + '\n').join(''));
    }
  } finally {
    fs.closeSync(fd);
  }
  const cols = Object.entries(columns).map(([k, t]) => `'${k}': '${t}'`).join(', ');
  await db.run(
    `COPY (SELECT * FROM read_json('${json}', format = 'newline_delimited', columns = {${cols}})) ` +
      `TO '${path.join(dir, `${name}.parquet`)}' (FORMAT PARQUET, COMPRESSION ZSTD)`,
  );
  fs.rmSync(json);
}

/** Build into a new version and publish it; on any failure the previous output stays as it was. */
export async function buildData(opts: BuildOptions): Promise<BuildReport> {
  const log = opts.log ?? console.log;
  const pub = Publication.begin({ outDir: opts.outDir, storeDir: opts.storeDir ?? defaultStoreDir(opts.outDir), log, beforeStep: opts.beforeStep });
  try {
    const report = await buildInto(pub.dir, opts, log);
    const { warnings } = pub.commit();
    warnings.forEach((w) => log(`  waarschuwing: ${w}`));
    return { ...report, warnings };
  } catch (e) {
    pub.abort();
    throw e;
  }
}

interface Loaded {
  values: SourceValue[];
  sourceAreas: SourceArea[];
  files: string[];
  unmapped: string[];
  expected: Expected[];
  /** The (source, year) pairs of every value a loader gave, also of variables the build does not read. */
  present: Set<string>;
}

/** Every loader's output, of the variables the build reads (derive.ts usedVariables). */
async function loadSources(opts: BuildOptions, log: (line: string) => void): Promise<Loaded> {
  const used = usedVariables(catalogue);
  const out: Loaded = { values: [], sourceAreas: [], files: [], unmapped: [], expected: [], present: new Set() };
  // Gap fillers (downloads) run last and keep only the (source, year) pairs no other loader gave.
  const given = new Set<string>();
  const loaders = [...(opts.loaders ?? LOADERS)].sort((a, b) => Number(!!a.fillsGaps) - Number(!!b.fillsGaps));
  for (const loader of loaders) {
    const t = performance.now();
    let r = await loader.load(opts.sourceDir);
    if (loader.fillsGaps) r = onlyGaps(r, given);
    else for (const v of r.values) given.add(sourceYear(v));
    // A loop, not push(...xs): spreading a few hundred thousand values overflows the call stack
    // (npm run bench -- --scale hit it at 10× the areas). Only the variables the build reads are
    // kept; the (source, year) pairs of all of them are checked (missingSourceYears).
    for (const v of r.values) {
      out.present.add(sourceYear(v));
      if (used.has(`${v.source}|${v.variable}`)) out.values.push(v);
    }
    for (const a of r.areas) out.sourceAreas.push(a);
    out.files.push(...r.files);
    out.expected.push(...(r.expected ?? []));
    for (const u of (r as { unmapped?: { wijknr: number; naam: string }[] }).unmapped ?? []) out.unmapped.push(`${u.wijknr} ${u.naam}`);
    log(`  ${loader.name.padEnd(16)} ${(describeYears(r.values) || '-').padEnd(36)} ${String(r.values.length).padStart(7)} waarden  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (out.unmapped.length) log(`  Wijkprofiel: niet gekoppeld aan een CBS-code: ${out.unmapped.join(', ')}`);
  else log('  Wijkprofiel: alle rijen gekoppeld aan CBS-codes');
  return out;
}

/**
 * Checks and observations from the loaded sources. A function of its own so that the source values
 * and their index are garbage once it returns, before the Parquet is written (at 100× the areas
 * they are over a gigabyte).
 */
function deriveFromSources(loaded: Loaded, log: (line: string) => void) {
  const { values, sourceAreas, expected, present } = loaded;
  checkCompleteness(expected);
  log(`  Volledigheid: ${expected.length} bestanden/jaren hebben alle verwachte gebieden`);

  // Sums of wijken need every wijk of the year: from data/cbs-indeling.json, else the KWB file of
  // that year. Once per year, not per summed variable: the areas list grows with the areas.
  const wijkenByYear = new Map<number, readonly string[] | undefined>();
  const wijkenOf = (year: number) => {
    if (!wijkenByYear.has(year)) {
      const kwb = wijkCodesOf(year) ? [] : sourceAreas.filter((a) => a.source === 'kwb' && a.year === year && a.code.startsWith('BU0599')).map((a) => a.code);
      wijkenByYear.set(year, wijkCodesOf(year) ?? (kwb.length ? kwb : undefined));
    }
    return wijkenByYear.get(year);
  };
  const absent = missingSourceYears(catalogue, present);
  if (absent.length) throw new Error(`Geen bronbestand levert wat data/indicators.json noemt:\n  ${absent.join('\n  ')}`);
  const index = new ValueIndex(addMissingTotals(catalogue, values, wijkenOf));
  const problems = checkVariables(catalogue, index);
  if (problems.length) throw new Error(`De catalogus verwijst naar variabelen die de bron niet heeft:\n  ${problems.join('\n  ')}`);

  const areas = buildAreas(sourceAreas, catalogue);
  const areaMap = new Map(areas.map((a) => [a.code, a]));
  const derived = deriveAll(catalogue, index, areaMap);
  return { areas, areaMap, derived, files: loaded.files, unmapped: loaded.unmapped };
}

async function buildInto(tmp: string, opts: BuildOptions, log: (line: string) => void): Promise<Omit<BuildReport, 'warnings'>> {
  const t0 = performance.now();
  // Time and memory per step in the log, so growth (npm run bench -- --scale) shows where it goes.
  let tStep = t0;
  const steps: string[] = [];
  const step = (name: string) => {
    const now = performance.now();
    steps.push(`${name} ${((now - tStep) / 1000).toFixed(1)} s (${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`);
    tStep = now;
  };
  // One expression, no variable: nothing here holds the loaded values once derived.
  const { areas, areaMap, derived, files, unmapped } = deriveFromSources(await loadSources(opts, log).finally(() => step('laden')), log);
  const obs = derived.observations;
  duplicateCheck(obs);
  const summary = derivedSummary(catalogue, derived, areaMap);
  logDerived(summary, log);
  log('Inwonerscontrole (som van de wijken tegen het gemeentetotaal):');
  const inhabitantChecks = checkInhabitants(obs, log);
  const coverage = coverageTable(obs, catalogue);
  log(coverage);
  step('afleiden');

  const db = await NodeDb.open();
  await writeTable(db, tmp, 'areas', areas, { code: 'VARCHAR', name: 'VARCHAR', level: 'VARCHAR', parent: 'VARCHAR', years: 'INTEGER[]' });
  await writeTable(db, tmp, 'observations', obs, {
    area: 'VARCHAR', indicator: 'VARCHAR', year: 'INTEGER', source: 'VARCHAR', value: 'DOUBLE', status: 'VARCHAR', note: 'VARCHAR', unit: 'VARCHAR',
  });
  const indicatorRows = catalogue.indicators.map((i) => {
    const f = factorOf(i.id);
    return { id: i.id, label: i.label, unit: i.unit, format: i.format, scale: i.scale, direction: i.direction, domain: i.domain, goal: f?.goal.id ?? null, factor: f?.factor.id ?? null, model: !!i.model };
  });
  await writeTable(db, tmp, 'indicators', indicatorRows, {
    id: 'VARCHAR', label: 'VARCHAR', unit: 'VARCHAR', format: 'VARCHAR', scale: 'VARCHAR', direction: 'VARCHAR', domain: 'VARCHAR', goal: 'VARCHAR', factor: 'VARCHAR', model: 'BOOLEAN',
  });
  // Scores and ranks: the same SQL for every page and the browser, run once here.
  for (const sql of viewSql((t) => path.join(tmp, `${t}.parquet`), 'VIEW', ['areas', 'observations', 'indicators'])) await db.run(sql);
  await db.run(`COPY (${scoresSql()}) TO '${path.join(tmp, 'scores.parquet')}' (FORMAT PARQUET, COMPRESSION ZSTD)`);
  const scoreRows = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM read_parquet('${path.join(tmp, 'scores.parquet')}')`))[0].n;
  db.close();
  step('Parquet en scores');
  const { topo, counts } = buildBoundaries(opts.sourceDir);
  fs.writeFileSync(path.join(tmp, 'boundaries.json'), JSON.stringify(topo));
  log(`  Grenzen: ${counts.gebied} gebieden, ${counts.wijk} wijken`);
  step('grenzen');
  log(`  Tijd per stap: ${steps.join(', ')}`);

  const rows = { areas: areas.length, observations: obs.length, indicators: indicatorRows.length, scores: scoreRows };
  const manifest = {
    builtAt: new Date().toISOString(),
    files: [...Object.keys(rows).map((t) => `${t}.parquet`), 'boundaries.json'],
    rows,
    years: [...new Set(obs.map((o) => o.year))].sort(),
    minInwoners: catalogue.minInwoners,
    boundaries: { year: BOUNDARY_YEAR, source: `CBS, Wijk- en buurtkaart ${BOUNDARY_YEAR}` },
    sources: Object.entries(catalogue.sources).map(([id, s]) => ({ id, publisher: s.publisher, title: s.title, tables: s.tables, licence: s.licence })),
    inputs: [...new Set(files)].sort(),
    inhabitantChecks,
    derived: summary,
    seconds: (performance.now() - t0) / 1000,
  };
  fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, rows, coverage, inhabitantChecks, unmapped };
}

async function main(): Promise<void> {
  let sourceDir: string;
  try {
    sourceDir = resolveSourceDir();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  console.log(`Databuild uit ${sourceDir}`);
  try {
    const r = await buildData({ sourceDir, outDir: path.join(ROOT, 'public/data') });
    console.log(`Klaar in ${r.seconds.toFixed(1)} s: ${Object.entries(r.rows).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } catch (e) {
    // Every failure before the swap leaves the previous output in place; a PublishError says itself.
    const unchanged = !(e instanceof PublishError) || e.outputUnchanged;
    console.error(`Databuild mislukt${unchanged ? ', vorige uitvoer ongewijzigd' : ''}.\n${(e as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
