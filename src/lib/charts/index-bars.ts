// Index bars: one area against the city (100) on many indicators, a bar from 100 to the index,
// blue where better, orange where worse, grey where about the same, each with its number and the
// judgement in words (not colour only).
import * as Plot from '@observablehq/plot';
import { font, integer, palette } from './defaults';
import { renderSvg, type ChartDoc, type ChartSpec } from './render';

export type Judgement = 'better' | 'worse' | 'same';

export const indexBarsDefaults = {
  width: 1000,
  rowHeight: 34,
  marginLeft: 360,
  /** Room below the ticks for the axis label, so the two do not overlap at this size. */
  marginBottom: 60,
  labelOffset: 48,
  fontSize: font.presentation.tick,
  valueSize: 15,
  colour: { better: palette.better, worse: palette.worse, same: palette.neutral } satisfies Record<Judgement, string>,
  words: { better: '▲ beter', worse: '▼ slechter', same: '≈ gelijk' } satisfies Record<Judgement, string>,
  axisLabel: 'Rotterdam = 100',
};

export interface IndexBar { label: string; index: number; judgement: Judgement }

/** Highest index at the top. */
export function indexBarsSpec(rows: IndexBar[], opts: { label: string; width?: number }): ChartSpec {
  const d = indexBarsDefaults;
  const sorted = [...rows].sort((a, b) => b.index - a.index);
  const judgements = Object.keys(d.colour) as Judgement[];
  return {
    width: opts.width ?? d.width,
    height: d.rowHeight * rows.length + 30 + d.marginBottom,
    marginBottom: d.marginBottom,
    marginLeft: d.marginLeft,
    style: { fontSize: `${d.fontSize}px` },
    x: { label: d.axisLabel, grid: true, labelAnchor: 'center', labelOffset: d.labelOffset },
    y: { label: null, domain: sorted.map((r) => r.label) },
    color: { domain: judgements, range: judgements.map((j) => d.colour[j]) },
    marks: [
      Plot.ruleX([100], { stroke: palette.ink }),
      Plot.barX(sorted, { x1: 100, x2: 'index', y: 'label', fill: 'judgement' }),
      // Right of the bar's end or of the 100 line, whichever is further right: never on a bar.
      Plot.text(sorted, { x: (r: IndexBar) => Math.max(100, r.index), y: 'label', text: (r: IndexBar) => `${integer(r.index)} ${d.words[r.judgement]}`, dx: 6, textAnchor: 'start', fontSize: d.valueSize }),
    ],
    ariaLabel: opts.label,
  };
}

export function indexBars(rows: IndexBar[], opts: { label: string; width?: number } & ChartDoc): string {
  return renderSvg(indexBarsSpec(rows, opts), opts);
}
