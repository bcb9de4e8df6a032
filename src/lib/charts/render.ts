// From a chart spec (Plot's options) to SVG: the one place where a document is handed to Plot.
// At build time that is a linkedom document (src/server/site-data.ts chartDocument()); in the
// browser it is left out and Plot uses window.document.
import * as Plot from '@observablehq/plot';

/** A chart as data: Plot's options without the document. */
export type ChartSpec = Omit<Plot.PlotOptions, 'document'>;

export interface ChartDoc {
  /** Plot's document at build time (linkedom); the browser's own when absent. */
  document?: Document;
}

/**
 * Plot's <svg> for a spec, as one labelled graphic: role on the <svg> ("img" for a picture; a map
 * whose areas are links is a "group", since inside role="img" the links would be keyboard stops
 * screen readers cannot see, axe: nested-interactive). Plot also puts aria-labels such as "dot" or
 * "line" on its <g> groups; ARIA forbids aria-label on an element without a role (axe:
 * aria-prohibited-attr), so they are removed; labels of links stay.
 */
export function render(spec: ChartSpec, opts: ChartDoc & { role?: 'img' | 'group' } = {}): SVGSVGElement {
  const chart = Plot.plot({ ...spec, document: opts.document }) as unknown as SVGSVGElement;
  chart.setAttribute('role', opts.role ?? 'img');
  for (const el of chart.querySelectorAll('[aria-label]:not(a), [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  return chart;
}

/** SVG markup of a spec. */
export function renderSvg(spec: ChartSpec, opts: ChartDoc = {}): string {
  return render(spec, opts).outerHTML;
}

/** A Plot legend as HTML: Plot draws it from the chart's own scale, so marks and legend agree. */
export function legendOf(chart: Element, name: 'color' | 'symbol', options: object): string {
  const el = (chart as unknown as { legend(n: string, o: object): Element | undefined }).legend(name, options);
  return el?.outerHTML ?? '';
}

// Geometry attributes only: text keeps its numbers ("1.234" is Dutch for 1234).
const GEOMETRY = /(\s(?:d|transform|x|y|x1|x2|y1|y2|cx|cy|points|width|height)=")([^"]*)"/g;

/** Markup with coordinates rounded to one decimal: a tenth of a pixel is invisible, and charts
 * repeated on a page (small multiples) get a third smaller. */
export function roundGeometry(markup: string): string {
  return markup.replace(GEOMETRY, (all: string, head: string, value: string) =>
    value.includes('em') ? all : `${head}${value.replace(/-?\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`);
}

/**
 * Markup without Plot's own <style> block: for charts repeated many times on one page (small
 * multiples, sparklines), whose page carries the same rules once (class "chart-lite": display
 * block, height auto, max-width 100%, text white-space pre).
 */
export function withoutPlotStyle(markup: string): string {
  return markup.replace(/<style>:where\(\.plot-[0-9a-f]+\)[\s\S]*?<\/style>/, '').replace(/ class="plot-[0-9a-f]+"/, ' class="chart-lite"');
}
