// Locator and overview maps from the build's TopoJSON, drawn as plain SVG paths with d3-geo.
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export type Boundaries = Topology<{ gebied: GeometryCollection; wijk: GeometryCollection }>;

export function featuresOf(topo: Boundaries, level: 'gebied' | 'wijk'): Feature<Geometry>[] {
  return (feature(topo, topo.objects[level]) as FeatureCollection).features;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The city's gebieden in grey with the chosen areas highlighted. The CBS 2024 files wind outer
 * rings clockwise, which is what d3-geo expects, so no rewind is needed.
 */
export function locatorMap(topo: Boundaries, highlight: string[], opts: { label: string; width?: number; height?: number; level?: 'gebied' | 'wijk'; hrefFor?: (code: string) => string; names?: Map<string, string> }): string {
  const width = opts.width ?? 320;
  const height = opts.height ?? 220;
  const level = opts.level ?? 'gebied';
  const base = featuresOf(topo, level);
  const hl = new Set(highlight);
  const marked = [...featuresOf(topo, 'gebied'), ...featuresOf(topo, 'wijk')].filter((f) => hl.has(String(f.id)));
  // Frame the urban core: the harbour reaches 40 km west and would shrink the city to a dot.
  const frame = base.filter((f) => !/^WK05992[1-7]|^BU05992[1-7]/.test(String(f.id)) || hl.has(String(f.id)));
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
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(opts.label)}" class="map">` +
    `<style>.map .base{fill:#e8ecef;stroke:#fff;stroke-width:.7}.map .hl{fill:#005a9c;stroke:#0b2e4f;stroke-width:1}.map a:hover .base,.map a:focus .base{fill:#9ec3e6}</style>` +
    base.map((f) => shape(f, 'base')).join('') +
    marked.map((f) => shape(f, 'hl')).join('') +
    `</svg>`
  );
}
