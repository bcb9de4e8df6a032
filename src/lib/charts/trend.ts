// Trend: one series over the years with every value printed, and an optional reference line (a
// policy ambition, counted differently) in its own colour with its own words. Years without a
// value break the line: a jump from 2017 to 2024 is not a trend we measured.
import * as Plot from '@observablehq/plot';
import { nice } from 'd3';
import { dash, font, integer, palette } from './defaults';
import { renderSvg, type ChartDoc, type ChartSpec } from './render';

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
