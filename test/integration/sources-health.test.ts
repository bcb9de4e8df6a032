// Health and liveability loaders on the real open data (PROVENANCE sections 4 and 5).
// Every expected number below was looked up by hand in the source files, not with these loaders:
// the xlsx values by unzipping the workbook and reading the sheet XML + shared strings by cell
// reference (sheet row in the comment), the CSV values with grep.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEenzaamheid2016 } from '../../scripts/pipeline/sources/eenzaamheid.ts';
import { loadLeefbaarometer } from '../../scripts/pipeline/sources/leefbaarometer.ts';
import { loadRivm } from '../../scripts/pipeline/sources/rivm.ts';
import type { LoadResult, SourceValue } from '../../scripts/pipeline/sources/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(repoRoot, process.env.OPENDATA_DIR ?? '../shared/opendata');

function one(values: SourceValue[], area: string, variable: string, year: number): SourceValue {
  const hits = values.filter((v) => v.area === area && v.variable === variable && v.year === year);
  expect(hits, `${area} ${variable} ${year}`).toHaveLength(1);
  return hits[0]!;
}

function checkShape(result: LoadResult): void {
  for (const v of result.values) {
    expect(v.status === 'ok').toBe(typeof v.value === 'number');
    expect(v.area).toMatch(/^(NL|GM(0599|0363|0518|0344)|WK0599\d\d|BU0599\d{4})$/);
  }
  const keys = result.values.map((v) => `${v.source}|${v.year}|${v.area}|${v.variable}`);
  expect(new Set(keys).size).toBe(keys.length);
}

describe('RIVM 50090NED (real data)', () => {
  let rivm: LoadResult;
  let ms = 0;
  beforeAll(async () => {
    // CPU time of this process, not wall time: the machine may be busy with other work (the test
    // run's own background build, other processes), which says nothing about the loader.
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    rivm = await loadRivm(dir);
    const cpu = process.cpuUsage(cpu0);
    ms = (cpu.user + cpu.system) / 1000;
    console.log(`loadRivm: ${rivm.files.length} files, ${rivm.values.length} values in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(ms / 1000).toFixed(1)} s CPU)`);
  });

  it('reads the six files in well under 30 s of CPU time', () => {
    expect(rivm.files).toHaveLength(6);
    expect(rivm.files).toContain('rivm_gezondheid_wijk_buurt/RIVM_gezondheid2020_65+.xlsx');
    expect(ms).toBeLessThan(30_000);
  });

  it('has NL, the G4, 22 Rotterdam wijken and 92 buurten, 35 indicators x 2 age groups x 3 years', () => {
    checkShape(rivm);
    const areas = new Set(rivm.values.map((v) => v.area));
    expect(areas.size).toBe(1 + 4 + 22 + 92);
    expect(areas.has('WK059926') && areas.has('BU05992650')).toBe(true);
    expect(new Set(rivm.values.map((v) => v.variable)).size).toBe(70);
    expect(rivm.values).toHaveLength(119 * 35 * 6);
    expect(rivm.areas).toEqual([]);
  });

  it('matches values looked up by hand', () => {
    // RIVM_gezondheid2020_18+.xlsx row 12576 (GM0599): I "    74.1", AG "    55.7"
    expect(one(rivm.values, 'GM0599', 'ErvarenGezondheidGoedZeerGoed_4 18+', 2020)).toMatchObject({ value: 74.1, status: 'ok' });
    expect(one(rivm.values, 'GM0599', 'Eenzaam_28 18+', 2020).value).toBe(55.7);
    // row 2 (NL01): AG "    47.0", AI "    28.9"
    expect(one(rivm.values, 'NL', 'Eenzaam_28 18+', 2020).value).toBe(47);
    expect(one(rivm.values, 'NL', 'EmotioneelEenzaam_30 18+', 2020).value).toBe(28.9);
    // row 12676 (WK059922 Vondelingenplaat): AG "       ." -> geheim
    expect(one(rivm.values, 'WK059922', 'Eenzaam_28 18+', 2020)).toMatchObject({ value: null, status: 'geheim' });
    // 2016_18+.xlsx row 12578 (BU05990110): I "    79.6", N "    35.8", AG "    45.6"
    expect(one(rivm.values, 'BU05990110', 'ErvarenGezondheidGoedZeerGoed_4 18+', 2016).value).toBe(79.6);
    expect(one(rivm.values, 'BU05990110', 'Overgewicht_9 18+', 2016).value).toBe(35.8);
    expect(one(rivm.values, 'BU05990110', 'Eenzaam_28 18+', 2016).value).toBe(45.6);
    // 2012_65+.xlsx row 12576 (GM0599): B 80200, I "    51.8", J absent, AG "    53.7"
    expect(one(rivm.values, 'GM0599', 'ErvarenGezondheidGoedZeerGoed_4 65+', 2012).value).toBe(51.8);
    expect(one(rivm.values, 'GM0599', 'VoldoetAanBeweegrichtlijn_5 65+', 2012)).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(one(rivm.values, 'GM0599', 'Eenzaam_28 65+', 2012).value).toBe(53.7);
    // 2016_65+.xlsx row 12577 (WK059901): I "    52.2", AQ "    24.7"
    expect(one(rivm.values, 'WK059901', 'ErvarenGezondheidGoedZeerGoed_4 65+', 2016).value).toBe(52.2);
    expect(one(rivm.values, 'WK059901', 'MoeiteMetRondkomen_38 65+', 2016).value).toBe(24.7);
  });

  it('has Eenzaam_28 2020 18+ secret for the 14 harbour and industrial areas (PROVENANCE)', () => {
    const secret = rivm.values.filter((v) => v.variable === 'Eenzaam_28 18+' && v.year === 2020 && v.status === 'geheim');
    expect(secret).toHaveLength(14);
    for (const wk of ['WK059922', 'WK059923', 'WK059924', 'WK059925', 'WK059926']) {
      expect(secret.map((v) => v.area)).toContain(wk);
    }
  });

  it('has the documented entirely empty indicator columns (15 in 2012, 8 in 2016, 3 in 2020)', () => {
    for (const [year, n] of [[2012, 15], [2016, 8], [2020, 3]] as const) {
      const nl = rivm.values.filter((v) => v.area === 'NL' && v.year === year && v.variable.endsWith('18+'));
      expect(nl.filter((v) => v.status === 'ontbreekt'), String(year)).toHaveLength(n);
    }
  });
});

