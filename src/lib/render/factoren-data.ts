// The factoren page's data and analysis: values per wijk or gebied for one year (each indicator's
// nearest year within one year), loaded through the Db interface (DuckDB at build, DuckDB-wasm in
// the browser), and the statistics on them (src/lib/stats.ts). No Plot here, so the page's script
// can compute before it loads the renderer.
import { catalogue, indicator, shownIndicators } from '../catalogue';
import type { Db } from '../db';
import { CITY, factorValues, levelAreas } from '../queries';
import { fisherInterval, ols, pearson, spearman, type OlsFit } from '../stats';

/** The levels the page compares areas at: Rotterdam's wijken (CBS buurten) or gebieden (CBS wijken). */
export const LEVELS = ['wijk', 'gebied'] as const;
export type Level = (typeof LEVELS)[number];

/** Indicators that can take part: per-capita rates and scores published at the level (no counts). */
export function factorIds(level: string = 'wijk'): string[] {
  return shownIndicators().filter((id) => {
    const ind = indicator(id);
    return ind.scale !== 'count' && (!ind.levels || ind.levels.includes(level));
  });
}

/** A boundary change as the data build publishes it (manifest.json `derived.boundaryChanges`):
 * the area's boundary changed after `from` and by `to`. */
export interface BoundaryStep {
  area: string;
  from: number;
  to: number;
}

/** Fewer areas than this: the association is flagged as resting on few wijken. */
export const SMALL_N = 20;

export interface FactorData {
  level: string;
  year: number;
  areas: { code: string; name: string; zuid: boolean }[];
  /** The year each indicator uses (nearest to `year`, within one year). */
  years: Record<string, number>;
  values: Record<string, Record<string, number>>;
  city: Record<string, number>;
}

export async function factorData(db: Db, level: string, year: number, ids = factorIds(level)): Promise<FactorData> {
  const [rows, areas] = await Promise.all([factorValues(db, level, year, ids), levelAreas(db, level, catalogue.zuid.gebieden)]);
  const d: FactorData = { level, year, areas, years: {}, values: {}, city: {} };
  for (const r of rows) {
    d.years[r.indicator] = r.year;
    if (r.area === CITY) {
      d.city[r.indicator] = r.value;
      continue;
    }
    (d.values[r.indicator] ??= {})[r.area] = r.value;
  }
  return d;
}

const column = (d: FactorData, id: string) => d.areas.map((a) => d.values[id]?.[a.code] ?? null);

export interface Association {
  id: string;
  year: number;
  r: number | null;
  rho: number | null;
  n: number;
  interval: [number, number] | null;
  small: boolean;
}

/** Every other indicator's association with the outcome, strongest |r| first. */
export function associations(d: FactorData, outcome: string): Association[] {
  const y = column(d, outcome);
  return factorIds(d.level)
    .filter((id) => id !== outcome && d.values[id] && d.years[id] !== undefined)
    .map((id) => {
      const x = column(d, id);
      const p = pearson(x, y);
      return { id, year: d.years[id], r: p.r, rho: spearman(x, y).r, n: p.n, interval: fisherInterval(p.r, p.n), small: p.n < SMALL_N };
    })
    .sort((a, b) => (b.r === null ? -1 : 0) - (a.r === null ? -1 : 0) || Math.abs(b.r ?? 0) - Math.abs(a.r ?? 0));
}

export interface ModelRow {
  code: string;
  name: string;
  zuid: boolean;
  actual: number;
  expected: number;
  residual: number;
  interval: [number, number];
  /** Residual turned so that + is better than expected (by the outcome's direction); 0 for neutral. */
  better: number;
  outside: boolean;
}

export interface Model {
  outcome: string;
  factors: string[];
  fit: OlsFit;
  rows: ModelRow[];
}

/** OLS of the outcome on the chosen factors over the areas with all values; rows best first. */
export function model(d: FactorData, outcome: string, factors: string[]): Model | null {
  if (!factors.length || factors.includes(outcome)) return null;
  const fit = ols(column(d, outcome), factors.map((f) => column(d, f)));
  if (!fit) return null;
  const sign = { lower_better: -1, higher_better: 1, neutral: 0 }[indicator(outcome).direction];
  const rows: ModelRow[] = [];
  for (const a of d.areas) {
    const actual = d.values[outcome]?.[a.code];
    const x = factors.map((f) => d.values[f]?.[a.code]);
    if (actual === undefined || x.some((v) => v === undefined)) continue;
    const xs = x as number[];
    const expected = fit.predict(xs);
    const interval = fit.predictionInterval(xs);
    const residual = actual - expected;
    rows.push({ ...a, actual, expected, residual, interval, better: sign * residual, outside: actual < interval[0] || actual > interval[1] });
  }
  rows.sort((p, q) => q.better - p.better || q.residual - p.residual);
  return { outcome, factors, fit, rows };
}

