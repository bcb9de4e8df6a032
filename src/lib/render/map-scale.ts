// The colour scale of a choropleth as labelled classes. The map's marks and its legend are both
// drawn by Plot from one ordinal scale built here (domain = class labels, range = colours), so a
// legend entry and the areas in its colour cannot disagree.
//
// Classes are quantiles (each holds about as many areas as the next), so one extreme value cannot
// wash out the rest: Cs Kwartier at 218 per 1.000 in the bijstand shares the darkest class with
// Afrikaanderwijk (92, index 184) instead of pushing it into the middle of a linear scale.
// - Judged indicators (direction higher_better/lower_better) with a city value diverge around the
//   city: a middle class "rond Rotterdam" that is exactly what compare.ts calls the same (index
//   96–104 for rates, a difference that shows as 0 for scores), and up to three quantile classes
//   on each side. Blue is better, orange worse, whatever the direction.
// - Context indicators, counts and indicators without a city value: five quantile classes of one hue.
// - Class labels are in the indicator's unit and give the lowest and highest value shown in that
//   class, rounded as the page rounds them, so the outer classes name the extremes.
// - Areas without a value are hatched; the legend says why (te weinig inwoners, geheim, niet gemeten).
import { interpolateRgb, quantize } from 'd3';
import type { Indicator } from '../catalogue';
import { compareWithCity } from '../compare';
import { decimalsOf, formatInteger, formatValue } from '../format';

export interface Band {
  label: string;
  /** Inclusive limits in the indicator's unit, as shown (rounded to the page's precision). */
  lo: number;
  hi: number;
  colour: string;
  /** Where the class lies: below or above the city, around it, or on a one-hue scale. */
  side: 'low' | 'same' | 'high' | 'value';
}

export interface MapScale {
  mode: 'index' | 'difference' | 'value';
  /** What the colours mean and how the classes were made, in words (Dutch). */
  note: string;
  /** Legend title, with the unit and year. */
  title: string;
  bands: Band[];
  /** The lowest and highest value drawn, as numbers (null without values). */
  extremes: { lo: number; hi: number } | null;
  /** The class of a value, or the hatched "geen cijfer" entry for null. */
  bandOf(value: number | null): { label: string; colour: string };
  /** Plot colour scale options: the one scale of marks and legend. */
  plot: { type: 'ordinal'; domain: string[]; range: string[] };
}

/** Fill of areas without a value: a hatch pattern each map defines as #geen. */
export const ABSENT_FILL = 'url(#geen)';
/** Label of areas without a value when no reason is known. */
export const ABSENT = { label: 'geen cijfer', colour: ABSENT_FILL } as const;

/** Light to dark, from the city outwards (ColorBrewer RdBu/PuOr ends, colour-blind safe). */
const BETTER = ['#92c5de', '#4393c3', '#2166ac'];
const WORSE = ['#fdb863', '#e08214', '#b35806'];
const SAME = '#e3e3e3';
const SEQUENTIAL: [string, string] = ['#e8eef4', '#234a6e'];
/** Classes on each side of the city, and on a one-hue scale. */
const SIDE_CLASSES = 3;
const VALUE_CLASSES = 5;

/** Words for the colours, next to the colours they describe (a unit test checks they agree). */
export const COLOUR_WORDS = {
  judged: 'Blauw = beter dan Rotterdam, oranje = slechter, lichtgrijs = rond het stadsgemiddelde.',
  value: 'Donkerder = hoger.',
} as const;

/** How the classes were made (the legend says it: quantiles, not equal steps). */
export const METHOD_WORDS = {
  judged: 'Aan elke kant van Rotterdam tot drie klassen met elk ongeveer even veel gebieden (kwantielen), zodat één uitschieter de rest niet bleek maakt.',
  value: 'Vijf klassen met elk ongeveer even veel gebieden (kwantielen), zodat één uitschieter de rest niet bleek maakt.',
} as const;

/** Why an area has no value, in the legend's words, from the observation's status. */
export function absentReason(status: string | null | undefined): 'te weinig inwoners' | 'geheim' | 'niet gemeten' {
  if (status === 'te weinig inwoners') return 'te weinig inwoners';
  if (status === 'geheim') return 'geheim';
  return 'niet gemeten';
}

type Ind = Pick<Indicator, 'direction' | 'scale' | 'format' | 'unit'>;

/**
 * Quantile classes of sorted values (in shown units): at most `k`, each starting at the value of
 * its rank, so equal values always share a class. Returns the classes' [lo, hi] member ranges.
 */
export function quantileClasses(sorted: number[], k: number): [number, number][] {
  if (!sorted.length) return [];
  const starts = [...new Set(Array.from({ length: k }, (_, i) => sorted[Math.floor((i * sorted.length) / k)]!))];
  return starts.map((lo, i) => {
    const next = starts[i + 1];
    const members = sorted.filter((v) => v >= lo && (next === undefined || v < next));
    return [members[0]!, members.at(-1)!];
  });
}

