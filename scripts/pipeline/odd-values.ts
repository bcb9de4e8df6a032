// Values the source publishes that stand out so much that a reader should know we did not make a
// mistake (Cs Kwartier: bijstand 0 per 1.000 in 2015-2017, 218 in 2024). Pure: rows in, flags out.
//
// Rule for rates, shares and scores (per indicator, year and level, among the wijken or gebieden
// with a value), all three must hold:
//  1. the value lies more than ODD_FENCE × IQR outside the middle half of its peers
//     (below Q1 − 3·IQR or above Q3 + 3·IQR);
//  2. the area's own previous value (its previous year with a value) was inside that year's fence,
//     so areas that always stand out (elderly homes, holiday homes, city-centre crime) are not
//     flagged year after year: what they show is real and explained;
//  3. the step from that previous value is itself larger than ODD_JUMP × IQR of this year.
// Rule for counts (inhabitants and the like): a change by a factor of ODD_COUNT_FACTOR or more
// (up or down) from the previous year with a value, starting from at least `minCount`, and not
// explained by a boundary change in between.
import { quantileSorted } from 'd3';
import type { Format } from '../../src/lib/catalogue';
import { formatValue } from '../../src/lib/format';

export const ODD_FENCE = 3;
export const ODD_JUMP = 3;
export const ODD_COUNT_FACTOR = 2.5;

export interface OddInput {
  area: string;
  indicator: string;
  year: number;
  /** Peer group: 'wijk' or 'gebied'. */
  level: string;
  value: number;
  scale: 'rate' | 'score' | 'count';
  /** Catalogue format, to write the values in the reason as every page writes them. */
  format: Format;
}

export interface OddValue {
  area: string;
  indicator: string;
  year: number;
  value: number;
  previousYear: number;
  previous: number;
  /** Dutch, for the note and the method page. */
  reason: string;
}

/** Quantile of sorted values, interpolated between order statistics (d3; DuckDB quantile_cont, R type 7). */
export const quantile = (sorted: number[], p: number): number => quantileSorted(sorted, p) ?? NaN;

interface Fence { q1: number; q3: number; iqr: number }


export interface OddOptions {
  /** Smallest previous count a count jump is judged from (the build passes minInwoners). */
  minCount: number;
  /** True when the area's boundary changed after `prev` and by `year`: a count jump is then no surprise. */
  boundaryChanged?: (area: string, prev: number, year: number) => boolean;
}

export function findOddValues(rows: OddInput[], opts: OddOptions): OddValue[] {
  const groups = new Map<string, OddInput[]>();
  const series = new Map<string, OddInput[]>();
  for (const r of rows) {
    const g = `${r.level}|${r.indicator}|${r.year}`;
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(r);
    const s = `${r.area}|${r.indicator}`;
    (series.get(s) ?? series.set(s, []).get(s)!).push(r);
  }
  const fences = new Map<string, Fence>();
  for (const [g, list] of groups) {
    const sorted = list.map((r) => r.value).sort((a, b) => a - b);
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    fences.set(g, { q1, q3, iqr: q3 - q1 });
  }
  const outside = (r: OddInput) => {
    const f = fences.get(`${r.level}|${r.indicator}|${r.year}`)!;
    return r.value > f.q3 + ODD_FENCE * f.iqr || r.value < f.q1 - ODD_FENCE * f.iqr;
  };

  const out: OddValue[] = [];
  for (const list of series.values()) {
    list.sort((a, b) => a.year - b.year);
    for (let i = 1; i < list.length; i++) {
      const r = list[i];
      const p = list[i - 1];
      const step = `${formatValue(p.value, r.format)} in ${p.year}, ${formatValue(r.value, r.format)} in ${r.year}`;
      const base = { area: r.area, indicator: r.indicator, year: r.year, value: r.value, previousYear: p.year, previous: p.value };
      if (r.scale === 'count') {
        if (p.value < opts.minCount || p.value <= 0) continue;
        const factor = r.value / p.value;
        if (factor < ODD_COUNT_FACTOR && factor > 1 / ODD_COUNT_FACTOR) continue;
        if (opts.boundaryChanged?.(r.area, p.year, r.year)) continue;
        out.push({ ...base, reason: step });
        continue;
      }
      const f = fences.get(`${r.level}|${r.indicator}|${r.year}`)!;
      if (f.iqr <= 0 || !outside(r) || outside(p)) continue;
      if (Math.abs(r.value - p.value) <= ODD_JUMP * f.iqr) continue;
      out.push({ ...base, reason: `${step}; ver buiten de andere ${r.level === 'wijk' ? 'wijken' : 'gebieden'}` });
    }
  }
  return out.sort((a, b) => a.indicator.localeCompare(b.indicator) || a.year - b.year || a.area.localeCompare(b.area));
}
