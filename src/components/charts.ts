// Chart kinds as small functions from rows to an SVG string, rendered with Observable Plot.
// At build time they get a linkedom document (no browser needed); in the browser, the page's own.
import * as Plot from '@observablehq/plot';
import { textOn } from '../lib/render/contrast';

export interface ChartDoc { document?: Document }

function svgOf(node: Element | HTMLElement): string {
  return node.outerHTML;
}

/**
 * A Plot chart as one image with one text alternative: role="img" and the chart's aria-label on the
 * <svg>. Plot also puts aria-labels such as "dot" or "line" on its <g> groups; ARIA forbids
 * aria-label on an element without a role (axe: aria-prohibited-attr) and inside an image they say
 * nothing, so they are removed.
 */
function asImage<T extends Element>(chart: T): T {
  chart.setAttribute('role', 'img');
  for (const el of chart.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  return chart;
}

/** A sparkline of every year we have: a line for the area, a dashed one for the city. */
export function sparkline(
  points: { year: number; value: number | null }[],
  city: { year: number; value: number | null }[],
  opts: ChartDoc & { label: string; width?: number; height?: number },
): string {
  const area = points.filter((p) => p.value !== null);
  const ref = city.filter((p) => p.value !== null);
  if (area.length < 2 && ref.length < 2) return '';
  const years = [...area, ...ref].map((p) => p.year);
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 120,
    height: opts.height ?? 32,
    margin: 3,
    x: { axis: null, domain: [Math.min(...years), Math.max(...years)] },
    y: { axis: null, zero: false },
    marks: [
      Plot.line(ref, { x: 'year', y: 'value', stroke: '#8c8c8c', strokeDasharray: '3,2', strokeWidth: 1 }),
      Plot.line(area, { x: 'year', y: 'value', stroke: '#0b2e4f', strokeWidth: 1.5 }),
      Plot.dot(area.slice(-1), { x: 'year', y: 'value', fill: '#0b2e4f', r: 2 }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  return svgOf(chart);
}

/** A Plot legend as HTML: Plot draws it from the chart's own scale, so marks and legend agree. */
function legendOf(chart: Element, name: 'color' | 'symbol', options: object): string {
  const el = (chart as unknown as { legend(n: string, o: object): Element | undefined }).legend(name, options);
  return el?.outerHTML ?? '';
}

export type WijkprofielKind = 'feiten' | 'beleving';

/** Legend words for the two halves of a Wijkprofiel index. */
export const WIJKPROFIEL_KINDS: Record<WijkprofielKind, string> = {
  feiten: 'feiten (registraties)',
  beleving: 'beleving (enquête)',
};

/**
 * Feiten (registraties) against beleving (enquête) per year for one Wijkprofiel index: per year a
 * row with both values on one axis joined by a bar, so the gap between them reads directly.
 * Colour and symbol come from one pair of scales, and the legend is drawn from those scales.
 */
export function factsVersusFeeling(
  rows: { year: number; kind: WijkprofielKind; value: number }[],
  opts: ChartDoc & { label: string; width?: number; domain?: [number, number] },
): { svg: string; legend: string } {
  if (!rows.length) return { svg: '', legend: '' };
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const pairs = years.flatMap((year) => {
    const f = rows.find((r) => r.year === year && r.kind === 'feiten');
    const b = rows.find((r) => r.year === year && r.kind === 'beleving');
    return f && b ? [{ year, x1: f.value, x2: b.value }] : [];
  });
  const values = rows.map((r) => r.value);
  const kinds = Object.keys(WIJKPROFIEL_KINDS) as WijkprofielKind[];
  const fmt = (v: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }).format(v);
  const chart = Plot.plot({
    document: opts.document,
    // 300 px fits a card on a 375 px phone unscaled, so the 12 px text stays 12 px.
    width: opts.width ?? 300,
    height: 36 * years.length + 56,
    marginLeft: 44,
    marginRight: 16,
    marginTop: 26,
    marginBottom: 30,
    style: { fontSize: '12px' },
    x: { label: null, grid: true, ticks: 5, domain: opts.domain ?? [Math.min(80, ...values), Math.max(120, ...values)], nice: true },
    y: { label: null, domain: years, type: 'band', tickFormat: (d: number) => String(d), padding: 0.2 },
    color: { domain: kinds, range: ['#2166ac', '#b35806'] },
    symbol: { domain: kinds, range: ['circle', 'diamond'] },
    marks: [
      Plot.ruleX([100], { stroke: '#59636e', strokeDasharray: '3,2' }),
      Plot.text([100], { x: (d: number) => d, frameAnchor: 'top', dy: -14, text: () => '100 = Rotterdam 2014', fill: '#59636e' }),
      Plot.ruleY(pairs, { y: 'year', x1: 'x1', x2: 'x2', stroke: '#c4ccd4', strokeWidth: 6 }),
      Plot.dot(rows, {
        x: 'value', y: 'year', fill: 'kind', symbol: 'kind', r: 6, stroke: 'white', strokeWidth: 1,
        title: (d: { kind: WijkprofielKind; year: number; value: number }) => `${WIJKPROFIEL_KINDS[d.kind]} ${d.year}: ${fmt(d.value)}`,
      }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  const legend = legendOf(chart, 'symbol', { tickFormat: (k: WijkprofielKind) => WIJKPROFIEL_KINDS[k], r: 6, swatchSize: 16, style: { fontSize: '14px' } });
  return { svg: svgOf(chart), legend };
}

/**
 * Every area ranked by value, best at the top (highest first for context indicators), with the
 * city as a labelled reference line: the chart explains itself, no separate legend.
 */
export function ranking(
  rows: { name: string; value: number; highlight?: boolean }[],
  opts: ChartDoc & { label: string; unit: string; city: number | null; cityLabel?: string; direction: 'higher_better' | 'lower_better' | 'neutral'; width?: number; format: (v: number) => string },
): string {
  if (!rows.length) return '';
  const sorted = [...rows].sort((a, b) => (opts.direction === 'lower_better' ? a.value - b.value : b.value - a.value));
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 640,
    height: 14 * sorted.length + 70,
    marginTop: 40,
    marginBottom: 30,
    marginLeft: 170,
    marginRight: 50,
    style: { fontSize: '11px' },
    x: { label: opts.unit, grid: true, axis: 'top' },
    y: { label: null, domain: sorted.map((r) => r.name) },
    marks: [
      Plot.barX(sorted, { x: 'value', y: 'name', fill: (d: { highlight?: boolean }) => (d.highlight ? '#005a9c' : '#9db4c9') }),
      Plot.text(sorted, { x: 'value', y: 'name', text: (d: { value: number }) => opts.format(d.value), textAnchor: 'start', dx: 3, fontSize: 10 }),
      ...(opts.city !== null
        ? [
            Plot.ruleX([opts.city], { stroke: '#1b1f24', strokeDasharray: '4,3' }),
            Plot.text([opts.city], { x: (d: number) => d, frameAnchor: 'bottom', dy: 14, text: () => opts.cityLabel ?? `Rotterdam ${opts.format(opts.city!)}`, fontSize: 12, fill: '#1b1f24', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
          ]
        : []),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  return chart.outerHTML;
}

/**
 * Correlation classes of the matrix, on r rounded to the one decimal each cell prints, so a cell
 * showing 0,7 has exactly the colour of the legend entry that names 0,7. Negative orange, positive
 * purple (ColorBrewer PuOr, colour-blind safe); the middle class is "nauwelijks samenhang".
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

/**
 * Correlation matrix as coloured cells with the coefficient printed in each (not colour only), its
 * text black or white by computed contrast (at least 4,5:1), and a legend drawn by Plot from the
 * same colour scale. Each cell has a title naming the pair, r and the number of wijken.
 */
export function correlationMatrix(
  cells: { a: string; b: string; r: number | null; n: number }[],
  labels: Map<string, string>,
  opts: ChartDoc & { label: string; order: string[] },
): { svg: string; legend: string } {
  const both = cells.filter((c) => c.r !== null).flatMap((c) => [c, { ...c, a: c.b, b: c.a }]) as { a: string; b: string; r: number; n: number }[];
  const diag = opts.order.map((id) => ({ a: id, b: id }));
  const name = (id: string) => labels.get(id) ?? id;
  const fontSize = 11;
  const longest = Math.max(...opts.order.map((id) => labelWidth(name(id), fontSize)));
  const cell = 26;
  const marginLeft = longest + 10;
  // Column labels turn 50°: they need their height below and reach left by their cosine.
  const marginBottom = Math.ceil(longest * Math.sin((50 * Math.PI) / 180)) + 16;
  const side = cell * opts.order.length;
  const colour = { type: 'ordinal' as const, domain: R_CLASSES.map(classLabel), range: R_CLASSES.map((c) => c.colour) };
  const fillOf = (d: { r: number }) => classLabel(classOf(d.r));
  const chart = Plot.plot({
    document: opts.document,
    width: marginLeft + side + 10,
    height: side + marginBottom + 10,
    marginLeft,
    marginRight: 10,
    marginTop: 10,
    marginBottom,
    style: { fontSize: `${fontSize}px` },
    x: { domain: opts.order, tickFormat: name, tickRotate: -50, label: null },
    y: { domain: opts.order, tickFormat: name, label: null },
    color: colour,
    marks: [
      Plot.cell(diag, { x: 'a', y: 'b', fill: '#d0d7de', inset: 0.5 }),
      Plot.cell(both, {
        x: 'a', y: 'b', fill: fillOf, inset: 0.5,
        title: (d: { a: string; b: string; r: number; n: number }) => `${name(d.a)} × ${name(d.b)}: r = ${formatR1(d.r)} (${d.n} wijken)`,
      }),
      Plot.text(both, {
        x: 'a', y: 'b', text: (d: { r: number }) => formatR1(d.r), fontSize: 10,
        fill: (d: { r: number }) => textOn(classOf(d.r).colour),
      }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  const legend = legendOf(chart, 'color', { legend: 'swatches', swatchSize: 16, style: { fontSize: '14px' } });
  return { svg: chart.outerHTML, legend };
}

/** The two groups of the scatterplot, in legend order. */
export const SCATTER_GROUPS = { zuid: 'Rotterdam-Zuid', rest: 'rest van de stad' } as const;

/**
 * Two indicators per area with a least-squares line; Rotterdam-Zuid told apart by colour and
 * shape, both from scales that also draw the legend.
 */
export function scatterParts(
  rows: { name: string; x: number; y: number; zuid: boolean }[],
  opts: ChartDoc & { label: string; xLabel: string; yLabel: string; width?: number; height?: number },
): { svg: string; legend: string } {
  const groups = [SCATTER_GROUPS.rest, SCATTER_GROUPS.zuid];
  const group = (d: { zuid: boolean }) => (d.zuid ? SCATTER_GROUPS.zuid : SCATTER_GROUPS.rest);
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 640,
    height: opts.height ?? 420,
    grid: true,
    style: { fontSize: '12px' },
    x: { label: opts.xLabel },
    y: { label: opts.yLabel },
    symbol: { domain: groups, range: ['circle', 'diamond2'] },
    color: { domain: groups, range: ['#2166ac', '#b35806'] },
    marks: [
      Plot.linearRegressionY(rows, { x: 'x', y: 'y', stroke: '#59636e' }),
      Plot.dot(rows, { x: 'x', y: 'y', stroke: group, symbol: group, r: 4, strokeWidth: 1.5, title: (d: { name: string }) => d.name }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  const legend = legendOf(chart, 'symbol', { swatchSize: 16, style: { fontSize: '14px' } });
  return { svg: chart.outerHTML, legend };
}

/** The scatterplot alone, for pages that explain the symbols in their own words. */
export function scatter(
  rows: { name: string; x: number; y: number; zuid: boolean }[],
  opts: ChartDoc & { label: string; xLabel: string; yLabel: string; width?: number; height?: number },
): string {
  return scatterParts(rows, opts).svg;
}
