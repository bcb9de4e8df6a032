// Chart kinds as small functions from rows to an SVG string, rendered with Observable Plot.
// At build time they get a linkedom document (no browser needed); in the browser, the page's own.
import * as Plot from '@observablehq/plot';

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

/** Feiten (objectief) next to beleving (subjectief) per year for one Wijkprofiel index. */
export function factsVersusFeeling(
  rows: { year: number; kind: 'feiten' | 'beleving' | 'totaal'; value: number }[],
  opts: ChartDoc & { label: string; width?: number },
): string {
  if (!rows.length) return '';
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 320,
    height: 150,
    marginLeft: 40,
    x: { label: null, tickFormat: (d: number) => String(d), type: 'band' },
    y: { label: 'index', grid: true, domain: [Math.min(50, ...rows.map((r) => r.value)), Math.max(150, ...rows.map((r) => r.value))] },
    color: { domain: ['feiten', 'beleving', 'totaal'], range: ['#2166ac', '#b35806', '#59636e'], legend: false },
    marks: [
      Plot.ruleY([100], { stroke: '#8c8c8c', strokeDasharray: '3,2' }),
      Plot.line(rows.filter((r) => r.kind !== 'totaal'), { x: 'year', y: 'value', z: 'year', stroke: '#d0d7de', strokeWidth: 6 }),
      Plot.dot(rows, { x: 'year', y: 'value', fill: 'kind', r: 5, symbol: 'kind' }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  return svgOf(chart);
}

/** Every area ranked by value, best at the top, with the city as a reference line. */
export function ranking(
  rows: { name: string; value: number; highlight?: boolean }[],
  opts: ChartDoc & { label: string; unit: string; city: number | null; direction: 'higher_better' | 'lower_better' | 'neutral'; width?: number; format: (v: number) => string },
): string {
  if (!rows.length) return '';
  const sorted = [...rows].sort((a, b) => (opts.direction === 'lower_better' ? a.value - b.value : b.value - a.value));
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 640,
    height: 14 * sorted.length + 40,
    marginLeft: 170,
    marginRight: 50,
    x: { label: opts.unit, grid: true },
    y: { label: null, domain: sorted.map((r) => r.name) },
    marks: [
      Plot.barX(sorted, { x: 'value', y: 'name', fill: (d: { highlight?: boolean }) => (d.highlight ? '#005a9c' : '#9db4c9') }),
      Plot.text(sorted, { x: 'value', y: 'name', text: (d: { value: number }) => opts.format(d.value), textAnchor: 'start', dx: 3, fontSize: 10 }),
      ...(opts.city !== null ? [Plot.ruleX([opts.city], { stroke: '#b35806', strokeDasharray: '4,3' })] : []),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  return chart.outerHTML;
}

/** Correlation matrix as coloured cells with the coefficient printed in each (not colour only). */
export function correlationMatrix(
  cells: { a: string; b: string; r: number | null }[],
  labels: Map<string, string>,
  opts: ChartDoc & { label: string; order: string[]; width?: number },
): string {
  const both = cells.flatMap((c) => [c, { a: c.b, b: c.a, r: c.r }]);
  const diag = opts.order.map((id) => ({ a: id, b: id, r: 1 }));
  const name = (id: string) => labels.get(id) ?? id;
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 900,
    height: 24 * opts.order.length + 190,
    marginLeft: 220,
    marginBottom: 170,
    x: { domain: opts.order, tickFormat: name, tickRotate: -50, label: null },
    y: { domain: opts.order, tickFormat: name, label: null },
    color: { type: 'linear', domain: [-1, 1], scheme: 'PuOr', legend: false },
    marks: [
      Plot.cell([...both, ...diag].filter((c) => c.r !== null), { x: 'a', y: 'b', fill: 'r', inset: 0.5 }),
      Plot.text([...both].filter((c) => c.r !== null), {
        x: 'a', y: 'b', text: (d: { r: number }) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(d.r),
        fontSize: 9, fill: (d: { r: number }) => (Math.abs(d.r) > 0.6 ? 'white' : 'black'),
      }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  return chart.outerHTML;
}

/** Two indicators per area with a least-squares line; Zuid highlighted by colour and shape. */
export function scatter(
  rows: { name: string; x: number; y: number; zuid: boolean }[],
  opts: ChartDoc & { label: string; xLabel: string; yLabel: string; width?: number; height?: number },
): string {
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width ?? 640,
    height: opts.height ?? 420,
    grid: true,
    x: { label: opts.xLabel },
    y: { label: opts.yLabel },
    symbol: { domain: [true, false], range: ['diamond2', 'circle'] },
    color: { domain: [true, false], range: ['#b35806', '#2166ac'] },
    marks: [
      Plot.linearRegressionY(rows, { x: 'x', y: 'y', stroke: '#59636e' }),
      Plot.dot(rows, { x: 'x', y: 'y', stroke: 'zuid', symbol: 'zuid', r: 4, strokeWidth: 1.5, title: (d: { name: string }) => d.name }),
    ],
    ariaLabel: opts.label,
  });
  asImage(chart);
  return chart.outerHTML;
}
