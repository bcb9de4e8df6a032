// Tables downloaded from the CBS OData v3 API by `npm run data:download` (scripts/download-cbs.ts),
// read from <sourceDir>/cbs_odata/<tabel>/: download.json (source, years, dimension labels),
// DataProperties.json, TypedDataSet.json, and the geo dimension (<geoDimension>.json) for names.
// JSON files may be bare arrays or OData's {"value": […]} wrapper.
//
// Column keys ('AantalInwoners_5') become the variable names the hand-downloaded loaders use:
// - kwb (Kerncijfers wijken en buurten): `${Title} [${Unit}]` from DataProperties, both trimmed and
//   whitespace-normalised ('Aantal inwoners [aantal]'; no brackets for an empty unit). When that
//   name occurs on more than one topic of the table (2024: 'Buiten Europa [aantal]' under
//   Herkomstland, Geboren in Nederland and Geboren buiten Nederland), every one of them gets the
//   TopicGroup path instead: 'Bevolking|Bevolking naar herkomst|Herkomstland|Buiten Europa [aantal]'
//   — the rule of the 2025 loader (kwb-transposed.ts). The Indelingswijziging topic is
//   'Indelingswijziging' ('.' → niet van toepassing). Text topics (Gemeentenaam, Soort regio,
//   Codering, Meest voorkomende postcode) are not values.
// - rivm (50090NED): `${Key} ${leeftijdslabel}` ('MoeiteMetRondkomen_38 18+'), labels from
//   download.json (data/cbs-tables.json), only the Marges codes named there; year from Perioden.
//
// Values: TypedDataSet gives numbers or null. Why a value is null is in UntypedDataSet.json (the
// symbol StatLine shows: '.', 'x', blank); download.json's "symbols" maps each symbol found to its
// status from the table's legend ('.' → geheim, blank → ontbreekt; scripts/cbs-symbols.ts). A
// download without "symbols" (older) gives null as 'geheim'. A value of another type is an error.
//
// Loud failures (SourceError naming file, row and key): a data column absent from DataProperties,
// a DataProperties Topic or dimension whose column is missing from a row, a code not in the geo
// dimension, an unknown Datatype, Leeftijd or Perioden, two values for the same area and variable.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isKeptArea, SourceError, type LoadResult, type SourceArea, type SourceValue } from './types.ts';
import { SourceCollector, normaliseCode, normaliseLabel, stripWijkPrefix } from './csv.ts';
import { missingDetail, type Expected } from '../completeness.ts';

export const CBS_ODATA_DIR = 'cbs_odata';

const NUMERIC_TYPES = new Set(['Long', 'Double', 'Float', 'Decimal', 'Integer', 'Int32', 'Int64', 'Short', 'Byte']);
const DIMENSION_TYPES = new Set(['Dimension', 'TimeDimension', 'GeoDimension', 'GeoDetail']);
const TEXT_TITLES = new Set(['Gemeentenaam', 'Soort regio', 'Codering']);

export interface DataProperty {
  ID?: number;
  ParentID?: number | null;
  Type: string;
  Key: string;
  Title?: string;
  Unit?: string;
  Datatype?: string;
}

export interface DownloadInfo {
  table: string;
  source: string;
  years: number[];
  geoDimension: string;
  /** Untyped symbol → status of a null value (download-cbs.ts); then UntypedDataSet.json is read. */
  symbols?: Record<string, SourceValue['status']>;
  dimensions?: Record<string, Record<string, string>>;
  downloadedAt?: string;
  modified?: string | null;
  /** Rows written per file (TypedDataSet, the dimensions), by download-cbs.ts. */
  rows?: Record<string, number>;
}

/** What the loader makes of one DataProperties file. */
export interface TableColumns {
  dimensions: DataProperty[];
  topics: DataProperty[];
  /** Topic key → variable name (kwb naming), for value topics only. */
  kwbNames: Map<string, string>;
}

/** `${title} [${unit}]`, both normalised; no brackets for an empty unit. */
function withUnit(title: string, unit: string | undefined): string {
  const u = normaliseLabel(unit ?? '');
  return u ? `${normaliseLabel(title)} [${u}]` : normaliseLabel(title);
}

