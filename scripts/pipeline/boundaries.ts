// Rotterdam's gebied (CBS wijk) and wijk (CBS buurt) outlines for the browser: one TopoJSON
// with shared borders, simplified and quantised by topojson (a maintained library, no hand-made
// geometry code). Source: CBS wijk- en buurtkaart 2024, already WGS84.
import fs from 'node:fs';
import path from 'node:path';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { Objects, Topology } from 'topojson-specification';
import { SourceError } from './sources/types';
import { WBK2024_DIR } from './sources/wijkbuurtkaart';

type Feature = { type: 'Feature'; id?: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } };

/** In the folder of the wijk- en buurtkaart 2024 (the wbk-2024 loader reads its attributes). */
export const BOUNDARY_FOLDER = WBK2024_DIR;
/** The year of the outlines, written into the manifest: captions and downloads name it from there. */
export const BOUNDARY_YEAR = 2024;
export const BOUNDARY_FILES = {
  gebied: `${BOUNDARY_FOLDER}/wijk_2024.geojson`,
  wijk: `${BOUNDARY_FOLDER}/buurt_2024.geojson`,
} as const;

function readFeatures(sourceDir: string, rel: string, codeProp: string, prefix: string): Feature[] {
  const file = path.join(sourceDir, rel);
  let json: { features?: Feature[] };
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SourceError(rel, `geen geldige GeoJSON (${(e as Error).message})`);
  }
  if (!Array.isArray(json.features)) throw new SourceError(rel, 'geen "features" in dit bestand');
  return json.features
    .map((f, i) => {
      const code = f.properties?.[codeProp];
      if (typeof code !== 'string') throw new SourceError(rel, `feature zonder ${codeProp}`, i + 1, codeProp);
      return { type: 'Feature' as const, id: code, properties: {}, geometry: f.geometry };
    })
    .filter((f) => (f.id as string).startsWith(prefix));
}

/** TopoJSON with objects `gebied` and `wijk`, feature ids = CBS codes. */
export function buildBoundaries(sourceDir: string): { topo: Topology<Objects<{}>>; counts: Record<string, number> } {
  const gebied = readFeatures(sourceDir, BOUNDARY_FILES.gebied, 'wijkcode', 'WK0599');
  const wijk = readFeatures(sourceDir, BOUNDARY_FILES.wijk, 'buurtcode', 'BU0599');
  let topo = topology(
    { gebied: { type: 'FeatureCollection', features: gebied }, wijk: { type: 'FeatureCollection', features: wijk } } as never,
    1e5,
  ) as unknown as Topology<Objects<{}>>;
  // Keep the 40% most significant points: borders stay recognisable at the sizes we draw.
  topo = presimplify(topo);
  topo = simplify(topo, quantile(topo, 0.6));
  return { topo, counts: { gebied: gebied.length, wijk: wijk.length } };
}
