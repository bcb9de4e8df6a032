// Trend panel: one small multiple per indicator on the wijk page. The area over all its years with
// the gebied it lies in, Rotterdam-Zuid (for areas in Zuid) and Rotterdam as references. Lines join
// only consecutive measurements (segments.ts), so years without data stay empty; every point has a
// <title> (hover) and the page adds keyboard reading (src/client/trend-focus.ts). Colours come from
// one Plot colour scale; the legend is drawn from that same scale (trendLegend).
import * as Plot from '@observablehq/plot';
import { dash, font, palette } from './defaults';
import { compactSvg } from './compact';
import { render, roundGeometry, type ChartDoc, type ChartSpec } from './render';
import { labelledYears, segments } from './segments';

export type TrendRole = 'area' | 'gebied' | 'zuid' | 'city';

export const trendPanelDefaults = {
  width: 320,
  height: 150,
  margin: { top: 14, right: 12, bottom: 22, left: 44 },
  fontSize: font.tick,
  /** Per role: colour, line width, dash and dot radius. The area is the strongest. */
  roles: {
    area: { stroke: palette.accent, strokeWidth: 2.5, dash: null, r: 3 },
    gebied: { stroke: palette.muted, strokeWidth: 1.5, dash: null, r: 2 },
    zuid: { stroke: palette.zuid, strokeWidth: 1.5, dash: dash.ambition, r: 2 },
    city: { stroke: palette.ink, strokeWidth: 1.5, dash: dash.city, r: 2 },
  } as Record<TrendRole, { stroke: string; strokeWidth: number; dash: string | null; r: number }>,
  /** Draw order: references first, the area on top. */
  order: ['city', 'zuid', 'gebied', 'area'] as TrendRole[],
};

export interface TrendSeries {
  role: TrendRole;
  name: string;
  points: { year: number; value: number | null }[];
}

export interface TrendPanelOptions {
  label: string;
  /** The source's rhythm in years (segments.ts cadence): a longer step is a gap. */
  step: number;
  format: (v: number) => string;
  /** Axis ticks (default: format). */
  tickFormat?: (v: number) => string;
  /** Unit for the chart's label; point titles leave it out (the caption says it once). */
  unit: string;
  width?: number;
  height?: number;
}

/** The spec, or null when no series has a value. */
export function trendPanelSpec(series: TrendSeries[], opts: TrendPanelOptions): ChartSpec | null {
  const d = trendPanelDefaults;
  const shown = d.order.flatMap((role) => series.filter((s) => s.role === role));
  const rows = shown.flatMap((s) => segments(s.points, opts.step).map((p) => ({ ...p, role: s.role, name: s.name, z: `${s.role}:${p.segment}` })));
  if (!rows.length) return null;
  const width = opts.width ?? d.width;
  const years = rows.map((r) => r.year);
  const [lo, hi] = [Math.min(...years), Math.max(...years)];
  const pad = Math.max(0.4, (hi - lo) * 0.04);
  const labelled = labelledYears(years, lo - pad, hi + pad, width - d.margin.left - d.margin.right, 34, opts.step);
  const names = series.map((s) => s.name);
  const title = (r: (typeof rows)[number]) => `${r.name} ${r.year}: ${opts.format(r.value)}`;
  return {
    width,
    height: opts.height ?? d.height,
    ...Object.fromEntries(Object.entries(d.margin).map(([k, v]) => [`margin${k[0].toUpperCase()}${k.slice(1)}`, v])),
    style: { fontSize: `${d.fontSize}px`, overflow: 'visible' },
    x: { domain: [lo - pad, hi + pad] },
    y: { nice: true, grid: true, ticks: 3, tickFormat: opts.tickFormat ?? opts.format, label: null },
    color: { domain: names, range: series.map((s) => d.roles[s.role].stroke) },
    marks: [
      Plot.axisX({ ticks: [...new Set(years)], tickFormat: (y: number) => (labelled.has(y) ? String(y) : ''), tickSize: 3, label: null }),
      ...d.order.map((role) => {
        const st = d.roles[role];
        return Plot.line(rows.filter((r) => r.role === role), {
          x: 'year', y: 'value', z: 'z', stroke: 'name', strokeWidth: st.strokeWidth,
          ...(st.dash ? { strokeDasharray: st.dash } : {}), className: `trend-${role}`,
        });
      }),
      ...d.order.map((role) =>
        Plot.dot(rows.filter((r) => r.role === role), { x: 'year', y: 'value', fill: 'name', r: d.roles[role].r, title, className: `trend-dot-${role}` }),
      ),
    ],
    ariaLabel: opts.label,
  };
}

/** The chart as SVG markup, and its colour scale for the legend; null without values. */
export function trendPanel(series: TrendSeries[], opts: TrendPanelOptions & ChartDoc): { svg: string; legend: string } | null {
  const spec = trendPanelSpec(series, opts);
  if (!spec) return null;
  const chart = render(spec, opts);
  const legend = trendLegend(chart, series);
  // ~60 of these on a wijk page: what every panel shares (font, overflow, round line ends) is in
  // the page's CSS for class "trend-chart" (src/pages/wijk/[code].astro) instead of on each one,
  // and the markup is compact (compact.ts).
  for (const a of ['style', 'text-anchor', 'font-size', 'font-family', 'fill']) chart.removeAttribute(a);
  chart.setAttribute('class', 'chart-lite trend-chart');
  for (const g of chart.querySelectorAll('g[class^="trend-"]:not([class^="trend-dot"])')) {
    for (const a of ['stroke-linecap', 'stroke-linejoin', 'fill']) g.removeAttribute(a);
  }
  return { svg: roundGeometry(compactSvg(chart, { dropLonePoints: true })), legend };
}

/**
 * The legend as HTML, from the chart's own colour scale: each name with a short line in the colour
 * the scale gives it and its role's width and dash.
 */
export function trendLegend(chart: Element, series: Pick<TrendSeries, 'role' | 'name'>[]): string {
  const scale = (chart as unknown as { scale(n: string): { apply(v: string): string } | undefined }).scale('color');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return series
    .map((s) => {
      const st = trendPanelDefaults.roles[s.role];
      const colour = scale?.apply(s.name) ?? st.stroke;
      return `<span class="key"><svg width="24" height="10" aria-hidden="true"><line x1="1" y1="5" x2="23" y2="5" stroke="${colour}" stroke-width="${st.strokeWidth}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/><circle cx="12" cy="5" r="${st.r}" fill="${colour}"/></svg>${esc(s.name)}</span>`;
    })
    .join(' ');
}