describe('WijkEenzaamheid2016.csv (real data)', () => {
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadEenzaamheid2016(dir);
  });

  it('has 22 Rotterdam wijken with names and the hand-checked values', () => {
    checkShape(result);
    expect(result.areas).toHaveLength(22);
    expect(result.areas.find((a) => a.code === 'WK059901')?.name).toBe('Rotterdam Centrum');
    // grep '^WK059901,': "...,32925,29442,1586,50,14,50,38,,62,..."
    expect(one(result.values, 'WK059901', '% eenzaam*', 2016)).toMatchObject({ value: 50, status: 'ok' });
    expect(one(result.values, 'WK059901', '% 75 jaar en ouder', 2016)).toMatchObject({ value: null, status: 'ontbreekt' });
    // grep '^WK059918,': "Spaanse Polder,599,Rotterdam,95,,92,..." -> empty 19+ population
    expect(one(result.values, 'WK059918', 'Bevolking 19 jaar en ouder', 2016)).toMatchObject({ value: null, status: 'ontbreekt' });
  });

  it('sums Totale bevolking of the 22 wijken to 629,570 (cross-check with the 2016 DBF)', () => {
    const total = result.values
      .filter((v) => v.variable === 'Totale bevolking')
      .reduce((s, v) => s + (v.value ?? 0), 0);
    expect(total).toBe(629_570);
  });
});