/** Check a DataProperties list and derive the kwb variable names. */
export function describeColumns(props: DataProperty[], file: string): TableColumns {
  const byId = new Map<number, DataProperty>();
  const keys = new Map<string, number>();
  props.forEach((p, i) => {
    if (!p || typeof p.Type !== 'string') throw new SourceError(file, 'DataProperties-regel zonder Type', i + 1);
    if (typeof p.ID === 'number') byId.set(p.ID, p);
    if (p.Type === 'TopicGroup') return;
    if (p.Type !== 'Topic' && !DIMENSION_TYPES.has(p.Type)) throw new SourceError(file, `onbekend Type "${p.Type}"`, i + 1, p.Key);
    if (typeof p.Key !== 'string' || p.Key === '') throw new SourceError(file, `${p.Type} zonder Key`, i + 1);
    if (keys.has(p.Key)) throw new SourceError(file, `Key komt twee keer voor (ook regel ${keys.get(p.Key)})`, i + 1, p.Key);
    keys.set(p.Key, i + 1);
    if (p.Type === 'Topic' && (typeof p.Title !== 'string' || typeof p.Datatype !== 'string')) {
      throw new SourceError(file, 'Topic zonder Title of Datatype', i + 1, p.Key);
    }
  });
  const dimensions = props.filter((p) => DIMENSION_TYPES.has(p.Type));
  const topics = props.filter((p) => p.Type === 'Topic');

  const groupPath = (p: DataProperty): string[] => {
    const out: string[] = [];
    const seen = new Set<number>();
    for (let id = p.ParentID; id !== null && id !== undefined; ) {
      const g = byId.get(id);
      if (!g || seen.has(id)) throw new SourceError(file, `ParentID ${id} bestaat niet of is een kringverwijzing`, undefined, p.Key);
      seen.add(id);
      out.unshift(normaliseLabel(g.Title ?? ''));
      id = g.ParentID;
    }
    return out;
  };

  const valueTopics = topics.filter((t) => isNumeric(t, file));
  const short = new Map<string, number>();
  for (const t of valueTopics) short.set(withUnit(t.Title!, t.Unit), (short.get(withUnit(t.Title!, t.Unit)) ?? 0) + 1);
  const kwbNames = new Map<string, string>();
  const used = new Map<string, string>();
  for (const t of topics) {
    let name: string;
    if (isIndeling(t)) name = 'Indelingswijziging';
    else if (!isNumeric(t, file)) continue;
    else {
      const s = withUnit(t.Title!, t.Unit);
      name = short.get(s)! > 1 ? withUnit([...groupPath(t), normaliseLabel(t.Title!)].join('|'), t.Unit) : s;
    }
    if (used.has(name)) throw new SourceError(file, `variabelenaam "${name}" ook voor ${used.get(name)}`, keys.get(t.Key), t.Key);
    used.set(name, t.Key);
    kwbNames.set(t.Key, name);
  }
  return { dimensions, topics, kwbNames };
}

function isIndeling(t: DataProperty): boolean {
  return normaliseLabel(t.Title ?? '').startsWith('Indelingswijziging');
}

function isNumeric(t: DataProperty, file: string): boolean {
  if (t.Datatype === 'String') return false;
  if (NUMERIC_TYPES.has(t.Datatype!)) return true;
  throw new SourceError(file, `onbekend Datatype "${t.Datatype}"`, undefined, t.Key);
}

/** Rows of a JSON file that is a bare array or {"value": […]}. */
function rowsOf(json: unknown, file: string): unknown[] {
  if (Array.isArray(json)) return json;
  const v = (json as { value?: unknown } | null)?.value;
  if (Array.isArray(v)) return v;
  throw new SourceError(file, 'geen JSON-lijst (en geen {"value": […]})');
}

