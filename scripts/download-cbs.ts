// npm run data:download — fetch the CBS tables named in data/cbs-tables.json through the CBS OData
// v3 API, for NL, the G4 gemeenten and Rotterdam's wijken and buurten, into a local source folder:
//
//   <out>/cbs_odata/<tabel>/TableInfos.json      metadata (bare JSON arrays, as CBS's "value")
//                          DataProperties.json  Key → Title, Unit, Datatype, TopicGroup
//                          <Dimensie>.json      one per dimension (WijkenEnBuurten only for the
//                                               areas we keep; Leeftijd, Marges, Perioden complete)
//                          TypedDataSet.json    all rows, pages merged
//                          download.json        source, years, urls, time, row counts, filter
//   <out>/cbs_odata/.partial/<tabel>/           pages already fetched, while a table is incomplete
//
// A table folder appears only when the table is complete (written to a temp folder, then renamed);
// a failed run leaves the previous folder as it was and the fetched pages in .partial for a rerun.
// Options: --out DIR (default .cache/opendata-cbs), --base URL, --tables 85984NED,50090NED,
// --force (download even when CBS's Modified date is unchanged), --timeout SECONDS, --attempts N.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CbsOdataClient, CbsOdataError, CbsOfflineError, writeJsonAtomic, type ClientOptions } from './cbs-odata-client.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_FILE = path.join(ROOT, 'data/cbs-tables.json');
export const DEFAULT_OUT = path.join(ROOT, '.cache/opendata-cbs');
/** Folder under --out, and under the source folder the loader reads. */
export const CBS_ODATA_SUBDIR = 'cbs_odata';
const PARTIAL = '.partial';

export interface SourceConfig {
  title: string;
  geoDimension: string;
  tables: Record<string, string>;
  /** Per non-geo, non-time dimension: the codes to keep → label used in variable names. */
  dimensions?: Record<string, Record<string, string>>;
}

export interface CbsTablesConfig {
  baseUrl: string;
  areas: { land: boolean; gemeenten: string[]; wijkenEnBuurtenVan: string[] };
  sources: Record<string, SourceConfig>;
}

/** One table to download; 50090NED is one table for three years. */
export interface TablePlan {
  table: string;
  source: string;
  years: number[];
  geoDimension: string;
  dimensions: Record<string, Record<string, string>>;
}

function fail(msg: string, file = CONFIG_FILE): never {
  throw new Error(`${path.relative(ROOT, file)}: ${msg}`);
}

/** Read and check data/cbs-tables.json. */
export function readTablesConfig(file = CONFIG_FILE): CbsTablesConfig {
  let cfg: CbsTablesConfig;
  try {
    cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as CbsTablesConfig;
  } catch (e) {
    fail(`niet te lezen: ${(e as Error).message}`, file);
  }
  if (typeof cfg.baseUrl !== 'string') fail('baseUrl ontbreekt', file);
  const a = cfg.areas;
  if (!a || typeof a.land !== 'boolean' || !Array.isArray(a.gemeenten) || !Array.isArray(a.wijkenEnBuurtenVan)) fail('areas onvolledig', file);
  for (const g of [...a.gemeenten, ...a.wijkenEnBuurtenVan]) if (!/^GM\d{4}$/.test(g)) fail(`geen gemeentecode: "${g}"`, file);
  if (!cfg.sources || typeof cfg.sources !== 'object') fail('sources ontbreekt', file);
  for (const [id, s] of Object.entries(cfg.sources)) {
    if (!s.geoDimension) fail(`${id}: geoDimension ontbreekt`, file);
    if (!s.tables || typeof s.tables !== 'object') fail(`${id}: tables ontbreekt`, file);
    for (const [y, t] of Object.entries(s.tables)) {
      if (!/^\d{4}$/.test(y)) fail(`${id}: jaar "${y}" is geen jaartal`, file);
      if (!/^[0-9A-Z]{5,8}$/.test(t)) fail(`${id} ${y}: "${t}" is geen CBS-tabelnummer`, file);
    }
  }
  return cfg;
}

