// Child process of `npm run bench -- --scale`: the real data build (every loader, derive, scores,
// Parquet) on Rotterdam plus synthetic copies (test/fixtures/synthetic-areas.ts), into
// <dir>/public/data, and the boundaries repeated for the copies. Prints one JSON line with its
// time and peak memory (the process's own maxRSS, so a separate process per scale).
// Usage: node --import tsx scripts/tools/bench/scale-data.ts <factor> <dir>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { Objects, Topology } from 'topojson-specification';
import { catalogue } from '../../../src/lib/catalogue';
import { buildData } from '../../pipeline/build-data';
import { usedVariables } from '../../pipeline/derive';
import type { SourceValue } from '../../pipeline/sources/types';
import { resolveSourceDir } from '../../pipeline/source-dir';
import { LOADERS } from '../../pipeline/sources/index';
import { copyCode, scaleLoadResult } from '../../../test/fixtures/synthetic-areas';

type Geo = { type: 'Feature'; id?: string | number; properties: unknown; geometry: { type: string; coordinates: unknown } | null };

function shift(coords: unknown, dx: number, dy: number): unknown {
  if (Array.isArray(coords) && typeof coords[0] === 'number') return [coords[0] + dx, (coords[1] as number) + dy];
  return (coords as unknown[]).map((c) => shift(c, dx, dy));
}

/** Rotterdam's outlines repeated on a grid, one tile per copy, with the copies' codes. */
export function scaleBoundaries(topo: Topology<Objects<{}>>, factor: number): Topology<Objects<{}>> {
  const cols = Math.ceil(Math.sqrt(factor));
  const collections: Record<string, { type: 'FeatureCollection'; features: Geo[] }> = {};
  for (const level of Object.keys(topo.objects)) {
    const fc = feature(topo, topo.objects[level] as never) as unknown as { features: Geo[] };
    const out: Geo[] = [...fc.features];
    for (let copy = 1; copy < factor; copy++) {
      const [dx, dy] = [(copy % cols) * 0.45, -Math.floor(copy / cols) * 0.2];
      for (const f of fc.features) {
        const id = copyCode(String(f.id), copy);
        if (id && f.geometry) out.push({ ...f, id, geometry: { ...f.geometry, coordinates: shift(f.geometry.coordinates, dx, dy) } });
      }
    }
    collections[level] = { type: 'FeatureCollection', features: out };
  }
  let t = topology(collections as never, 1e5) as unknown as Topology<Objects<{}>>;
  t = presimplify(t);
  return simplify(t, quantile(t, 0.6));
}

async function main(): Promise<void> {
  const [factorArg, dir] = process.argv.slice(2);
  const factor = Number(factorArg);
  if (!(factor >= 1) || !dir) throw new Error('Gebruik: scale-data.ts <factor> <map>');
  const out = path.join(dir, 'public', 'data');
  const t0 = performance.now();
  const load0 = os.loadavg()[0];
  // The build's own "Tijd per stap" line, for where the time goes at this scale.
  let steps = '';
  const log = (line: string) => {
    if (line.includes('Tijd per stap')) steps = line.trim().replace(/^Tijd per stap: /, '');
  };
  // Copies of the variables the build reads only (it drops the rest of each loader's output right
  // after loading): with all columns, the copies of unread ones (three quarters of the values) took
  // most of the memory at 100× and measured this fixture more than the build. WIJKBEELD_SCALE_ALL=1
  // copies them all, to see that cost (each loader's full output at that scale, held until filtered).
  const used = usedVariables(catalogue);
  const copied = process.env.WIJKBEELD_SCALE_ALL === '1' ? undefined : (v: SourceValue) => used.has(`${v.source}|${v.variable}`);
  const loaders = LOADERS.map((l) => ({ name: l.name, fillsGaps: l.fillsGaps, load: async (src: string) => scaleLoadResult(await l.load(src), factor, copied) }));
  const r = await buildData({ sourceDir: resolveSourceDir(), outDir: out, storeDir: path.join(dir, 'store'), loaders, log });
  const tData = performance.now();
  const file = path.join(out, 'boundaries.json');
  if (factor > 1) fs.writeFileSync(file, JSON.stringify(scaleBoundaries(JSON.parse(fs.readFileSync(file, 'utf8')), factor)));
  const bytes = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.statSync(path.join(out, f)).size]));
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, buildSeconds: (tData - t0) / 1000, maxRssMb: usage.maxRSS / 1024, rows: r.rows, bytes, steps, load: [load0, os.loadavg()[0]] }));
}

main().catch((e) => {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
});
