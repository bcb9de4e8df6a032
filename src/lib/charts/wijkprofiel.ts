// Wijkprofiel: feiten (registraties) against beleving (enquête) per year for one Wijkprofiel
// index. Per year a row with both values on one axis joined by a bar, so the gap reads directly.
// Colour and symbol come from one pair of scales, and the legend is drawn from those scales.
import * as Plot from '@observablehq/plot';
import { dash, font, integer, palette } from './defaults';
import { legendOf, render, type ChartDoc, type ChartSpec } from './render';

export type WijkprofielKind = 'feiten' | 'beleving';

/** Legend words for the two halves of a Wijkprofiel index. */
export const WIJKPROFIEL_KINDS: Record<WijkprofielKind, string> = {
  feiten: 'feiten (registraties)',
  beleving: 'beleving (enquête)',
};

export const wijkprofielDefaults = {
  // 300 px fits a card on a 375 px phone unscaled, so the 12 px text stays 12 px.
  width: 300,
  rowHeight: 36,
  margin: { left: 44, right: 16, top: 26, bottom: 30 },
  fontSize: font.tick,
  /** Axis domain when the values lie inside it: 100 = Rotterdam 2014 in the middle. */
  domain: [80, 120] as [number, number],
  colour: { feiten: palette.better, beleving: palette.worse },
  symbol: { feiten: 'circle', beleving: 'diamond' },
  r: 6,
  reference: { stroke: palette.muted, strokeDasharray: dash.city, text: '100 = Rotterdam 2014' },
  gap: { stroke: palette.gap, strokeWidth: 6 },
  legend: { r: 6, swatchSize: 16, style: { fontSize: `${font.legend}px` } },
  /** Projected slides: wide, tall rows, 24 px+ text. */
  projector: {
    width: 1500, rowHeight: 120, margin: { left: 110, right: 40, top: 70, bottom: 50 }, fontSize: font.projector.tick, r: 16,
    gapWidth: 12, legend: { r: 12, swatchSize: 30, style: { fontSize: `${font.projector.legend}px` } },
  },
};

export interface WijkprofielRow { year: number; kind: WijkprofielKind; value: number }
export interface WijkprofielOptions { label: string; width?: number; domain?: [number, number]; size?: 'screen' | 'projector' }

export function wijkprofielSpec(rows: WijkprofielRow[], opts: WijkprofielOptions): ChartSpec {
  const d = wijkprofielDefaults;
  const pr = opts.size === 'projector' ? d.projector : null;
  const size = pr ?? { width: d.width, rowHeight: d.rowHeight, margin: d.margin, fontSize: d.fontSize, r: d.r, gapWidth: d.gap.strokeWidth };
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const pairs = years.flatMap((year) => {
    const f = rows.find((r) => r.year === year && r.kind === 'feiten');
    const b = rows.find((r) => r.year === year && r.kind === 'beleving');
    return f && b ? [{ year, x1: f.value, x2: b.value }] : [];
  });
  const values = rows.map((r) => r.value);
  const kinds = Object.keys(WIJKPROFIEL_KINDS) as WijkprofielKind[];
  return {
    width: opts.width ?? size.width,
    height: size.rowHeight * years.length + (pr ? size.margin.top + size.margin.bottom : 56),
    marginLeft: size.margin.left,
    marginRight: size.margin.right,
    marginTop: size.margin.top,
    marginBottom: size.margin.bottom,
    style: { fontSize: `${size.fontSize}px` },
    x: { label: null, grid: true, ticks: 5, domain: opts.domain ?? [Math.min(d.domain[0], ...values), Math.max(d.domain[1], ...values)], nice: true },
    y: { label: null, domain: years, type: 'band', tickFormat: (y: number) => String(y), padding: 0.2 },
    color: { domain: kinds, range: kinds.map((k) => d.colour[k]) },
    symbol: { domain: kinds, range: kinds.map((k) => d.symbol[k]) },
    marks: [
      Plot.ruleX([100], { stroke: d.reference.stroke, strokeDasharray: d.reference.strokeDasharray }),
      Plot.text([100], { x: (v: number) => v, frameAnchor: 'top', dy: pr ? -size.fontSize : -14, text: () => d.reference.text, fill: d.reference.stroke }),
      Plot.ruleY(pairs, { y: 'year', x1: 'x1', x2: 'x2', ...d.gap, strokeWidth: size.gapWidth }),
      Plot.dot(rows, {
        x: 'value', y: 'year', fill: 'kind', symbol: 'kind', r: size.r, stroke: palette.white, strokeWidth: 1,
        title: (r: WijkprofielRow) => `${WIJKPROFIEL_KINDS[r.kind]} ${r.year}: ${integer(r.value)}`,
      }),
    ],
    ariaLabel: opts.label,
  };
}

/** The chart and its legend (HTML, from the chart's symbol scale); both '' without rows. */
export function factsVersusFeeling(rows: WijkprofielRow[], opts: WijkprofielOptions & ChartDoc): { svg: string; legend: string } {
  if (!rows.length) return { svg: '', legend: '' };
  const chart = render(wijkprofielSpec(rows, opts), opts);
  const legend = legendOf(chart, 'symbol', { tickFormat: (k: WijkprofielKind) => WIJKPROFIEL_KINDS[k], ...(opts.size === 'projector' ? wijkprofielDefaults.projector.legend : wijkprofielDefaults.legend) });
  return { svg: chart.outerHTML, legend };
}
