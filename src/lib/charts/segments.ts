// Where a line over the years may be drawn: only between consecutive measurements of the source's
// own rhythm. Bijstand is counted every year (2014–2017), then not until 2024: a line 2017→2024
// would suggest years we never measured. RIVM measures every four years (2012, 2016, 2020): those
// points join. Pure, shared by every chart over time (trend panel, spread, sparkline).

export interface YearValue { year: number; value: number | null | undefined }

/** The source's rhythm: the smallest step between the years an indicator is published for. */
export function cadence(years: number[]): number {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < ys.length; i++) step = Math.min(step, ys[i] - ys[i - 1]);
  return Number.isFinite(step) ? step : 1;
}

/**
 * The points with a value, sorted, each with the number of its segment: a new segment starts
 * where the next point lies more than `step` years after the one before.
 */
export function segments<T extends YearValue>(points: T[], step: number): (T & { value: number; segment: number })[] {
  const ok = points
    .filter((p): p is T & { value: number } => typeof p.value === 'number' && Number.isFinite(p.value))
    .sort((a, b) => a.year - b.year);
  let segment = 0;
  return ok.map((p, i) => {
    if (i > 0 && p.year - ok[i - 1].year > step) segment++;
    return { ...p, segment };
  });
}

/**
 * Years to label on an axis of `px` pixels for [lo, hi]: the ends of each run of consecutive
 * measurements first (first, last, and the years on either side of a gap), then the others, each
 * only if it keeps `minGap` px from every label already chosen.
 */
export function labelledYears(years: number[], lo: number, hi: number, px: number, minGap = 34, step = 1): Set<number> {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const x = (y: number) => ((y - lo) / Math.max(hi - lo, 1e-9)) * px;
  const ends = ys.filter((y, i) => i === 0 || i === ys.length - 1 || ys[i + 1] - y > step || y - ys[i - 1] > step);
  const order = [ys[0], ys.at(-1)!, ...ends, ...ys].filter((y) => y !== undefined);
  const kept: number[] = [];
  for (const y of order) if (!kept.includes(y) && kept.every((k) => Math.abs(x(y) - x(k)) >= minGap)) kept.push(y);
  return new Set(kept);
}
