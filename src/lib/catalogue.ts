// Typed access to data/indicators.json, the single source of truth for what an indicator means.
// Both the data build and the pages import this module; nothing else repeats labels or units.
import raw from '../../data/indicators.json';

export type Direction = 'higher_better' | 'lower_better' | 'neutral';
export type Format = 'integer' | 'decimal' | 'percent' | 'signed';
/**
 * What a comparison with the city may say (src/lib/compare.ts):
 * - 'rate': a rate, share or mean on a positive scale: index (city = 100), judged by direction;
 * - 'score': a signed scale, class or index score: the difference with the city, judged by
 *   direction and the sign of that difference (an index of a signed value flips);
 * - 'count': a number of people or things: no index, no judgement; ranked as "grootste".
 */
export type Scale = 'rate' | 'score' | 'count';

/** A source variable, optionally from another source than the series itself (same year). */
export type VariableRef = string | { source: string; variable: string };

export interface Series {
  source: string;
  years: number[];
  /** Read the value as the source gives it … */
  variable?: string;
  /** … or derive a rate: numerator / denominator × per, summed first for aggregates. */
  numerator?: string;
  denominator?: VariableRef;
  per?: number;
  /** What to weight a given rate with when aggregating to Rotterdam-Zuid: a variable of the same
   * source and year, or a named population of the catalogue (`populations`). */
  weight?: string | { population: string };
  /** 'none': the source's own areas only, no Rotterdam-Zuid aggregate. */
  aggregate?: 'none';
}

export interface Indicator {
  id: string;
  label: string;
  definition: string;
  unit: string;
  format: Format;
  scale: Scale;
  direction: Direction;
  domain: string;
  /** Counts are summed for aggregates and are not suppressed for small areas. */
  aggregate?: 'sum';
  /** RIVM health figures: model estimates, not counts. */
  model?: boolean;
  /** Levels the source publishes at, when not all. */
  levels?: string[];
  series: Series[];
  /** Years from which the definition differs from the years before: a change since an earlier
   * year is not computed across them (src/lib/change.ts). `text` says what changed, in Dutch. */
  definitionChanges?: { year: number; text: string }[];
}

export interface Factor { id: string; label: string; indicators: string[] }
export interface Goal { id: string; label: string; question: string; factors: Factor[] }
/**
 * A population to weight shares by, built from counts of one source: the sum of `sum` minus the
 * sum of `minus`, taken from the series' own year or else the nearest year that has them all.
 * `label` names it in notes ("inwoners van 15 jaar en ouder").
 */
export interface Population { source: string; sum: string[]; minus?: string[]; label: string }

export interface Source {
  publisher: string;
  title: string;
  tables: Record<string, string>;
  licence: string;
  url: string;
  modelEstimate?: boolean;
  /** The source's areas follow the CBS wijk- en buurtindeling of the same year, so CBS boundary
   * changes apply to its figures (not so for RIVM's fixed 2020 division, Leefbaarometer, Wijkprofiel). */
  cbsDivision?: boolean;
}

export interface Catalogue {
  minInwoners: number;
  zuid: { code: string; name: string; gebieden: string[] };
  sources: Record<string, Source>;
  populations: Record<string, Population>;
  goals: Goal[];
  context: { id: string; label: string; question: string; indicators: string[] };
  wijkprofiel: string[];
  similarity: string[];
  indicators: Indicator[];
}

const DIRECTIONS: Direction[] = ['higher_better', 'lower_better', 'neutral'];
const FORMATS: Format[] = ['integer', 'decimal', 'percent', 'signed'];
const SCALES: Scale[] = ['rate', 'score', 'count'];

