// Everything a prerendered page needs, read once per build from public/data through the shared
// queries. Pages stay thin: they call these functions and hand rows to components.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { catalogue, indicator } from '../lib/catalogue';
import type { Area } from '../lib/model';
import { dataYears, indicatorStats, latestValues, listAreas, series, similarAreas, CITY, type IndicatorStat, type SeriesPoint } from '../lib/queries';
import type { Boundaries } from '../lib/charts/map';
import { dataDb } from './duckdb-node';
import type { AreaBoundaryChange } from '../lib/change';
import type { DerivedSummary } from '../lib/method';
import type { TrendArea } from '../lib/render/trends';
import { dataDir } from './data-dir';

const DATA_DIR = dataDir();

let areasCache: Promise<Area[]> | undefined;
export function allAreas(): Promise<Area[]> {
  areasCache ??= dataDb().then((db) => listAreas(db));
  return areasCache;
}

let boundaries: Boundaries | undefined;
export function loadBoundaries(): Boundaries {
  boundaries ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'boundaries.json'), 'utf8')) as Boundaries;
  return boundaries;
}

interface Manifest {
  builtAt: string;
  minInwoners: number;
  rows: Record<string, number>;
  /** The year and source of the map outlines (scripts/pipeline/boundaries.ts). */
  boundaries: { year: number; source: string };
  derived?: DerivedSummary;
}
let manifestCache: Manifest | undefined;
export function manifest(): Manifest {
  manifestCache ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'manifest.json'), 'utf8'));
  return manifestCache!;
}

/**
 * The area first, then what it is compared with over time: the gebied a wijk lies in,
 * Rotterdam-Zuid for areas in Charlois, Feijenoord and IJsselmonde, and Rotterdam.
 */
export function referencesOf(area: Area, areas: Area[]): TrendArea[] {
  const zuid = catalogue.zuid;
  const out: TrendArea[] = [{ code: area.code, name: area.name, role: 'area' }];
  const gebied = area.level === 'wijk' ? areas.find((a) => a.code === area.parent && a.level === 'gebied') : undefined;
  if (gebied) out.push({ code: gebied.code, name: gebied.name, role: 'gebied' });
  const inZuid = zuid.gebieden.includes(gebied?.code ?? area.code);
  if (inZuid) out.push({ code: zuid.code, name: zuid.name, role: 'zuid' });
  if (area.code !== CITY) out.push({ code: CITY, name: areas.find((a) => a.code === CITY)?.name ?? 'Rotterdam', role: 'city' });
  return out;
}

/** A server-side document for Plot. */
export function chartDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

export interface AreaPage {
  area: Area;
  parent?: Area;
  children: Area[];
  stats: IndicatorStat[];
  series: SeriesPoint[];
  similar: { area: string; name: string; distance: number; shared: number; closest: string }[];
  inhabitants?: { value: number; year: number };
  /** Years with scored values at the area's comparison level, newest first: the year choices. */
  years: number[];
  /** The area and its references over time (trend panels): gebied, Rotterdam-Zuid, Rotterdam. */
  trendAreas: TrendArea[];
  /** Boundary changes of this area (manifest), for the change since the first year. */
  boundaryChanges: AreaBoundaryChange[];
  /** For gemeenten: the G4 and NL side by side, latest common year per indicator. */
  g4: { indicator: string; area: string; year: number; value: number | null; status: string }[];
}

export const G4_CODES = ['GM0599', 'GM0363', 'GM0518', 'GM0344', 'NL'];

export interface G4Row { indicator: string; year: number; values: Map<string, { value: number | null; status: string }> }

/** The G4 table's rows in catalogue order: indicators with a value for at least two of the columns. */
export function g4Table(g4: AreaPage['g4']): G4Row[] {
  return catalogue.indicators
    .map((i) => ({ id: i.id, rows: g4.filter((r) => r.indicator === i.id) }))
    .filter(({ rows }) => rows.filter((r) => r.status === 'ok').length >= 2)
    .map(({ id, rows }) => ({ indicator: id, year: rows[0].year, values: new Map(rows.map((r) => [r.area, { value: r.value, status: r.status }])) }));
}

export async function areaPage(code: string): Promise<AreaPage> {
  const db = await dataDb();
  const areas = await allAreas();
  const area = areas.find((a) => a.code === code);
  if (!area) throw new Error(`Onbekend gebied ${code}`);
  const parent = areas.find((a) => a.code === area.parent);
  const children =
    area.code === catalogue.zuid.code
      ? areas.filter((a) => catalogue.zuid.gebieden.includes(a.code))
      : areas.filter((a) => a.parent === area.code && (a.level === 'gebied' || a.level === 'wijk'));
  const stats = await indicatorStats(db, area);
  const trendAreas = referencesOf(area, areas);
  const pts = await series(db, [...new Set([...trendAreas.map((a) => a.code), CITY])]);
  const similar = area.level === 'wijk' || area.level === 'gebied' ? await similarAreas(db, area, catalogue.similarity) : [];
  const inw = pts.filter((p) => p.area === area.code && p.indicator === 'inwoners' && p.value !== null).at(-1);
  const g4 = area.level === 'gemeente' ? await latestValues(db, G4_CODES, 2) : [];
  const years = await dataYears(db, area.level);
  const boundaryChanges = (manifest().derived?.boundaryChanges ?? []).filter((c) => c.area === area.code).map(({ area, from, to, basis }) => ({ area, from, to, basis }));
  return { area, parent, children, stats, series: pts, trendAreas, boundaryChanges, similar, g4, years, inhabitants: inw ? { value: inw.value!, year: inw.year } : undefined };
}

export { indicator };
