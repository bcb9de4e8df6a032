// public/data is a link to the current version in .cache/data-build/ (scripts/pipeline/publish.ts). Astro
// (Vite's copy of public/) must follow it: dist/data is a real folder with exactly the published
// files, served over HTTP byte for byte, and no other version or leftover reaches dist/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useServer } from './built-site';

const PUBLIC = path.resolve('public/data');
const DIST = path.resolve('dist/data');
const sha = (p: string) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
const site = useServer();

describe('the published data in dist/', () => {
  it('public/data is a link into .cache/data-build; dist/data is a real folder with the same files', () => {
    expect(fs.lstatSync(PUBLIC).isSymbolicLink()).toBe(true);
    expect(path.resolve(path.dirname(PUBLIC), fs.readlinkSync(PUBLIC))).toContain(`${path.sep}.cache${path.sep}data-build${path.sep}`);
    expect(fs.lstatSync(DIST).isDirectory()).toBe(true);
    const own = fs.readdirSync(PUBLIC).sort();
    // dist/ also holds the precompressed .br/.gz copies made after the Astro build, and the
    // /data/ and /data/sql/ pages (index.html, sql/); nothing else.
    const pages = new Set(['index.html', 'sql']);
    expect(fs.readdirSync(DIST).filter((n) => !/\.(br|gz)$/.test(n) && !pages.has(n)).sort()).toEqual(own);
    for (const f of own) expect(sha(path.join(DIST, f)), f).toBe(sha(path.join(PUBLIC, f)));
  });

  it('no other data folder (old versions, temp folders, old-style data.old-*/data.tmp-*) is in dist/', () => {
    const top = fs.readdirSync(path.resolve('dist'));
    expect(top.filter((n) => n.startsWith('data') && n !== 'data')).toEqual([]);
    expect(top.filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('the server sends the published manifest and Parquet bytes', async () => {
    for (const f of ['manifest.json', 'observations.parquet']) {
      const res = await fetch(`${site.server.url}data/${f}`, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(crypto.createHash('sha256').update(body).digest('hex'), f).toBe(sha(path.join(PUBLIC, f)));
    }
  });
});
