// npm run data:download — fetch the CBS tables named in data/cbs-tables.json from CBS's bulk OData
// v3 service (the Feed), for NL, the G4 gemeenten and Rotterdam's wijken and buurten, into a local
// source folder:
//
//   <out>/cbs_odata/<tabel>/TableInfos.json      metadata (bare JSON arrays, as CBS's "value")
//                          DataProperties.json  Key → Title, Unit, Datatype, TopicGroup
//                          <Dimensie>.json      one per dimension (WijkenEnBuurten only for the
//                                               areas we keep; Leeftijd, Marges, Perioden complete)
//                          TypedDataSet.json    all rows, pages merged (numbers; null = no figure)
//                          UntypedDataSet.json  the same rows as CBS's text, with the symbols
//                                               ('.', 'x', blank) that say why a figure is null
//                          download.json        source, years, urls, time, row counts, filter,
//                                               symbol → status, areas per level
//   <out>/cbs_odata/.partial/<tabel>/           pages already fetched, while a table is incomplete
//
// Each source names its service root and catalogue (StatLine: https://opendata.cbs.nl, catalogue
// CBS; RIVM: https://dataderden.cbs.nl, catalogue RIVM). Per root we read the catalogue
// (ODataCatalog/Tables) once and download only tables it lists; then per table TableInfos,
// DataProperties, the dimensions, TypedDataSet and UntypedDataSet, all from
// <root>/ODataFeed/odata/<tabel>/ (see scripts/cbs-odata-client.ts for why never ODataApi).
// A table folder appears only when the table is complete (written to a temp folder, then renamed);
// a failed run leaves the previous folder as it was and the fetched pages in .partial for a rerun.
// Options: --out DIR (default .cache/opendata-cbs), --base URL (one root for every source, for
// tests), --tables 85984NED,50090NED, --force (download even when CBS's Modified date is
// unchanged), --timeout SECONDS, --attempts N.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CATALOG_PATH,
  CbsOdataClient,
  CbsOdataError,
  CbsOfflineError,
  FEED_PATH,
  readableUrl,
  writeJsonAtomic,
  type ClientOptions,
} from './cbs-odata-client.ts';
import { parseLegend, STANDARD_LEGEND, statusOfSymbol, type NullStatus } from './cbs-symbols.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_FILE = path.join(ROOT, 'data/cbs-tables.json');
export const DEFAULT_OUT = path.join(ROOT, '.cache/opendata-cbs');
/** Folder under --out, and under the source folder the loader reads. */
export const CBS_ODATA_SUBDIR = 'cbs_odata';
const PARTIAL = '.partial';

export interface SourceConfig {
  title: string;
  /** Service root: https://opendata.cbs.nl (StatLine) or https://dataderden.cbs.nl (RIVM, Politie…). */
  baseUrl: string;
  /** The catalogue that must list the tables (ODataCatalog/Tables, field Catalog): CBS, RIVM… */
  catalog: string;
  geoDimension: string;
  tables: Record<string, string>;
  /** Per non-geo, non-time dimension: the codes to keep → label used in variable names. */
  dimensions?: Record<string, Record<string, string>>;
  /** Table → the later table that may replace it; named when the table leaves the catalogue. */
  successors?: Record<string, string>;
}

export interface CbsTablesConfig {
  areas: { land: boolean; gemeenten: string[]; wijkenEnBuurtenVan: string[] };
  sources: Record<string, SourceConfig>;
}

/** One table to download; 50090NED is one table for three years. */
export interface TablePlan {
  table: string;
  source: string;
  years: number[];
  baseUrl: string;
  catalog: string;
  geoDimension: string;
  dimensions: Record<string, Record<string, string>>;
  successor?: string;
}

/** CBS table numbers: digits and a language or series suffix (85984NED, 7196ENG, 80137ned, 37506wwm). */
const TABLE_ID = /^\d{4,6}[A-Za-z]{2,3}$/;

