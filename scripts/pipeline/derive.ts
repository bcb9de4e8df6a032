// From source values to observations: picks each indicator's variables per year from the
// catalogue, derives rates from counts, builds the Rotterdam-Zuid aggregate from summed counts
// (never from averaged rates) or, for shares the source gives, as a weighted mean of the three
// gebieden; leaves small areas out of rates; marks boundary changes and values that stand out.
import type { Catalogue, Indicator, Population, Series, VariableRef } from '../../src/lib/catalogue';
import type { SourceValue } from './sources/types';
import type { Area, Observation, ObservationStatus } from '../../src/lib/model';
import { appendNote, BOUNDARY_TAIL, ODD_NOTE, SUMMED_NOTE, SUMMED_RATE_NOTE, ZUID_COMPUTED } from '../../src/lib/notes';
import { changesBetween, detectAreaChanges, fillGebiedAreas, type AreaYear, type BoundaryChange } from './boundary-changes';
import { findOddValues, type OddInput, type OddValue } from './odd-values';
import { formatValue } from '../../src/lib/format';
import { weightWords } from '../../src/lib/method';

export { SUMMED_NOTE } from '../../src/lib/notes';

type Key = string;
const key = (source: string, year: number, variable: string): Key => `${source}|${year}|${variable}`;

