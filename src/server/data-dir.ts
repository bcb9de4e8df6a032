// Where the build reads the published data: public/data, or WIJKBEELD_DATA_DIR (only
// `npm run bench -- --scale` sets it, to build pages from synthetic data in a temp folder).
import path from 'node:path';

export function dataDir(env: Record<string, string | undefined> = process.env): string {
  return env.WIJKBEELD_DATA_DIR ? path.resolve(env.WIJKBEELD_DATA_DIR) : path.resolve('public/data');
}