function fail(msg: string, file = CONFIG_FILE): never {
  throw new Error(`${path.relative(ROOT, file) || file}: ${msg}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A service root as the config and --base give it: http(s), no /ODataApi, /ODataFeed or /ODataCatalog. */
export function checkServiceRoot(url: unknown): string | undefined {
  if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(url)) return 'geen http(s)-URL';
  if (/\/odata(api|feed|catalog)\b/i.test(url)) return 'moet de wortel van de dienst zijn (bv. https://opendata.cbs.nl), zonder /ODataApi, /ODataFeed of /ODataCatalog';
  return undefined;
}

/** Read and check data/cbs-tables.json; every problem names the file and the field. */
export function readTablesConfig(file = CONFIG_FILE): CbsTablesConfig {
  let cfg: CbsTablesConfig;
  try {
    cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as CbsTablesConfig;
  } catch (e) {
    fail(`niet te lezen: ${(e as Error).message}`, file);
  }
  if (!isObject(cfg)) fail('geen JSON-object', file);
  if ('baseUrl' in cfg) fail('baseUrl hoort per bron (sources.<bron>.baseUrl), niet bovenaan', file);
  const a = cfg.areas;
  if (!isObject(a) || typeof a.land !== 'boolean' || !Array.isArray(a.gemeenten) || !Array.isArray(a.wijkenEnBuurtenVan)) fail('areas onvolledig (land, gemeenten, wijkenEnBuurtenVan)', file);
  for (const g of [...a.gemeenten, ...a.wijkenEnBuurtenVan]) if (typeof g !== 'string' || !/^GM\d{4}$/.test(g)) fail(`areas: geen gemeentecode: ${JSON.stringify(g)}`, file);
  if (!isObject(cfg.sources) || !Object.keys(cfg.sources).length) fail('sources ontbreekt of is leeg', file);
  for (const [id, s] of Object.entries(cfg.sources)) {
    if (!isObject(s)) fail(`sources.${id} is geen object`, file);
    const root = checkServiceRoot(s.baseUrl);
    if (root) fail(`sources.${id}.baseUrl ${JSON.stringify(s.baseUrl ?? null)}: ${root}`, file);
    if (typeof s.catalog !== 'string' || !s.catalog.trim()) fail(`sources.${id}.catalog ontbreekt (de catalogus van de tabellen, bv. CBS of RIVM)`, file);
    if (typeof s.geoDimension !== 'string' || !s.geoDimension) fail(`sources.${id}.geoDimension ontbreekt`, file);
    if (!isObject(s.tables) || !Object.keys(s.tables).length) fail(`sources.${id}.tables ontbreekt of is leeg`, file);
    for (const [y, t] of Object.entries(s.tables)) {
      if (!/^\d{4}$/.test(y)) fail(`sources.${id}.tables: jaar "${y}" is geen jaartal`, file);
      if (typeof t !== 'string' || !TABLE_ID.test(t)) fail(`sources.${id}.tables.${y}: ${JSON.stringify(t)} is geen CBS-tabelnummer`, file);
    }
    if (s.dimensions !== undefined) {
      if (!isObject(s.dimensions)) fail(`sources.${id}.dimensions is geen object`, file);
      for (const [d, codes] of Object.entries(s.dimensions)) {
        if (!isObject(codes) || !Object.keys(codes).length || !Object.values(codes).every((v) => typeof v === 'string' && v.trim())) {
          fail(`sources.${id}.dimensions.${d}: verwacht {code: label, …} met minstens één code`, file);
        }
      }
    }
    if (s.successors !== undefined) {
      if (!isObject(s.successors)) fail(`sources.${id}.successors is geen object`, file);
      for (const [t, next] of Object.entries(s.successors)) {
        if (!Object.values(s.tables).includes(t)) fail(`sources.${id}.successors: ${t} staat niet in sources.${id}.tables`, file);
        if (typeof next !== 'string' || !TABLE_ID.test(next)) fail(`sources.${id}.successors.${t}: ${JSON.stringify(next)} is geen CBS-tabelnummer`, file);
      }
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
      else {
        plans.set(table, {
          table, source, years: [Number(y)], baseUrl: s.baseUrl.replace(/\/+$/, ''), catalog: s.catalog, geoDimension: s.geoDimension,
          dimensions: s.dimensions ?? {}, ...(s.successors?.[table] ? { successor: s.successors[table] } : {}),
        });
      }
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
  Datatype?: string;
}

const DIMENSION_TYPES = new Set(['Dimension', 'TimeDimension', 'GeoDimension', 'GeoDetail']);
const NUMERIC = /^(Long|Double|Float|Decimal|Integer|Int32|Int64|Short|Byte)$/;

export interface TableResult {
  table: string;
  status: 'gedownload' | 'ongewijzigd';
  rows: number;
  /** Distinct area codes in TypedDataSet per level (NL, GM, WK, BU). */
  areaCounts?: Record<string, number>;
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

/** One entry of a catalogue (ODataCatalog/Tables), the fields we ask for. */
export interface CatalogEntry {
  Identifier: string;
  Catalog: string;
  Title?: string;
  Modified?: string;
  Period?: string;
}

export const CATALOG_FIELDS = 'Identifier,Catalog,Title,Modified,Period';

function dimensionEntries(rows: unknown[], file: string): { Key: string; Title?: string }[] {
  return rows.map((r, i) => {
    const key = (r as { Key?: unknown }).Key;
    if (typeof key !== 'string') throw new CbsOdataError(`${file}: rij ${i + 1} heeft geen Key`);
    return r as { Key: string; Title?: string };
  });
}

/** Level of a trimmed area code: NL, GM, WK, BU. */
function level(code: string): string {
  return code.slice(0, 2);
}

/**
 * For every null in TypedDataSet's numeric topics, the symbol the UntypedDataSet row with the same
 * ID has there, and that symbol's status from the table's legend. Throws when the two sets do
 * not match (a row missing, a number where Typed has null) or a symbol is not in the legend.
 */
export function nullSymbols(
  table: string,
  props: DataProperty[],
  typed: unknown[],
  untyped: unknown[],
  legend: Record<string, string>,
): { statuses: Record<string, NullStatus>; counts: Record<string, number> } {
  const numeric = props.filter((p) => p.Type === 'Topic' && NUMERIC.test(p.Datatype ?? '')).map((p) => p.Key);
  const byId = new Map<unknown, Record<string, unknown>>();
  for (const u of untyped as Record<string, unknown>[]) byId.set(u.ID, u);
  if (untyped.length !== typed.length) {
    throw new CbsOdataError(`${table}: UntypedDataSet heeft ${untyped.length} rijen, TypedDataSet ${typed.length}`);
  }
  const statuses: Record<string, NullStatus> = {};
  const counts: Record<string, number> = {};
  (typed as Record<string, unknown>[]).forEach((row, i) => {
    const u = byId.get(row.ID);
    if (!u) throw new CbsOdataError(`${table}: UntypedDataSet heeft geen rij met ID ${JSON.stringify(row.ID)} (TypedDataSet rij ${i + 1})`);
    for (const key of numeric) {
      if (row[key] !== null) continue;
      const sym = String(u[key] ?? '').trim();
      if (sym !== '' && Number.isFinite(Number(sym))) {
        throw new CbsOdataError(`${table}: TypedDataSet rij ${i + 1} kolom ${key} is null, UntypedDataSet heeft het getal "${sym}"`);
      }
      const status = statusOfSymbol(sym, legend);
      if (!status) {
        throw new CbsOdataError(
          `${table}: symbool ${JSON.stringify(sym)} (UntypedDataSet rij ${i + 1}, kolom ${key}) staat niet in de verklaring van symbolen (${Object.keys(legend).map((k) => JSON.stringify(k)).join(', ')})`,
        );
      }
      statuses[sym] = status;
      counts[sym] = (counts[sym] ?? 0) + 1;
    }
  });
  return { statuses, counts };
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
  const info = infos[0] as { Identifier?: string; Modified?: string; Period?: string; Title?: string; Description?: string } | undefined;
  if (!info) throw new CbsOdataError(`${plan.table}: TableInfos is leeg`, infosUrl);
  // Older tables spell their own identifier in lower case (80137ned).
  if (info.Identifier && info.Identifier.toLowerCase() !== plan.table.toLowerCase()) {
    throw new CbsOdataError(`${plan.table}: TableInfos noemt tabel ${info.Identifier}`, infosUrl);
  }
  const modified = info.Modified ?? null;

  const doneFile = path.join(finalDir, 'download.json');
  if (!opts.force && modified && fs.existsSync(doneFile)) {
    const done = JSON.parse(fs.readFileSync(doneFile, 'utf8')) as { modified?: string; rows?: { TypedDataSet?: number }; areaCounts?: Record<string, number> };
    if (done.modified === modified) {
      return { table: plan.table, status: 'ongewijzigd', rows: done.rows?.TypedDataSet ?? 0, areaCounts: done.areaCounts, requests, resumedPages: 0, seconds: (performance.now() - t0) / 1000 };
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

  // 4. The data, typed and untyped (the untyped text says why a typed value is null).
  const filter = filterParts.join(' and ');
  const data = await collect('TypedDataSet', { $filter: filter });
  const rows = data.rows;
  const geoCodes = new Set(rows.map((r) => String((r as Record<string, unknown>)[plan.geoDimension] ?? '').trim()));
  for (const g of areas.gemeenten) if (!geoCodes.has(g)) throw new CbsOdataError(`${plan.table}: TypedDataSet bevat geen rij voor ${g}`);
  const areaCounts: Record<string, number> = {};
  for (const c of geoCodes) areaCounts[level(c)] = (areaCounts[level(c)] ?? 0) + 1;
  const untyped = await collect('UntypedDataSet', { $filter: filter });
  const tableLegend = parseLegend(info.Description);
  const legendFrom = Object.keys(tableLegend).length ? 'TableInfos' : 'standaard';
  const symbols = nullSymbols(plan.table, props, rows, untyped.rows, legendFrom === 'TableInfos' ? tableLegend : STANDARD_LEGEND);

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
    write('UntypedDataSet.json', untyped.rows);
    const now = (opts.now ?? (() => new Date()))();
    write('download.json', {
      table: plan.table,
      source: plan.source,
      years: plan.years,
      title: info.Title ?? null,
      modified,
      baseUrl: client.baseUrl,
      catalog: plan.catalog,
      downloadedAt: now.toISOString(),
      seconds: Math.round(performance.now() - t0) / 1000,
      geoDimension: plan.geoDimension,
      dimensions: plan.dimensions,
      areas,
      filter,
      urls: { TableInfos: infosUrl, TypedDataSet: data.urls, UntypedDataSet: untyped.urls },
      rows: {
        TypedDataSet: rows.length, UntypedDataSet: untyped.rows.length, DataProperties: props.length,
        ...Object.fromEntries(Object.entries(dimFiles).map(([k, v]) => [k, v.length])),
      },
      areaCounts,
      dimensionRowsAtCbs: dimRows,
      symbols: symbols.statuses,
      nullCells: symbols.counts,
      symbolLegend: legendFrom,
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
  return { table: plan.table, status: 'gedownload', rows: rows.length, areaCounts, requests, resumedPages, seconds: (performance.now() - t0) / 1000 };
}

/** The catalogue of one service root, all pages. */
export async function readCatalogue(client: CbsOdataClient): Promise<{ entries: CatalogEntry[]; requests: number; url: string }> {
  const url = client.catalogUrl({ $select: CATALOG_FIELDS });
  const r = await client.getCollection(url);
  const entries = (r.rows as Partial<CatalogEntry>[]).filter((e): e is CatalogEntry => typeof e?.Identifier === 'string');
  return { entries, requests: r.pages, url };
}

/** Throws unless the catalogue lists the table in the configured catalogue; names the successor if it is listed. */
export function checkListed(plan: TablePlan, entries: CatalogEntry[], catalogueUrl: string): { note?: string } {
  const find = (t: string) => entries.find((e) => e.Identifier.toLowerCase() === t.toLowerCase());
  const where = `de catalogus ${plan.catalog} van ${plan.baseUrl} (${readableUrl(catalogueUrl)})`;
  const entry = find(plan.table);
  const successor = plan.successor ? find(plan.successor) : undefined;
  if (!entry) {
    const hint = plan.successor
      ? successor
        ? ` Opvolger ${plan.successor} (${successor.Title ?? ''}${successor.Period ? `, ${successor.Period}` : ''}) staat er wel in: zet die in data/cbs-tables.json (sources.${plan.source}.tables) met zijn eigen jaren, en controleer de dimensiecodes en de variabelen in data/indicators.json.`
        : ` Ook opvolger ${plan.successor} staat er niet in.`
      : '';
    throw new CbsOdataError(`${plan.table}: staat niet in ${where}.${hint}`, catalogueUrl);
  }
  if (entry.Catalog !== plan.catalog) {
    throw new CbsOdataError(`${plan.table}: staat in catalogus ${entry.Catalog}, niet in ${plan.catalog} (data/cbs-tables.json, sources.${plan.source}.catalog)`, catalogueUrl);
  }
  if (successor && successor.Catalog === plan.catalog) {
    return { note: `${plan.table}: let op, opvolger ${plan.successor} (${successor.Title ?? ''}${successor.Period ? `, ${successor.Period}` : ''}) staat ook in de catalogus` };
  }
  return {};
}

export interface DownloadReport {
  results: TableResult[];
  failures: { table: string; message: string }[];
  /** Requests to the catalogues, per service root. */
  catalogueRequests: Record<string, number>;
  seconds: number;
}

/**
 * Download every planned table, one after the other (CBS asks for restraint), each from its
 * source's service root (or `baseUrl` for all, in tests). A table its catalogue does not list is a
 * failure before any request for it; a failing table is reported and the next one tried; being
 * offline stops everything at once.
 */
export async function downloadTables(opts: DownloadOptions): Promise<DownloadReport> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const clients = new Map<string, CbsOdataClient>();
  const catalogues = new Map<string, Promise<{ entries: CatalogEntry[]; requests: number; url: string }>>();
  const catalogueRequests: Record<string, number> = {};
  const results: TableResult[] = [];
  const failures: { table: string; message: string }[] = [];
  for (const planned of planTables(opts.config, opts.only)) {
    const plan = { ...planned, baseUrl: (opts.baseUrl ?? planned.baseUrl).replace(/\/+$/, '') };
    const label = `${plan.table} (${plan.source} ${plan.years.join(', ')})`;
    let client = clients.get(plan.baseUrl);
    if (!client) {
      client = new CbsOdataClient({ ...opts, baseUrl: plan.baseUrl, log });
      clients.set(plan.baseUrl, client);
    }
    try {
      let cat = catalogues.get(plan.baseUrl);
      if (!cat) {
        cat = readCatalogue(client);
        catalogues.set(plan.baseUrl, cat);
        const c = await cat;
        catalogueRequests[plan.baseUrl] = c.requests;
        log(`  catalogus ${plan.baseUrl}${CATALOG_PATH}: ${c.entries.length} tabellen (${c.requests} verzoek${c.requests === 1 ? '' : 'en'})`);
      }
      const { entries, url } = await cat;
      const { note } = checkListed(plan, entries, url);
      if (note) log(`  ${note}`);
      const r = await downloadTable(client, plan, opts);
      results.push(r);
      const extra = r.resumedPages ? `, ${r.resumedPages} pagina's hervat` : '';
      const areas = r.areaCounts ? ` (${Object.entries(r.areaCounts).map(([k, n]) => `${n} ${k}`).join(', ')})` : '';
      log(`  ${label.padEnd(36)} ${r.status === 'ongewijzigd' ? `ongewijzigd bij CBS, overgeslagen (${r.rows} rijen${areas})` : `${r.rows} rijen${areas}, ${r.requests} verzoeken${extra}`}  ${r.seconds.toFixed(1)} s`);
    } catch (e) {
      if (e instanceof CbsOfflineError) throw e;
      const message = (e as Error).message;
      failures.push({ table: plan.table, message });
      log(`  ${label.padEnd(36)} MISLUKT: ${message}`);
    }
  }
  return { results, failures, catalogueRequests, seconds: (performance.now() - t0) / 1000 };
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
  const baseUrl = argValue(argv, '--base');
  const baseProblem = baseUrl !== undefined ? checkServiceRoot(baseUrl) : undefined;
  const usage = [
    timeout !== undefined && !(Number(timeout) > 0) ? `--timeout "${timeout}" is geen positief aantal seconden` : '',
    attempts !== undefined && !(Number.isInteger(Number(attempts)) && Number(attempts) >= 1) ? `--attempts "${attempts}" is geen geheel getal ≥ 1` : '',
    baseProblem ? `--base "${baseUrl}": ${baseProblem}` : '',
  ].filter(Boolean);
  let plans: TablePlan[] = [];
  try {
    plans = planTables(config, only);
  } catch (e) {
    usage.push((e as Error).message);
  }
  if (usage.length) {
    console.error(usage.join('\n'));
    process.exit(2);
  }
  const roots = [...new Set(plans.map((p) => baseUrl ?? p.baseUrl))];
  console.log(`CBS OData (Feed): ${roots.map((r) => `${r}${FEED_PATH}`).join(', ')} → ${path.join(outDir, CBS_ODATA_SUBDIR)}`);
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
