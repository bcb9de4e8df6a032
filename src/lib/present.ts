// How one indicator value is shown: value text, comparison with the city, rank and the reason
// for an absent value. Used by the prerendered page and by the live (DuckDB-wasm) re-render.
import { indicator, seriesFor, sourceLine, type Indicator } from './catalogue';
import { compareWithCity, type Comparison } from './compare';
import { formatInteger, formatValue, plural } from './format';
import { STATUS_LABEL, type ObservationStatus } from './model';
import type { IndicatorStat } from './queries';

export interface Presented {
  value: string;
  absent: string | null;
  year: string;
  city: string;
  /** The comparison with the city by the indicator's scale (index, difference, share or none). */
  comparison: Comparison;
  /** "3 van 81" (1 = best) for judged indicators, "3e hoogste van 81" / "3e grootste van 81" otherwise. */
  rank: string;
  source: string;
}

export function absentReason(status: ObservationStatus | null, note: string | null): string {
  if (!status) return 'geen cijfer voor dit gebied';
  if (status === 'ok') return '';
  return note ? `${STATUS_LABEL[status]}: ${note}` : STATUS_LABEL[status];
}

/** Rank words: judged indicators rank best first, others (context, counts) highest first. */
export function rankText(ind: Indicator, rank: number | null, peers: number | null): string {
  if (!rank || !peers) return '–';
  if (ind.direction !== 'neutral') return `${formatInteger(rank)} van ${formatInteger(peers)}`;
  const word = ind.scale === 'count' ? 'grootste' : 'hoogste';
  return `${rank === 1 ? '' : `${formatInteger(rank)}e `}${word} van ${formatInteger(peers)}`;
}

/** `level` is the area's level: some sources publish only for gebieden (CBS wijken). */
export function present(stat: IndicatorStat, level?: string): Presented {
  const ind = indicator(stat.indicator);
  const hasValue = stat.value !== null && stat.status === 'ok';
  const notPublished = !!level && !!ind.levels && !ind.levels.includes(level);
  const s = stat.year !== null ? seriesFor(ind, stat.year) : undefined;
  return {
    value: hasValue ? formatValue(stat.value, ind.format) : '–',
    absent: hasValue ? null : notPublished ? `alleen per ${ind.levels!.join(' en ')} gepubliceerd` : absentReason(stat.status, stat.note),
    year: stat.year !== null ? String(stat.year) : '',
    city: formatValue(stat.city, ind.format),
    comparison: compareWithCity(ind, hasValue ? stat.value : null, stat.city),
    rank: rankText(ind, stat.rank, stat.peers),
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