/**
 * @param values the drawn areas' values (null for none; those are counted by `missing` instead)
 * @param missing the status of each area without a value (for the legend's reasons)
 */
export function mapScale(ind: Ind, values: (number | null)[], city: number | null, year: number | string, missing: (string | null | undefined)[] = []): MapScale {
  const scale = 10 ** decimalsOf(ind.format);
  const step = 1 / scale;
  // Shown precision: classes are made on rounded values, so two labels never show the same number.
  const shown = (v: number) => Math.round(v * scale) / scale;
  const fmt = (v: number) => formatValue(v, ind.format);
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const kind = ind.direction !== 'neutral' && city !== null ? compareWithCity(ind as Indicator, city, city).kind : 'none';
  const judged = kind === 'index' || kind === 'difference';
  const range = ([lo, hi]: [number, number]) => (lo === hi ? fmt(lo) : `${fmt(lo)} t/m ${fmt(hi)}`);

  let bands: Band[] = [];
  // Which side of the city a value lies on, by compare.ts's own rule (the table says the same).
  const sideOf = (v: number): Band['side'] => {
    if (!judged) return 'value';
    const c = compareWithCity(ind as Indicator, v, city);
    if (c.judgement === 'same') return 'same';
    return v < city! ? 'low' : 'high';
  };
  if (judged) {
    const lowIsBetter = ind.direction === 'lower_better';
    const side = (s: 'low' | 'high') => nums.filter((v) => sideOf(v) === s).map(shown).sort((a, b) => a - b);
    const low = quantileClasses(side('low'), SIDE_CLASSES);
    const high = quantileClasses(side('high'), SIDE_CLASSES);
    // Darkest far from the city: the low side runs dark → light, the high side light → dark.
    // Fewer classes on a side keep the contrast: one class is the middle shade, two the ends.
    const pickShades = [[], [1], [0, 2], [0, 1, 2]];
    const shades = (n: number, better: boolean) => pickShades[n]!.map((i) => (better ? BETTER : WORSE)[i]!);
    const lowColours = shades(low.length, lowIsBetter).reverse();
    const highColours = shades(high.length, !lowIsBetter);
    const same = nums.filter((v) => sideOf(v) === 'same').map(shown);
    const sameLabel = `rond Rotterdam (${fmt(city!)})`;
    bands = [
      ...low.map((r, i) => ({ label: range(r), lo: r[0], hi: r[1], colour: lowColours[i]!, side: 'low' as const })),
      { label: sameLabel, lo: same.length ? Math.min(...same) : city!, hi: same.length ? Math.max(...same) : city!, colour: SAME, side: 'same' as const },
      ...high.map((r, i) => ({ label: range(r), lo: r[0], hi: r[1], colour: highColours[i]!, side: 'high' as const })),
    ];
  } else {
    const classes = quantileClasses(nums.map(shown).sort((a, b) => a - b), VALUE_CLASSES);
    const colours = classes.length > 1 ? quantize(interpolateRgb(...SEQUENTIAL), classes.length) : [interpolateRgb(...SEQUENTIAL)(0.6)];
    bands = classes.map((r, i) => ({ label: range(r), lo: r[0], hi: r[1], colour: colours[i]!, side: 'value' as const }));
  }

  // Reasons for "geen cijfer", with counts, in a fixed order.
  const reasons = new Map<string, number>();
  for (const s of missing) reasons.set(absentReason(s), (reasons.get(absentReason(s)) ?? 0) + 1);
  const why = (['te weinig inwoners', 'geheim', 'niet gemeten'] as const).filter((r) => reasons.has(r)).map((r) => `${r} (${formatInteger(reasons.get(r)!)})`);
  const absent = { label: why.length ? `geen cijfer: ${why.join(', ')}` : ABSENT.label, colour: ABSENT_FILL };

  const bandOf = (v: number | null) => {
    if (v === null || !Number.isFinite(v) || !bands.length) return absent;
    const s = sideOf(v);
    if (s === 'same') return bands.find((b) => b.side === 'same')!;
    const u = shown(v);
    const mine = bands.filter((b) => b.side === s);
    if (!mine.length) return bands.find((b) => b.side === 'same') ?? absent;
    // The last class that starts at or below the value (values outside the drawn set: nearest end).
    return [...mine].reverse().find((b) => u >= b.lo - step / 2) ?? mine[0]!;
  };
  const all = nums.map(shown);
  return {
    mode: kind === 'index' ? 'index' : kind === 'difference' ? 'difference' : 'value',
    note: `${judged ? COLOUR_WORDS.judged : COLOUR_WORDS.value} ${judged ? METHOD_WORDS.judged : METHOD_WORDS.value}`,
    title: `${ind.unit} (${year})`,
    bands,
    extremes: all.length ? { lo: Math.min(...all), hi: Math.max(...all) } : null,
    bandOf,
    plot: { type: 'ordinal', domain: [...bands.map((b) => b.label), absent.label], range: [...bands.map((b) => b.colour), absent.colour] },
  };
}