describe('Leefbaarometer 2016 (real data)', () => {
  let lbm: LoadResult;
  beforeAll(async () => {
    const t0 = performance.now();
    lbm = await loadLeefbaarometer(dir);
    console.log(`loadLeefbaarometer: ${lbm.values.length} values in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });

  it('has 22 wijken and the G4, no national row', () => {
    checkShape(lbm);
    const areas = new Set(lbm.values.map((v) => v.area));
    expect([...areas].filter((a) => a.startsWith('WK'))).toHaveLength(22);
    expect([...areas].filter((a) => a.startsWith('GM')).sort()).toEqual(['GM0344', 'GM0363', 'GM0518', 'GM0599']);
    expect(areas.has('NL')).toBe(false);
  });

  it('matches values looked up by hand', () => {
    // wijk.xlsx row 1502 (WK059901): F (KL16) 6, J (VKL0216) 6
    expect(one(lbm.values, 'WK059901', 'KL', 2016)).toMatchObject({ value: 6, status: 'ok' });
    expect(one(lbm.values, 'WK059901', 'VKL0216', 2016)).toMatchObject({ value: 6, note: '2002-2016' });
    // row 1518 (WK059922): F is the error value #N/A -> ontbreekt
    expect(one(lbm.values, 'WK059922', 'KL', 2016)).toMatchObject({ value: null, status: 'ontbreekt' });
    // row 1515 (WK059918 Spaanse Polder): D (KL12) 4, E (KL14) 5, N (VKL1214) 5, F #N/A
    expect(one(lbm.values, 'WK059918', 'KL', 2012).value).toBe(4);
    expect(one(lbm.values, 'WK059918', 'KL', 2014).value).toBe(5);
    expect(one(lbm.values, 'WK059918', 'VKL1214', 2014).value).toBe(5);
    expect(one(lbm.values, 'WK059918', 'KL', 2016).status).toBe('ontbreekt');
    // score_gemeente.xlsx row 202 (GM0599): F (KL16) 4
    expect(one(lbm.values, 'GM0599', 'KL', 2016).value).toBe(4);
    // dimensiescore_wijk (stand).xlsx data(1) row 4480 (WK059901, 2016): C -7.9485270403976599E-2
    expect(one(lbm.values, 'WK059901', 'RLBRMTR', 2016).value).toBeCloseTo(-0.079485270403976599, 12);
    // row 4478 (WK059901, 2012): F (RLBVRZ) 0.333449941111436
    expect(one(lbm.values, 'WK059901', 'RLBVRZ', 2012).value).toBeCloseTo(0.333449941111436, 12);
    // rows 4526-4528 (WK059922): C absent -> ontbreekt
    expect(one(lbm.values, 'WK059922', 'RLBRMTR', 2016)).toMatchObject({ value: null, status: 'ontbreekt' });
    // dimensiescore_gemeente (stand).xlsx row 394 (GM0363, 2016): C -0.146297417271566
    expect(one(lbm.values, 'GM0363', 'RLBRMTR', 2016).value).toBeCloseTo(-0.146297417271566, 12);
    // dimensiescore_wijk (ontwikkeling).xlsx row 4479 (WK059901, 2012-2016): D 9.1172060449600204E-2
    expect(one(lbm.values, 'WK059901', 'DLBRMTR1216', 2016)).toMatchObject({ note: '2012-2016' });
    expect(one(lbm.values, 'WK059901', 'DLBRMTR1216', 2016).value).toBeCloseTo(0.091172060449600204, 12);
  });

  it('lacks KL16 for exactly the 8 harbour and industrial wijken of PROVENANCE', () => {
    const missing = lbm.values.filter((v) => v.variable === 'KL' && v.year === 2016 && v.status !== 'ok').map((v) => v.area);
    expect(missing.sort()).toEqual(['WK059918', 'WK059919', 'WK059921', 'WK059922', 'WK059923', 'WK059924', 'WK059925', 'WK059926']);
  });

  it('has dimension scores for 20 Rotterdam wijken (none for WK059925, WK059926)', () => {
    const wijken = new Set(lbm.values.filter((v) => v.variable === 'RLBRMTR' && v.area.startsWith('WK')).map((v) => v.area));
    expect(wijken.size).toBe(20);
    expect(wijken.has('WK059925') || wijken.has('WK059926')).toBe(false);
  });
});
