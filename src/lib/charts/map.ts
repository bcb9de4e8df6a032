// Maps from the build's TopoJSON with Plot's geo mark: a locator (the city with areas marked) and
// a choropleth (areas coloured by one ordinal scale of labelled bands, src/lib/render/map-scale.ts).
// Both frame the urban core with a Mercator projection fitted to it.
import * as Plot from '@observablehq/plot';
import { geoMercator } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { MapScale } from '../render/map-scale';
import { font, palette } from './defaults';
import { legendOf, render, type ChartDoc, type ChartSpec } from './render';

export type Boundaries = Topology<{ gebied: GeometryCollection; wijk: GeometryCollection }>;
type Shape = Feature<Geometry>;

export function featuresOf(topo: Boundaries, level: 'gebied' | 'wijk'): Shape[] {
  return (feature(topo, topo.objects[level]) as FeatureCollection).features;
}

/**
 * The harbour, Rozenburg and Hoek van Holland reach 40 km west and would shrink the city to a dot:
 * maps frame the urban core and clip these; tables and the locator of such an area still list them.
 */
export function isOutlying(code: string): boolean {
  return /^(WK|BU)0599(2[1-7]|17)/.test(code);
}

export const mapDefaults = {
  locator: {
    width: 320,
    height: 220,
    land: { fill: palette.land, stroke: palette.white, strokeWidth: 0.7 },
    marked: { fill: palette.accent, stroke: palette.navy, strokeWidth: 1 },
    hover: palette.landHover,
    labels: { fontSize: 11, fill: palette.ink, stroke: palette.white, strokeWidth: 3 },
  },
  choropleth: {
    width: 640,
    height: 420,
    stroke: palette.white,
    strokeWidth: 0.6,
    legend: { legend: 'swatches', swatchSize: 14, style: { fontSize: `${font.legend - 1}px` } },
    /** Outlined on hover and keyboard focus. */
    hoverStroke: palette.ink,
    hatch: { ground: palette.hatchGround, line: palette.hatchLine },
    /** Insets (Hoek van Holland, Rozenburg): share of the width for their strip, gap, frame, name. */
    inset: { share: 0.2, gap: 6, labelHeight: 20, frame: palette.line, fontSize: font.tick + 1 },
    /** Projected slides: one legend entry per row, large swatches and text. */
    projectorLegend: { legend: 'swatches', swatchSize: 32, columns: 1, style: { fontSize: `${font.projector.legend}px` } },
  },
};

/** A Mercator projection fitting `frame` into width × height (the CBS 2024 files wind outer rings
 * clockwise, which is what d3-geo expects, so no rewind is needed). */
function fitted(frame: Shape[], width: number, height: number) {
  return geoMercator().fitSize([width, height], { type: 'FeatureCollection', features: frame } as FeatureCollection);
}

/**
 * Plot links with xlink:href; a plain href (SVG 2) is what scripts and tests read, and each link is
 * named by its area's title, so a screen reader hears "Hillesluis: 12,3 per 1.000 inwoners".
 */
function plainLinks(chart: Element): void {
  for (const a of chart.querySelectorAll('a')) {
    const href = a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? a.getAttribute('xlink:href');
    a.removeAttributeNS('http://www.w3.org/1999/xlink', 'href');
    a.removeAttribute('xlink:href');
    if (href) a.setAttribute('href', href);
    const title = a.querySelector('title')?.textContent;
    if (title) a.setAttribute('aria-label', title);
  }
}

/** Extra markup right after the <svg> tag: a style or a pattern the marks refer to. */
const prepend = (svg: string, extra: string) => svg.replace(/^(<svg[^>]*>)/, `$1${extra}`);

/** A map without links is one image; a map whose areas are links is a labelled group. */
const roleOf = (opts: { hrefFor?: unknown }) => (opts.hrefFor ? 'group' : 'img');

export interface LocatorOptions {
  label: string;
  width?: number;
  height?: number;
  level?: 'gebied' | 'wijk';
  hrefFor?: (code: string) => string;
  names?: Map<string, string>;
  /** Area names at their centroids (decorative: the links carry the names). */
  labels?: boolean;
}