/** Source values indexed by source|year|variable, then by area. */
export class ValueIndex {
  private map = new Map<Key, Map<string, SourceValue>>();
  private years = new Map<string, Set<number>>();
  constructor(values: SourceValue[]) {
    for (const v of values) {
      const sv = `${v.source}|${v.variable}`;
      (this.years.get(sv) ?? this.years.set(sv, new Set()).get(sv)!).add(v.year);
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
  /** The years in which a source has a variable, ascending. */
  yearsOf(source: string, variable: string): number[] {
    return [...(this.years.get(`${source}|${variable}`) ?? [])].sort((a, b) => a - b);
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
      const refs = [s.variable, s.numerator, s.denominator, typeof s.weight === 'string' ? s.weight : undefined].filter(Boolean) as VariableRef[];
      for (const r of refs) {
        const { source, variable } = ref(s, r);
        for (const y of s.years) {
          if (!index.has(source, y, variable)) problems.push(`${ind.id}: bron ${source} ${y} heeft geen variabele "${variable}"`);
        }
      }
      if (typeof s.weight === 'object') {
        const pop = cat.populations[s.weight.population];
        if (!populationYears(pop, index).length) problems.push(`${ind.id}: populatie "${s.weight.population}": bron ${pop.source} heeft in geen enkel jaar ${[...pop.sum, ...(pop.minus ?? [])].map((v) => `"${v}"`).join(', ')}`);
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
  const push = (area: string, r: { value: number | null; status: ObservationStatus; note?: string; unit?: string }) =>
    out.push({ area, indicator: ind.id, year, source: src, value: r.value, status: r.status, note: r.note ?? null, unit: r.unit ?? null });

  if (s.variable) {
    const vals = index.get(src, year, s.variable)!;
    for (const [area, v] of vals) {
      if (!ctx.areas.has(area)) continue;
      push(area, { value: v.value, status: v.status, note: v.note, unit: v.unit });
    }
    if (s.aggregate !== 'none') push(ctx.cat.zuid.code, aggregateGiven(ind, s, year, ctx));
  } else {
    const num = index.get(src, year, s.numerator!)!;
    const d = ref(s, s.denominator!);
    const den = index.get(d.source, year, d.variable)!;
    for (const [area, n] of num) {
      if (!ctx.areas.has(area)) continue;
      const d = den.get(area);
      const r = rate(n, d, s.per!);
      // A rate of summed parts is no figure of the source either: say so.
      const summed = r.status === 'ok' && (n.note === SUMMED_NOTE || d?.note === SUMMED_NOTE);
      push(area, summed ? { ...r, note: SUMMED_RATE_NOTE } : r);
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
  const w = zuidWeights(s, year, ctx);
  if (!w) return missing('ontbreekt', 'Niet voor alle gebieden van Zuid bekend');
  const parts = zuid.gebieden.map((c) => ({ v: vals?.get(c), w: w.weights.get(c)! }));
  if (parts.some((p) => !p.v || p.v.status !== 'ok')) return missing('ontbreekt', 'Niet voor alle gebieden van Zuid bekend');
  const value = weightedMean(parts.map((p) => ({ value: p.v!.value!, weight: p.w })));
  if (value === null) return missing('niet van toepassing');
  const model = ind.model ? '. De cijfers per gebied zijn modelschattingen' : '';
  return { value, status: 'ok' as const, note: `${ZUID_COMPUTED}: gemiddelde van Charlois, Feijenoord en IJsselmonde, gewogen naar ${w.label}${model}` };
}

/** Σ value × weight / Σ weight; null when the weights add up to 0. */
export function weightedMean(parts: { value: number; weight: number }[]): number | null {
  const den = parts.reduce((t, p) => t + p.weight, 0);
  return den === 0 ? null : parts.reduce((t, p) => t + p.value * p.weight, 0) / den;
}

/** The Zuid gebieden's weights for a series and year, with words for the note. */
function zuidWeights(s: Series, year: number, ctx: Ctx): { weights: Map<string, number>; label: string } | null {
  const codes = ctx.cat.zuid.gebieden;
  if (typeof s.weight === 'string') {
    const vals = ctx.index.get(s.source, year, s.weight);
    const weights = new Map<string, number>();
    for (const c of codes) {
      const v = vals?.get(c);
      if (!v || v.status !== 'ok') return null;
      weights.set(c, v.value!);
    }
    const publisher = ctx.cat.sources[s.source]?.publisher ?? s.source;
    return { weights, label: `${weightWords(s.weight)} (${publisher}, ${year})` };
  }
  const pop = ctx.cat.populations[s.weight!.population];
  const found = populationWeights(pop, year, codes, ctx.index);
  if (!found) return null;
  const publisher = ctx.cat.sources[pop.source]?.publisher ?? pop.source;
  return { weights: found.weights, label: `hun ${pop.label} (${publisher}, ${found.year})` };
}

/** Years in which the population's source has every variable it needs. */
function populationYears(pop: Population, index: ValueIndex): number[] {
  const vars = [...pop.sum, ...(pop.minus ?? [])];
  const sets = vars.map((v) => new Set(index.yearsOf(pop.source, v)));
  return [...sets[0]].filter((y) => sets.every((set) => set.has(y))).sort((a, b) => a - b);
}

/**
 * A population per area (Σ sum − Σ minus) from the year nearest to `year` in which every area has
 * every variable (ties: the earlier year). Null when no year has them all.
 */
export function populationWeights(pop: Population, year: number, codes: string[], index: ValueIndex): { year: number; weights: Map<string, number> } | null {
  const years = populationYears(pop, index).sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b);
  for (const y of years) {
    const weights = new Map<string, number>();
    for (const c of codes) {
      let total = 0;
      for (const [vars, sign] of [[pop.sum, 1], [pop.minus ?? [], -1]] as const) {
        for (const v of vars) {
          const x = index.get(pop.source, y, v)?.get(c);
          if (!x || x.status !== 'ok') total = NaN;
          else total += sign * x.value!;
        }
      }
      if (!Number.isFinite(total)) break;
      weights.set(c, total);
    }
    if (weights.size === codes.length) return { year: y, weights };
  }
  return null;
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
  return deriveAll(cat, index, areas).observations;
}

export interface DeriveReport {
  observations: Observation[];
  /** CBS-flagged and detected boundary changes of Rotterdam areas. */
  boundaryChanges: BoundaryChange[];
  oddValues: OddValue[];
}

export function deriveAll(cat: Catalogue, index: ValueIndex, areas: Map<string, Area>): DeriveReport {
  const ctx: Ctx = { cat, index, areas };
  const obs: Observation[] = [];
  for (const ind of cat.indicators) {
    // A loop, not push(...xs): one series-year has a row per area, too many arguments at scale.
    for (const s of ind.series) for (const y of s.years) for (const o of deriveSeries(ind, s, y, ctx)) obs.push(o);
  }
  const boundaryChanges = boundaryChangesOf(index).filter((c) => areas.has(c.area));
  const marked = markBoundaryChanges(cat, suppressSmallAreas(cat, obs, areas), boundaryChanges);
  const { observations, oddValues } = markOddValues(cat, marked, areas, boundaryChanges);
  return { observations, boundaryChanges, oddValues };
}

/** Land area per source: KWB (and the 2023 extract), and the 2024 wijk- en buurtkaart. */
export const LAND_AREA = [
  { source: 'kwb', variable: 'Oppervlakte land [ha]', flag: 'Indelingswijziging' },
  { source: 'wbk', variable: 'oppervlakte_land_in_ha', flag: 'indelingswijziging_wijken_en_buurten' },
] as const;
const INHABITANTS = { source: 'kwb', variable: 'Aantal inwoners [aantal]' } as const;

/**
 * Every boundary change we know of: CBS Indelingswijziging 3 (changed since the year before), and
 * for years whose files carry no such flag, changes detected from land area (boundary-changes.ts).
 */
export function boundaryChangesOf(index: ValueIndex): BoundaryChange[] {
  const data = new Map<string, Map<number, AreaYear>>();
  const flagged = new Set<number>();
  for (const { source, variable, flag } of LAND_AREA) {
    for (const y of index.yearsOf(source, variable)) {
      if (index.has(source, y, flag)) flagged.add(y);
      for (const [area, v] of index.get(source, y, variable)!) {
        if (!/^(WK|BU)0599/.test(area)) continue;
        const years = data.get(area) ?? data.set(area, new Map()).get(area)!;
        const inw = index.get(INHABITANTS.source, y, INHABITANTS.variable)?.get(area);
        years.set(y, { ha: v.status === 'ok' ? v.value : null, inhabitants: inw?.status === 'ok' ? inw.value : null });
      }
    }
  }
  fillGebiedAreas(data);
  const withArea = [...new Set([...data.values()].flatMap((m) => [...m.keys()]))];
  const detected = detectAreaChanges(data, withArea.filter((y) => !flagged.has(y)));

  const cbs = new Map<string, BoundaryChange>();
  for (const { source, flag } of LAND_AREA) {
    for (const y of index.yearsOf(source, flag)) {
      for (const [area, v] of index.get(source, y, flag)!) {
        if (v.value !== 3 || cbs.has(`${area}|${y}`)) continue;
        const d = data.get(area);
        cbs.set(`${area}|${y}`, {
          area, from: y - 1, to: y, basis: 'cbs',
          haBefore: d?.get(y - 1)?.ha ?? null, haAfter: d?.get(y)?.ha ?? null,
          inhabitantsBefore: d?.get(y - 1)?.inhabitants ?? null, inhabitantsAfter: d?.get(y)?.inhabitants ?? null,
        });
      }
    }
  }
  return [...cbs.values(), ...detected].sort((a, b) => a.area.localeCompare(b.area) || a.to - b.to);
}

const ha = (x: number | null) => (x === null ? '?' : new Intl.NumberFormat('nl-NL').format(x));

/** Changes per area, so a row looks at its own area's few changes, not at all of them. */
export function changesByArea(changes: BoundaryChange[]): Map<string, BoundaryChange[]> {
  const out = new Map<string, BoundaryChange[]>();
  for (const c of changes) (out.get(c.area) ?? out.set(c.area, []).get(c.area)!).push(c);
  return out;
}

/** "Grens gewijzigd in 2018 (CBS-indelingswijziging); vergelijk voorzichtig met eerdere jaren". */
export function boundaryNote(changes: BoundaryChange[]): string {
  const parts = changes.map((c) =>
    c.basis === 'cbs'
      ? `grens gewijzigd in ${c.to} (CBS-indelingswijziging)`
      : `grens gewijzigd tussen ${c.from} en ${c.to} (landoppervlakte ${ha(c.haBefore)} → ${ha(c.haAfter)} ha; afgeleid, de bron meldt het niet)`,
  );
  const text = `${parts.join('; ')}; ${BOUNDARY_TAIL}`;
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * A boundary change applies to rows of sources on the CBS division of their year (catalogue
 * `cbsDivision`), for the first year with data after the change: a row is marked when a change
 * falls after the indicator's previous year with a row for that area (or the year before, for its
 * first row) and by the row's year. RIVM (fixed 2020 division), Leefbaarometer and Wijkprofiel rows
 * are never marked.
 */
export function markBoundaryChanges(cat: Catalogue, obs: Observation[], changes: BoundaryChange[]): Observation[] {
  const onCbs = (o: Observation) => cat.sources[o.source]?.cbsDivision === true;
  const years = new Map<string, number[]>();
  for (const o of obs) {
    if (!onCbs(o)) continue;
    const k = `${o.area}|${o.indicator}`;
    (years.get(k) ?? years.set(k, []).get(k)!).push(o.year);
  }
  for (const list of years.values()) list.sort((a, b) => a - b);
  const byArea = changesByArea(changes);
  return obs.map((o) => {
    if (!onCbs(o)) return o;
    const list = years.get(`${o.area}|${o.indicator}`)!;
    const prev = list.filter((y) => y < o.year).at(-1) ?? o.year - 1;
    const cs = changesBetween(byArea.get(o.area) ?? [], o.area, prev, o.year);
    return cs.length ? { ...o, note: appendNote(o.note, boundaryNote(cs)) } : o;
  });
}

/**
 * Values that stand out (odd-values.ts) get a note, so every view shows it. A flagged rate also
 * flags the count it was made of (same source, area and year), which is the published figure.
 */
export function markOddValues(cat: Catalogue, obs: Observation[], areas: Map<string, Area>, changes: BoundaryChange[]): { observations: Observation[]; oddValues: OddValue[] } {
  const byId = new Map(cat.indicators.map((i) => [i.id, i]));
  const rows: OddInput[] = [];
  for (const o of obs) {
    const level = areas.get(o.area)?.level;
    const ind = byId.get(o.indicator);
    if (o.status !== 'ok' || !ind || (level !== 'wijk' && level !== 'gebied')) continue;
    rows.push({ area: o.area, indicator: o.indicator, year: o.year, level, value: o.value!, scale: ind.scale, format: ind.format });
  }
  const byArea = changesByArea(changes);
  const found = findOddValues(rows, {
    minCount: cat.minInwoners,
    boundaryChanged: (area, prev, year) => changesBetween(byArea.get(area) ?? [], area, prev, year).length > 0,
  });
  // Lookups by key, not obs.find/found.some per flag: flags grow with the areas, and so do rows.
  const okRows = new Map<string, Observation>();
  for (const o of obs) if (o.status === 'ok') okRows.set(`${o.area}|${o.indicator}|${o.year}`, o);
  const flagged = new Set(found.map((g) => `${g.area}|${g.indicator}|${g.year}`));
  const extra: OddValue[] = [];
  for (const f of found) {
    const s = seriesOf(byId.get(f.indicator)!, f.year);
    if (!s?.numerator) continue;
    for (const other of cat.indicators) {
      const os = seriesOf(other, f.year);
      if (os?.variable !== s.numerator || os.source !== s.source) continue;
      const at = (year: number) => okRows.get(`${f.area}|${other.id}|${year}`);
      const o = at(f.year);
      const p = at(f.previousYear);
      if (!o || !p || flagged.has(`${f.area}|${other.id}|${f.year}`)) continue;
      const step = `${formatValue(p.value, other.format)} in ${p.year}, ${formatValue(o.value, other.format)} in ${o.year}`;
      extra.push({ ...f, indicator: other.id, value: o.value!, previous: p.value!, reason: `${step}; het aantal achter ${byId.get(f.indicator)!.label.toLowerCase()} ${formatValue(f.value, byId.get(f.indicator)!.format)}` });
    }
  }
  const all = [...found, ...extra];
  const flags = new Map(all.map((f) => [`${f.area}|${f.indicator}|${f.year}`, f]));
  const observations = obs.map((o) => {
    const f = flags.get(`${o.area}|${o.indicator}|${o.year}`);
    return f ? { ...o, note: appendNote(o.note, `${ODD_NOTE} (${f.reason})`) } : o;
  });
  return { observations, oddValues: all };
}

const seriesOf = (ind: Indicator, year: number) => ind.series.find((s) => s.years.includes(year));

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

/**
 * Every source variable the build reads (`source|variable`): the catalogue's series (variable,
 * numerator, denominator, weight), its populations, and land area, boundary flags and inhabitants
 * for boundary changes. The build keeps only these of what the loaders give (KWB files hold
 * hundreds of columns), so memory grows with what is published, not with the width of the files.
 */
export function usedVariables(cat: Catalogue): Set<string> {
  const out = new Set<string>();
  for (const ind of cat.indicators) {
    for (const s of ind.series) {
      const refs = [s.variable, s.numerator, s.denominator, typeof s.weight === 'string' ? s.weight : undefined].filter(Boolean) as VariableRef[];
      for (const r of refs) {
        const { source, variable } = ref(s, r);
        out.add(`${source}|${variable}`);
      }
    }
  }
  for (const [id, pop] of Object.entries(cat.populations ?? {})) {
    if (id.startsWith('$')) continue; // "$comment"
    for (const v of [...pop.sum, ...(pop.minus ?? [])]) out.add(`${pop.source}|${v}`);
  }
  for (const { source, variable, flag } of LAND_AREA) out.add(`${source}|${variable}`).add(`${source}|${flag}`);
  out.add(`${INHABITANTS.source}|${INHABITANTS.variable}`);
  return out;
}

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
    // push, not [...group, v]: copying the group per value is quadratic in the number of areas.
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(v);
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
      (totals.get(gebied) ?? totals.set(gebied, []).get(gebied)!).push(w);
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
  const out = values.slice();
  for (const a of added) out.push(a);
  return out;
}
