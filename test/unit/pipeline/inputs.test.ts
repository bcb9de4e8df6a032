// What makes public/data stale (scripts/pipeline/inputs.ts): the data build's own modules, found by
// following its imports, and nothing the site or the tools alone use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipelineModules } from '../../../scripts/pipeline/inputs.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const modules = pipelineModules().map((f) => path.relative(ROOT, f));

describe('pipelineModules', () => {
  it('follows imports into sources/, nested folders, src/ and JSON', () => {
    expect(modules).toEqual(expect.arrayContaining([
      'scripts/pipeline/build-data.ts',
      'scripts/pipeline/derive.ts',
      'scripts/pipeline/sources/kwb-statline.ts',
      'scripts/pipeline/sources/wijkprofiel/mapping.ts',
      'scripts/pipeline/download-cbs.ts',
      'src/lib/catalogue.ts',
      'src/server/duckdb-node.ts',
      'data/indicators.json',
    ]));
  });

  it('leaves out the tools, the pages and the browser code', () => {
    expect(modules.filter((m) => m.startsWith('scripts/tools/') || m.startsWith('src/pages/') || m.startsWith('src/client/') || m.startsWith('src/components/'))).toEqual([]);
    expect(modules).not.toContain('scripts/pipeline/inputs.ts');
  });
});
