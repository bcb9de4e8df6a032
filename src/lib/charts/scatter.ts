// Scatter: two indicators per area, Rotterdam-Zuid told apart by colour and shape, both from
// scales that also draw the legend. Either a least-squares line (two different things) or the
// diagonal x = y on a shared domain (two measures of one thing, such as feiten and beleving).
import * as Plot from '@observablehq/plot';
import { dash, font, palette } from './defaults';
import { legendOf, render, type ChartDoc, type ChartSpec } from './render';

/** The two groups of the scatterplot, in legend order. */
export const SCATTER_GROUPS = { zuid: 'Rotterdam-Zuid', rest: 'rest van de stad' } as const;

interface Size {
  fontSize: number;
  r: number;
  strokeWidth: number;
  labelSize: number;
  /** Plot's own margins when absent. */
  margins?: { marginTop: number; marginBottom: number; marginLeft: number };
  xLabelOffset?: number;
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
  size?: 'screen' | 'presentation';
}

/** Points, legend scales and labels around one guide mark (fitted line or diagonal). */
function pointsSpec(rows: ScatterRow[], opts: ScatterOptions, guide: Plot.Markish, domain?: [number, number]): ChartSpec {
  const d = scatterDefaults;
  const s = d[opts.size ?? 'screen'];
  const groups = [SCATTER_GROUPS.rest, SCATTER_GROUPS.zuid];
  const group = (r: ScatterRow) => (r.zuid ? SCATTER_GROUPS.zuid : SCATTER_GROUPS.rest);
  return {
    width: opts.width ?? d.width,
    height: opts.height ?? d.height,
    grid: true,
    ...s.margins,
    style: { fontSize: `${s.fontSize}px` },
    x: { label: opts.xLabel, labelOffset: s.xLabelOffset, ...(domain ? { domain } : {}) },
    y: { label: opts.yLabel, ...(domain ? { domain } : {}) },
    symbol: { domain: groups, range: [d.symbol.rest, d.symbol.zuid] },
    color: { domain: groups, range: [d.colour.rest, d.colour.zuid] },
    marks: [
      guide,
      Plot.dot(rows, { x: 'x', y: 'y', stroke: group, symbol: group, r: s.r, strokeWidth: s.strokeWidth, title: (r: ScatterRow) => r.name }),
      ...(opts.labelIf ? [Plot.text(rows.filter(opts.labelIf), { x: 'x', y: 'y', text: 'name', dy: -2 * s.r, fontSize: s.labelSize })] : []),
    ],
    ariaLabel: opts.label,
  };
}

/** Two different things: the least-squares line shows how they go together. */
export function scatterSpec(rows: ScatterRow[], opts: ScatterOptions): ChartSpec {
  return pointsSpec(rows, opts, Plot.linearRegressionY(rows, { x: 'x', y: 'y', ...scatterDefaults.trend }));
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
  return { svg: chart.outerHTML, legend: legendOf(chart, 'symbol', scatterDefaults.legend) };
}

/** The scatterplot alone, for pages that explain the symbols in their own words. */
export function scatter(rows: ScatterRow[], opts: ScatterOptions & ChartDoc): string {
  return render(scatterSpec(rows, opts), opts).outerHTML;
}

/** The diagonal scatterplot alone (see diagonalScatterSpec). */
export function diagonalScatter(rows: ScatterRow[], opts: ScatterOptions & ChartDoc & { domain: [number, number] }): string {
  return render(diagonalScatterSpec(rows, opts), opts).outerHTML;
}
