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
  /**
   * One extreme must not squash the other bars: when the highest value is more than `ratio` times
   * the 98th percentile (interpolated), the axis stops at `headroom` × that percentile (and at
   * least at the city); longer bars end at the edge and their label carries a "›".
   */
  clamp: { ratio: 1.5, percentile: 0.98, headroom: 1.15, mark: ' ›' },
  /**
   * Drawn narrower than `below` (a phone redraws at the width it has, src/client/redraw.ts): the
   * names get at most `leftShare` of the width and are cut with "…" (the table has them whole),
   * and the axis keeps one tick per `tickSpacing` px, so the 12 px text stays 12 px on screen.
   */
  narrow: { below: 560, leftShare: 0.36, right: 54, tickSpacing: 70, capNote: ' (› = afgekapt)' },
};

/** The axis end for non-negative values, or null when no bar needs cutting. */
export function rankingCap(values: number[], city: number | null): number | null {
  const c = rankingDefaults.clamp;
  if (values.length < 5 || values.some((v) => v < 0)) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * c.percentile;
  const p = sorted[Math.floor(pos)]! + (sorted[Math.ceil(pos)]! - sorted[Math.floor(pos)]!) * (pos - Math.floor(pos));
  if (!(p > 0) || sorted.at(-1)! <= c.ratio * p) return null;
  return Math.max(p * c.headroom, city ?? 0);
}

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
  const cap = rankingCap(sorted.map((r) => r.value), city);
  const shown = (v: number) => (cap !== null ? Math.min(v, cap) : v);
  const cut = (v: number) => cap !== null && v > cap;
  const width = opts.width ?? d.width;
  const narrow = opts.size !== 'projector' && width < d.narrow.below;
  const left = narrow ? Math.min(p.margin.left, Math.round(width * d.narrow.leftShare)) : p.margin.left;
  return {
    width,
    height: p.rowHeight * sorted.length + p.margin.top + p.margin.bottom,
    marginTop: p.margin.top,
    marginBottom: p.margin.bottom,
    marginLeft: left,
    marginRight: narrow ? d.narrow.right : p.margin.right,
    style: { fontSize: `${p.fontSize}px` },
    x: { label: cap !== null ? `${opts.unit}${narrow ? d.narrow.capNote : ' (as afgekapt; › = langere balk)'}` : opts.unit, grid: true, axis: 'top', ...(narrow ? { ticks: Math.max(2, Math.floor((width - left - d.narrow.right) / d.narrow.tickSpacing)) } : {}), ...(cap !== null ? { domain: [0, cap] } : {}), ...(p.labelOffset ? { labelOffset: p.labelOffset } : {}) },
    y: { label: null, domain: sorted.map((r) => r.name), ...(narrow ? { axis: null } : {}) },
    marks: [
      // Narrow: names longer than the margin end in "…" (Plot measures lineWidth in ems).
      ...(narrow ? [Plot.axisY({ label: null, lineWidth: (left - 12) / p.fontSize, textOverflow: 'ellipsis' })] : []),
      Plot.barX(sorted, { x: (r: RankingRow) => shown(r.value), y: 'name', fill: (r: RankingRow) => (r.highlight ? d.fill.highlight : d.fill.other) }),
      Plot.text(sorted, { x: (r: RankingRow) => shown(r.value), y: 'name', text: (r: RankingRow) => opts.format(r.value) + (cut(r.value) ? d.clamp.mark : ''), textAnchor: 'start', dx: 3, fontSize: p.valueSize, fill: palette.ink, ...d.halo }),
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
