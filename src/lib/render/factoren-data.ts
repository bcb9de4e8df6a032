// The factoren page's data and analysis: values per wijk for one year (each indicator's nearest
// year within one year), loaded through the Db interface (DuckDB at build, DuckDB-wasm in the
// browser), and the statistics on them (src/lib/stats.ts). No Plot here, so the page's script can
// compute before it loads the renderer.
import { catalogue, indicator, shownIndicators } from '../catalogue';
import type { Db } from '../db';
import { BOUNDARY_TAIL } from '../notes';
import { CITY, factorValues, levelAreas } from '../queries';
import { fisherInterval, ols, pearson, spearman, type OlsFit } from '../stats';

/** Indicators that can take part: per-capita rates and scores at wijk level (no counts). */
export function factorIds(): string[] {
  return shownIndicators().filter((id) => {
    const ind = indicator(id);
    return ind.scale !== 'count' && (!ind.levels || ind.levels.includes('wijk'));
  });
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
  /** Areas whose value carries a boundary-change note, per indicator. */
  boundary: Record<string, string[]>;
}

export async function factorData(db: Db, level: string, year: number, ids = factorIds()): Promise<FactorData> {
  const [rows, areas] = await Promise.all([factorValues(db, level, year, ids), levelAreas(db, level, catalogue.zuid.gebieden)]);
  const d: FactorData = { level, year, areas, years: {}, values: {}, city: {}, boundary: {} };
  for (const r of rows) {
    d.years[r.indicator] = r.year;
    if (r.area === CITY) {
      d.city[r.indicator] = r.value;
      continue;
    }
    (d.values[r.indicator] ??= {})[r.area] = r.value;
    if (r.note?.includes(BOUNDARY_TAIL)) (d.boundary[r.indicator] ??= []).push(r.area);
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
  return factorIds()
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

/** Change against change: the areas with both indicators in both years, none with a boundary change. */
export function changePairs(a: FactorData, b: FactorData, x: string, y: string) {
  const skip = new Set([x, y].flatMap((id) => [...(a.boundary[id] ?? []), ...(b.boundary[id] ?? [])]));
  const dx: (number | null)[] = [];
  const dy: (number | null)[] = [];
  const rows: { code: string; name: string; zuid: boolean; x: number; y: number }[] = [];
  for (const ar of b.areas) {
    if (skip.has(ar.code)) continue;
    const vals = [a.values[x]?.[ar.code], b.values[x]?.[ar.code], a.values[y]?.[ar.code], b.values[y]?.[ar.code]];
    if (vals.some((v) => v === undefined)) continue;
    const [x0, x1, y0, y1] = vals as number[];
    dx.push(x1 - x0);
    dy.push(y1 - y0);
    rows.push({ ...ar, x: x1 - x0, y: y1 - y0 });
  }
  return { rows, ...pearson(dx, dy), excluded: skip.size };
}
