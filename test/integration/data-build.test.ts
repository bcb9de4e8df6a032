// The data build on the real open data (../shared/opendata or OPENDATA_DIR), into a temporary
// folder. Expected values were looked up by hand in the source files (line/column noted).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type BuildReport } from '../../scripts/pipeline/build-data';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';
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

describe('what the data says about itself', () => {
  async function row(area: string, indicator: string, year: number) {
    const rows = await db.query<{ value: number | null; status: string; note: string | null; unit: string | null }>(
      `SELECT value, status, note, unit FROM observations WHERE area = '${area}' AND indicator = '${indicator}' AND year = ${year}`,
    );
    expect(rows, `${area} ${indicator} ${year}`).toHaveLength(1);
    return rows[0];
  }
  const manifest = () => JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));

  it('computes Rotterdam-Zuid health from the three gebieden, weighted by their 15+ inhabitants', async () => {
    // RIVM 2016_18+.xlsx Eenzaam_28: Feijenoord 57.9, IJsselmonde 52.6, Charlois 57.3.
    // KWB 2016 CSV, inwoners − "0 tot 15 jaar": 73490−13205, 59630−10395, 66180−11870.
    const w = [73490 - 13205, 59630 - 10395, 66180 - 11870];
    const expected = (57.9 * w[0] + 52.6 * w[1] + 57.3 * w[2]) / (w[0] + w[1] + w[2]);
    const r = await row('ZUID', 'eenzaam', 2016);
    expect(r.status).toBe('ok');
    expect(r.value).toBeCloseTo(expected, 9);
    expect(r.note).toMatch(/^Berekend uit de drie gebieden: .*gewogen naar hun inwoners van 15 jaar en ouder \(CBS, 2016\)\. De cijfers per gebied zijn modelschattingen$/);
    // 2020 has no KWB age groups; the nearest year that has them is 2018.
    expect((await row('ZUID', 'eenzaam', 2020)).note).toContain('(CBS, 2018)');
    expect((await row('ZUID', 'eenzaam_65plus', 2020)).note).toContain('inwoners van 65 jaar en ouder (CBS, 2018)');
    expect((await row('ZUID', 'actieven', 2016)).note).toContain('inwoners van 15 tot 65 jaar (CBS, 2016)');
  });

  it('says which city figures are sums of the wijken', async () => {
    expect((await row('GM0599', 'inwoners', 2023)).note).toBe('Som van de wijken: de bron geeft dit jaar geen cijfer voor dit gebied');
    expect((await row('GM0599', 'misdrijven', 2023)).note).toBe('Berekend uit sommen van de wijken: de bron geeft dit jaar geen cijfer voor dit gebied');
    expect((await row('GM0599', 'inwoners', 2024)).note).toBeNull();
    const summed = manifest().derived.summed.map((x: { indicator: string; year: number; city: boolean }) => `${x.indicator} ${x.year} ${x.city}`);
    expect(summed).toEqual(['inwoners 2023 true', 'misdrijven 2023 true']);
  });

  it('detects the 2018 → 2023 boundary changes from land area and marks CBS-division rows only', async () => {
    const detected = manifest().derived.boundaryChanges.filter((c: { basis: string }) => c.basis === 'oppervlakte');
    // KWB 2018 CSV "Oppervlakte land" vs the 2023 extract's "area" (ha), looked up by hand.
    expect(detected.map((c: { area: string; haBefore: number; haAfter: number }) => `${c.area} ${c.haBefore}→${c.haAfter}`)).toEqual([
      'BU05990321 34→49', // Bospolder
      'BU05990329 62→47', // Schiemond
      'BU05990454 417→570', // Schieveen
      'BU05990836 103→127', // Nieuw Crooswijk
      'BU05990843 326→301', // Kralingse Bos
      'BU05991575 21→86', // Wielewaal
      'BU05991578 290→225', // Zuiderpark
      'BU05992308 3271→3371', // Maasvlakte
      'WK059904 1494→1642', // Overschie (sum of its wijken in 2023)
    ]);
    expect((await row('BU05991575', 'inwoners', 2023)).note).toContain('Grens gewijzigd tussen 2018 en 2023 (landoppervlakte 21 → 86 ha');
    // bijstand has no 2018-2023 data: its first row after the change is 2024.
    expect((await row('BU05991575', 'bijstand', 2024)).note).toContain('tussen 2018 en 2023');
    expect((await row('BU05991575', 'bijstand', 2017)).note).toBeNull();
    // CBS's own flag (KWB 2024 CSV, Indelingswijziging 3 for Zuiderpark).
    expect((await row('BU05991578', 'inwoners', 2024)).note).toBe('Grens gewijzigd in 2024 (CBS-indelingswijziging); vergelijk voorzichtig met eerdere jaren');
    // …and both changes on the first bijstand row after 2017.
    expect((await row('BU05991578', 'bijstand', 2024)).note).toContain('grens gewijzigd in 2024 (CBS-indelingswijziging)');
    // RIVM keeps the 2020 division: no boundary remark on its rows.
    expect((await row('BU05991575', 'ervaren_gezondheid', 2020)).note ?? '').not.toMatch(/[Gg]rens/);
  });

  it('flags values that stand out, as published', async () => {
    const odd = manifest().derived.oddValues.map((v: { area: string; indicator: string; year: number }) => `${v.area} ${v.indicator} ${v.year}`).sort();
    expect(odd).toEqual([
      'BU05990113 ao 2024', 'BU05990113 bijstand 2024', 'BU05990113 bijstand_aantal 2024', 'BU05990113 inwoners 2025', 'BU05990113 ww 2024',
      'BU05990119 vernieling 2017', 'BU05990847 onbewoond 2015', 'BU05991570 ww 2024', 'BU05991575 onbewoond 2017', 'BU05991578 diefstal_woning 2017',
    ]);
    // Cs Kwartier: wijk- en buurtkaart 2024 bijstand 240 / 1100 inwoners; KWB 2025 inwoners 3040 after 1100.
    const b = await row('BU05990113', 'bijstand', 2024);
    expect(b.value).toBeCloseTo((240 / 1100) * 1000, 9);
    expect(b.note).toContain('Opvallend; zo gepubliceerd door de bron');
    expect((await row('BU05990113', 'inwoners', 2025)).note).toBe('Opvallend; zo gepubliceerd door de bron (1.100 in 2024, 3.040 in 2025)');
    expect((await row('BU05990113', 'bijstand', 2017)).note).toBeNull();
  });

  it('counts a merged Wijkprofiel wijk once among its peers', async () => {
    // Nieuwe Werk/Dijkzigt (Wijkprofiel 3003) is one value on BU05990118 and BU05990119.
    expect((await row('BU05990118', 'wp_si', 2016)).unit).toBe('WP3003');
    const sc = await db.query<{ area: string; rank: number; peers: number }>(
      `SELECT area, rank, peers FROM scores WHERE indicator = 'wp_si' AND year = 2016 AND area IN ('BU05990118', 'BU05990119') ORDER BY area`,
    );
    expect(sc[0].rank).toBe(sc[1].rank);
    const units = await db.query<{ n: number }>(
      `SELECT count(DISTINCT coalesce(o.unit, o.area)) AS n FROM observations o JOIN areas a ON a.code = o.area
       WHERE o.indicator = 'wp_si' AND o.year = 2016 AND o.status = 'ok' AND a.level = 'wijk'`,
    );
    expect(sc[0].peers).toBe(units[0].n);
    expect(units[0].n).toBeLessThan(72); // 72 wijk rows, two pairs share a unit
  });

  it('lists scores.parquet among the published files', () => {
    expect(manifest().files).toContain('scores.parquet');
    expect(fs.existsSync(path.join(out, 'scores.parquet'))).toBe(true);
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
