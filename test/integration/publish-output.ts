// A stand-in for the data build's output, for the publishing tests: the same file names, with
// contents that say which build wrote them, so a mix of two builds is visible.
import fs from 'node:fs';
import path from 'node:path';

export const OUTPUT_FILES = ['areas.parquet', 'observations.parquet', 'indicators.parquet', 'scores.parquet', 'boundaries.json', 'manifest.json'];

export function writeOutput(dir: string, label: string): void {
  // manifest.json last, as the real build does.
  for (const f of OUTPUT_FILES) fs.writeFileSync(path.join(dir, f), `${label}:${f}:${'x'.repeat(1000)}`);
}

/** The label of the one complete build `dir` holds, or a description of what is wrong. */
export function outputLabel(dir: string): string {
  if (!fs.existsSync(dir)) return 'ontbreekt';
  const names = fs.readdirSync(dir).sort();
  if (names.join(',') !== [...OUTPUT_FILES].sort().join(',')) return `onvolledig: ${names.join(',')}`;
  const labels = new Set(OUTPUT_FILES.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(':')[0]));
  return labels.size === 1 ? [...labels][0]! : `gemengd: ${[...labels].join(',')}`;
}

/** Every file reachable under dir, following links the way Vite copies public/ into dist/. */
export function published(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p, `${rel}${name}/`);
      else out.push(`${rel}${name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}
