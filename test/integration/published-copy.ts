// A previous output for tests that build into a temp folder: the files of this run's shared
// public/data, published into `outDir` with the build's own publication (a version in the store
// beside it, outDir a link to it), as a complete earlier build would have left them.
import fs from 'node:fs';
import path from 'node:path';
import { defaultStoreDir, Publication } from '../../scripts/pipeline/publish';

export function publishedCopy(fromDir: string, outDir: string): void {
  const pub = Publication.begin({ outDir, storeDir: defaultStoreDir(outDir) });
  try {
    for (const f of fs.readdirSync(fromDir)) fs.copyFileSync(path.join(fromDir, f), path.join(pub.dir, f));
    pub.commit();
  } catch (e) {
    pub.abort();
    throw e;
  }
}
