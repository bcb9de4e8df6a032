// Locator and overview maps from the build's TopoJSON, drawn as plain SVG paths with d3-geo.
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import * as Plot from '@observablehq/plot';
import type { MapScale } from '../lib/render/map-scale';

export type Boundaries = Topology<{ gebied: GeometryCollection; wijk: GeometryCollection }>;

export function featuresOf(topo: Boundaries, level: 'gebied' | 'wijk'): Feature<Geometry>[] {
  return (feature(topo, topo.objects[level]) as FeatureCollection).features;
}

/**
 * The harbour, Rozenburg and Hoek van Holland reach 40 km west and would shrink the city to a dot:
 * maps frame the urban core and clip these; tables and the locator of such an area still list them.
 */
export function isOutlying(code: string): boolean {
  return /^(WK|BU)0599(2[1-7]|17)/.test(code);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A map without links is one image (role="img"). A map whose areas are links is a labelled group:
 * inside role="img" everything is presentational, so the links would be keyboard stops that screen
 * readers cannot see (axe: nested-interactive).
 */
const role = (opts: { hrefFor?: unknown }) => (opts.hrefFor ? 'group' : 'img');

/**
 * The city's gebieden in grey with the chosen areas highlighted. The CBS 2024 files wind outer
 * rings clockwise, which is what d3-geo expects, so no rewind is needed.
 */
export function locatorMap(topo: Boundaries, highlight: string[], opts: { label: string; width?: number; height?: number; level?: 'gebied' | 'wijk'; hrefFor?: (code: string) => string; names?: Map<string, string>; labels?: boolean }): string {
  const width = opts.width ?? 320;
  const height = opts.height ?? 220;
  const level = opts.level ?? 'gebied';
  const base = featuresOf(topo, level);
  const hl = new Set(highlight);
  const marked = [...featuresOf(topo, 'gebied'), ...featuresOf(topo, 'wijk')].filter((f) => hl.has(String(f.id)));
  const frame = base.filter((f) => !isOutlying(String(f.id)) || hl.has(String(f.id)));
  const projection = geoMercator().fitSize([width, height], { type: 'FeatureCollection', features: frame } as FeatureCollection);
  const path = geoPath(projection);
  const shape = (f: Feature<Geometry>, cls: string) => {
    const d = path(f);
    if (!d) return '';
    const code = String(f.id);
    const title = opts.names?.get(code);
    const p = `<path class="${cls}" d="${d}">${title ? `<title>${esc(title)}</title>` : ''}</path>`;
    return opts.hrefFor && title ? `<a href="${esc(opts.hrefFor(code))}" aria-label="${esc(title)}">${p}</a>` : p;
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="${role(opts)}" aria-label="${esc(opts.label)}" class="map" style="overflow:hidden">` +
    `<style>.map .base{fill:#e8ecef;stroke:#fff;stroke-width:.7}.map .hl{fill:#005a9c;stroke:#0b2e4f;stroke-width:1}.map a:hover .base,.map a:focus .base{fill:#9ec3e6}</style>` +
    base.map((f) => shape(f, 'base')).join('') +
    marked.map((f) => shape(f, 'hl')).join('') +
    (opts.labels ? labelsOf(frame, path, opts.names) : '') +
    `</svg>`
  );
}

/** Area names at their centroids, with a white halo; decorative (the links carry the names). */
function labelsOf(features: Feature<Geometry>[], path: ReturnType<typeof geoPath>, names?: Map<string, string>): string {
  return (
    `<g aria-hidden="true" font-size="11" text-anchor="middle" fill="#1b1f24" stroke="#fff" stroke-width="3" paint-order="stroke" pointer-events="none">` +
    features
      .map((f) => {
        const name = names?.get(String(f.id));
        const [x, y] = path.centroid(f);
        return name && Number.isFinite(x) ? `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}">${esc(name)}</text>` : '';
      })
      .join('') +
    `</g>`
  );
}

export interface ChoroplethValue { code: string; name: string; value: number | null; label: string }

export interface ChoroplethOptions {
  label: string;
  /** The colour scale (src/lib/render/map-scale.ts); marks and legend both come from it. */
  colour: MapScale;
  width?: number;
  height?: number;
  hrefFor?: (code: string) => string;
  /** Plot needs a document at build time (linkedom); the browser's own is used when absent. */
  document?: Document;
}

const HATCH =
  '<defs><pattern id="geen" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/></pattern></defs>';

/**
 * Areas coloured by one ordinal Plot scale of labelled bands (blue = better than the city, orange
 * = worse, or a single hue for context indicators); absent values are hatched, and every area
 * has a title, so colour is never the only carrier. Returns the map and its legend, both drawn by
 * Plot from the same scale.
 */
export function choroplethParts(topo: Boundaries, level: 'gebied' | 'wijk', values: ChoroplethValue[], opts: ChoroplethOptions): { map: string; legend: string } {
  const width = opts.width ?? 640;
  const height = opts.height ?? 420;
  const feats = featuresOf(topo, level);
  const byCode = new Map(values.map((v) => [v.code, v]));
  const frame = feats.filter((f) => !isOutlying(String(f.id)));
  const projection = geoMercator().fitSize([width, height], { type: 'FeatureCollection', features: frame } as FeatureCollection);
  const titleOf = (f: Feature<Geometry>) => {
    const v = byCode.get(String(f.id));
    return v ? `${v.name}: ${v.label}` : String(f.id);
  };
  const chart = Plot.plot({
    document: opts.document,
    width,
    height,
    margin: 0,
    projection,
    style: { overflow: 'hidden' },
    color: opts.colour.plot,
    marks: [
      Plot.geo(feats, {
        fill: (f: Feature<Geometry>) => opts.colour.bandOf(byCode.get(String(f.id))?.value ?? null).label,
        stroke: '#fff',
        strokeWidth: 0.6,
        title: titleOf,
        ...(opts.hrefFor ? { href: (f: Feature<Geometry>) => (byCode.has(String(f.id)) ? opts.hrefFor!(String(f.id)) : null) } : {}),
      }),
    ],
  });
  chart.setAttribute('role', role(opts));
  chart.setAttribute('aria-label', opts.label);
  chart.classList.add('map', 'choropleth');
  for (const el of chart.querySelectorAll('[aria-label]:not(a)')) if (el !== chart) el.removeAttribute('aria-label');
  // Plot links with xlink:href; a plain href (SVG 2) is what scripts and tests read, and the link
  // is named by the area's title, so a screen reader hears "Hillesluis: 12,3 per 1.000 inwoners".
  for (const a of chart.querySelectorAll('a')) {
    const href = a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? a.getAttribute('xlink:href');
    a.removeAttributeNS('http://www.w3.org/1999/xlink', 'href');
    a.removeAttribute('xlink:href');
    if (href) a.setAttribute('href', href);
    const title = a.querySelector('title')?.textContent;
    if (title) a.setAttribute('aria-label', title);
  }
  const legend = (chart as unknown as { legend(name: 'color', o: object): Element | undefined }).legend('color', { legend: 'swatches', swatchSize: 14, style: { fontSize: '13px' } });
  const svg = chart.outerHTML.replace(/^(<svg[^>]*>)/, `$1${HATCH}<style>.choropleth a:hover path,.choropleth a:focus path{stroke:#000;stroke-width:1.5}</style>`);
  return { map: svg, legend: legend?.outerHTML ?? '' };
}

/** The map alone, for pages that explain the colours in their own words. */
export function choropleth(topo: Boundaries, level: 'gebied' | 'wijk', values: ChoroplethValue[], opts: ChoroplethOptions): string {
  return choroplethParts(topo, level, values, opts).map;
}