/** The city's gebieden (or wijken) in grey with the chosen areas (of either level) marked. */
export function locatorSpec(topo: Boundaries, highlight: string[], opts: LocatorOptions): ChartSpec {
  const d = mapDefaults.locator;
  const width = opts.width ?? d.width;
  const height = opts.height ?? d.height;
  const base = featuresOf(topo, opts.level ?? 'gebied');
  const hl = new Set(highlight);
  const marked = [...featuresOf(topo, 'gebied'), ...featuresOf(topo, 'wijk')].filter((f) => hl.has(String(f.id)));
  const frame = base.filter((f) => !isOutlying(String(f.id)) || hl.has(String(f.id)));
  const name = (f: Shape) => opts.names?.get(String(f.id));
  // Areas are links only where they have a name to be announced by.
  const linked = opts.hrefFor ? { href: (f: Shape) => (name(f) ? opts.hrefFor!(String(f.id)) : null) } : {};
  const titled = opts.names ? { title: name } : {};
  return {
    width,
    height,
    margin: 0,
    projection: fitted(frame, width, height),
    style: { overflow: 'hidden' },
    marks: [
      Plot.geo(base, { ...d.land, ...titled, ...linked, className: 'base' }),
      Plot.geo(marked, { ...d.marked, ...titled, ...linked, className: 'hl' }),
      ...(opts.labels
        ? [Plot.text(frame.filter(name), Plot.centroid({ text: name, ...d.labels, paintOrder: 'stroke', pointerEvents: 'none', ariaHidden: 'true' }))]
        : []),
    ],
    ariaLabel: opts.label,
  };
}

export function locatorMap(topo: Boundaries, highlight: string[], opts: LocatorOptions & ChartDoc): string {
  const chart = render(locatorSpec(topo, highlight, opts), { document: opts.document, role: roleOf(opts) });
  chart.classList.add('map');
  plainLinks(chart);
  const hover = opts.hrefFor ? `<style>.map .base a:hover path,.map .base a:focus path{fill:${mapDefaults.locator.hover}}</style>` : '';
  return prepend(chart.outerHTML, hover);
}

export interface ChoroplethValue { code: string; name: string; value: number | null; label: string }

export interface ChoroplethOptions {
  label: string;
  /** The colour scale (src/lib/render/map-scale.ts); marks and legend both come from it. */
  colour: MapScale;
  width?: number;
  height?: number;
  hrefFor?: (code: string) => string;
  size?: 'screen' | 'projector';
  /**
   * Gebieden outside the urban frame drawn as insets in a strip on the left, each with its own
   * projection and name (Hoek van Holland and Rozenburg: ≈23.000 inhabitants together).
   */
  insets?: { code: string; name: string }[];
}

/** The two outlying gebieden where people live; the harbour gebieden have (almost) no inhabitants. */
export const INHABITED_OUTLYING = [
  { code: 'WK059917', name: 'Hoek van Holland' },
  { code: 'WK059927', name: 'Rozenburg' },
];

/** Does a feature (gebied or wijk) lie in gebied `gebied` (WK0599gg → BU0599gg…)? */
const inGebied = (id: string, gebied: string) => id === gebied || id.startsWith(`BU${gebied.slice(2)}`);

/** The pattern map-scale's ABSENT fill (url(#geen)) refers to. */
function hatch(): string {
  const h = mapDefaults.choropleth.hatch;
  return `<defs><pattern id="geen" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${h.ground}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${h.line}" stroke-width="2"/></pattern></defs>`;
}

/** The geo mark of a choropleth: fill from the scale's classes, a title and a link per area. */
function areasMark(feats: Shape[], values: Map<string, ChoroplethValue>, opts: ChoroplethOptions) {
  const d = mapDefaults.choropleth;
  const titleOf = (f: Shape) => {
    const v = values.get(String(f.id));
    return v ? `${v.name}: ${v.label}` : String(f.id);
  };
  return Plot.geo(feats, {
    fill: (f: Shape) => opts.colour.bandOf(values.get(String(f.id))?.value ?? null).label,
    stroke: d.stroke,
    strokeWidth: d.strokeWidth,
    title: titleOf,
    ...(opts.hrefFor ? { href: (f: Shape) => (values.has(String(f.id)) ? opts.hrefFor!(String(f.id)) : null) } : {}),
  });
}

/**
 * Areas coloured by the scale's labelled classes (blue = better than the city, orange = worse, or
 * a single hue for context indicators); absent values hatched; every area has a title, so colour
 * is never the only carrier. With insets the main frame leaves a strip on the left for them.
 */
export function choroplethSpec(topo: Boundaries, level: 'gebied' | 'wijk', values: ChoroplethValue[], opts: ChoroplethOptions): ChartSpec {
  const d = mapDefaults.choropleth;
  const width = opts.width ?? d.width;
  const height = opts.height ?? d.height;
  const insets = opts.insets ?? [];
  const isInset = (f: Shape) => insets.some((i) => inGebied(String(f.id), i.code));
  const feats = featuresOf(topo, level).filter((f) => !isInset(f));
  const byCode = new Map(values.map((v) => [v.code, v]));
  const frame = feats.filter((f) => !isOutlying(String(f.id)));
  const strip = insets.length ? Math.round(width * d.inset.share) : 0;
  const projection = strip
    ? geoMercator().fitExtent([[strip + d.inset.gap, 0], [width, height]], { type: 'FeatureCollection', features: frame } as FeatureCollection)
    : fitted(frame, width, height);
  return {
    width,
    height,
    margin: 0,
    projection,
    style: { overflow: 'hidden' },
    color: opts.colour.plot,
    marks: [areasMark(feats, byCode, opts)],
    ariaLabel: opts.label,
  };
}

