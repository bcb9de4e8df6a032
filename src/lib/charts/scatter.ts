// Scatter: two indicators per area, Rotterdam-Zuid told apart by colour and shape, both from
// scales that also draw the legend. Either a least-squares line (two different things) or the
// diagonal x = y on a shared domain (two measures of one thing, such as feiten and beleving).
import * as Plot from '@observablehq/plot';
import { dash, font, palette } from './defaults';
import { legendOf, render, type ChartDoc, type ChartSpec } from './render';

/** The two groups of the scatterplot, in legend order. */
export const SCATTER_GROUPS = { zuid: 'Rotterdam-Zuid', rest: 'rest van de stad' } as const;

export const scatterDefaults = {
  width: 640,
  height: 420,
  colour: { rest: palette.better, zuid: palette.worse },
  symbol: { rest: 'circle', zuid: 'diamond2' },
  trend: { stroke: palette.muted },
  diagonal: { stroke: palette.neutral, strokeDasharray: dash.ambition },
  /** On a page, and projected on a wall (larger text and points). */
  screen: { fontSize: font.tick, r: 4, strokeWidth: 1.5, labelSize: font.value },
  presentation: { fontSize: font.presentation.tick, r: 6, strokeWidth: 2, labelSize: font.presentation.label },
  legend: { swatchSize: 16, style: { fontSize: `${font.legend}px` } },
};

export interface ScatterRow { name: string; x: number; y: number; zuid: boolean }
export interface ScatterOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Both axes on this domain with the diagonal x = y drawn instead of a least-squares line. */
  diagonal?: [number, number];
  /** Names printed next to the points for which this holds. */
  labelIf?: (row: ScatterRow) => boolean;
  size?: 'screen' | 'presentation';
}

export function scatterSpec(rows: ScatterRow[], opts: ScatterOptions): ChartSpec {
  const d = scatterDefaults;
  const s = d[opts.size ?? 'screen'];
  const groups = [SCATTER_GROUPS.rest, SCATTER_GROUPS.zuid];
  const group = (r: ScatterRow) => (r.zuid ? SCATTER_GROUPS.zuid : SCATTER_GROUPS.rest);
  const diag = opts.diagonal;
  return {
    width: opts.width ?? d.width,
    height: opts.height ?? d.height,
    grid: true,
    style: { fontSize: `${s.fontSize}px` },
    x: { label: opts.xLabel, ...(diag ? { domain: diag } : {}) },
    y: { label: opts.yLabel, ...(diag ? { domain: diag } : {}) },
    symbol: { domain: groups, range: [d.symbol.rest, d.symbol.zuid] },
    color: { domain: groups, range: [d.colour.rest, d.colour.zuid] },
    marks: [
      diag ? Plot.line([[diag[0], diag[0]], [diag[1], diag[1]]], d.diagonal) : Plot.linearRegressionY(rows, { x: 'x', y: 'y', ...d.trend }),
      Plot.dot(rows, { x: 'x', y: 'y', stroke: group, symbol: group, r: s.r, strokeWidth: s.strokeWidth, title: (r: ScatterRow) => r.name }),
      ...(opts.labelIf ? [Plot.text(rows.filter(opts.labelIf), { x: 'x', y: 'y', text: 'name', dy: -2 * s.r, fontSize: s.labelSize })] : []),
    ],
    ariaLabel: opts.label,
  };
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
