// What the built site publishes (dist/): no internal benchmark page, and plain words for visitors.
// The benchmark's baseline page is built but moved out of the build (scripts/tools/bench-page.ts);
// "DuckDB" and "Parquet" appear only on the data pages (/data/, /data/sql/, downloads) and in the
// technical download section of /methode/ (marked data-technical).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServer } from './built-site';

const DIST = path.resolve('dist');
const site = useServer();

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Pages where the technical words belong: the data pages and the downloads. */
const DATA_PAGES = /^(data\/|download\/)/;

/** What a visitor reads on a page: the text, and the alt, title, aria-label and placeholder texts;
 * no scripts, styles or templates. Plain string work: a DOM parse of every page takes minutes on a
 * loaded machine. On /methode/ the technical download section (data-technical) is left out. */
function visibleText(file: string, rel: string): string {
  let h = fs.readFileSync(file, 'utf8').replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ');
  if (rel === 'methode/index.html') {
    const before = h.length;
    h = h.replace(/<section\b[^>]*\bdata-technical\b[\s\S]*?<\/section>/gi, ' ');
    expect(h.length, 'the technical section of /methode/').toBeLessThan(before);
  }
  const attrs = [...h.matchAll(/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/gi)].map((m) => m[1]);
  return [h.replace(/<[^>]*>/g, ' '), ...attrs].join(' ');
}

describe('published pages', () => {
  it('the benchmark page is not in dist/ and not served; it waits in .cache/bench-page for the benchmark', async () => {
    const root = fs.realpathSync(DIST);
    const benchDirs = walk(root).filter((f) => path.relative(root, f).split(path.sep).includes('bench'));
    expect(benchDirs).toEqual([]);
    expect(fs.existsSync(path.join(root, 'bench'))).toBe(false);
    for (const p of ['bench/baseline/', 'bench/']) expect((await fetch(`${site.server.url}${p}`)).status, p).toBe(404);
    // No published page links to it.
    const linking = walk(root).filter((f) => f.endsWith('.html') && /href="[^"]*\/bench\//.test(fs.readFileSync(f, 'utf8')));
    expect(linking).toEqual([]);
    expect(fs.existsSync(path.resolve('.cache/bench-page/bench/baseline/index.html'))).toBe(true);
  });

  it('"DuckDB" and "Parquet" appear in visible text only on the data pages and /methode/\'s technical part', () => {
    const root = fs.realpathSync(DIST);
    const pages = walk(root).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(100);
    const found: string[] = [];
    const checked: string[] = [];
    for (const file of pages) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (DATA_PAGES.test(rel)) continue;
      checked.push(rel);
      const text = visibleText(file, rel);
      for (const m of text.matchAll(/.{0,40}\b(duckdb|parquet)\b.{0,40}/gi)) found.push(`${rel}: …${m[0].trim()}…`);
    }
    expect(checked).toContain('methode/index.html');
    expect(checked).toContain('factoren/index.html');
    expect(checked).toContain('wijk/BU05991086/index.html');
    expect(found).toEqual([]);
    // The data pages do use them (the scan would see them there).
    const dataText = visibleText(path.join(root, 'data/index.html'), 'data/index.html');
    expect(dataText).toMatch(/Parquet/);
  }, 300_000);

  it('the wijk page says in plain words where the figures are computed', () => {
    const rel = 'wijk/BU05991086/index.html';
    const text = visibleText(path.join(fs.realpathSync(DIST), rel), rel);
    expect(text).toContain('in uw browser berekend');
  });
});
