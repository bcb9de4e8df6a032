// The benchmark's baseline page leaves the build (moveBenchPage) and is served next to dist/ only
// by the benchmark (siteWithBenchPage), through a folder of links that the site server serves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { moveBenchPage, siteWithBenchPage } from '../../../scripts/tools/bench-page.ts';
import { listen } from '../../../scripts/tools/serve.ts';

const temps: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-bench-page-test-'));
  temps.push(d);
  return d;
};
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const PAGE = '<!doctype html><html><body><h1>Meetpagina</h1><script type="module" src="/_astro/baseline.abc123.js"></script></body></html>';

/** A fake build: a home page, one script and the bench page that refers to it. */
function fakeBuild(): string {
  const build = tmp();
  fs.writeFileSync(path.join(build, 'index.html'), '<h1>Wijkbeeld</h1>');
  fs.mkdirSync(path.join(build, '_astro'));
  fs.writeFileSync(path.join(build, '_astro', 'baseline.abc123.js'), 'console.log(1)');
  fs.mkdirSync(path.join(build, 'bench', 'baseline'), { recursive: true });
  fs.writeFileSync(path.join(build, 'bench', 'baseline', 'index.html'), PAGE);
  return build;
}

describe('moveBenchPage', () => {
  it('takes bench/ out of the build, with .gz/.br copies, replacing an older copy', () => {
    const build = fakeBuild();
    const aside = tmp();
    fs.mkdirSync(path.join(aside, 'bench', 'old'), { recursive: true });
    expect(moveBenchPage(build, aside)).toBe(true);
    expect(fs.existsSync(path.join(build, 'bench'))).toBe(false);
    expect(fs.readdirSync(build).sort()).toEqual(['_astro', 'index.html']);
    const html = path.join(aside, 'bench', 'baseline', 'index.html');
    expect(fs.readFileSync(html, 'utf8')).toBe(PAGE);
    expect(zlib.gunzipSync(fs.readFileSync(`${html}.gz`)).toString()).toBe(PAGE);
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${html}.br`)).toString()).toBe(PAGE);
    expect(fs.existsSync(path.join(aside, 'bench', 'old'))).toBe(false);
    expect(fs.readdirSync(aside)).toEqual(['bench']); // no temp folder left
  });

  it('does nothing for a build without bench pages', () => {
    const build = tmp();
    fs.writeFileSync(path.join(build, 'index.html'), 'x');
    const aside = tmp();
    expect(moveBenchPage(build, aside)).toBe(false);
    expect(fs.readdirSync(aside)).toEqual([]);
  });
});

describe('siteWithBenchPage', () => {
  it('serves the site and the bench page together; dist itself has no bench page', async () => {
    const build = fakeBuild();
    const aside = tmp();
    moveBenchPage(build, aside);
    const dist = path.join(tmp(), 'dist');
    fs.symlinkSync(build, dist);
    const site = siteWithBenchPage(dist, aside);
    const plain = await listen(dist, 0);
    const both = await listen(site.dir, 0);
    try {
      expect((await fetch(`${plain.url}bench/baseline/`)).status).toBe(404);
      const res = await fetch(`${both.url}bench/baseline/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(PAGE);
      expect(await (await fetch(`${both.url}_astro/baseline.abc123.js`)).text()).toBe('console.log(1)');
      expect(await (await fetch(both.url)).text()).toBe('<h1>Wijkbeeld</h1>');
    } finally {
      await new Promise((r) => plain.server.close(r));
      await new Promise((r) => both.server.close(r));
    }
    site.remove();
    expect(fs.existsSync(site.dir)).toBe(false);
    expect(fs.readFileSync(path.join(build, 'index.html'), 'utf8')).toBe('<h1>Wijkbeeld</h1>'); // links removed, not their targets
  });

  it('refuses a missing bench page, or one whose scripts are not in this build', () => {
    const build = fakeBuild();
    const aside = tmp();
    expect(() => siteWithBenchPage(build, aside)).toThrow(/bench\/baseline\/index\.html ontbreekt: bouw de site opnieuw/);
    moveBenchPage(build, aside);
    fs.rmSync(path.join(build, '_astro', 'baseline.abc123.js'));
    expect(() => siteWithBenchPage(build, aside)).toThrow(/andere build \(_astro\/baseline\.abc123\.js niet in dist\/\)/);
  });
});
