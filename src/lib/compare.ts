// How an area's value compares with the city's, by the rule that fits the indicator's scale
// (catalogue `scale`): an index only for rates and shares on a positive scale, a difference for
// signed scales and scores, and for counts a share of the city without any judgement.
// One place, so every table, card, tooltip and download says the same.
import type { Indicator } from './catalogue';
import { decimalsOf, formatDifference, formatValue } from './format';

export type Judgement = 'better' | 'worse' | 'same' | 'neutral';

export interface Comparison {
  kind: 'index' | 'difference' | 'share' | 'none';
  /** index (city = 100), difference (value − city) or share of the city in %; null for 'none'. */
  number: number | null;
  /** The cell text: "184", "−0,13", "1,3% van de stad", "–". */
  text: string;
  /** null when nothing can be judged (no value, no city, a count, or a context indicator). */
  judgement: Judgement | null;
  /** Words for screen readers and tooltips: "index 184: slechter dan de stad". */
  words: string;
}

/** Within ±5 of 100 an index counts as "rond het stadsgemiddelde". */
export const INDEX_SAME_BAND = 5;

const NONE: Comparison = { kind: 'none', number: null, text: '–', judgement: null, words: '' };

const JUDGED: Record<'better' | 'worse' | 'same', string> = {
  better: 'beter dan de stad',
  worse: 'slechter dan de stad',
  same: 'rond het stadsgemiddelde',
};

function judge(ind: Indicator, sign: number): Judgement {
  if (ind.direction === 'neutral') return 'neutral';
  if (sign === 0) return 'same';
  return (sign > 0) === (ind.direction === 'higher_better') ? 'better' : 'worse';
}

function higherLower(sign: number): string {
  return sign > 0 ? 'hoger dan de stad' : sign < 0 ? 'lager dan de stad' : 'gelijk aan de stad';
}

export function compareWithCity(ind: Indicator, value: number | null, city: number | null): Comparison {
  if (value === null || city === null || !Number.isFinite(value) || !Number.isFinite(city)) return NONE;
  if (ind.scale === 'count') {
    if (city <= 0 || value < 0) return NONE;
    const share = (value / city) * 100;
    const text = `${formatValue(share, 'decimal')}% van de stad`;
    return { kind: 'share', number: share, text, judgement: null, words: `${text} (een aantal: geen oordeel)` };
  }
  // A ratio only means something when both values lie on the same positive scale.
  if (ind.scale === 'rate' && city > 0 && value >= 0) {
    const index = Math.round((value / city) * 100);
    const j = judge(ind, Math.abs(index - 100) < INDEX_SAME_BAND ? 0 : Math.sign(index - 100));
    const words = j === 'neutral' ? higherLower(Math.abs(index - 100) < INDEX_SAME_BAND ? 0 : index - 100) : JUDGED[j];
    return { kind: 'index', number: index, text: formatValue(index, 'integer'), judgement: j, words: `index ${formatValue(index, 'integer')}: ${words}` };
  }
  // Signed scales and scores: the difference in the indicator's own unit between the values as
  // shown (−0,31 and −0,18 differ by −0,13, whatever further decimals the source has), judged by
  // its sign; a difference that shows as 0 is no difference.
  const shown = (v: number) => Math.round(v * 10 ** decimalsOf(ind.format)) / 10 ** decimalsOf(ind.format);
  const diff = shown(value) - shown(city);
  const text = formatDifference(diff, ind.format);
  const sign = text === '0' ? 0 : Math.sign(diff);
  const j = judge(ind, sign);
  const words = `verschil ${text}: ${j === 'neutral' ? higherLower(sign) : JUDGED[j]}`;
  return { kind: 'difference', number: diff, text, judgement: j, words };
}
