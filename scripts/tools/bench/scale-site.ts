// Child process of `npm run bench -- --scale`, started with its working directory at the scale's
// temp folder, so the pages read <dir>/public/data (src/server reads 'public/data' from the cwd):
// astro build into <outDir> with <dir>/public as public folder (never dist/ or public/ of the
// repository), WIJKBEELD_PAGE_SAMPLE set by the parent. The outDir must lie inside the project
// (.cache/): Astro prerenders by importing its server bundle from there, which needs node_modules.
// Prints Astro's log (per-page times) and then one JSON line with time and peak memory.
// Usage: node --import tsx scripts/tools/bench/scale-site.ts <root> <outDir>
import path from 'node:path';
import { build } from 'astro';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) throw new Error('Gebruik: scale-site.ts <projectmap> <uitvoermap>');
const t0 = performance.now();
await build({ root, outDir: path.resolve(outDir), publicDir: path.resolve('public'), logLevel: 'info' });
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
