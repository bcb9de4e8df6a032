// Ranking: every area by value, best at the top (highest first for context indicators), with the
// city as a labelled reference line, so the chart explains itself without a separate legend.
import * as Plot from '@observablehq/plot';
import { dash, font, palette } from './defaults';
import { renderSvg, type ChartDoc, type ChartSpec } from './render';

export const rankingDefaults = {
  width: 640,
  /** Per bar; leaves room for 12 px names. */
  rowHeight: 16,
  margin: { top: 40, bottom: 30, left: 170, right: 50 },
  fontSize: font.tick,
  valueSize: font.value,
  fill: { highlight: palette.accent, other: palette.bar },
  /** A white halo keeps value labels readable where the city line crosses them. */
  halo: { stroke: palette.white, strokeWidth: 3, paintOrder: 'stroke' },
  city: { stroke: palette.ink, strokeDasharray: dash.reference, fontSize: font.tick },
  /** Projected slides: fewer, taller bars and 24 px+ text; the city label gets its own row. */
  projector: { rowHeight: 50, margin: { top: 104, bottom: 56, left: 420, right: 160 }, fontSize: font.projector.tick, valueSize: font.projector.value, cityDy: 40, labelOffset: 70 },
};

export interface RankingRow { name: string; value: number; highlight?: boolean }
export interface RankingOptions {
  label: string;
  /** Axis label (unit and year). */
  unit: string;
  city: number | null;
  cityLabel?: string;
  direction: 'higher_better' | 'lower_better' | 'neutral';
  width?: number;
  format: (v: number) => string;
  size?: 'screen' | 'projector';
}

/** The spec, or null without rows. */
export function rankingSpec(rows: RankingRow[], opts: RankingOptions): ChartSpec | null {
  if (!rows.length) return null;
  const d = rankingDefaults;
  const p = opts.size === 'projector' ? d.projector : { rowHeight: d.rowHeight, margin: d.margin, fontSize: d.fontSize, valueSize: d.valueSize, cityDy: 14, labelOffset: undefined };
  const sorted = [...rows].sort((a, b) => (opts.direction === 'lower_better' ? a.value - b.value : b.value - a.value));
  const city = opts.city;
  return {
    width: opts.width ?? d.width,
    height: p.rowHeight * sorted.length + p.margin.top + p.margin.bottom,
    marginTop: p.margin.top,
    marginBottom: p.margin.bottom,
    marginLeft: p.margin.left,
    marginRight: p.margin.right,
    style: { fontSize: `${p.fontSize}px` },
    x: { label: opts.unit, grid: true, axis: 'top', ...(p.labelOffset ? { labelOffset: p.labelOffset } : {}) },
    y: { label: null, domain: sorted.map((r) => r.name) },
    marks: [
      Plot.barX(sorted, { x: 'value', y: 'name', fill: (r: RankingRow) => (r.highlight ? d.fill.highlight : d.fill.other) }),
      Plot.text(sorted, { x: 'value', y: 'name', text: (r: RankingRow) => opts.format(r.value), textAnchor: 'start', dx: 3, fontSize: p.valueSize, fill: palette.ink, ...d.halo }),
      ...(city !== null
        ? [
            Plot.ruleX([city], { stroke: d.city.stroke, strokeDasharray: d.city.strokeDasharray }),
            Plot.text([city], {
              x: (v: number) => v, frameAnchor: 'bottom', dy: p.cityDy, text: () => opts.cityLabel ?? `Rotterdam ${opts.format(city)}`,
              fontSize: opts.size === 'projector' ? p.fontSize : d.city.fontSize, fill: d.city.stroke, ...d.halo,
            }),
          ]
        : []),
    ],
    ariaLabel: opts.label,
  };
}

/** The ranking as SVG markup; '' without rows. */
export function ranking(rows: RankingRow[], opts: RankingOptions & ChartDoc): string {
  const spec = rankingSpec(rows, opts);
  return spec ? renderSvg(spec, opts) : '';
}
