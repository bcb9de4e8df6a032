// Change since the first year with data, beside a value: "+4,1 procentpunt sinds 2014". The one
// place that decides whether two years of one area may be compared at all: not across a change of
// definition (catalogue `definitionChanges`) and not across a boundary change of the area (the data
// build's list, manifest `derived.boundaryChanges`) for sources on the CBS division of their year.
import type { Catalogue, Indicator } from './catalogue';
import { formatDifference } from './format';

export interface ChangePoint {
  year: number;
  value: number | null;
  status?: string | null;
}

/** A boundary change of one area, as the data build publishes it (after `from`, by `to`). */
export interface AreaBoundaryChange {
  area: string;
  from: number;
  to: number;
  basis: 'cbs' | 'oppervlakte';
}

export type Change =
  | { comparable: true; first: number; last: number; diff: number; text: string }
  | { comparable: false; first: number; last: number; text: string };

/** The word after the difference, by unit: a difference of percentages is in procentpunten. */
const UNIT_WORD: Record<string, string> = {
  '%': 'procentpunt',
  aantal: '',
  'klasse 1-9': 'klasse',
  index: 'punt',
  'afwijking van NL': '',
  'per 1.000 inwoners': 'per 1.000',
};

function unitWord(ind: Pick<Indicator, 'unit'>): string {
  return UNIT_WORD[ind.unit] ?? ind.unit;
}

/** Sources whose areas follow the CBS division of the year (boundary changes apply). */
function onCbsDivision(cat: Pick<Catalogue, 'sources'>, ind: Pick<Indicator, 'series'>, year: number): boolean {
  const s = ind.series.find((x) => x.years.includes(year));
  return !!s && cat.sources[s.source]?.cbsDivision === true;
}

/**
 * The change of `area` on `ind` from its first year with a value to its last year with a value up
 * to `upTo` (all years when absent). Null when there are not two such years. Not comparable (with
 * the reason in Dutch) when a definition change or a boundary change of the area lies between.
 * Rates and scores give the difference in their unit (procentpunt for %), counts the difference as a
 * number.
 */
export function changeSince(
  cat: Pick<Catalogue, 'sources'>,
  ind: Pick<Indicator, 'unit' | 'format' | 'series' | 'definitionChanges'>,
  area: string,
  points: ChangePoint[],
  boundaryChanges: AreaBoundaryChange[],
  upTo?: number,
): Change | null {
  const ok = points
    .filter((p) => p.value !== null && Number.isFinite(p.value) && (p.status == null || p.status === 'ok') && (upTo === undefined || p.year <= upTo))
    .sort((a, b) => a.year - b.year);
  if (ok.length < 2) return null;
  const first = ok[0];
  const last = ok.at(-1)!;
  const between = (y: number) => y > first.year && y <= last.year;

  const definition = (ind.definitionChanges ?? []).filter((d) => between(d.year)).sort((a, b) => a.year - b.year)[0];
  if (definition) return { comparable: false, first: first.year, last: last.year, text: `niet vergelijkbaar: definitie gewijzigd in ${definition.year}` };

  if (onCbsDivision(cat, ind, first.year) || onCbsDivision(cat, ind, last.year)) {
    const boundary = boundaryChanges.filter((c) => c.area === area && between(c.to)).sort((a, b) => a.to - b.to)[0];
    if (boundary) {
      const when = boundary.basis === 'cbs' || boundary.to - boundary.from <= 1 ? `in ${boundary.to}` : `tussen ${boundary.from} en ${boundary.to}`;
      return { comparable: false, first: first.year, last: last.year, text: `niet vergelijkbaar: grenswijziging ${when}` };
    }
  }

  const diff = last.value! - first.value!;
  const num = formatDifference(diff, ind.format);
  const word = unitWord(ind);
  const text = num === '0' ? `gelijk sinds ${first.year}` : `${num}${word ? ` ${word}` : ''} sinds ${first.year}`;
  return { comparable: true, first: first.year, last: last.year, diff, text };
}
