// The colour scale of a choropleth as labelled bands. The map's marks and its legend are both
// drawn by Plot from one ordinal scale built here (domain = band labels, range = colours), so a
// legend entry and the areas in its colour cannot disagree.
//
// - Judged indicators with a city value compare each area with the city by the indicator's scale
//   (src/lib/compare.ts): rates as an index (city = 100), scores as a difference. Blue is better,
//   orange worse, whatever the direction; the middle band is exactly "rond het stadsgemiddelde".
// - Context indicators and counts (no judgement) get a single-hue scale on the value itself.
// - Band limits are whole steps of the precision the page shows (index 1, or the format's last
//   decimal), and labels are inclusive ("50 t/m 66"), so every shown number falls in one band.
import { ticks, tickStep, quantize, interpolateRgb } from 'd3';
import type { Indicator } from '../catalogue';
import { compareWithCity, INDEX_SAME_BAND } from '../compare';
import { decimalsOf, formatDifference, formatValue } from '../format';

export interface Band {
  label: string;
  /** Inclusive limits in channel units (index points, or steps of the shown precision). */
  lo: number;
  hi: number;
  colour: string;
}

export interface MapScale {
  mode: 'index' | 'difference' | 'value';
  /** What the colours mean, in words (Dutch). */
  note: string;
  /** Legend title, with the year. */
  title: string;
  bands: Band[];
  /** The band of a value, or the "geen cijfer" band for null. */
  bandOf(value: number | null): { label: string; colour: string };
  /** Plot colour scale options: the one scale of marks and legend. */
  plot: { type: 'ordinal'; domain: string[]; range: string[] };
}

/** Label and fill of areas without a value: a hatch pattern each map defines as #geen. */
export const ABSENT = { label: 'geen cijfer', colour: 'url(#geen)' } as const;

/** Light to dark, from the city outwards (ColorBrewer RdBu/PuOr ends, colour-blind safe). */
const BETTER = ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac'];
const WORSE = ['#fee0b6', '#fdb863', '#e08214', '#b35806'];
const SAME = '#e3e3e3';
const SEQUENTIAL: [string, string] = ['#e8eef4', '#234a6e'];

/**
 * Index limits (lower bounds) around 100, the middle band being exactly compare.ts's "rond het
 * stadsgemiddelde": wide steps (÷/× 1,25, 1,5, 2) when areas differ a lot from the city, narrow
 * ones (÷/× 1,1, 1,15, 1,25) when all lie within a factor 1,5, so the map still shows differences.
 */
const SAME_LO = 100 - INDEX_SAME_BAND + 1;
const SAME_HI = 100 + INDEX_SAME_BAND;
const INDEX_CUTS_WIDE = [50, 67, 80, SAME_LO, SAME_HI, 125, 150, 200];
const INDEX_CUTS_NARROW = [80, 87, 91, SAME_LO, SAME_HI, 110, 115, 125];

/** Words for the colours, next to the colours they describe (a unit test checks they agree). */
export const COLOUR_WORDS = {
  judged: 'Blauw = beter dan Rotterdam, oranje = slechter, lichtgrijs = rond het stadsgemiddelde.',
  value: 'Donkerder = hoger.',
} as const;

type Ind = Pick<Indicator, 'direction' | 'scale' | 'format' | 'unit'>;

/** Bands from inclusive lower bounds `cuts` (ascending, in channel units); the first is open below. */
function bandsFrom(cuts: number[], colours: string[], text: (units: number) => string): Band[] {
  if (colours.length !== cuts.length + 1) throw new Error(`map-scale: ${cuts.length + 1} bands but ${colours.length} colours`);
  const los = [-Infinity, ...cuts];
  return los.map((lo, i) => {
    const hi = i < cuts.length ? cuts[i]! - 1 : Infinity;
    const label = lo === -Infinity ? `≤ ${text(hi)}` : hi === Infinity ? `≥ ${text(lo)}` : lo === hi ? text(lo) : `${text(lo)} t/m ${text(hi)}`;
    return { label, lo, hi, colour: colours[i]! };
  });
}

