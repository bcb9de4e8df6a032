// From source values to observations: picks each indicator's variables per year from the
// catalogue, derives rates from counts, builds the Rotterdam-Zuid aggregate from summed counts
// (never from averaged rates) and leaves small areas out of rates.
import type { Catalogue, Indicator, Series, VariableRef } from '../src/lib/catalogue';
import type { SourceValue } from './sources/types';
import type { Area, Observation, ObservationStatus } from '../src/lib/model';

type Key = string;
const key = (source: string, year: number, variable: string): Key => `${source}|${year}|${variable}`;

/** Source values indexed by source|year|variable, then by area. */
export class ValueIndex {
  private map = new Map<Key, Map<string, SourceValue>>();
  constructor(values: SourceValue[]) {
    for (const v of values) {
      const k = key(v.source, v.year, v.variable);
      let m = this.map.get(k);
      if (!m) this.map.set(k, (m = new Map()));
      // Two loaders delivering the same figure would silently overwrite each other: refuse.
      if (m.has(v.area)) throw new Error(`Dubbele waarde: bron ${v.source} ${v.year} "${v.variable}" voor ${v.area} komt uit twee laders`);
      m.set(v.area, v);
    }
  }
  get(source: string, year: number, variable: string): Map<string, SourceValue> | undefined {
    return this.map.get(key(source, year, variable));
  }
  has(source: string, year: number, variable: string): boolean {
    return this.map.has(key(source, year, variable));
  }
}

function ref(series: Series, r: VariableRef): { source: string; variable: string } {
  return typeof r === 'string' ? { source: series.source, variable: r } : r;
}

const missing = (status: ObservationStatus, note?: string) => ({ value: null, status, note });

/** Every catalogue variable must exist in its source and year: a renamed column fails loudly. */
export function checkVariables(cat: Catalogue, index: ValueIndex): string[] {
  const problems: string[] = [];
  for (const ind of cat.indicators) {
    for (const s of ind.series) {
      const refs = [s.variable, s.numerator, s.denominator, s.weight].filter(Boolean) as VariableRef[];
      for (const r of refs) {
        const { source, variable } = ref(s, r);
        for (const y of s.years) {
          if (!index.has(source, y, variable)) problems.push(`${ind.id}: bron ${source} ${y} heeft geen variabele "${variable}"`);
        }
      }
    }
  }
  return problems;
}

interface Ctx { cat: Catalogue; index: ValueIndex; areas: Map<string, Area> }

function deriveSeries(ind: Indicator, s: Series, year: number, ctx: Ctx): Observation[] {
  const out: Observation[] = [];
  const { index } = ctx;
  const src = s.source;
  const push = (area: string, r: { value: number | null; status: ObservationStatus; note?: string }) =>
    out.push({ area, indicator: ind.id, year, source: src, value: r.value, status: r.status, note: r.note ?? null });

  if (s.variable) {
    const vals = index.get(src, year, s.variable)!;
    for (const [area, v] of vals) {
      if (!ctx.areas.has(area)) continue;
      push(area, { value: v.value, status: v.status, note: v.note });
    }
    if (s.aggregate !== 'none') push(ctx.cat.zuid.code, aggregateGiven(ind, s, year, ctx));
  } else {
    const num = index.get(src, year, s.numerator!)!;
    const d = ref(s, s.denominator!);
    const den = index.get(d.source, year, d.variable)!;
    for (const [area, n] of num) {
      if (!ctx.areas.has(area)) continue;
      push(area, rate(n, den.get(area), s.per!));
    }
    if (s.aggregate !== 'none') {
      const sumN = sumOver(ctx.cat.zuid.gebieden, num);
      const sumD = sumOver(ctx.cat.zuid.gebieden, den);
      if (sumN === null || sumD === null) push(ctx.cat.zuid.code, missing('ontbreekt', 'Niet voor alle gebieden van Zuid bekend'));
      else push(ctx.cat.zuid.code, { value: sumD === 0 ? null : (sumN / sumD) * s.per!, status: sumD === 0 ? 'niet van toepassing' : 'ok', note: 'Berekend uit de opgetelde aantallen van Charlois, Feijenoord en IJsselmonde' });
    }
  }
  return out;
}

