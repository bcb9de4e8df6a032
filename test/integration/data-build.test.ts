// The data build on the real open data (../shared/opendata or OPENDATA_DIR): the public/data this
// test run built once and shares (test/setup/background.ts), read only. Expected values were
// looked up by hand in the source files (line/column noted). A failing build is tried in a
// temporary folder that holds a copy of that output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData, type BuildReport } from '../../scripts/pipeline/build-data';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';
import { NodeDb } from '../../src/server/duckdb-node';
import { indicatorStats } from '../../src/lib/queries';
import { openWasmDb } from '../wasm-db';
import { sharedData } from '../shared';
import { publishedCopy } from './published-copy';

const sourceDir = resolveSourceDir([]);
let out: string;
let db: NodeDb;

async function value(area: string, indicator: string, year: number) {
  const rows = await db.query<{ value: number | null; status: string }>(
    `SELECT value, status FROM observations WHERE area = '${area}' AND indicator = '${indicator}' AND year = ${year}`,
  );
  expect(rows, `${area} ${indicator} ${year}`).toHaveLength(1);
  return rows[0];
}

beforeAll(async () => {
  out = await sharedData();
  db = await NodeDb.forData(out);
});
afterAll(() => {
  db?.close();
});

describe('data build on the real open data', () => {
  it('writes Parquet, boundaries and a manifest with row counts', async () => {
    for (const f of ['areas.parquet', 'observations.parquet', 'indicators.parquet', 'boundaries.json', 'manifest.json']) {
      expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    }
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    for (const t of ['areas', 'observations', 'indicators', 'scores']) {
      const n = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0].n;
      expect(m.rows[t], t).toBe(n);
    }
    expect(m.rows.areas).toBe(1 + 4 + 22 + 92 + 1); // NL, G4, 22 gebieden, 92 wijken, Rotterdam-Zuid
    // The outlines are those of PROVENANCE §2: CBS wijk- en buurtkaart 2024; captions read this.
    expect(m.boundaries).toEqual({ year: 2024, source: 'CBS, Wijk- en buurtkaart 2024' });
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

  it('records an inhabitant check per year in the manifest', () => {
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { inhabitantChecks: string[] };
    // KWB 2016 CSV: the 92 wijken sum to 629430, row GM0599 says 629606.
    expect(m.inhabitantChecks.find((l) => l.startsWith('2016'))).toContain('629430 vs gemeente 629606');
  });

  it('scores.parquet holds the z-scores and ranks computed here, in TypeScript, from observations.parquet', async () => {
    const expected = await independentScores();
    const got = await db.query<ScoreRow>(`SELECT area, indicator, year, score, rank, peers FROM scores`);
    expect(got.length).toBe(expected.size);
    let scored = 0;
    for (const r of got) {
      const k = `${r.area}|${r.indicator}|${r.year}`;
      const e = expected.get(k);
      expect(e, k).toBeDefined();
      if (e!.score === null) expect(r.score, `${k} score`).toBeNull();
      else {
        expect(r.score, `${k} score`).toBeCloseTo(e!.score, 9);
        scored++;
      }
      expect(r.rank, `${k} rank`).toBe(e!.rank);
      expect(r.peers, `${k} peers`).toBe(e!.peers);
    }
    expect(scored).toBeGreaterThan(10_000);
  });

  it('the page query gives the same rows on DuckDB-wasm 1.28 (the browser) as on DuckDB (Node), scores as computed here', async () => {
    const expected = await independentScores();
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
          const k = `${area.code}|${a[i].indicator}|${a[i].year}`;
          expect(b[i].indicator).toBe(a[i].indicator);
          expect(b[i].year).toBe(a[i].year);
          expect(b[i].status).toBe(a[i].status);
          for (const f of ['value', 'city'] as const) {
            if (a[i][f] === null) expect(b[i][f], `${k} ${f}`).toBeNull();
            else expect(b[i][f], `${k} ${f}`).toBeCloseTo(a[i][f]!, 9);
          }
          const e = expected.get(k) ?? { score: null, rank: null, peers: null };
          for (const x of [a[i], b[i]]) {
            if (e.score === null) expect(x.score, `${k} score`).toBeNull();
            else expect(x.score, `${k} score`).toBeCloseTo(e.score, 9);
            expect(x.rank, `${k} rank`).toBe(e.rank);
          }
        }
      }
    } finally {
      wasm.close();
    }
  });
});

interface ScoreRow {
  area: string;
  indicator: string;
  year: number;
  score: number | null;
  rank: number | null;
  peers: number | null;
}

