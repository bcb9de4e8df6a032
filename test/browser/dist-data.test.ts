// public/data is a link to the current version in .cache/data-build/ (scripts/pipeline/publish.ts). Astro
// (Vite's copy of public/) must follow it: dist/data is a real folder with exactly the published
// files, served over HTTP byte for byte, and no other version or leftover reaches dist/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NodeDb } from '../../src/server/duckdb-node';
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

  it('the zipped CSV set (written piece by piece) holds one line per observation in the Parquet, in both dialects', async () => {
    const res = await fetch(`${site.server.url}download/wijkbeeld-csv.zip`, { headers: { 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'LEESMIJ.txt', 'gebieden-excel.csv', 'gebieden-international.csv', 'indicatoren-excel.csv', 'indicatoren-international.csv',
      'waarnemingen-excel.csv', 'waarnemingen-international.csv',
    ]);
    const db = await NodeDb.forData();
    try {
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM observations');
      const [{ v }] = await db.query<{ v: number }>(`SELECT value AS v FROM observations WHERE area = 'BU05991086' AND indicator = 'bijstand' AND year = 2024`);
      for (const name of ['waarnemingen-excel.csv', 'waarnemingen-international.csv']) {
        const text = strFromU8(files[name]!);
        const lines = text.split('\r\n');
        expect(lines.pop(), name).toBe('');
        // Header plus one line per observation (no note holds a line break).
        expect(lines.length, name).toBe(n + 1);
        // Only the Excel file starts with a BOM, once, however many pieces it was written in.
        // (Counted in bytes: TextDecoder drops a leading BOM.)
        const bytes = Buffer.from(files[name]!);
        const bom = Buffer.from([0xef, 0xbb, 0xbf]);
        let boms = 0;
        for (let at = bytes.indexOf(bom); at >= 0; at = bytes.indexOf(bom, at + 1)) boms++;
        expect(boms, name).toBe(name.includes('excel') ? 1 : 0);
        expect(bytes.subarray(0, 3).equals(bom), name).toBe(name.includes('excel'));
        const row = lines.find((l) => l.startsWith('BU05991086') && /[;,]bijstand[;,]/.test(l) && /[;,]2024[;,]/.test(l));
        expect(row, name).toBeDefined();
        // jaar, waarde (rounded), waarde_onafgerond: the unrounded one equals the Parquet's value.
        const sep = name.includes('excel') ? ';' : ',';
        const digits = sep === ';' ? '[\\d,]+' : '[\\d.]+';
        const m = new RegExp(`\\${sep}2024\\${sep}(${digits})\\${sep}(${digits})\\${sep}`).exec(row!);
        expect(m, `${name}: ${row}`).not.toBeNull();
        const num = (t: string) => Number(sep === ';' ? t.replace(',', '.') : t);
        expect(num(m![2]!)).toBeCloseTo(v, 8);
        expect(num(m![1]!)).toBeCloseTo(v, 0);
      }
    } finally {
      db.close();
    }
  });
});
