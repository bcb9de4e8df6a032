// Label placement for projected charts: Plot draws text where it is told and never checks whether
// two labels overlap, so the charts that print names or values ask here which labels fit. Greedy,
// in the caller's order of importance: a label that would overlap one already placed is left out
// (or tried at its alternative offsets first). Widths are estimated from the character count.

/** Average glyph width of system-ui digits and lower case, as a share of the font size; generous. */
export const GLYPH = 0.6;

export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * GLYPH;
}

export interface LabelBox { x: number; y: number; width: number; height: number }

export function overlaps(a: LabelBox, b: LabelBox, pad = 2): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

export interface Candidate<T> {
  item: T;
  /** Anchor in pixels. */
  x: number;
  y: number;
  text: string;
  /** Offsets to try, in order: [dx, dy] of the label's centre from the anchor. */
  offsets: [number, number][];
}

/**
 * The labels that fit, each with the offset it got. `bounds` keeps labels inside the plot;
 * `obstacles` are boxes no label may cover (other marks' labels, a legend).
 */
export function placeLabels<T>(
  candidates: Candidate<T>[], fontSize: number, bounds: LabelBox, obstacles: LabelBox[] = [],
): { item: T; dx: number; dy: number; box: LabelBox }[] {
  const placed: { item: T; dx: number; dy: number; box: LabelBox }[] = [];
  const taken = [...obstacles];
  for (const c of candidates) {
    const width = textWidth(c.text, fontSize);
    const height = fontSize * 1.2;
    for (const [dx, dy] of c.offsets) {
      const box = { x: c.x + dx - width / 2, y: c.y + dy - height / 2, width, height };
      const inside = box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width && box.y + box.height <= bounds.y + bounds.height;
      if (!inside || taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      placed.push({ item: c.item, dx, dy, box });
      break;
    }
  }
  return placed;
}

/** Positions along one axis moved apart to at least `gap`, keeping their order (end labels). */
export function spread(values: number[], gap: number, min = -Infinity, max = Infinity): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = order.map((o) => o.v);
  for (let k = 1; k < out.length; k++) out[k] = Math.max(out[k]!, out[k - 1]! + gap);
  // Pushed past the end: shift the run back, then forward again from the start.
  if (out.length && out.at(-1)! > max) {
    out[out.length - 1] = max;
    for (let k = out.length - 2; k >= 0; k--) out[k] = Math.min(out[k]!, out[k + 1]! - gap);
  }
  if (out.length && out[0]! < min) {
    out[0] = min;
    for (let k = 1; k < out.length; k++) out[k] = Math.max(out[k]!, out[k - 1]! + gap);
  }
  const result = new Array<number>(values.length);
  order.forEach((o, k) => (result[o.i] = out[k]!));
  return result;
}