function rate(n: SourceValue, d: SourceValue | undefined, per: number) {
  if (n.status !== 'ok') return missing(n.status, n.note);
  if (!d) return missing('ontbreekt', 'Geen noemer (inwoners) voor dit jaar');
  if (d.status !== 'ok') return missing(d.status, d.note);
  if (d.value === 0) return missing('niet van toepassing', 'Geen inwoners');
  return { value: (n.value! / d.value!) * per, status: 'ok' as const };
}

function sumOver(codes: string[], vals: Map<string, SourceValue> | undefined): number | null {
  if (!vals) return null;
  let sum = 0;
  for (const c of codes) {
    const v = vals.get(c);
    if (!v || v.status !== 'ok') return null;
    sum += v.value!;
  }
  return sum;
}

/** Zuid for a value the source gives: a sum for counts, a weighted mean for rates with a weight. */
function aggregateGiven(ind: Indicator, s: Series, year: number, ctx: Ctx) {
  const { zuid } = ctx.cat;
  const vals = ctx.index.get(s.source, year, s.variable!);
  if (ind.aggregate === 'sum') {
    const sum = sumOver(zuid.gebieden, vals);
    return sum === null ? missing('ontbreekt', 'Niet voor alle gebieden van Zuid bekend') : { value: sum, status: 'ok' as const, note: 'Som van Charlois, Feijenoord en IJsselmonde' };
  }
  if (!s.weight) return missing('niet van toepassing', 'De bron geeft geen cijfer voor Rotterdam-Zuid en geen aantallen om het uit te rekenen');
  const weights = ctx.index.get(s.source, year, s.weight);
  let num = 0;
  let den = 0;
  for (const c of zuid.gebieden) {
    const v = vals?.get(c);
    const w = weights?.get(c);
    if (!v || v.status !== 'ok' || !w || w.status !== 'ok') return missing('ontbreekt', 'Niet voor alle gebieden van Zuid bekend');
    num += v.value! * w.value!;
    den += w.value!;
  }
  if (den === 0) return missing('niet van toepassing');
  return { value: num / den, status: 'ok' as const, note: 'Gewogen gemiddelde van Charlois, Feijenoord en IJsselmonde' };
}

/** Inhabitants per area and year, to find small areas; a year without a count uses the nearest. */
export function inhabitantsLookup(obs: Observation[], inwonersId = 'inwoners') {
  const byArea = new Map<string, { year: number; value: number }[]>();
  for (const o of obs) {
    if (o.indicator !== inwonersId || o.status !== 'ok') continue;
    const list = byArea.get(o.area) ?? [];
    list.push({ year: o.year, value: o.value! });
    byArea.set(o.area, list);
  }
  return (area: string, year: number): number | undefined => {
    const list = byArea.get(area);
    if (!list?.length) return undefined;
    let best = list[0];
    for (const p of list) {
      const d = Math.abs(p.year - year);
      const bd = Math.abs(best.year - year);
      if (d < bd || (d === bd && p.year < best.year)) best = p;
    }
    return best.value;
  };
}

export function deriveObservations(cat: Catalogue, index: ValueIndex, areas: Map<string, Area>): Observation[] {
  const ctx: Ctx = { cat, index, areas };
  const obs: Observation[] = [];
  for (const ind of cat.indicators) {
    for (const s of ind.series) for (const y of s.years) obs.push(...deriveSeries(ind, s, y, ctx));
  }
  return markBoundaryChanges(index, suppressSmallAreas(cat, obs, areas));
}

export const BOUNDARY_NOTE = 'Grens gewijzigd ten opzichte van het jaar ervoor (CBS indelingswijziging); vergelijk voorzichtig met eerdere jaren';

/** CBS flags a changed boundary with Indelingswijziging 3: same code, other area. Say so. */
export function markBoundaryChanges(index: ValueIndex, obs: Observation[]): Observation[] {
  return obs.map((o) => {
    const flag = index.get('kwb', o.year, 'Indelingswijziging')?.get(o.area);
    if (flag?.value !== 3) return o;
    return { ...o, note: o.note ? `${o.note}. ${BOUNDARY_NOTE}` : BOUNDARY_NOTE };
  });
}