/** One inset: the gebied's areas in their own projection, framed and named. */
function insetChart(topo: Boundaries, level: 'gebied' | 'wijk', byCode: Map<string, ChoroplethValue>, inset: { code: string; name: string }, box: { width: number; height: number }, opts: ChoroplethOptions & ChartDoc): SVGSVGElement {
  const d = mapDefaults.choropleth.inset;
  const feats = featuresOf(topo, level).filter((f) => inGebied(String(f.id), inset.code));
  const pad = 4;
  const projection = geoMercator().fitExtent([[pad, d.labelHeight], [box.width - pad, box.height - pad]], { type: 'FeatureCollection', features: feats } as FeatureCollection);
  const chart = render(
    {
      width: box.width,
      height: box.height,
      margin: 0,
      projection,
      color: opts.colour.plot,
      marks: [
        Plot.frame({ stroke: d.frame, fill: palette.white }),
        areasMark(feats, byCode, opts),
        Plot.text([inset.name], { frameAnchor: 'top-left', dx: pad, dy: 3, fontSize: d.fontSize, fill: palette.ink, ariaHidden: 'true' }),
      ],
      ariaLabel: `Inzet: ${inset.name}`,
    },
    { document: opts.document, role: roleOf(opts) },
  );
  return chart;
}

/** Extremes under the legend: lowest and highest value drawn, with the areas that have them. */
function extremesLine(values: ChoroplethValue[], colour: MapScale, format: (v: number) => string): string {
  const ex = colour.extremes;
  if (!ex) return '';
  const drawn = values.filter((v) => v.value !== null && Number.isFinite(v.value));
  const at = (x: number) => {
    const names = drawn.filter((v) => format(v.value!) === format(x)).map((v) => v.name);
    return names.length > 2 ? `${names.slice(0, 2).join(', ')} en ${names.length - 2} andere` : names.join(', ');
  };
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<p class="small legend-extremes">Laagste: <strong>${esc(format(ex.lo))}</strong> (${esc(at(ex.lo))}); hoogste: <strong>${esc(format(ex.hi))}</strong> (${esc(at(ex.hi))}).</p>`;
}

/**
 * The map and its legend (HTML, drawn by Plot from the same colour scale, with the extremes).
 * `format` writes a value as the legend does (the indicator's format); without it no extremes line.
 */
export function choroplethParts(
  topo: Boundaries, level: 'gebied' | 'wijk', values: ChoroplethValue[], opts: ChoroplethOptions & ChartDoc & { format?: (v: number) => string },
): { map: string; legend: string } {
  const d = mapDefaults.choropleth;
  const chart = render(choroplethSpec(topo, level, values, opts), { document: opts.document, role: roleOf(opts) });
  chart.classList.add('map', 'choropleth');
  const insets = opts.insets ?? [];
  if (insets.length) {
    const width = opts.width ?? d.width;
    const height = opts.height ?? d.height;
    const strip = Math.round(width * d.inset.share);
    const h = Math.floor((height - d.inset.gap * (insets.length - 1)) / insets.length);
    const byCode = new Map(values.map((v) => [v.code, v]));
    insets.forEach((inset, i) => {
      const svg = insetChart(topo, level, byCode, inset, { width: strip, height: h }, opts);
      svg.setAttribute('x', '0');
      svg.setAttribute('y', String(i * (h + d.inset.gap)));
      svg.classList.add('inset');
      chart.appendChild(svg);
    });
  }
  plainLinks(chart);
  const legend = legendOf(chart, 'color', opts.size === 'projector' ? d.projectorLegend : d.legend) + (opts.format ? extremesLine(values, opts.colour, opts.format) : '');
  const hover = `<style>.choropleth a:hover path,.choropleth a:focus path{stroke:${d.hoverStroke};stroke-width:1.5}</style>`;
  return { map: prepend(chart.outerHTML, `${hatch()}${hover}`), legend };
}

/** The map alone, for pages that explain the colours in their own words. */
export function choropleth(topo: Boundaries, level: 'gebied' | 'wijk', values: ChoroplethValue[], opts: ChoroplethOptions & ChartDoc): string {
  return choroplethParts(topo, level, values, opts).map;
}
