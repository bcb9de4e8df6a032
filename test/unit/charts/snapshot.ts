// SVG snapshots of the chart kinds, as Plot tests its marks: each kind is rendered from a tiny
// fixture with linkedom, normalised, and compared with a committed file in test/snapshots/.
//
// - A changed chart fails its test; the new output is written to .cache/snapshots/<name> so
//   `diff test/snapshots/<name> .cache/snapshots/<name>` shows what changed.
// - To accept a change (or add a kind): delete test/snapshots/<name>, re-run the test. A missing
//   snapshot is written and the test FAILS once, so CI never accepts a chart silently; review
//   the new file in the diff, commit it, and the next run passes.
//
// Normalised: Plot's class suffix (plot-d6a7b5 → plot) and numbered ids (clip paths, patterns)
// so a Plot upgrade that only renames them does not fail; numbers in geometry rounded to 2 decimals
// so float noise does not either; one element per line so a review diff points at the changed mark.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { expect } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const COMMITTED = path.join(ROOT, 'test/snapshots');
const ACTUAL = path.join(ROOT, '.cache/snapshots');

/** A fresh linkedom document for Plot, as the build's chartDocument() makes one. */
export function chartDoc(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

// Only geometry attributes: text and labels keep their numbers ("40.280" is Dutch for 40280).
const GEOMETRY = /(\s(?:d|transform|x|y|x1|x2|y1|y2|cx|cy|r|width|height|viewBox|points|dx|dy)=")([^"]*)"/g;
const round = (n: string) => {
  const r = Number(n).toFixed(2).replace(/\.?0+$/, '');
  return r === '-0' ? '0' : r;
};

export function normalise(markup: string): string {
  const ids = new Map<string, string>();
  const renumber = (id: string) => {
    if (!ids.has(id)) ids.set(id, `plot-id-${ids.size + 1}`);
    return ids.get(id)!;
  };
  return (
    markup
      .replace(/plot-(clip|pattern)-\d+/g, (id) => renumber(id))
      .replace(/\bplot-[0-9a-f]{6}\b/g, 'plot')
      .replace(GEOMETRY, (_, head: string, value: string) => `${head}${value.replace(/-?\d+\.\d+/g, round)}"`)
      .replace(/>\s*</g, '>\n<')
      .trim() + '\n'
  );
}

/** Compare `markup` (normalised) with test/snapshots/<name>; see the top of this file. */
export function expectSnapshot(name: string, markup: string): void {
  const actual = normalise(markup);
  const file = path.join(COMMITTED, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(COMMITTED, { recursive: true });
    fs.writeFileSync(file, actual);
    expect.fail(`snapshot ${name} did not exist and was written to test/snapshots/${name}: review it, commit it, re-run`);
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected !== actual) {
    fs.mkdirSync(ACTUAL, { recursive: true });
    fs.writeFileSync(path.join(ACTUAL, name), actual);
    // toBe shows the differing lines; the file is there for a full diff.
    expect(actual, `chart ${name} differs from test/snapshots/${name}; new output in .cache/snapshots/${name}`).toBe(expected);
  } else {
    fs.rmSync(path.join(ACTUAL, name), { force: true });
  }
}
