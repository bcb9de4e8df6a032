// Child process of `npm run bench -- --scale`, with WIJKBEELD_DATA_DIR=<dir>/public/data (the
// pages read that instead of public/data, src/server/data-dir.ts) and WIJKBEELD_PAGE_SAMPLE set by
// the parent: astro build into <outDir> with <dir>/public as public folder (never dist/ or public/
// of the repository). Runs in the project folder: Astro prerenders by importing its server bundle
// from the working directory's .astro/, which needs node_modules.
// Prints Astro's log (per-page times) and then one JSON line with time and peak memory.
// Usage: node --import tsx scripts/tools/bench/scale-site.ts <root> <outDir>
import path from 'node:path';
import { build } from 'astro';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) throw new Error('Gebruik: scale-site.ts <projectmap> <uitvoermap>');
const t0 = performance.now();
await build({ root, outDir: path.resolve(outDir), publicDir: path.resolve(process.env.WIJKBEELD_DATA_DIR!, '..'), logLevel: 'info' });
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