/** Checks the catalogue's internal consistency; throws with the indicator id that is wrong. */
export function validateCatalogue(c: Catalogue): Catalogue {
  const ids = new Set<string>();
  for (const ind of c.indicators) {
    const where = `data/indicators.json, indicator "${ind.id}"`;
    if (!/^[a-z0-9_]+$/.test(ind.id)) throw new Error(`${where}: id mag alleen a-z, 0-9 en _ bevatten`);
    if (ids.has(ind.id)) throw new Error(`${where}: id komt twee keer voor`);
    ids.add(ind.id);
    if (!DIRECTIONS.includes(ind.direction)) throw new Error(`${where}: onbekende direction "${ind.direction}"`);
    if (!FORMATS.includes(ind.format)) throw new Error(`${where}: onbekend format "${ind.format}"`);
    if (!SCALES.includes(ind.scale)) throw new Error(`${where}: scale moet rate, score of count zijn, niet "${ind.scale}"`);
    // A count says how big an area is, not how well it does: never better or worse.
    if (ind.scale === 'count' && ind.direction !== 'neutral') throw new Error(`${where}: een aantal (scale count) heeft direction neutral`);
    if (ind.format === 'signed' && ind.scale === 'rate') throw new Error(`${where}: een schaal met teken (format signed) is geen rate; gebruik scale score`);
    for (const key of ['label', 'definition', 'unit', 'domain'] as const) {
      if (!ind[key]) throw new Error(`${where}: ${key} ontbreekt`);
    }
    const seen = new Set<number>();
    for (const s of ind.series) {
      if (!c.sources[s.source]) throw new Error(`${where}: onbekende bron "${s.source}"`);
      if (!s.variable === !s.numerator) throw new Error(`${where}: geef per reeks óf variable óf numerator/denominator`);
      if (s.numerator && (!s.denominator || !s.per)) throw new Error(`${where}: numerator zonder denominator of per`);
      if (typeof s.weight === 'object' && !c.populations?.[s.weight.population]) throw new Error(`${where}: onbekende populatie "${s.weight.population}" als gewicht`);
      for (const y of s.years) {
        if (seen.has(y)) throw new Error(`${where}: jaar ${y} staat in twee reeksen`);
        seen.add(y);
        if (!c.sources[s.source].tables[String(y)]) throw new Error(`${where}: bron "${s.source}" heeft geen tabel voor ${y}`);
      }
    }
    for (const dc of ind.definitionChanges ?? []) {
      if (!seen.has(dc.year)) throw new Error(`${where}: definitionChanges noemt ${dc.year}, geen jaar van een reeks`);
      if (!dc.text) throw new Error(`${where}: definitionChanges ${dc.year} zonder text`);
    }
  }
  for (const [id, p] of Object.entries(c.populations ?? {})) {
    if (id.startsWith('$')) continue;
    if (!c.sources[p.source] || !p.sum?.length || !p.label) throw new Error(`data/indicators.json, populatie "${id}": bron, sum en label zijn verplicht`);
  }
  const groups = [
    ...c.goals.flatMap((g) => g.factors.map((f) => [`factor "${f.id}"`, f.indicators] as const)),
    ['context', c.context.indicators] as const,
    ['wijkprofiel', c.wijkprofiel] as const,
    ['similarity', c.similarity] as const,
  ];
  for (const [name, list] of groups) {
    for (const id of list) if (!ids.has(id)) throw new Error(`data/indicators.json, ${name}: onbekende indicator "${id}"`);
  }
  return c;
}

export const catalogue: Catalogue = validateCatalogue(raw as unknown as Catalogue);

const byId = new Map(catalogue.indicators.map((i) => [i.id, i]));

export function indicator(id: string): Indicator {
  const found = byId.get(id);
  if (!found) throw new Error(`Onbekende indicator "${id}"`);
  return found;
}

/** The indicators a wijk page shows, in page order: every factor of every goal, then the context. */
export function shownIndicators(cat: Catalogue = catalogue): string[] {
  return [...cat.goals.flatMap((g) => g.factors.flatMap((f) => f.indicators)), ...cat.context.indicators];
}

/** The goal and factor an indicator belongs to, if it is scored. */
export function factorOf(id: string): { goal: Goal; factor: Factor } | undefined {
  for (const goal of catalogue.goals) {
    for (const factor of goal.factors) if (factor.indicators.includes(id)) return { goal, factor };
  }
  return undefined;
}

/** "Bron: CBS, Kerncijfers wijken en buurten 2016 (83487NED)". */
export function sourceLine(sourceId: string, year: number): string {
  const s = catalogue.sources[sourceId];
  if (!s) return '';
  const table = s.tables[String(year)];
  const id = table && /^\d+NED$/.test(table) ? ` (${table})` : '';
  // One edition with several years in it (Leefbaarometer 2.0, meting 2016): name the data year apart.
  if (/\b(19|20)\d\d\b/.test(s.title)) return `Bron: ${s.publisher}, ${s.title}, cijfers over ${year}${id}`;
  return `Bron: ${s.publisher}, ${s.title} ${year}${id}`;
}

/** The series (and so source) an indicator reads for a year. */
export function seriesFor(ind: Indicator, year: number): Series | undefined {
  return ind.series.find((s) => s.years.includes(year));
}

export function sourceUrl(sourceId: string, year: number): string {
  const s = catalogue.sources[sourceId];
  return s.url.replace('{table}', s.tables[String(year)] ?? '');
}

/** "CBS: Kerncijfers wijken en buurten, Wijk- en buurtkaart · RIVM, GGD'en en CBS: … (modelschattingen) · …":
 * every publisher with its titles, from the catalogue, for the site footer. */
export function sourcesSentence(cat: Catalogue = catalogue): string {
  const byPublisher = new Map<string, string[]>();
  for (const s of Object.values(cat.sources)) {
    const titles = byPublisher.get(s.publisher) ?? [];
    titles.push(s.modelEstimate ? `${s.title} (modelschattingen)` : s.title);
    byPublisher.set(s.publisher, titles);
  }
  return [...byPublisher].map(([p, titles]) => `${p}: ${titles.join(', ')}`).join(' · ');
}

/** "CBS: CC BY 4.0; …": the licence per publisher, for publishers that state one. */
export function licencesSentence(cat: Catalogue = catalogue): string {
  const byPublisher = new Map<string, Set<string>>();
  for (const s of Object.values(cat.sources)) {
    if (!/^CC /.test(s.licence)) continue; // only licences the publisher states
    byPublisher.set(s.publisher, (byPublisher.get(s.publisher) ?? new Set()).add(s.licence));
  }
  return [...byPublisher].map(([p, l]) => `${p}: ${[...l].join(', ')}`).join('; ');
}
