// What /methode/ needs from the data build: the published files and the build's findings
// (manifest.json `files` and `derived`), read once.
import fs from 'node:fs';
import path from 'node:path';
import type { DerivedSummary } from '../lib/method';
import { dataDir as defaultDataDir } from './data-dir';

export interface MethodManifest {
  files: string[];
  years: number[];
  derived: DerivedSummary;
}

export function methodManifest(dataDir = defaultDataDir()): MethodManifest {
  const file = path.join(dataDir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<MethodManifest>;
  if (!Array.isArray(m.files) || !m.derived) throw new Error(`${file}: geen "files" of "derived"; draai npm run data opnieuw`);
  return m as MethodManifest;
}