/** The tables to fetch, optionally only those in `only`. A table named by two sources is an error. */
export function planTables(cfg: CbsTablesConfig, only?: string[]): TablePlan[] {
  const plans = new Map<string, TablePlan>();
  for (const [source, s] of Object.entries(cfg.sources)) {
    for (const [y, table] of Object.entries(s.tables)) {
      const p = plans.get(table);
      if (p && p.source !== source) fail(`tabel ${table} staat bij twee bronnen (${p.source} en ${source})`);
      if (p) p.years.push(Number(y));
      else plans.set(table, { table, source, years: [Number(y)], geoDimension: s.geoDimension, dimensions: s.dimensions ?? {} });
    }
  }
  if (only) {
    const unknown = only.filter((t) => !plans.has(t));
    if (unknown.length) throw new Error(`onbekende tabel(len) in --tables: ${unknown.join(', ')}; bekend: ${[...plans.keys()].join(', ')}`);
  }
  return [...plans.values()].filter((p) => !only || only.includes(p.table)).map((p) => ({ ...p, years: p.years.sort() }));
}

/** True for a trimmed geo key we keep: NLnn, a configured gemeente, or a wijk/buurt of wijkenEnBuurtenVan. */
export function keptGeoKey(code: string, areas: CbsTablesConfig['areas']): boolean {
  if (areas.land && /^NL\d{2}$/.test(code)) return true;
  if (areas.gemeenten.includes(code)) return true;
  return areas.wijkenEnBuurtenVan.some((g) => new RegExp(`^(WK${g.slice(2)}\\d{2}|BU${g.slice(2)}\\d{4})$`).test(code));
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const anyOf = (terms: string[]) => (terms.length === 1 ? terms[0]! : `(${terms.join(' or ')})`);

interface DataProperty {
  Key: string;
  Type: string;
  Title?: string;
}

const DIMENSION_TYPES = new Set(['Dimension', 'TimeDimension', 'GeoDimension', 'GeoDetail']);

export interface TableResult {
  table: string;
  status: 'gedownload' | 'ongewijzigd';
  rows: number;
  requests: number;
  resumedPages: number;
  seconds: number;
}

export interface DownloadOptions extends ClientOptions {
  outDir: string;
  config: CbsTablesConfig;
  only?: string[];
  force?: boolean;
  log?: (line: string) => void;
  /** Injected for tests: the clock for download.json. */
  now?: () => Date;
}

function dimensionEntries(rows: unknown[], file: string): { Key: string; Title?: string }[] {
  return rows.map((r, i) => {
    const key = (r as { Key?: unknown }).Key;
    if (typeof key !== 'string') throw new CbsOdataError(`${file}: rij ${i + 1} heeft geen Key`);
    return r as { Key: string; Title?: string };
  });
}

/** Download one table (see the file header for the layout). */
export async function downloadTable(client: CbsOdataClient, plan: TablePlan, opts: DownloadOptions): Promise<TableResult> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const root = path.join(path.resolve(opts.outDir), CBS_ODATA_SUBDIR);
  const finalDir = path.join(root, plan.table);
  const partialDir = path.join(root, PARTIAL, plan.table);
  const { areas } = opts.config;
  let requests = 0;
  let resumedPages = 0;
  const collect = async (endpoint: string, query: Record<string, string> = {}) => {
    const r = await client.getCollection(client.url(plan.table, endpoint, query), { pageDir: partialDir, name: endpoint });
    requests += r.pages - r.resumedPages;
    resumedPages += r.resumedPages;
    return r;
  };

  // 1. TableInfos, always fresh: its Modified date says whether CBS changed the table.
  const infosUrl = client.url(plan.table, 'TableInfos');
  const infos = (await client.getPage(infosUrl)).rows;
  requests++;
  const info = infos[0] as { Identifier?: string; Modified?: string; Period?: string; Title?: string } | undefined;
  if (!info) throw new CbsOdataError(`${plan.table}: TableInfos is leeg`, infosUrl);
  if (info.Identifier && info.Identifier !== plan.table) {
    throw new CbsOdataError(`${plan.table}: TableInfos noemt tabel ${info.Identifier}`, infosUrl);
  }
  const modified = info.Modified ?? null;

  const doneFile = path.join(finalDir, 'download.json');
  if (!opts.force && modified && fs.existsSync(doneFile)) {
    const done = JSON.parse(fs.readFileSync(doneFile, 'utf8')) as { modified?: string; rows?: { TypedDataSet?: number } };
    if (done.modified === modified) {
      return { table: plan.table, status: 'ongewijzigd', rows: done.rows?.TypedDataSet ?? 0, requests, resumedPages: 0, seconds: (performance.now() - t0) / 1000 };
    }
  }

  // 2. Pages of an earlier, interrupted run count only for the same table version and request plan.
  const state = { table: plan.table, baseUrl: client.baseUrl, modified, plan, areas };
  const stateFile = path.join(partialDir, 'state.json');
  if (fs.existsSync(stateFile)) {
    let same = false;
    try {
      same = JSON.stringify(JSON.parse(fs.readFileSync(stateFile, 'utf8'))) === JSON.stringify(state);
    } catch {
      same = false;
    }
    if (!same) {
      log(`  ${plan.table}: eerder begonnen download hoort bij een andere tabelversie of selectie; opnieuw`);
      fs.rmSync(partialDir, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(partialDir, { recursive: true });
  writeJsonAtomic(stateFile, state);

  // 3. DataProperties and dimensions.
  const props = (await collect('DataProperties')).rows as DataProperty[];
  const dims = props.filter((p) => DIMENSION_TYPES.has(p.Type));
  if (!dims.some((d) => d.Key === plan.geoDimension)) {
    throw new CbsOdataError(`${plan.table}: geo-dimensie ${plan.geoDimension} staat niet in DataProperties`);
  }
  const filterParts: string[] = [];
  const dimFiles: Record<string, unknown[]> = {};
  const dimRows: Record<string, number> = {};
  for (const d of dims) {
    const entries = dimensionEntries((await collect(d.Key)).rows, `${plan.table}/${d.Key}`);
    dimRows[d.Key] = entries.length;
    if (d.Key === plan.geoDimension) {
      const kept = entries.filter((e) => keptGeoKey(e.Key.trim(), areas));
      const codes = new Set(kept.map((e) => e.Key.trim()));
      const missing = [...areas.gemeenten.filter((g) => !codes.has(g))];
      if (areas.land && ![...codes].some((c) => c.startsWith('NL'))) missing.push('NL');
      for (const g of areas.wijkenEnBuurtenVan) if (![...codes].some((c) => c.startsWith(`BU${g.slice(2)}`))) missing.push(`buurten van ${g}`);
      if (missing.length) throw new CbsOdataError(`${plan.table}: ${d.Key} mist ${missing.join(', ')}`);
      dimFiles[d.Key] = kept;
      // Exact keys (CBS pads them: 'GM0599    ') for land and gemeenten, a substring for wijken/buurten.
      const exact = kept.filter((e) => /^(NL|GM)/.test(e.Key.trim())).map((e) => `${d.Key} eq ${quote(e.Key)}`);
      const prefixes = areas.wijkenEnBuurtenVan.flatMap((g) => [`WK${g.slice(2)}`, `BU${g.slice(2)}`]).map((p) => `substringof(${quote(p)},${d.Key})`);
      filterParts.push(anyOf([...exact, ...prefixes]));
      continue;
    }
    dimFiles[d.Key] = entries;
    let wanted: string[];
    if (d.Type === 'TimeDimension') wanted = plan.years.map((y) => `${y}JJ00`);
    else {
      const conf = plan.dimensions[d.Key];
      if (!conf) {
        throw new CbsOdataError(
          `${plan.table}: dimensie ${d.Key} staat niet in data/cbs-tables.json (sources.${plan.source}.dimensions); kies daar de codes`,
        );
      }
      wanted = Object.keys(conf);
    }
    const keys = wanted.map((w) => {
      const hit = entries.find((e) => e.Key.trim() === w);
      if (!hit) throw new CbsOdataError(`${plan.table}: ${d.Key} heeft geen code ${w} (wel: ${entries.slice(0, 12).map((e) => e.Key.trim()).join(', ')}…)`);
      return hit.Key;
    });
    filterParts.push(anyOf(keys.map((k) => `${d.Key} eq ${quote(k)}`)));
  }
  for (const k of Object.keys(plan.dimensions)) {
    if (!dims.some((d) => d.Key === k)) throw new CbsOdataError(`${plan.table}: dimensie ${k} uit data/cbs-tables.json bestaat niet in deze tabel`);
  }
  if (!dims.some((d) => d.Type === 'TimeDimension') && plan.years.length === 1 && info.Period && !new RegExp(`\\b${plan.years[0]}\\b`).test(info.Period)) {
    throw new CbsOdataError(`${plan.table}: data/cbs-tables.json zegt ${plan.years[0]}, maar TableInfos.Period is "${info.Period}"`);
  }

  // 4. The data.
  const filter = filterParts.join(' and ');
  const data = await collect('TypedDataSet', { $filter: filter });
  const rows = data.rows;
  const geoCodes = new Set(rows.map((r) => String((r as Record<string, unknown>)[plan.geoDimension] ?? '').trim()));
  for (const g of areas.gemeenten) if (!geoCodes.has(g)) throw new CbsOdataError(`${plan.table}: TypedDataSet bevat geen rij voor ${g}`);

  // 5. Write the complete table to a temp folder, then swap it in.
  const tmp = path.join(root, `.tmp-${plan.table}-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const write = (name: string, v: unknown) => fs.writeFileSync(path.join(tmp, name), JSON.stringify(v, null, 1));
    write('TableInfos.json', infos);
    write('DataProperties.json', props);
    for (const [k, v] of Object.entries(dimFiles)) write(`${k}.json`, v);
    write('TypedDataSet.json', rows);
    const now = (opts.now ?? (() => new Date()))();
    write('download.json', {
      table: plan.table,
      source: plan.source,
      years: plan.years,
      title: info.Title ?? null,
      modified,
      baseUrl: client.baseUrl,
      downloadedAt: now.toISOString(),
      seconds: Math.round((performance.now() - t0)) / 1000,
      geoDimension: plan.geoDimension,
      dimensions: plan.dimensions,
      areas,
      filter,
      urls: { TableInfos: infosUrl, TypedDataSet: data.urls },
      rows: { TypedDataSet: rows.length, DataProperties: props.length, ...Object.fromEntries(Object.entries(dimFiles).map(([k, v]) => [k, v.length])) },
      dimensionRowsAtCbs: dimRows,
      pages: data.pages,
      requests,
      resumedPages,
    });
    const old = path.join(root, `.old-${plan.table}-${process.pid}`);
    if (fs.existsSync(finalDir)) fs.renameSync(finalDir, old);
    fs.renameSync(tmp, finalDir);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  fs.rmSync(partialDir, { recursive: true, force: true });
  if (fs.existsSync(path.join(root, PARTIAL)) && fs.readdirSync(path.join(root, PARTIAL)).length === 0) fs.rmdirSync(path.join(root, PARTIAL));
  return { table: plan.table, status: 'gedownload', rows: rows.length, requests, resumedPages, seconds: (performance.now() - t0) / 1000 };
}

export interface DownloadReport {
  results: TableResult[];
  failures: { table: string; message: string }[];
  seconds: number;
}

/**
 * Download every planned table, one after the other (CBS asks for restraint). A failing table is
 * reported and the next one tried; being offline stops everything at once.
 */
export async function downloadTables(opts: DownloadOptions): Promise<DownloadReport> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const client = new CbsOdataClient({ ...opts, baseUrl: opts.baseUrl ?? opts.config.baseUrl, log });
  const results: TableResult[] = [];
  const failures: { table: string; message: string }[] = [];
  for (const plan of planTables(opts.config, opts.only)) {
    const label = `${plan.table} (${plan.source} ${plan.years.join(', ')})`;
    try {
      const r = await downloadTable(client, plan, opts);
      results.push(r);
      const extra = r.resumedPages ? `, ${r.resumedPages} pagina's hervat` : '';
      log(`  ${label.padEnd(36)} ${r.status === 'ongewijzigd' ? 'ongewijzigd bij CBS, overgeslagen' : `${r.rows} rijen, ${r.requests} verzoeken${extra}`}  ${r.seconds.toFixed(1)} s`);
    } catch (e) {
      if (e instanceof CbsOfflineError) throw e;
      const message = (e as Error).message;
      failures.push({ table: plan.table, message });
      log(`  ${label.padEnd(36)} MISLUKT: ${message}`);
    }
  }
  return { results, failures, seconds: (performance.now() - t0) / 1000 };
}

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const known = new Set(['--out', '--base', '--tables', '--force', '--timeout', '--attempts']);
  const bad = argv.filter((a) => a.startsWith('--') && !known.has(a.split('=')[0]!));
  if (bad.length) {
    console.error(`Onbekende optie(s): ${bad.join(' ')}. Gebruik: npm run data:download -- [--out MAP] [--base URL] [--tables 85984NED,…] [--force] [--timeout SECONDEN] [--attempts N]`);
    process.exit(2);
  }
  let config: CbsTablesConfig;
  try {
    config = readTablesConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const outDir = path.resolve(argValue(argv, '--out') ?? DEFAULT_OUT);
  const only = argValue(argv, '--tables')?.split(',').map((s) => s.trim()).filter(Boolean);
  const timeout = argValue(argv, '--timeout');
  const attempts = argValue(argv, '--attempts');
  const baseUrl = argValue(argv, '--base') ?? config.baseUrl;
  const usage = [
    timeout !== undefined && !(Number(timeout) > 0) ? `--timeout "${timeout}" is geen positief aantal seconden` : '',
    attempts !== undefined && !(Number.isInteger(Number(attempts)) && Number(attempts) >= 1) ? `--attempts "${attempts}" is geen geheel getal ≥ 1` : '',
    !/^https?:\/\//.test(baseUrl) ? `--base "${baseUrl}" is geen http(s)-URL` : '',
  ].filter(Boolean);
  try {
    planTables(config, only);
  } catch (e) {
    usage.push((e as Error).message);
  }
  if (usage.length) {
    console.error(usage.join('\n'));
    process.exit(2);
  }
  console.log(`CBS OData: ${baseUrl} → ${path.join(outDir, CBS_ODATA_SUBDIR)}`);
  try {
    const r = await downloadTables({
      outDir,
      config,
      only,
      force: argv.includes('--force'),
      baseUrl,
      timeoutMs: timeout ? Number(timeout) * 1000 : undefined,
      maxAttempts: attempts ? Number(attempts) : undefined,
      log: (l) => console.log(l),
    });
    const rows = r.results.reduce((s, x) => s + x.rows, 0);
    console.log(`Klaar in ${r.seconds.toFixed(1)} s: ${r.results.length} tabel(len), ${rows} rijen.`);
    if (r.failures.length) {
      console.error(`Mislukt: ${r.failures.map((f) => f.table).join(', ')}. Opgehaalde pagina's staan in ${path.join(outDir, CBS_ODATA_SUBDIR, PARTIAL)}; opnieuw starten gaat verder waar het stopte.`);
      process.exit(1);
    }
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
