// Sparkline: every year we have of one indicator, a line for the area and a dashed one for the
// city, no axes. Sits in a table row of the wijk page.
import * as Plot from '@observablehq/plot';
import { dash, palette } from './defaults';
import { renderSvg, type ChartDoc, type ChartSpec } from './render';

export const sparklineDefaults = {
  width: 120,
  height: 32,
  margin: 3,
  area: { stroke: palette.navy, strokeWidth: 1.5, r: 2 },
  city: { stroke: palette.neutral, strokeWidth: 1, strokeDasharray: dash.city },
};

export interface Point { year: number; value: number | null }
export interface SparklineOptions { label: string; width?: number; height?: number }

/** The spec, or null when neither line has two points (nothing to draw). */
export function sparklineSpec(points: Point[], city: Point[], opts: SparklineOptions): ChartSpec | null {
  const d = sparklineDefaults;
  const area = points.filter((p) => p.value !== null);
  const ref = city.filter((p) => p.value !== null);
  if (area.length < 2 && ref.length < 2) return null;
  const years = [...area, ...ref].map((p) => p.year);
  return {
    width: opts.width ?? d.width,
    height: opts.height ?? d.height,
    margin: d.margin,
    x: { axis: null, domain: [Math.min(...years), Math.max(...years)] },
    y: { axis: null, zero: false },
    marks: [
      Plot.line(ref, { x: 'year', y: 'value', ...d.city }),
      Plot.line(area, { x: 'year', y: 'value', stroke: d.area.stroke, strokeWidth: d.area.strokeWidth }),
      Plot.dot(area.slice(-1), { x: 'year', y: 'value', fill: d.area.stroke, r: d.area.r }),
    ],
    ariaLabel: opts.label,
  };
}

/** The sparkline as SVG markup; '' when there is nothing to draw. */
export function sparkline(points: Point[], city: Point[], opts: SparklineOptions & ChartDoc): string {
  const spec = sparklineSpec(points, city, opts);
  return spec ? renderSvg(spec, opts) : '';
}