let independent: Promise<Map<string, Omit<ScoreRow, 'area' | 'indicator' | 'year'>>> | undefined;

/**
 * The scores as the method describes them (/methode/), computed without the build's SQL: per level,
 * indicator and year, over the areas with status ok, where areas that share one measured unit
 * (observations.unit) count once: z = sign × (value − mean) / population sd, sign +1 for
 * higher_better, −1 for lower_better, 0 for neutral; no score when the sd is 0. Rank 1 + the number
 * of units that are better (higher sign × value; for neutral indicators a higher value); peers the
 * number of units. Rotterdam-Zuid is scored against the gebieden, without rank or peers.
 */
function independentScores() {
  independent ??= (async () => {
    const obs = await db.query<{ area: string; unit: string | null; indicator: string; year: number; value: number; level: string; direction: string }>(
      `SELECT o.area, o.unit, o.indicator, o.year, o.value, a.level, i.direction
       FROM observations o JOIN areas a ON a.code = o.area JOIN indicators i ON i.id = o.indicator
       WHERE o.status = 'ok'`,
    );
    const groups = new Map<string, typeof obs>();
    for (const o of obs) {
      if (!['gemeente', 'gebied', 'wijk', 'stadsdeel'].includes(o.level)) continue;
      const k = `${o.level}|${o.indicator}|${o.year}`;
      groups.set(k, [...(groups.get(k) ?? []), o]);
    }
    const out = new Map<string, Omit<ScoreRow, 'area' | 'indicator' | 'year'>>();
    for (const [k, rows] of groups) {
      const [level, indicator, year] = k.split('|');
      const peers = level === 'stadsdeel' ? groups.get(`gebied|${indicator}|${year}`) ?? [] : rows;
      const units = new Map<string, number>();
      for (const p of peers) units.set(p.unit ?? p.area, p.value);
      const vals = [...units.values()];
      const n = vals.length;
      const mean = vals.reduce((t, v) => t + v, 0) / n;
      const sd = Math.sqrt(vals.reduce((t, v) => t + (v - mean) ** 2, 0) / n);
      const sign = rows[0]!.direction === 'higher_better' ? 1 : rows[0]!.direction === 'lower_better' ? -1 : 0;
      const better = (a: number, b: number) => (sign === 0 ? a > b : sign * a > sign * b);
      for (const r of rows) {
        const score = n === 0 || sd === 0 ? null : (sign * (r.value - mean)) / sd;
        const stadsdeel = level === 'stadsdeel';
        out.set(`${r.area}|${indicator}|${year}`, {
          score: score === null ? null : score + 0, // −0 and 0 alike
          rank: stadsdeel ? null : 1 + vals.filter((v) => better(v, r.value)).length,
          peers: stadsdeel ? null : n,
        });
      }
    }
    return out;
  })();
  return independent;
}

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
      'BU05990119 vernieling 2017', 'BU05990455 wp_leegstand 2016', 'BU05990847 onbewoond 2015', 'BU05991017 wp_leegstand 2016', 'BU05991570 ww 2024',
      'BU05991575 onbewoond 2017', 'BU05991575 wp_sterfte_voor_65 2016', 'BU05991578 diefstal_woning 2017', 'BU05991578 wp_leegstand 2016',
    ]);
    // Zuiderpark, Wijkprofiel leegstand: 8,8% in 2014, 35,6% in 2016 (gemeente 2016 xls), far above the other wijken.
    expect((await row('BU05991578', 'wp_leegstand', 2016)).note).toContain('Opvallend; zo gepubliceerd door de bron');
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
    // The repository's layout in a temp folder (public/data, versions in .cache/data-build), holding
    // a published copy of this run's output as the previous build.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-data-'));
    try {
      const prev = path.join(root, 'public', 'data');
      publishedCopy(out, prev);
      const before = fs.readFileSync(path.join(prev, 'manifest.json'), 'utf8');
      const broken = async () => {
        throw new Error('kapot.csv, rij 3, kolom "Codering": ongeldige code');
      };
      await expect(buildData({ sourceDir, outDir: prev, log: () => undefined, loaders: [{ name: 'kapot', load: broken }] })).rejects.toThrow(/kapot\.csv, rij 3/);
      expect(fs.readFileSync(path.join(prev, 'manifest.json'), 'utf8')).toBe(before);
      // Nothing but the link in public/, and in the store only the published version.
      expect(fs.readdirSync(path.dirname(prev))).toEqual(['data']);
      expect(fs.readdirSync(path.join(root, '.cache/data-build')).filter((n) => n !== '.owner')).toEqual([path.basename(fs.readlinkSync(prev))]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
