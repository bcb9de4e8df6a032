// How one indicator value is shown: value text, comparison with the city, rank and the reason
// for an absent value. Used by the prerendered page and by the live (DuckDB-wasm) re-render.
import { indicator, seriesFor, sourceLine } from './catalogue';
import { formatInteger, formatValue, plural } from './format';
import { STATUS_LABEL, type ObservationStatus } from './model';
import type { IndicatorStat } from './queries';

export interface Presented {
  value: string;
  absent: string | null;
  year: string;
  city: string;
  /** Area relative to the city, city = 100; null when either is missing or the city is 0. */
  index: number | null;
  indexText: string;
  /** 'better' | 'worse' | 'same' | 'neutral': direction-aware, for colour and for words. */
  judgement: 'better' | 'worse' | 'same' | 'neutral' | null;
  judgementText: string;
  rank: string;
  source: string;
}

export function absentReason(status: ObservationStatus | null, note: string | null): string {
  if (!status) return 'geen cijfer voor dit gebied';
  if (status === 'ok') return '';
  return note ? `${STATUS_LABEL[status]}: ${note}` : STATUS_LABEL[status];
}

/** `level` is the area's level: some sources publish only for gebieden (CBS wijken). */
export function present(stat: IndicatorStat, level?: string): Presented {
  const ind = indicator(stat.indicator);
  const hasValue = stat.value !== null && stat.status === 'ok';
  const notPublished = !!level && !!ind.levels && !ind.levels.includes(level);
  const index = hasValue && stat.city ? Math.round((stat.value! / stat.city) * 100) : null;
  let judgement: Presented['judgement'] = null;
  if (index !== null) {
    if (ind.direction === 'neutral') judgement = 'neutral';
    else if (Math.abs(index - 100) < 5) judgement = 'same';
    else judgement = (index > 100) === (ind.direction === 'higher_better') ? 'better' : 'worse';
  }
  const judgementText = {
    better: 'beter dan de stad', worse: 'slechter dan de stad', same: 'rond het stadsgemiddelde', neutral: index !== null && index > 100 ? 'hoger dan de stad' : 'lager dan of gelijk aan de stad',
  }[judgement ?? 'same'];
  const s = stat.year !== null ? seriesFor(ind, stat.year) : undefined;
  return {
    value: hasValue ? formatValue(stat.value, ind.format) : '–',
    absent: hasValue ? null : notPublished ? `alleen per ${ind.levels!.join(' en ')} gepubliceerd` : absentReason(stat.status, stat.note),
    year: stat.year !== null ? String(stat.year) : '',
    city: formatValue(stat.city, ind.format),
    index,
    indexText: index === null ? '–' : formatInteger(index),
    judgement,
    judgementText: judgement === null ? '' : judgementText,
    rank: stat.rank && stat.peers ? `${formatInteger(stat.rank)} van ${formatInteger(stat.peers)}` : '–',
    source: s && stat.year !== null ? sourceLine(s.source, stat.year) : '',
  };
}

/** A short reason for a table cell without a value: "geheim", "te weinig inwoners", "geen cijfer". */
export function shortStatus(status: string | null | undefined): string {
  return (status && status !== 'ok' && STATUS_LABEL[status as keyof typeof STATUS_LABEL]?.split(' (')[0]) || 'geen cijfer';
}

/** "74 wijken met een cijfer, 18 wijken zonder (te weinig inwoners of geheim)". */
export function countsText(withValue: number, without: number, level: string): string {
  const many = level === 'wijk' ? 'wijken' : 'gebieden';
  const a = `${plural(withValue, level, many)} met een cijfer`;
  return without > 0 ? `${a}, ${plural(without, level, many)} zonder (te weinig inwoners of geheim)` : a;
}
