// Scatter: two indicators per area, Rotterdam-Zuid told apart by colour and shape, both from
// scales that also draw the legend. Either a least-squares line (two different things) or the
// diagonal x = y on a shared domain (two measures of one thing, such as feiten and beleving).
import * as Plot from '@observablehq/plot';
import { nice } from 'd3';
import { dash, font, palette } from './defaults';
import { placeLabels, textWidth } from './labels';
import { legendOf, render, type ChartDoc, type ChartSpec } from './render';

/** The two groups of the scatterplot, in legend order. */
export const SCATTER_GROUPS = { zuid: 'Rotterdam-Zuid', rest: 'rest van de stad' } as const;

interface Size {
  fontSize: number;
  r: number;
  strokeWidth: number;
  labelSize: number;
  /** Plot's own margins when absent. */
  margins?: { marginTop: number; marginBottom: number; marginLeft: number; marginRight?: number };
  xLabelOffset?: number;
  /** Approximate number of ticks per axis (Plot's own count when absent). */
  ticks?: number;
  /** Room between the frame and the lowest values, so the first x and y tick labels never meet. */
  inset?: number;
}

export const scatterDefaults = {
  width: 640,
  height: 420,
  colour: { rest: palette.better, zuid: palette.worse },
  symbol: { rest: 'circle', zuid: 'diamond2' },
  trend: { stroke: palette.muted },
  diagonal: { stroke: palette.neutral, strokeDasharray: dash.ambition },
  /** On a page, and projected on a wall (larger text and points). */
  screen: { fontSize: font.tick, r: 4, strokeWidth: 1.5, labelSize: font.value } as Size,
  // Larger text needs room: the y label above the top tick, the x label below the tick labels.
  presentation: {
    fontSize: font.presentation.tick, r: 6, strokeWidth: 2, labelSize: font.presentation.label,
    margins: { marginTop: 40, marginBottom: 64, marginLeft: 56 }, xLabelOffset: 52,
  } as Size,
  legend: { swatchSize: 16, style: { fontSize: `${font.legend}px` } },
  /** Projected at 1920 px: 24 px+ text, the axis labels clear of the ticks. */
  projector: {
    fontSize: font.projector.tick, r: 9, strokeWidth: 3, labelSize: font.projector.label,
    margins: { marginTop: 60, marginBottom: 90, marginLeft: 100, marginRight: 40 }, xLabelOffset: 76, ticks: 8, inset: 16,
  } as Size,
  projectorLegend: { swatchSize: 30, style: { fontSize: `${font.projector.legend}px` } },
};

export interface ScatterRow { name: string; x: number; y: number; zuid: boolean }
export interface ScatterOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Names printed next to the points for which this holds. */
  labelIf?: (row: ScatterRow) => boolean;
  size?: 'screen' | 'presentation' | 'projector';
  /** Instead of labelIf: name up to `maxLabels` points, most important first, leaving out any
   * name that would overlap one already placed (src/lib/charts/labels.ts). */
  labelPriority?: (row: ScatterRow) => number;
  maxLabels?: number;
}

/** Points, legend scales and labels around one guide mark (fitted line or diagonal). */
function pointsSpec(rows: ScatterRow[], opts: ScatterOptions, guide: Plot.Markish, domain?: [number, number]): ChartSpec {
  const d = scatterDefaults;
  const s = d[opts.size ?? 'screen'];
  const groups = [SCATTER_GROUPS.rest, SCATTER_GROUPS.zuid];
  const group = (r: ScatterRow) => (r.zuid ? SCATTER_GROUPS.zuid : SCATTER_GROUPS.rest);
  const width = opts.width ?? d.width;
  const height = opts.height ?? d.height;
  // With a priority the domains are fixed here (nice extents), so label boxes can be placed in pixels.
  const xDomain = domain ?? (opts.labelPriority ? niceExtent(rows.map((r) => r.x)) : undefined);
  const yDomain = domain ?? (opts.labelPriority ? niceExtent(rows.map((r) => r.y)) : undefined);
  const placed = opts.labelPriority ? placeNames(rows, opts, s, width, height, xDomain!, yDomain!) : [];
  return {
    width,
    height,
    grid: true,
    ...s.margins,
    ...(s.inset ? { inset: s.inset } : {}),
    style: { fontSize: `${s.fontSize}px` },
    x: { label: opts.xLabel, labelOffset: s.xLabelOffset, ...(xDomain ? { domain: xDomain } : {}), ...(s.ticks ? { ticks: s.ticks } : {}) },
    y: { label: opts.yLabel, ...(yDomain ? { domain: yDomain } : {}), ...(s.ticks ? { ticks: s.ticks } : {}) },
    symbol: { domain: groups, range: [d.symbol.rest, d.symbol.zuid] },
    color: { domain: groups, range: [d.colour.rest, d.colour.zuid] },
    marks: [
      guide,
      Plot.dot(rows, { x: 'x', y: 'y', stroke: group, symbol: group, r: s.r, strokeWidth: s.strokeWidth, title: (r: ScatterRow) => r.name }),
      ...(opts.labelIf ? [Plot.text(rows.filter(opts.labelIf), { x: 'x', y: 'y', text: 'name', dy: -2 * s.r, fontSize: s.labelSize })] : []),
      ...placed.map((l) => Plot.text([l.item], {
        x: 'x', y: 'y', text: 'name', dx: l.dx, dy: l.dy, fontSize: s.labelSize, fill: palette.ink, stroke: palette.white, strokeWidth: 5, paintOrder: 'stroke',
      })),
    ],
    ariaLabel: opts.label,
  };
}

