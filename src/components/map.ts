// Locator and overview maps from the build's TopoJSON, drawn as plain SVG paths with d3-geo.
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

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

/**
 * Areas coloured by value: a diverging scale around the city value where "better" is always
 * blue and "worse" orange (colour-blind safe), or a single-hue scale for context indicators.
 * Absent values are hatched grey, so colour is never the only carrier: each area has a title.
 */
export function choropleth(
  topo: Boundaries,
  level: 'gebied' | 'wijk',
  values: ChoroplethValue[],
  opts: { label: string; direction: 'higher_better' | 'lower_better' | 'neutral'; city: number | null; width?: number; height?: number; hrefFor?: (code: string) => string },
): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 420;
  const feats = featuresOf(topo, level);
  const byCode = new Map(values.map((v) => [v.code, v]));
  const frame = feats.filter((f) => !isOutlying(String(f.id)));
  const projection = geoMercator().fitSize([width, height], { type: 'FeatureCollection', features: frame } as FeatureCollection);
  const path = geoPath(projection);
  const nums = values.map((v) => v.value).filter((v): v is number => v !== null);
  const color = colourScale(nums, opts.direction, opts.city);
  const shapes = feats.map((f) => {
    const code = String(f.id);
    const v = byCode.get(code);
    const d = path(f);
    if (!d) return '';
    const fill = v && v.value !== null ? color(v.value) : 'url(#geen)';
    const title = v ? `${v.name}: ${v.label}` : code;
    const p = `<path d="${d}" fill="${fill}" stroke="#fff" stroke-width=".6"><title>${esc(title)}</title></path>`;
    return opts.hrefFor && v ? `<a href="${esc(opts.hrefFor(code))}" aria-label="${esc(title)}">${p}</a>` : p;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="${role(opts)}" aria-label="${esc(opts.label)}" class="map choropleth" style="overflow:hidden">` +
    `<defs><pattern id="geen" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/></pattern></defs>` +
    `<style>.choropleth a:hover path,.choropleth a:focus path{stroke:#000;stroke-width:1.5}</style>` +
    shapes.join('') +
    `</svg>`
  );
}

const BETTER = ['#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'];
const WORSE = ['#f7f7f7', '#fee0b6', '#fdb863', '#e08214', '#b35806'];
const NEUTRAL = ['#eef1f4', '#c6d3df', '#9db4c9', '#6f90ad', '#3f6a8f'];

/** Colour for a value: 5 steps either side of the city value, by direction. */
export function colourScale(values: number[], direction: 'higher_better' | 'lower_better' | 'neutral', city: number | null): (v: number) => string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (direction === 'neutral' || city === null) {
    return (v) => NEUTRAL[Math.min(4, Math.floor(((v - min) / (max - min || 1)) * 5))];
  }
  const above = direction === 'higher_better' ? BETTER : WORSE;
  const below = direction === 'higher_better' ? WORSE : BETTER;
  return (v) => {
    if (v >= city) return above[Math.min(4, Math.ceil(((v - city) / (max - city || 1)) * 4))];
    return below[Math.min(4, Math.ceil(((city - v) / (city - min || 1)) * 4))];
  };
}
