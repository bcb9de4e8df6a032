// WCAG 2 contrast, to pick text colours on coloured chart cells instead of guessing by value.
import { rgb } from 'd3';

/** Relative luminance of a CSS colour (WCAG 2.x definition). */
export function luminance(colour: string): number {
  const c = rgb(colour);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** Contrast ratio of two CSS colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * Black or white, whichever reads better on `fill`; throws below `min`. One of the two always
 * reaches 4,58:1 on any colour (a softer dark grey would not), so the default 4,5:1 always holds.
 */
export function textOn(fill: string, min = 4.5): string {
  const dark = '#000000';
  const light = '#ffffff';
  const best = contrastRatio(dark, fill) >= contrastRatio(light, fill) ? dark : light;
  const ratio = contrastRatio(best, fill);
  if (ratio < min) throw new Error(`Geen leesbare tekstkleur op ${fill}: beste contrast ${ratio.toFixed(2)}:1 < ${min}:1`);
  return best;
}
