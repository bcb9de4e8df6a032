// Trend: one series over the years with every value printed, and an optional reference line (a
// policy ambition, counted differently) in its own colour with its own words. Years without a
// value break the line: a jump from 2017 to 2024 is not a trend we measured.
import * as Plot from '@observablehq/plot';
import { nice } from 'd3';
import { dash, font, integer, palette } from './defaults';
import { renderSvg, type ChartDoc, type ChartSpec } from './render';
import { placeLabels, spread } from './labels';

export const trendDefaults = {
  width: 1000,
  height: 520,
  marginLeft: 80,
  /** Room above the top tick for the axis label. */
  marginTop: 40,
  fontSize: font.presentation.tick,
  valueSize: font.presentation.value,
  line: { stroke: palette.navy, strokeWidth: 3 },
  r: 6,
  reference: { stroke: palette.worse, strokeDasharray: dash.ambition, strokeWidth: 2 },
  /** Room above the highest value for its label, as a share of it. */
  headroom: 0.1,
};

export interface TrendPoint { year: number; value: number }
export interface TrendOptions {
  label: string;
  yLabel: string;
  width?: number;
  height?: number;
  format?: (v: number) => string;
  reference?: { value: number; text: string };
}

export function trendSpec(points: TrendPoint[], opts: TrendOptions): ChartSpec {
  const d = trendDefaults;
  const fmt = opts.format ?? integer;
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const years = sorted.map((p) => p.year);
  const [first, last] = [years[0] ?? 0, years.at(-1) ?? 0];
  // One row per calendar year; a missing year is a gap (undefined value) in the line.
  const byYear = new Map(sorted.map((p) => [p.year, p.value]));
  const line = Array.from({ length: last - first + 1 }, (_, i) => ({ year: first + i, value: byYear.get(first + i) }));
  const top = Math.max(0, ...sorted.map((p) => p.value), opts.reference?.value ?? 0) * (1 + d.headroom);
  const ref = opts.reference;
  return {
    width: opts.width ?? d.width,
    height: opts.height ?? d.height,
    marginLeft: d.marginLeft,
    marginTop: d.marginTop,
    style: { fontSize: `${d.fontSize}px` },
    x: { label: null, tickFormat: (y: number) => String(y), domain: [first - 0.5, last + 0.5], ticks: line.map((p) => p.year) },
    y: { label: opts.yLabel, grid: true, domain: nice(0, top, 10), tickFormat: fmt },
    marks: [
      ...(ref
        ? [
            Plot.ruleY([ref.value], d.reference),
            Plot.text([ref], { x: first, y: 'value', dy: -12, textAnchor: 'start', text: () => ref.text, fill: d.reference.stroke, fontSize: d.valueSize }),
          ]
        : []),
      Plot.line(line, { x: 'year', y: 'value', ...d.line }),
      Plot.dot(sorted, { x: 'year', y: 'value', fill: d.line.stroke, r: d.r }),
      Plot.text(sorted, { x: 'year', y: 'value', text: (p: TrendPoint) => fmt(p.value), dy: -18, fontSize: d.valueSize }),
    ],
    ariaLabel: opts.label,
  };
}

export function trend(points: TrendPoint[], opts: TrendOptions & ChartDoc): string {
  return renderSvg(trendSpec(points, opts), opts);
}

// --- Several areas over the years, for projected slides --------------------------------------

/** One to four series in these colours, the first the darkest; distinct in grey print too. */
export const trendLinesDefaults = {
  width: 1760,
  height: 640,
  margin: { top: 60, right: 300, bottom: 50, left: 120 },
  fontSize: font.projector.tick,
  valueSize: font.projector.value,
  colours: [palette.navy, palette.worse, palette.better, palette.muted],
  strokeWidth: 4,
  r: 8,
  reference: { stroke: palette.ink, strokeDasharray: dash.ambition, strokeWidth: 2.5 },
  gapText: { fill: palette.muted, text: 'geen cijfers' },
  headroom: 0.12,
};

export interface TrendSeries { name: string; points: TrendPoint[] }
/** A figure from another source (a policy ambition): a labelled line, or a marked point with `at`. */
export interface TrendReference { value: number; text: string; at?: number }
export interface TrendLinesOptions {
  label: string;
  yLabel: string;
  years: [number, number];
  format?: (v: number) => string;
  references?: TrendReference[];
  width?: number;
  height?: number;
}

/**
 * Every calendar year of `years` on the axis; a year without a value breaks the line, and the
 * longest such run is marked "geen cijfers" and holds the reference labels (nothing else is
 * drawn there). Values are printed above their dot, or below when that would overlap another
 * series' label, or left out; series are named at their last point, spread apart.
 */
