// The loader registry (scripts/pipeline/sources/index.ts) and the check of the source folder that
// reads it (scripts/pipeline/source-dir.ts). Expected folders and files are written out here, not
// taken from the loaders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import catalogueJson from '../../../../data/indicators.json';
import { LOADERS, loaderNamed } from '../../../../scripts/pipeline/sources/index.ts';
import { requiredFiles, resolveSourceDir, sourceOption } from '../../../../scripts/pipeline/source-dir.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-registry-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A source folder with an empty file for every required name (`*` filled in). */
function fakeSourceDir(name: string): string {
  const dir = path.join(tmp, name);
  for (const [folder, files] of requiredFiles()) {
    for (const f of files) {
      const p = path.join(dir, folder, f.replaceAll('*', 'x2020'));
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, '');
    }
  }
  return dir;
}

describe('loader registry', () => {
  it('has one loader per name, each with a folder and files', () => {
    const names = LOADERS.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const l of LOADERS) {
      expect(l.folder, l.name).toMatch(/^\w+$/);
      expect(l.files.length, l.name).toBeGreaterThan(0);
    }
    expect(() => loaderNamed('bestaat-niet')).toThrow(/Geen lader "bestaat-niet"; wel: kwb-statline/);
  });

  it('gives every source of the catalogue; publisher and licence come from there', () => {
    const given = new Set(LOADERS.flatMap((l) => l.sources));
    for (const id of Object.keys(catalogueJson.sources)) expect(given.has(id), id).toBe(true);
    // The one source no catalogue series reads (loaded and checked for completeness only).
    expect([...given].filter((s) => !(s in catalogueJson.sources))).toEqual(['eenzaamheid2016']);
  });

  it('runs the download last, as the only gap filler, with the sources data/cbs-tables.json names', () => {
    expect(LOADERS.filter((l) => l.fillsGaps).map((l) => l.name)).toEqual(['cbs-odata']);
    expect(LOADERS.at(-1)!.name).toBe('cbs-odata');
    expect([...loaderNamed('cbs-odata').sources].sort()).toEqual(['kwb', 'rivm']);
  });

  it('requires the folders of the open data, the boundaries included, and not the optional download', () => {
    const required = requiredFiles();
    expect([...required.keys()].sort()).toEqual([
      'cbs_gemeente_context',
      'cbs_kwb_2024_85984NED',
      'cbs_kwb_rotterdam_2014_2018',
      'cbs_kwb_rotterdam_2023_85618NED_population',
      'cbs_kwb_rotterdam_2025_86165NED',
      'cbs_wijkbuurtkaart_2016_nl',
      'cbs_wijkbuurtkaart_2024_rijnmond',
      'leefbaarometer_2016',
      'politie_misdrijven_buurt_2023',
      'rivm_gezondheid_wijk_buurt',
      'rotterdam_wijkprofiel',
    ]);
    expect(required.get('cbs_wijkbuurtkaart_2024_rijnmond')).toEqual(expect.arrayContaining(['buurt_2024_stats.parquet', 'wijk_2024.geojson', 'buurt_2024.geojson']));
    expect(required.get('rivm_gezondheid_wijk_buurt')).toEqual(['*.xlsx', 'WijkEenzaamheid2016.csv']);
  });
});

describe('resolveSourceDir', () => {
  it('accepts a folder with every declared file', () => {
    const dir = fakeSourceDir('complete');
    expect(resolveSourceDir(['--source', dir], {}, '/')).toBe(dir);
    expect(resolveSourceDir([], { OPENDATA_DIR: dir }, '/')).toBe(dir);
  });

  it('names each missing file and folder, also for a name with *', () => {
    const dir = fakeSourceDir('incomplete');
    fs.rmSync(path.join(dir, 'leefbaarometer_2016/wijk.xlsx'));
    fs.rmSync(path.join(dir, 'politie_misdrijven_buurt_2023'), { recursive: true });
    for (const f of fs.readdirSync(path.join(dir, 'rivm_gezondheid_wijk_buurt'))) if (f.endsWith('.xlsx')) fs.rmSync(path.join(dir, 'rivm_gezondheid_wijk_buurt', f));
    expect(() => resolveSourceDir(['--source', dir], {}, '/')).toThrow(
      `Bronmap ${dir} mist: politie_misdrijven_buurt_2023/, rivm_gezondheid_wijk_buurt/*.xlsx, leefbaarometer_2016/wijk.xlsx.`,
    );
  });

  it('says how the folder was chosen when it does not exist', () => {
    expect(() => resolveSourceDir(['--source=/nergens'], {}, '/')).toThrow(/Bronmap niet gevonden: \/nergens \(via --source\).*rotterdam_wijkprofiel/);
    expect(() => resolveSourceDir([], { OPENDATA_DIR: '/nergens' }, '/')).toThrow(/\(via OPENDATA_DIR\)/);
  });

  it('reads --source and leaves the other options of a command alone', () => {
    expect(sourceOption(['--runs', '3', '--source', 'MAP', '--strict'])).toBe('MAP');
    expect(sourceOption(['--source=MAP'])).toBe('MAP');
    expect(sourceOption(['--force'])).toBeUndefined();
  });
});
