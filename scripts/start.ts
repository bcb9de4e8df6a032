// npm start: build what is missing or stale, then serve dist/ on 127.0.0.1.
import path from 'node:path';
import { buildSite, siteIsStale, dataIsStale } from './build';
import { listen } from './serve';
import { resolveSourceDir } from './source-dir';

try {
  if (siteIsStale() || dataIsStale(resolveSourceDir())) await buildSite();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const { url } = await listen(path.resolve('dist'));
console.log(`Wijkbeeld Rotterdam draait op ${url}  (stoppen: Ctrl+C)`);
