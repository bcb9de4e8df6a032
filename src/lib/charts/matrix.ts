// Correlation matrix: coloured cells with the coefficient printed in each (not colour only), the
// text black or white by computed contrast (at least 4,5:1), and a legend drawn by Plot from the
// same colour scale. Each cell has a title naming the pair, r and the number of wijken.
import * as Plot from '@observablehq/plot';
import { textOn } from '../render/contrast';
import { font, palette } from './defaults';
import { compactSvg } from './compact';
import { legendOf, render, roundGeometry, type ChartDoc, type ChartSpec } from './render';

/**
 * Correlation classes on r rounded to the one decimal each cell prints, so a cell showing 0,7 has
 * exactly the colour of the legend entry that names 0,7. Negative orange, positive purple
 * (ColorBrewer PuOr, colour-blind safe); the middle class is "nauwelijks samenhang".
 */
const R_CLASSES: { lo: number; hi: number; colour: string }[] = [
  { lo: -10, hi: -8, colour: '#b35806' },
  { lo: -7, hi: -5, colour: '#f1a340' },
  { lo: -4, hi: -2, colour: '#fee0b6' },
  { lo: -1, hi: 1, colour: '#f7f7f7' },
  { lo: 2, hi: 4, colour: '#d8daeb' },
  { lo: 5, hi: 7, colour: '#998ec3' },
  { lo: 8, hi: 10, colour: '#542788' },
];

export const matrixDefaults = {
  cell: 26,
  fontSize: font.tick,
  /** The coefficient inside a 26 px cell: 11 px is the most that fits "−0,7" with room. */
  valueSize: 11,
  /** Column labels turn this many degrees. */
  tickRotate: -50,
  diagonal: palette.line,
  classes: R_CLASSES,
  legend: { legend: 'swatches', swatchSize: 16, style: { fontSize: `${font.legend}px` } },
};

const r1 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** r as printed in a cell: one decimal, never "-0,0". */
export function formatR1(r: number): string {
  const tenths = Math.round(r * 10);
  return r1.format(tenths === 0 ? 0 : tenths / 10);
}
const classLabel = (c: { lo: number; hi: number }) => `${formatR1(c.lo / 10)} t/m ${formatR1(c.hi / 10)}`;
function classOf(r: number) {
  const t = Math.round(r * 10);
  return R_CLASSES.find((c) => t >= c.lo && t <= c.hi)!;
}

/** Rough width of a label in px at `size` (no layout at build time): generous, so nothing is cut. */
function labelWidth(text: string, size: number): number {
  return Math.ceil(text.length * size * 0.62) + 8;
}

export interface MatrixCell { a: string; b: string; r: number | null; n: number }
export interface MatrixOptions { label: string; order: string[] }

export function matrixSpec(cells: MatrixCell[], labels: Map<string, string>, opts: MatrixOptions): ChartSpec {
  const d = matrixDefaults;
  const both = cells.filter((c) => c.r !== null).flatMap((c) => [c, { ...c, a: c.b, b: c.a }]) as { a: string; b: string; r: number; n: number }[];
  const diag = opts.order.map((id) => ({ a: id, b: id }));
  const name = (id: string) => labels.get(id) ?? id;
  const longest = Math.max(...opts.order.map((id) => labelWidth(name(id), d.fontSize)));
  const marginLeft = longest + 10;
  // Column labels turn: they need their height below and reach left by their cosine.
  const marginBottom = Math.ceil(longest * Math.sin((-d.tickRotate * Math.PI) / 180)) + 16;
  const side = d.cell * opts.order.length;
  return {
    width: marginLeft + side + 10,
    height: side + marginBottom + 10,
    marginLeft,
    marginRight: 10,
    marginTop: 10,
    marginBottom,
    style: { fontSize: `${d.fontSize}px` },
    x: { domain: opts.order, tickFormat: name, tickRotate: d.tickRotate, label: null },
    y: { domain: opts.order, tickFormat: name, label: null },
    color: { type: 'ordinal', domain: d.classes.map(classLabel), range: d.classes.map((c) => c.colour) },
    marks: [
      Plot.cell(diag, { x: 'a', y: 'b', fill: d.diagonal, inset: 0.5 }),
      Plot.cell(both, {
        x: 'a', y: 'b', fill: (c: { r: number }) => classLabel(classOf(c.r)), inset: 0.5,
        title: (c: { a: string; b: string; r: number; n: number }) => `${name(c.a)} × ${name(c.b)}: r = ${formatR1(c.r)} (${c.n} wijken)`,
      }),
      Plot.text(both, {
        x: 'a', y: 'b', text: (c: { r: number }) => formatR1(c.r), fontSize: d.valueSize,
        fill: (c: { r: number }) => textOn(classOf(c.r).colour),
      }),
    ],
    ariaLabel: opts.label,
  };
}

/** The matrix and its legend (HTML, from the chart's colour scale). */
export function correlationMatrix(cells: MatrixCell[], labels: Map<string, string>, opts: MatrixOptions & ChartDoc): { svg: string; legend: string } {
  const chart = render(matrixSpec(cells, labels, opts), opts);
  // Compact markup (compact.ts) with coordinates to a tenth of a pixel: ~3.000 cells, 1 MB otherwise.
  return { svg: roundGeometry(compactSvg(chart)), legend: legendOf(chart, 'color', matrixDefaults.legend) };
}