/** Colours from the lowest channel value to the highest, `n` steps on each side of the middle. */
function diverging(direction: 'higher_better' | 'lower_better', n: number, middle: boolean): string[] {
  const pick = (list: string[]) => list.slice(list.length - n);
  const low = direction === 'higher_better' ? pick(WORSE) : pick(BETTER);
  const high = direction === 'higher_better' ? pick(BETTER) : pick(WORSE);
  return [...[...low].reverse(), ...(middle ? [SAME] : []), ...high];
}

export function mapScale(ind: Ind, values: (number | null)[], city: number | null, year: number | string): MapScale {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const step = 10 ** -decimalsOf(ind.format);
  const kind = ind.direction !== 'neutral' && city !== null ? compareWithCity(ind as Indicator, city, city).kind : 'none';
  let mode: MapScale['mode'];
  let bands: Band[];
  let channel: (v: number) => number;
  let title: string;
  if (kind === 'index' && ind.direction !== 'neutral') {
    mode = 'index';
    // The index exactly as compare.ts computes it (rounded); negative values cannot occur for rates.
    channel = (v) => {
      const c = compareWithCity(ind as Indicator, v, city);
      return c.kind === 'index' ? c.number! : -Infinity;
    };
    const indexes = nums.map(channel);
    const narrow = indexes.length > 0 && Math.min(...indexes) >= 67 && Math.max(...indexes) <= 150;
    bands = bandsFrom(narrow ? INDEX_CUTS_NARROW : INDEX_CUTS_WIDE, diverging(ind.direction, 4, true), (u) => formatValue(u, 'integer'));
    title = `Index, Rotterdam = 100 (${year})`;
  } else if (kind === 'difference' && ind.direction !== 'neutral') {
    mode = 'difference';
    // Difference in steps of the shown precision: 0 is exactly what compare.ts calls the same.
    channel = (v) => Math.round((v - city!) / step);
    const maxAbs = Math.max(1, ...nums.map((v) => Math.abs(channel(v))));
    const s = Math.max(1, Math.ceil(tickStep(0, maxAbs, 3)));
    bands = bandsFrom([-2 * s, -s, 0, 1, s + 1, 2 * s + 1], diverging(ind.direction, 3, true), (u) => (u === 0 ? '0' : formatDifference(u * step, ind.format)));
    title = `Verschil met Rotterdam, ${ind.unit} (${year})`;
  } else {
    mode = 'value';
    channel = (v) => Math.round(v / step);
    const [min, max] = nums.length ? [Math.min(...nums), Math.max(...nums)] : [0, 0];
    const cuts = [...new Set(ticks(min, max, 5).map((t) => Math.round(t / step)))].filter((u) => u > Math.round(min / step) && u <= Math.round(max / step));
    const colours = cuts.length ? quantize(interpolateRgb(...SEQUENTIAL), cuts.length + 1) : [interpolateRgb(...SEQUENTIAL)(0.5)];
    // One band for all values when they are all equal; none when there are no values at all.
    bands = !nums.length ? [] : cuts.length ? bandsFrom(cuts, colours, (u) => formatValue(u * step, ind.format)) : [{ label: formatValue(min, ind.format), lo: -Infinity, hi: Infinity, colour: colours[0]! }];
    title = `${ind.unit} (${year})`;
  }
  const bandOf = (v: number | null) => {
    if (v === null || !Number.isFinite(v)) return ABSENT;
    if (!bands.length) return ABSENT;
    const c = channel(v);
    return bands.find((b) => c >= b.lo && c <= b.hi) ?? (c < bands[0]!.lo ? bands[0]! : bands.at(-1)!);
  };
  return {
    mode,
    note: mode === 'value' ? COLOUR_WORDS.value : COLOUR_WORDS.judged,
    title,
    bands,
    bandOf,
    plot: { type: 'ordinal', domain: [...bands.map((b) => b.label), ABSENT.label], range: [...bands.map((b) => b.colour), ABSENT.colour] },
  };
}