/** Below cat.minInwoners a wijk or gebied keeps its counts but gets no rates, ranks or scores. */
export function suppressSmallAreas(cat: Catalogue, obs: Observation[], areas: Map<string, Area>): Observation[] {
  const inhabitants = inhabitantsLookup(obs);
  const counts = new Set(cat.indicators.filter((i) => i.aggregate === 'sum').map((i) => i.id));
  return obs.map((o) => {
    const level = areas.get(o.area)?.level;
    if (counts.has(o.indicator) || (level !== 'wijk' && level !== 'gebied')) return o;
    const n = inhabitants(o.area, o.year);
    if (n === undefined || n >= cat.minInwoners) return o;
    return { ...o, value: null, status: 'te weinig inwoners', note: `Minder dan ${cat.minInwoners} inwoners (${n})` };
  });
}

/** Source variables that are counts, so their totals may be summed: numerators, denominators and
 * the variables of indicators the catalogue marks as `aggregate: 'sum'`. */
export function countVariables(cat: Catalogue): Set<string> {
  const out = new Set<string>();
  for (const ind of cat.indicators) {
    for (const s of ind.series) {
      const refs: VariableRef[] = [];
      if (s.numerator) refs.push(s.numerator, s.denominator!);
      if (s.variable && ind.aggregate === 'sum') refs.push(s.variable);
      for (const r of refs) {
        const { source, variable } = ref(s, r);
        out.add(`${source}|${variable}`);
      }
    }
  }
  return out;
}

export const SUMMED_NOTE = 'Som van de wijken: de bron geeft dit jaar geen cijfer voor dit gebied';

/** Rotterdam's wijken (CBS buurt codes) of a year's indeling; undefined when unknown. */
export type WijkenOf = (year: number) => readonly string[] | undefined;

/**
 * Some files give counts only per wijk (CBS buurt), e.g. KWB 2023 inhabitants and Politie 2023.
 * For count variables, add each gebied and the gemeente as the sum of their wijken when the source
 * has no figure of its own. A sum is written only when every wijk of that gebied (or of the city) in
 * the year's indeling has a value; otherwise the total is 'ontbreekt' with a note saying how many
 * wijken lack a figure. Without a known indeling for the year nothing is added.
 */
export function addMissingTotals(cat: Catalogue, values: SourceValue[], wijkenOf: WijkenOf): SourceValue[] {
  const counts = countVariables(cat);
  const groups = new Map<string, SourceValue[]>();
  for (const v of values) {
    if (!counts.has(`${v.source}|${v.variable}`)) continue;
    const k = `${v.source}|${v.year}|${v.variable}`;
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  const added: SourceValue[] = [];
  for (const group of groups.values()) {
    const byArea = new Map(group.map((v) => [v.area, v]));
    if (!group.some((v) => v.area.startsWith('BU0599'))) continue;
    const { source, year, variable } = group[0];
    const wijken = wijkenOf(year);
    if (!wijken) continue;
    const totals = new Map<string, string[]>([['GM0599', [...wijken]]]);
    for (const w of wijken) {
      const gebied = `WK${w.slice(2, 8)}`;
      totals.set(gebied, [...(totals.get(gebied) ?? []), w]);
    }
    for (const [area, parts] of totals) {
      if (byArea.has(area)) continue;
      const lacking = parts.filter((p) => byArea.get(p)?.status !== 'ok');
      if (lacking.length) {
        const note = `Geen som van de wijken: de bron geeft dit jaar geen cijfer voor dit gebied, en voor ${lacking.length} van de ${parts.length} wijken ook niet`;
        added.push({ source, year, variable, area, value: null, status: 'ontbreekt', note });
        continue;
      }
      added.push({ source, year, variable, area, value: parts.reduce((s, p) => s + byArea.get(p)!.value!, 0), status: 'ok', note: SUMMED_NOTE });
    }
  }
  return [...values, ...added];
}