export function trendLinesSpec(series: TrendSeries[], opts: TrendLinesOptions): ChartSpec {
  const d = trendLinesDefaults;
  const fmt = opts.format ?? integer;
  const width = opts.width ?? d.width;
  const height = opts.height ?? d.height;
  const m = d.margin;
  const [first, last] = opts.years;
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const inRange = series.map((s) => ({ ...s, points: s.points.filter((p) => p.year >= first && p.year <= last).sort((a, b) => a.year - b.year) }));
  const refs = opts.references ?? [];
  const top = Math.max(0, ...inRange.flatMap((s) => s.points.map((p) => p.value)), ...refs.map((r) => r.value)) * (1 + d.headroom);
  const domain = nice(0, top, 8);
  const px = (year: number) => m.left + ((year - (first - 0.5)) / (last - first + 1)) * (width - m.left - m.right);
  const py = (v: number) => height - m.bottom - ((v - domain[0]) / (domain[1] - domain[0])) * (height - m.top - m.bottom);

  // The longest run of years where no series has a value: the gap's label and the references go there.
  const has = (y: number) => inRange.some((s) => s.points.some((p) => p.year === y));
  let gap: [number, number] | null = null;
  for (let i = 0; i < years.length; i++) {
    if (has(years[i]!)) continue;
    let j = i;
    while (j + 1 < years.length && !has(years[j + 1]!)) j++;
    if (!gap || j - i > gap[1] - gap[0]) gap = [years[i]!, years[j]!];
    i = j;
  }
  const gapMid = gap ? (gap[0] + gap[1]) / 2 : (first + last) / 2;

  // Reference labels first (they sit in the gap), then values, so values make way for them.
  const bounds = { x: m.left, y: 0, width: width - m.left - m.right + 10, height: height - m.bottom };
  const refLabels = placeLabels(
    refs.map((r) => ({ item: r, x: px(r.at ?? gapMid), y: py(r.value), text: r.text, offsets: [[0, -d.fontSize * 0.9], [0, d.fontSize * 0.9]] as [number, number][] })),
    d.valueSize, { x: 0, y: 0, width, height },
  );
  const values = placeLabels(
    inRange.flatMap((s, si) => s.points.map((p) => ({
      item: { ...p, si }, x: px(p.year), y: py(p.value), text: fmt(p.value),
      offsets: [[0, -d.valueSize * 0.95], [0, d.valueSize * 0.95]] as [number, number][],
    }))),
    d.valueSize, bounds, refLabels.map((r) => r.box),
  );
  // Series names right of their last point, moved apart so they never overlap.
  const ends = inRange.map((s) => s.points.at(-1)).map((p) => (p ? py(p.value) : height / 2));
  const endY = spread(ends, d.fontSize * 1.25, m.top, height - m.bottom);
  const names = inRange.map((s, i) => ({ name: s.name, y: endY[i]!, colour: d.colours[i % d.colours.length]! }));

  const colour = (si: number) => d.colours[si % d.colours.length]!;
  return {
    width,
    height,
    marginTop: m.top,
    marginRight: m.right,
    marginBottom: m.bottom,
    marginLeft: m.left,
    style: { fontSize: `${d.fontSize}px`, color: palette.ink },
    x: { label: null, tickFormat: (y: number) => String(y), domain: [first - 0.5, last + 0.5], ticks: years, tickSize: 8 },
    y: { label: opts.yLabel, grid: true, domain, tickFormat: fmt, ticks: 6, labelAnchor: 'top', labelArrow: 'none' },
    marks: [
      ...(gap ? [Plot.text([gap], { x: () => gapMid, frameAnchor: 'bottom', dy: -12, text: () => d.gapText.text, fill: d.gapText.fill, fontSize: d.valueSize })] : []),
      ...refs.map((r) =>
        r.at === undefined ? Plot.ruleY([r.value], d.reference) : Plot.ruleY([r.value], { ...d.reference, x1: r.at - 0.45, x2: r.at + 0.45 }),
      ),
      ...refs.filter((r) => r.at !== undefined).map((r) => Plot.dot([r], { x: () => r.at, y: 'value', r: d.r, stroke: d.reference.stroke, strokeWidth: 3, fill: palette.white, symbol: 'diamond' })),
      ...refLabels.map((l) => Plot.text([l], { x: () => l.item.at ?? gapMid, y: () => l.item.value, dy: l.dy, text: () => l.item.text, fill: d.reference.stroke, fontSize: d.valueSize, fontStyle: 'italic', stroke: palette.white, strokeWidth: 4, paintOrder: 'stroke' } as Plot.TextOptions)),
      ...inRange.map((s, si) => {
        const byYear = new Map(s.points.map((p) => [p.year, p.value]));
        return Plot.line(years.map((year) => ({ year, value: byYear.get(year) })), { x: 'year', y: 'value', stroke: colour(si), strokeWidth: d.strokeWidth });
      }),
      ...inRange.map((s, si) => Plot.dot(s.points, { x: 'year', y: 'value', fill: colour(si), r: d.r })),
      ...values.map((l) => Plot.text([l], { x: () => l.item.year, y: () => l.item.value, dy: l.dy, text: () => fmt(l.item.value), fill: colour(l.item.si), fontSize: d.valueSize, fontWeight: 'bold', stroke: palette.white, strokeWidth: 4, paintOrder: 'stroke' } as Plot.TextOptions)),
      // Names right of the plot at their spread-out heights (pixel offsets from the value 0).
      ...names.map((n) => Plot.text([n], { x: () => last + 0.5, y: () => domain[0], dy: n.y - py(domain[0]), dx: 16, textAnchor: 'start', text: () => n.name, fill: n.colour, fontSize: d.fontSize, fontWeight: 'bold' } as Plot.TextOptions)),
    ],
    ariaLabel: opts.label,
  };
}

export function trendLines(series: TrendSeries[], opts: TrendLinesOptions & ChartDoc): string {
  return renderSvg(trendLinesSpec(series, opts), opts);
}
