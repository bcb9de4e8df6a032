// Sparkline: every year we have of one indicator, a line for the area and a dashed one for the
// city, no axes. Sits in a table row of the wijk page, with its first and last year as text beside
// it (src/lib/render/wijk.ts). Lines join only consecutive measurements (segments.ts): a gap in
// the years stays empty.
import * as Plot from '@observablehq/plot';
import { dash, palette } from './defaults';
import { renderSvg, roundGeometry, withoutPlotStyle, type ChartDoc, type ChartSpec } from './render';
import { segments } from './segments';

export const sparklineDefaults = {
  width: 120,
  height: 32,
  margin: 3,
  area: { stroke: palette.navy, strokeWidth: 1.5, r: 2 },
  city: { stroke: palette.neutral, strokeWidth: 1, strokeDasharray: dash.city },
};

export interface Point { year: number; value: number | null }
export interface SparklineOptions {
  label: string;
  /** The source's rhythm in years (segments.ts cadence): a longer step is a gap. */
  step?: number;
  width?: number;
  height?: number;
}

/** The spec, or null when neither line has two points (nothing to draw). */
export function sparklineSpec(points: Point[], city: Point[], opts: SparklineOptions): ChartSpec | null {
  const d = sparklineDefaults;
  const area = segments(points, opts.step ?? 1);
  const ref = segments(city, opts.step ?? 1);
  if (area.length < 2 && ref.length < 2) return null;
  const years = [...area, ...ref].map((p) => p.year);
  return {
    width: opts.width ?? d.width,
    height: opts.height ?? d.height,
    margin: d.margin,
    x: { axis: null, domain: [Math.min(...years), Math.max(...years)] },
    y: { axis: null, zero: false },
    marks: [
      Plot.line(ref, { x: 'year', y: 'value', z: 'segment', ...d.city }),
      Plot.line(area, { x: 'year', y: 'value', z: 'segment', stroke: d.area.stroke, strokeWidth: d.area.strokeWidth }),
      // A lone year (no neighbour to join) still shows.
      Plot.dot(area.filter((p) => area.filter((q) => q.segment === p.segment).length === 1), { x: 'year', y: 'value', fill: d.area.stroke, r: 1.5 }),
      Plot.dot(area.slice(-1), { x: 'year', y: 'value', fill: d.area.stroke, r: d.area.r }),
    ],
    ariaLabel: opts.label,
  };
}

/** The sparkline as SVG markup; '' when there is nothing to draw. */
export function sparkline(points: Point[], city: Point[], opts: SparklineOptions & ChartDoc): string {
  const spec = sparklineSpec(points, city, opts);
  return spec ? withoutPlotStyle(roundGeometry(renderSvg(spec, opts))) : '';
}
