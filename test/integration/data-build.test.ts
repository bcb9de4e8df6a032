// The data build on the real open data (../shared/opendata or OPENDATA_DIR), into a temporary
// folder. Expected values were looked up by hand in the source files (line/column noted).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type BuildReport } from '../../scripts/build-data';
import { resolveSourceDir } from '../../scripts/source-dir';
import { NodeDb } from '../../src/server/duckdb-node';
import { indicatorStats } from '../../src/lib/queries';
import { openWasmDb } from '../wasm-db';

const sourceDir = resolveSourceDir([]);
// The repository's layout: public/data, with the versions in .cache/data-build beside public/.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-data-'));
const out = path.join(root, 'public', 'data');
let report: BuildReport;
let db: NodeDb;

async function value(area: string, indicator: string, year: number) {
  const rows = await db.query<{ value: number | null; status: string }>(
    `SELECT value, status FROM observations WHERE area = '${area}' AND indicator = '${indicator}' AND year = ${year}`,
  );
  expect(rows, `${area} ${indicator} ${year}`).toHaveLength(1);
  return rows[0];
}

beforeAll(async () => {
  report = await buildData({ sourceDir, outDir: out, log: () => undefined });
  db = await NodeDb.forData(out);
});
afterAll(() => {
  db?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('data build on the real open data', () => {
  it('writes Parquet, boundaries and a manifest with row counts', () => {
    for (const f of ['areas.parquet', 'observations.parquet', 'indicators.parquet', 'boundaries.json', 'manifest.json']) {
      expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    }
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.rows.observations).toBe(report.rows.observations);
    expect(m.rows.areas).toBe(1 + 4 + 22 + 92 + 1); // NL, G4, 22 gebieden, 92 wijken, Rotterdam-Zuid
    expect(report.unmapped).toEqual([]);
  });

  it('has the gemeente and wijk inhabitants of KWB 2016 and 2025', async () => {
    // KWB 2016 CSV, row GM0599, "Aantal inwoners": 629606
    expect((await value('GM0599', 'inwoners', 2016)).value).toBe(629606);
    // KWB 2025 (transposed) "Bevolking|Aantal inwoners": GM0599 672960, BU05991086 8640
    expect((await value('GM0599', 'inwoners', 2025)).value).toBe(672960);
    expect((await value('BU05991086', 'inwoners', 2025)).value).toBe(8640);
  });

  it('derives bijstand per 1.000 inwoners from the 2017 counts', async () => {
    // KWB 2017: Afrikaanderwijk bijstand 1120, inwoners 8020; Rotterdam 41650 and 634660
    expect((await value('BU05991086', 'bijstand', 2017)).value).toBeCloseTo((1120 / 8020) * 1000, 9);
    expect((await value('GM0599', 'bijstand', 2017)).value).toBeCloseTo((41650 / 634660) * 1000, 9);
  });

  it('builds Rotterdam-Zuid from summed counts', async () => {
    // KWB 2025: Feijenoord 80740, IJsselmonde 63380, Charlois 70515
    expect((await value('ZUID', 'inwoners', 2025)).value).toBe(80740 + 63380 + 70515);
    // KWB 2016 bijstand / inwoners: Feijenoord 7780/73490, IJsselmonde 4200/59630, Charlois 5500/66180
    expect((await value('ZUID', 'bijstand', 2016)).value).toBeCloseTo(((7780 + 4200 + 5500) / (73490 + 59630 + 66180)) * 1000, 9);
  });

  it('combines Politie 2023 crimes with KWB 2023 inhabitants', async () => {
    // Politie 47018NED: Afrikaanderwijk 609 misdrijven; KWB 2023 population file: 7675 inwoners
    expect((await value('BU05991086', 'misdrijven', 2023)).value).toBeCloseTo((609 / 7675) * 1000, 9);
    // Both 2023 files are per wijk only: the city is the sum of the 91 wijken (PROVENANCE: 53.654
    // misdrijven, 663.850 inwoners).
    expect((await value('GM0599', 'misdrijven', 2023)).value).toBeCloseTo((53654 / 663850) * 1000, 9);
    expect((await value('GM0599', 'inwoners', 2023)).value).toBe(663850);
  });

  it('reads 2025 shares and WOZ for a gebied and a wijk', async () => {
    // KWB 2025: Feijenoord 65+ 11020 of 80740; koopwoningen 22%; Afrikaanderwijk WOZ 299
    expect((await value('WK059910', 'oud', 2025)).value).toBeCloseTo((11020 / 80740) * 100, 9);
    expect((await value('WK059910', 'koopwoningen', 2025)).value).toBe(22);
    expect((await value('BU05991086', 'woz', 2025)).value).toBe(299);
  });

  it('carries RIVM, Leefbaarometer and Wijkprofiel values', async () => {
    // RIVM 2020 18+ sheet, GM0599 Eenzaam_28 "    55.7"; 2016 BU05990110 ErvarenGezondheid 79.6
    expect((await value('GM0599', 'eenzaam', 2020)).value).toBe(55.7);
    expect((await value('BU05990110', 'ervaren_gezondheid', 2016)).value).toBe(79.6);
    // Leefbaarometer score_gemeente.xlsx: Rotterdam KL16 = 4
    expect((await value('GM0599', 'leefbaarometer', 2016)).value).toBe(4);
    // Wijkprofiel xls, sheet SI 2014, Tarwewijk (wijknr 71 → BU05991571): SI 69.58…
    expect((await value('BU05991571', 'wp_si', 2014)).value).toBeCloseTo(69.6, 1);
    // Rotterdam is 100 by definition in 2014
    expect((await value('GM0599', 'wp_si', 2014)).value).toBeCloseTo(100, 6);
  });

  it('leaves harbour wijken out of rates and says why', async () => {
    // Maasvlakte has 10 inhabitants in 2024
    const r = await value('BU05992308', 'bijstand', 2024);
    expect(r.value).toBeNull();
    expect(r.status).toBe('te weinig inwoners');
    expect((await value('BU05992308', 'inwoners', 2024)).value).toBe(10);
  });

  it('prints a coverage table and an inhabitant check per year', () => {
    expect(report.coverage).toMatch(/^Dekking/);
    expect(report.coverage).toMatch(/bijstand\s/);
    expect(report.inhabitantChecks.find((l) => l.startsWith('2016'))).toContain('629430 vs gemeente 629606');
  });

  it('runs the page queries identically on DuckDB (Node) and on DuckDB-wasm 1.28', async () => {
    const wasm = await openWasmDb(out);
    try {
      for (const area of [
        { code: 'BU05991086', level: 'wijk' }, { code: 'BU05991571', level: 'wijk' }, { code: 'BU05990110', level: 'wijk' },
        { code: 'WK059915', level: 'gebied' }, { code: 'ZUID', level: 'stadsdeel' }, { code: 'GM0599', level: 'gemeente' },
      ]) {
        const a = await indicatorStats(db, area);
        const b = await indicatorStats(wasm, area);
        expect(b.length).toBe(a.length);
        for (let i = 0; i < a.length; i++) {
          expect(b[i].indicator).toBe(a[i].indicator);
          expect(b[i].year).toBe(a[i].year);
          expect(b[i].status).toBe(a[i].status);
          expect(b[i].rank).toBe(a[i].rank);
          for (const k of ['value', 'city', 'score'] as const) {
            if (a[i][k] === null) expect(b[i][k], `${area.code} ${a[i].indicator} ${k}`).toBeNull();
            else expect(b[i][k], `${area.code} ${a[i].indicator} ${k}`).toBeCloseTo(a[i][k]!, 9);
          }
        }
      }
    } finally {
      wasm.close();
    }
  });
});

describe('a failing build', () => {
  it('names the problem and leaves the previous output untouched', async () => {
    const before = fs.readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const broken = async () => {
      throw new Error('kapot.csv, rij 3, kolom "Codering": ongeldige code');
    };
    await expect(buildData({ sourceDir, outDir: out, log: () => undefined, loaders: [{ name: 'kapot', load: broken }] })).rejects.toThrow(/kapot\.csv, rij 3/);
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    // Nothing but the link in public/, and in the store only the published version.
    expect(fs.readdirSync(path.dirname(out))).toEqual(['data']);
    expect(fs.readdirSync(path.join(root, '.cache/data-build')).filter((n) => n !== '.owner')).toEqual([path.basename(fs.readlinkSync(out))]);
  });
});
