// What the data build reads, so that `npm run build` and `npm start` rebuild the data only when one
// of these changed: the source folder, data/ (catalogue, indeling, mappings), and the build's own
// code, i.e. build-data.ts and every local module it imports (in scripts/pipeline/ and src/), found
// by following its relative imports. An edit to the benchmark or a page is no reason to rebuild.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DATA = path.join(ROOT, 'scripts/pipeline/build-data.ts');
export const DATA_DIR = path.join(ROOT, 'data');

// Static `import … from '…'`, `export … from '…'`, side-effect `import '…'` and `import('…')`, relative only.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
  if (!found) throw new Error(`${path.relative(ROOT, from)}: import "${spec}" niet gevonden`);
  return found;
}

/** build-data.ts and the local modules (and JSON) it imports, directly or not; absolute paths, sorted. */
export function pipelineModules(entry = BUILD_DATA): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) visit(resolveImport(file, m[1]!));
  };
  visit(entry);
  return [...seen].sort();
}

/** Newest modification time of any file under dir (0 when it does not exist). */
export function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Newest modification time of the data build's inputs. */
export function newestPipelineInput(sourceDir: string): number {
  return Math.max(newestMtime(sourceDir), newestMtime(DATA_DIR), ...pipelineModules().map((f) => fs.statSync(f).mtimeMs));
}