async function readJson(sourceDir: string, rel: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(sourceDir, rel), 'utf8');
  } catch (e) {
    throw new SourceError(rel, `bestand niet leesbaar: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SourceError(rel, `geen geldige JSON: ${(e as Error).message}`);
  }
}

export interface TableFiles {
  /** Relative paths, for errors and the manifest. */
  dir: string;
  info: DownloadInfo;
  props: DataProperty[];
  rows: Record<string, unknown>[];
  /** The geo dimension's entries (Key, Title). */
  geo: { Key: string; Title?: string }[];
  /** UntypedDataSet rows by ID, when download.json has symbols. */
  untyped?: Map<unknown, Record<string, unknown>>;
}

function checkInfo(info: DownloadInfo, file: string): void {
  if (typeof info.table !== 'string' || typeof info.source !== 'string' || typeof info.geoDimension !== 'string') {
    throw new SourceError(file, 'table, source of geoDimension ontbreekt');
  }
  if (!Array.isArray(info.years) || info.years.length === 0 || !info.years.every((y) => Number.isInteger(y))) {
    throw new SourceError(file, 'years ontbreekt of is geen lijst van jaartallen');
  }
}

/** Parse one downloaded table (pure: everything already read). */
export function parseCbsOdataTable(t: TableFiles): Omit<LoadResult, 'files'> {
  const dataFile = `${t.dir}/TypedDataSet.json`;
  const propsFile = `${t.dir}/DataProperties.json`;
  const geoFile = `${t.dir}/${t.info.geoDimension}.json`;
  const cols = describeColumns(t.props, propsFile);
  const geoKey = t.info.geoDimension;
  if (!cols.dimensions.some((d) => d.Key === geoKey)) throw new SourceError(propsFile, `geo-dimensie ${geoKey} (download.json) ontbreekt`);
  const allowed = new Set(['ID', ...cols.dimensions.map((d) => d.Key), ...cols.topics.map((p) => p.Key)]);
  const required = [...cols.dimensions, ...cols.topics].map((p) => p.Key);

  const names = new Map<string, string>();
  t.geo.forEach((g, i) => {
    if (typeof g?.Key !== 'string') throw new SourceError(geoFile, 'regel zonder Key', i + 1);
    names.set(g.Key.trim(), normaliseLabel(g.Title ?? ''));
  });

  const out = new SourceCollector(dataFile);
  const codering = cols.topics.find((p) => p.Datatype === 'String' && normaliseLabel(p.Title ?? '') === 'Codering');
  const soort = cols.topics.find((p) => p.Datatype === 'String' && normaliseLabel(p.Title ?? '') === 'Soort regio');

  const kwb = t.info.source === 'kwb';
  const rivm = t.info.source === 'rivm';
  if (!kwb && !rivm) throw new SourceError(`${t.dir}/download.json`, `onbekende bron "${t.info.source}" (kwb of rivm)`);
  if (kwb && t.info.years.length !== 1) throw new SourceError(`${t.dir}/download.json`, `een KWB-tabel hoort bij één jaar, niet ${t.info.years.join(', ')}`);
  const ageLabels = t.info.dimensions?.Leeftijd ?? {};
  const marges = new Set(Object.keys(t.info.dimensions?.Marges ?? {}));
  if (rivm && (!Object.keys(ageLabels).length || !marges.size)) {
    throw new SourceError(`${t.dir}/download.json`, 'dimensions.Leeftijd en dimensions.Marges zijn nodig voor RIVM');
  }
  const time = cols.dimensions.find((d) => d.Type === 'TimeDimension');
  const untypedFile = `${t.dir}/UntypedDataSet.json`;
  /** Status of a null value: from its untyped symbol when the download recorded symbols. */
  const whyNull = (row: Record<string, unknown>, r: number, key: string): SourceValue['status'] => {
    if (!t.info.symbols || !t.untyped) return 'geheim';
    const u = t.untyped.get(row.ID);
    if (!u) throw new SourceError(untypedFile, `geen rij met ID ${JSON.stringify(row.ID)} (TypedDataSet.json rij ${r})`, undefined, key);
    const sym = String(u[key] ?? '').trim();
    const status = t.info.symbols[sym];
    if (!status) throw new SourceError(untypedFile, `symbool ${JSON.stringify(sym)} staat niet in download.json (symbols)`, r, key);
    return status;
  };

  t.rows.forEach((row, i) => {
    const r = i + 1;
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new SourceError(dataFile, 'rij is geen object', r);
    for (const k of Object.keys(row)) {
      if (!allowed.has(k)) throw new SourceError(dataFile, 'kolom staat niet in DataProperties.json', r, k);
    }
    for (const k of required) {
      if (!(k in row)) throw new SourceError(dataFile, 'kolom uit DataProperties.json ontbreekt in de data', r, k);
    }
    const rawCode = row[geoKey];
    if (typeof rawCode !== 'string') throw new SourceError(dataFile, 'geen regiocode', r, geoKey);
    const area = normaliseCode(rawCode, dataFile, r, geoKey);
    if (codering) {
      const c = row[codering.Key];
      if (typeof c === 'string' && c.trim() !== '' && c.trim() !== rawCode.trim()) {
        throw new SourceError(dataFile, `Codering "${c.trim()}" wijkt af van ${geoKey} "${rawCode.trim()}"`, r, codering.Key);
      }
    }

    let year = t.info.years[0]!;
    if (time) {
      const p = String(row[time.Key] ?? '').trim();
      const m = /^(\d{4})JJ00$/.exec(p);
      if (!m) throw new SourceError(dataFile, `onverwachte periode "${p}" (verwacht bv. 2016JJ00)`, r, time.Key);
      year = Number(m[1]);
      if (!t.info.years.includes(year)) throw new SourceError(dataFile, `periode ${p} hoort niet bij de jaren in download.json (${t.info.years.join(', ')})`, r, time.Key);
    }

    if (kwb) {
      if (!names.has(rawCode.trim())) throw new SourceError(geoFile, `regiocode ${rawCode.trim()} uit TypedDataSet.json (rij ${r}) ontbreekt`);
      let name = names.get(rawCode.trim())!;
      if (soort && String(row[soort.Key] ?? '').trim() === 'Wijk') name = stripWijkPrefix(name);
      out.addArea({ code: area, name, year, source: 'kwb' });
      for (const [key, variable] of cols.kwbNames) {
        const cell = variable === 'Indelingswijziging' ? indelingCell(row[key], dataFile, r, key) : numberCell(row[key], dataFile, r, key, () => whyNull(row, r, key));
        out.addCell({ source: 'kwb', year, area, variable }, cell, r, key);
      }
      return;
    }

    // rivm
    const m = String(row.Marges ?? '').trim();
    if (!marges.has(m)) return;
    const leeftijd = String(row.Leeftijd ?? '').trim();
    const age = ageLabels[leeftijd];
    if (!age) throw new SourceError(dataFile, `onbekende Leeftijd-code "${leeftijd}" (niet in download.json)`, r, 'Leeftijd');
    for (const topic of cols.topics) {
      if (!isNumeric(topic, propsFile)) continue;
      const cell = numberCell(row[topic.Key], dataFile, r, topic.Key, () => whyNull(row, r, topic.Key));
      out.addCell({ source: 'rivm', year, area, variable: `${topic.Key} ${age}` }, cell, r, topic.Key);
    }
  });
  return { values: out.values, areas: kwb ? out.areas : [] };
}

function numberCell(
  v: unknown,
  file: string,
  row: number,
  key: string,
  whyNull: () => SourceValue['status'] = () => 'geheim',
): { value: number | null; status: SourceValue['status'] } {
  if (v === null) return { value: null, status: whyNull() };
  if (typeof v === 'number' && Number.isFinite(v)) return { value: v, status: 'ok' };
  throw new SourceError(file, `geen getal: ${JSON.stringify(v)}`, row, key);
}

function indelingCell(v: unknown, file: string, row: number, key: string): { value: number | null; status: SourceValue['status'] } {
  if (v === null) return { value: null, status: 'ontbreekt' };
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  if (s === '.') return { value: null, status: 'niet van toepassing' };
  if (s === '') return { value: null, status: 'ontbreekt' };
  if (s !== undefined && /^\d+$/.test(s)) return { value: Number(s), status: 'ok' };
  throw new SourceError(file, `onverwachte Indelingswijziging ${JSON.stringify(v)}`, row, key);
}

export interface CbsOdataOptions {
  /** Keep only these (source, year) pairs, e.g. to leave years the hand-downloaded files cover. */
  include?: (source: string, year: number, table: string) => boolean;
}

/** Read one table folder (relative to sourceDir) into TableFiles. */
export async function readTableFiles(sourceDir: string, dir: string): Promise<TableFiles> {
  const infoFile = `${dir}/download.json`;
  const info = (await readJson(sourceDir, infoFile)) as DownloadInfo;
  checkInfo(info, infoFile);
  if (info.table !== path.basename(dir)) throw new SourceError(infoFile, `table "${info.table}" past niet bij de mapnaam`);
  const props = rowsOf(await readJson(sourceDir, `${dir}/DataProperties.json`), `${dir}/DataProperties.json`) as DataProperty[];
  const rows = rowsOf(await readJson(sourceDir, `${dir}/TypedDataSet.json`), `${dir}/TypedDataSet.json`) as Record<string, unknown>[];
  const geoRel = `${dir}/${info.geoDimension}.json`;
  const geo = rowsOf(await readJson(sourceDir, geoRel), geoRel) as { Key: string; Title?: string }[];
  if (!info.symbols) return { dir, info, props, rows, geo };
  const untypedRel = `${dir}/UntypedDataSet.json`;
  const untypedRows = rowsOf(await readJson(sourceDir, untypedRel), untypedRel) as Record<string, unknown>[];
  return { dir, info, props, rows, geo, untyped: new Map(untypedRows.map((u) => [u?.ID, u])) };
}

/**
 * A downloaded table is complete when its files have the rows download.json counted when writing
 * them, and TypedDataSet.json has rows for every kept code of the area dimension. A wrong count
 * fails here (naming the codes without rows); the codes are returned for the build's check.
 */
export function checkDeclaredRows(t: TableFiles): Expected {
  const dataFile = `${t.dir}/TypedDataSet.json`;
  const geoFile = `${t.dir}/${t.info.geoDimension}.json`;
  const expected = new Map<string, string>();
  for (const g of t.geo) {
    const code = typeof g?.Key === 'string' ? normaliseCode(g.Key, geoFile, undefined, 'Key') : '';
    if (isKeptArea(code)) expected.set(code, normaliseLabel(g.Title ?? ''));
  }
  const found = new Set(t.rows.map((r) => String(r[t.info.geoDimension] ?? '').trim()).map((c) => (c === 'NL00' || c === 'NL01' ? 'NL' : c)));
  const declared = t.info.rows ?? {};
  const geoRows = declared[t.info.geoDimension];
  if (geoRows !== undefined && geoRows !== t.geo.length) {
    throw new SourceError(geoFile, `${t.geo.length} regels, download.json meldt er ${geoRows}: bestand onvolledig`);
  }
  const dataRows = declared.TypedDataSet;
  if (dataRows !== undefined && dataRows !== t.rows.length) {
    const missing = [...expected].filter(([c]) => !found.has(c));
    const what = missing.length ? `; ${missingDetail(missing, expected.size, geoFile)}` : '';
    const diff = dataRows > t.rows.length ? `${dataRows - t.rows.length} rijen ontbreken` : 'meer rijen dan geschreven';
    throw new SourceError(dataFile, `${t.rows.length} rijen, download.json meldt er ${dataRows}: ${diff}${what}`);
  }
  return { file: dataFile, basis: geoFile, expected, found };
}

/** Every downloaded table in <sourceDir>/cbs_odata/ (folders starting with '.' are work in progress). */
export async function loadCbsOdata(sourceDir: string, opts: CbsOdataOptions = {}): Promise<LoadResult> {
  let names: string[];
  try {
    names = (await readdir(path.join(sourceDir, CBS_ODATA_DIR), { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    throw new SourceError(CBS_ODATA_DIR, `map niet leesbaar: ${(e as Error).message}`);
  }
  if (names.length === 0) throw new SourceError(CBS_ODATA_DIR, 'geen gedownloade tabellen (npm run data:download)');
  const result: LoadResult = { values: [], areas: [], files: [], expected: [] };
  const seen = new Map<string, string>();
  for (const name of names) {
    const dir = `${CBS_ODATA_DIR}/${name}`;
    const t = await readTableFiles(sourceDir, dir);
    const r = parseCbsOdataTable(t);
    result.expected!.push(checkDeclaredRows(t));
    const keep = (source: string, year: number) => !opts.include || opts.include(source, year, t.info.table);
    for (const v of r.values) {
      if (!keep(v.source, v.year)) continue;
      const k = `${v.source}|${v.year}|${v.area}|${v.variable}`;
      const other = seen.get(k);
      if (other) throw new SourceError(`${dir}/TypedDataSet.json`, `${v.area} / ${v.variable} / ${v.year} staat ook in ${other}`);
      seen.set(k, dir);
      result.values.push(v);
    }
    result.areas.push(...r.areas.filter((a: SourceArea) => keep(a.source, a.year)));
    result.files.push(`${dir}/download.json`, `${dir}/DataProperties.json`, `${dir}/${t.info.geoDimension}.json`, `${dir}/TypedDataSet.json`);
    if (t.untyped) result.files.push(`${dir}/UntypedDataSet.json`);
  }
  return result;
}

/** loadCbsOdata when <sourceDir>/cbs_odata exists, otherwise nothing (for LOADERS in build-data.ts). */
export async function loadCbsOdataIfPresent(sourceDir: string, opts: CbsOdataOptions = {}): Promise<LoadResult> {
  try {
    await readdir(path.join(sourceDir, CBS_ODATA_DIR));
  } catch {
    return { values: [], areas: [], files: [] };
  }
  return loadCbsOdata(sourceDir, opts);
}
