// Boundary changes the source does not flag. CBS marks a changed wijk or buurt with
// Indelingswijziging 3 (changed since the year before), but our 2023 file has no such column, so
// the step 2018 → 2023 is unflagged. Land area shows it: a code whose land area moves by more
// than AREA_CHANGE_SHARE (and by at least AREA_CHANGE_MIN_HA) between two years with data has
// other boundaries. Pure: the build hands in land area and inhabitants per code and year.
import type { DerivedBoundaryChange } from '../../src/lib/method';

/** Relative change in land area above which we call it a boundary change: 3%. Land area also
 * moves a little when CBS updates its land-use file (Strand en Duin 405 → 396 ha, 2,2%); a
 * boundary change moves it more (Kralingse Bos 326 → 301 ha, 7,7%). */
export const AREA_CHANGE_SHARE = 0.03;
/** …and at least this many hectares, so rounding to whole hectares in tiny buurten (Witte Dorp,
 * 4 ha) never counts. */
export const AREA_CHANGE_MIN_HA = 5;

export interface AreaYear {
  /** Land area in ha, null when unknown. */
  ha: number | null;
  inhabitants: number | null;
}

/** A boundary change as the build finds it; the manifest adds the area's name (src/lib/method.ts).
 * The change happened after `from` and by `to`; basis 'cbs' = flagged by CBS (Indelingswijziging 3),
 * 'oppervlakte' = detected from land area. */
export type BoundaryChange = Omit<DerivedBoundaryChange, 'name'>;

export function isAreaChange(before: number, after: number): boolean {
  const diff = Math.abs(after - before);
  return diff >= AREA_CHANGE_MIN_HA && diff > AREA_CHANGE_SHARE * before;
}

/**
 * For every code and every year in `unflaggedYears` (years whose source says nothing about
 * boundaries), compare land area with the code's previous year that has one. Returns the
 * changes, sorted by area code.
 */
export function detectAreaChanges(data: Map<string, Map<number, AreaYear>>, unflaggedYears: number[]): BoundaryChange[] {
  const out: BoundaryChange[] = [];
  for (const [area, years] of data) {
    const known = [...years].filter(([, v]) => v.ha !== null).sort(([a], [b]) => a - b);
    for (const to of unflaggedYears) {
      const after = years.get(to);
      if (after?.ha == null) continue;
      const prev = known.filter(([y]) => y < to).at(-1);
      if (!prev) continue;
      const [from, before] = prev;
      if (!isAreaChange(before.ha!, after.ha)) continue;
      out.push({
        area, from, to, basis: 'oppervlakte',
        haBefore: before.ha, haAfter: after.ha,
        inhabitantsBefore: years.get(from)?.inhabitants ?? null, inhabitantsAfter: after.inhabitants,
      });
    }
  }
  return out.sort((a, b) => a.area.localeCompare(b.area) || a.to - b.to);
}

/**
 * Land area for a gebied (WK) in a year where the source gives only its wijken (BU): the sum of
 * its wijken, when every wijk of it that year has one. Gebieden that have their own figure keep it.
 */
export function fillGebiedAreas(data: Map<string, Map<number, AreaYear>>): void {
  const sums = new Map<string, Map<number, { ha: number; inhabitants: number | null; complete: boolean }>>();
  for (const [code, years] of data) {
    if (!code.startsWith('BU')) continue;
    const gebied = `WK${code.slice(2, 8)}`;
    for (const [year, v] of years) {
      const byYear = sums.get(gebied) ?? sums.set(gebied, new Map()).get(gebied)!;
      const s = byYear.get(year) ?? { ha: 0, inhabitants: 0, complete: true };
      if (v.ha === null) s.complete = false;
      else s.ha += v.ha;
      s.inhabitants = s.inhabitants === null || v.inhabitants === null ? null : s.inhabitants + v.inhabitants;
      byYear.set(year, s);
    }
  }
  for (const [gebied, byYear] of sums) {
    const years = data.get(gebied) ?? data.set(gebied, new Map()).get(gebied)!;
    for (const [year, s] of byYear) {
      const own = years.get(year);
      if (own?.ha != null || !s.complete) continue;
      years.set(year, { ha: s.ha, inhabitants: own?.inhabitants ?? s.inhabitants });
    }
  }
}

/** Whether any change of `area` falls after year `prev` and by year `year`. */
export function changesBetween(changes: BoundaryChange[], area: string, prev: number, year: number): BoundaryChange[] {
  return changes.filter((c) => c.area === area && c.to > prev && c.to <= year);
}