/** What the model expects for a wijk when its factors move by `deltas`, with the prediction interval. */
export function whatIf(m: Model, d: FactorData, code: string, deltas: number[]) {
  const base = m.factors.map((f) => d.values[f]?.[code]);
  if (base.some((v) => v === undefined)) return null;
  const x0 = base as number[];
  const x1 = x0.map((v, i) => v + (deltas[i] ?? 0));
  return { x0, x1, before: m.fit.predict(x0), after: m.fit.predict(x1), interval: m.fit.predictionInterval(x1) };
}

/** Slider bounds per factor: ±2 standard deviations across the areas, in a round step. */
export function sliderRange(d: FactorData, id: string): { max: number; step: number } {
  const xs = Object.values(d.values[id] ?? {});
  const m = xs.reduce((s, v) => s + v, 0) / (xs.length || 1);
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length || 1)) || 1;
  const step = 10 ** Math.floor(Math.log10((2 * sd) / 20));
  return { max: Math.round((2 * sd) / step) * step, step };
}

/** Whether a boundary change of `area` may fall between years `a` and `b`: its span (from, to]
 * overlaps (a, b]. A change known only to lie somewhere between two years counts. */
export function changedBetween(changes: BoundaryStep[], area: string, a: number, b: number): boolean {
  return changes.some((c) => c.area === area && c.to > a && c.from < b);
}

export interface ChangePair {
  x: string;
  y: string;
  /** The years each indicator's change runs between (each the nearest to the chosen year). */
  yearsX: [number, number];
  yearsY: [number, number];
  rows: { code: string; name: string; zuid: boolean; x: number; y: number }[];
  r: number | null;
  n: number;
  /** Names of the areas left out for a boundary change between the years. */
  excluded: string[];
  small: boolean;
  /** The city's own change, when it has both. */
  city: { x: number; y: number } | null;
}

/**
 * Change against change: across the areas, how the change of `x` between the data of `a` and `b`
 * goes with the change of `y`. Only areas with all four values and no boundary change between the
 * earliest and the latest year used. Null when either indicator is not measured in two different years.
 */
export function changePair(a: FactorData, b: FactorData, x: string, y: string, changes: BoundaryStep[]): ChangePair | null {
  const yearsX: [number, number] = [a.years[x], b.years[x]];
  const yearsY: [number, number] = [a.years[y], b.years[y]];
  if ([...yearsX, ...yearsY].some((v) => v === undefined) || yearsX[0] >= yearsX[1] || yearsY[0] >= yearsY[1]) return null;
  const from = Math.min(yearsX[0], yearsY[0]);
  const to = Math.max(yearsX[1], yearsY[1]);
  const rows: ChangePair['rows'] = [];
  const excluded: string[] = [];
  for (const ar of b.areas) {
    const vals = [a.values[x]?.[ar.code], b.values[x]?.[ar.code], a.values[y]?.[ar.code], b.values[y]?.[ar.code]];
    if (vals.some((v) => v === undefined)) continue;
    if (changedBetween(changes, ar.code, from, to)) {
      excluded.push(ar.name);
      continue;
    }
    const [x0, x1, y0, y1] = vals as number[];
    rows.push({ ...ar, x: x1 - x0, y: y1 - y0 });
  }
  const { r, n } = pearson(rows.map((p) => p.x), rows.map((p) => p.y));
  const cx = [a.city[x], b.city[x], a.city[y], b.city[y]];
  const city = cx.every((v) => v !== undefined) ? { x: cx[1]! - cx[0]!, y: cx[3]! - cx[2]! } : null;
  return { x, y, yearsX, yearsY, rows, r, n, excluded, small: n < SMALL_N, city };
}

/** Every other indicator's change against the outcome's change, strongest |r| first. */
export function changeAssociations(a: FactorData, b: FactorData, outcome: string, changes: BoundaryStep[]): ChangePair[] {
  return factorIds(b.level)
    .filter((id) => id !== outcome)
    .flatMap((id) => changePair(a, b, id, outcome, changes) ?? [])
    .sort((p, q) => (q.r === null ? -1 : 0) - (p.r === null ? -1 : 0) || Math.abs(q.r ?? 0) - Math.abs(p.r ?? 0));
}
