// Dutch number formatting through Intl: 1.234,5 and 12,3%. One place, so every view agrees.
import type { Format } from './catalogue';

const cache = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number, sign = false): Intl.NumberFormat {
  const key = `${min}-${max}-${sign}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('nl-NL', {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      signDisplay: sign ? 'exceptZero' : 'auto',
    });
    cache.set(key, f);
  }
  return f;
}

/** Formats a value by its catalogue format; null gives an en dash (callers show the reason). */
export function formatValue(value: number | null | undefined, format: Format): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (format) {
    case 'integer':
      return nf(0, 0).format(value);
    case 'percent':
      return `${nf(1, 1).format(value)}%`;
    case 'signed':
      return nf(2, 2, true).format(value);
    default:
      return nf(1, 1).format(value);
  }
}

/** An axis tick: the format's precision at most, without trailing zeros ("150", "12,5", "40%"). */
export function formatTick(value: number, format: Format): string {
  const d = DECIMALS[format];
  const text = nf(0, d, format === 'signed').format(value);
  return format === 'percent' ? `${text}%` : text;
}

const DECIMALS: Record<Format, number> = { integer: 0, decimal: 1, percent: 1, signed: 2 };

/** The number of decimals a format shows. */
export function decimalsOf(format: Format): number {
  return DECIMALS[format];
}

/** A difference in an indicator's own precision, always signed: "+0,13", "-12", "0". */
export function formatDifference(diff: number, format: Format): string {
  const d = DECIMALS[format];
  if (Math.round(Math.abs(diff) * 10 ** d) === 0) return '0';
  return nf(d, d, true).format(diff);
}

export function formatInteger(value: number): string {
  return nf(0, 0).format(value);
}

/** "1 wijk", "3 wijken": Dutch plurals for the few nouns the UI counts. */
export function plural(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

/** Signed index difference against the city (city = 100): "+12", "−5". */
export function formatIndex(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return nf(0, 0).format(value);
}