function niceExtent(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo || 1) * 0.04;
  // No negative axis for values that cannot be negative.
  const [a, b] = nice(lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad, 6);
  return [a, b];
}

/** The names that fit: above, below, right or left of their point, none over another name or a point. */
function placeNames(rows: ScatterRow[], opts: ScatterOptions, s: Size, width: number, height: number, xd: [number, number], yd: [number, number]) {
  const m = s.margins ?? { marginTop: 20, marginBottom: 30, marginLeft: 40 };
  const right = m.marginRight ?? 20;
  const i = s.inset ?? 0;
  const px = (x: number) => m.marginLeft + i + ((x - xd[0]) / (xd[1] - xd[0])) * (width - m.marginLeft - right - 2 * i);
  const py = (y: number) => height - m.marginBottom - i - ((y - yd[0]) / (yd[1] - yd[0])) * (height - m.marginTop - m.marginBottom - 2 * i);
  const f = s.labelSize;
  const dots = rows.map((r) => ({ x: px(r.x) - s.r, y: py(r.y) - s.r, width: 2 * s.r, height: 2 * s.r }));
  const ranked = [...rows].sort((a, b) => opts.labelPriority!(b) - opts.labelPriority!(a)).slice(0, opts.maxLabels ?? 6);
  const side = (r: ScatterRow) => textWidth(r.name, f) / 2 + s.r + 6;
  return placeLabels(
    ranked.map((r) => ({
      item: r, x: px(r.x), y: py(r.y), text: r.name,
      offsets: [[0, -(f * 0.6 + s.r + 4)], [0, f * 0.6 + s.r + 4], [side(r), 0], [-side(r), 0]] as [number, number][],
    })),
    f, { x: m.marginLeft, y: m.marginTop, width: width - m.marginLeft - right, height: height - m.marginTop - m.marginBottom }, dots,
  );
}

/** Two different things: the least-squares line shows how they go together. */
export function scatterSpec(rows: ScatterRow[], opts: ScatterOptions): ChartSpec {
  // On fixed (projector) domains the confidence band may reach past the frame: clip it there.
  const clip = opts.labelPriority ? { clip: true } : {};
  return pointsSpec(rows, opts, Plot.linearRegressionY(rows, { x: 'x', y: 'y', ...scatterDefaults.trend, ...clip }));
}

/**
 * Two measures of one thing (feiten and beleving): both axes on `domain`, and the diagonal x = y
 * instead of a fitted line, so "above the line" means the second is higher. A function of its
 * own so the browser bundles, which only need scatterSpec, leave out Plot's line mark and curves.
 */
export function diagonalScatterSpec(rows: ScatterRow[], opts: ScatterOptions & { domain: [number, number] }): ChartSpec {
  const [lo, hi] = opts.domain;
  return pointsSpec(rows, opts, Plot.line([[lo, lo], [hi, hi]], scatterDefaults.diagonal), opts.domain);
}

/** The scatterplot and its legend (HTML, from the chart's symbol scale). */
export function scatterParts(rows: ScatterRow[], opts: ScatterOptions & ChartDoc): { svg: string; legend: string } {
  const chart = render(scatterSpec(rows, opts), opts);
  return { svg: chart.outerHTML, legend: legendOf(chart, 'symbol', opts.size === 'projector' ? scatterDefaults.projectorLegend : scatterDefaults.legend) };
}

/** The diagonal scatterplot and its legend. */
export function diagonalScatterParts(rows: ScatterRow[], opts: ScatterOptions & ChartDoc & { domain: [number, number] }): { svg: string; legend: string } {
  const chart = render(diagonalScatterSpec(rows, opts), opts);
  return { svg: chart.outerHTML, legend: legendOf(chart, 'symbol', opts.size === 'projector' ? scatterDefaults.projectorLegend : scatterDefaults.legend) };
}

/** The scatterplot alone, for pages that explain the symbols in their own words. */
export function scatter(rows: ScatterRow[], opts: ScatterOptions & ChartDoc): string {
  return render(scatterSpec(rows, opts), opts).outerHTML;
}

/** The diagonal scatterplot alone (see diagonalScatterSpec). */
export function diagonalScatter(rows: ScatterRow[], opts: ScatterOptions & ChartDoc & { domain: [number, number] }): string {
  return render(diagonalScatterSpec(rows, opts), opts).outerHTML;
}
