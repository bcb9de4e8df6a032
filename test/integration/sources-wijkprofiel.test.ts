// The Wijkprofiel loader on the real open data (PROVENANCE sections 6 and 9).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceValue } from '../../scripts/pipeline/sources/types.ts';
import {
  COMPONENT_COLUMNS,
  CSV_DIR,
  INDEX_COLUMNS,
  loadWijkprofiel,
  loadWijkprofielContext2015,
  parseIndexCsv,
  readWijkprofielMapping,
  readXlsIndexSheet,
  WIJKPROFIEL_XLS,
  type Part,
  type WijkprofielResult,
} from '../../scripts/pipeline/sources/wijkprofiel.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = path.resolve(ROOT, process.env.OPENDATA_DIR ?? '../shared/opendata');
const MAPPING = path.join(ROOT, 'data/wijkprofiel-gebieden.csv');

/** Codering column (4th field) of the KWB 2016 export: 5 header lines, then one row per area. */
async function kwb2016(): Promise<Map<string, string>> {
  const text = await readFile(path.join(DIR, 'cbs_kwb_rotterdam_2014_2018/Kerncijfers_wijken_en_buurten_2016.csv'), 'utf8');
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(5).filter(Boolean).map((l) => l.split(';'));
  return new Map(rows.map((f) => [f[3], f[0]]));
}

function get(values: SourceValue[], year: number, area: string, variable: string): SourceValue {
  const hits = values.filter((v) => v.year === year && v.area === area && v.variable === variable);
  expect(hits, `${year} ${area} ${variable}`).toHaveLength(1);
  return hits[0];
}

describe('Wijkprofiel on the real data', () => {
  let r: WijkprofielResult;
  let seconds: number;
  beforeAll(async () => {
    // CPU time, not wall time: a busy machine says nothing about the loader.
    const cpu0 = process.cpuUsage();
    r = await loadWijkprofiel(DIR, MAPPING);
    const cpu = process.cpuUsage(cpu0);
    seconds = (cpu.user + cpu.system) / 1e6;
  });

  it('maps every Wijkprofiel row (in well under 30 s of CPU time)', () => {
    expect(r.unmapped).toEqual([]);
    expect(seconds).toBeLessThan(30);
  });

  it('uses only codes that exist in KWB 2016, with buurten inside the CBS wijk of their gebied', async () => {
    const kwb = await kwb2016();
    const mapping = await readWijkprofielMapping(MAPPING);
    for (const m of mapping) for (const c of m.codes) expect(kwb.has(c), `${m.wijknr} ${m.naam} -> ${c}`).toBe(true);
    for (const v of r.values) expect(kwb.has(v.area), v.area).toBe(true);
    // gebied rows: the CBS wijk carries the gebied name
    for (const m of mapping.filter((x) => x.wijknr >= 4000 && x.wijknr < 5000)) expect(kwb.get(m.codes[0])).toBe(m.naam);
    // wijk rows: each buurt lies in the CBS wijk of the Wijkprofiel "naam gebied" of that row
    const wb = XLSX.read(await readFile(path.join(DIR, WIJKPROFIEL_XLS)), { type: 'buffer' });
    const rows = readXlsIndexSheet(wb, 'SI', 2014, 'xls').rows;
    const wkOfGebied = new Map(mapping.filter((x) => x.wijknr >= 4000 && x.wijknr < 5000).map((x) => [x.naam, x.codes[0]]));
    const byNr = new Map(mapping.map((x) => [x.wijknr, x]));
    for (const row of rows.filter((x) => x.wijknr < 4000)) {
      const wk = wkOfGebied.get(row.gebied);
      for (const c of byNr.get(row.wijknr)!.codes) expect(`WK${c.slice(2, 8)}`, `${row.naam} ${c}`).toBe(wk);
    }
  });

  it('emits 19 index and 22 component variables for 94 areas (79 CBS buurten, 14 wijken, GM0599) in 2014, 2016 and 2018', () => {
    for (const year of [2014, 2016, 2018]) {
      const ofYear = r.values.filter((v) => v.year === year);
      expect(ofYear).toHaveLength(94 * (19 + 22));
      const areas = new Set(ofYear.map((v) => v.area));
      expect([...areas].filter((a) => a.startsWith('BU'))).toHaveLength(79);
      expect([...areas].filter((a) => a.startsWith('WK'))).toHaveLength(14);
      expect(areas.has('GM0599')).toBe(true);
    }
    expect(new Set(r.values.map((v) => v.variable))).toEqual(new Set([...INDEX_COLUMNS, ...COMPONENT_COLUMNS].map((c) => c.variable)));
    const indices = new Set(INDEX_COLUMNS.map((c) => c.variable));
    expect(r.values.filter((v) => indices.has(v.variable)).every((v) => v.status === 'ok')).toBe(true); // no index cell is empty in any year
  });

  it('has every mapped wijk, gebied and the city for every component in every year', async () => {
    const mapping = await readWijkprofielMapping(MAPPING);
    const codes = new Set(mapping.flatMap((m) => m.codes));
    expect(codes.size).toBe(94);
    for (const year of [2014, 2016, 2018]) {
      for (const c of COMPONENT_COLUMNS) {
        const areas = new Set(r.values.filter((v) => v.year === year && v.variable === c.variable).map((v) => v.area));
        expect(areas, `${year} ${c.variable}`).toEqual(codes);
      }
      // the registration-based work and education figures are there for (nearly) every area
      for (const v of ['werkenden23_64_p', 'nww23_64_p', 'geen_startkwal_p', 'Leelringenhavovwo_p', 'VSV', 'Bijstandsontvangers_p']) {
        const ok = r.values.filter((x) => x.year === year && x.variable === v && x.status === 'ok');
        expect(ok.length, `${year} ${v}`).toBe(94);
      }
    }
  });

  it('has the values looked up by hand', () => {
    const v = r.values;
    // Tarwewijk (wijknr 71 -> BU05991571), OBI xls
    expect(get(v, 2014, 'BU05991571', 'SI').value).toBeCloseTo(69.58, 2);
    expect(get(v, 2016, 'BU05991571', 'SI').value).toBeCloseTo(78.86, 2);
    expect(get(v, 2016, 'BU05991571', 'FI').value).toBeCloseTo(80.72, 2);
    expect(get(v, 2016, 'BU05991571', 'FI objectief').value).toBeCloseTo(93.34, 2);
    expect(get(v, 2016, 'BU05991571', 'FI subjectief').value).toBeCloseTo(68.09, 2);
    expect(get(v, 2016, 'BU05991571', 'VI').value).toBeCloseTo(83.54, 2);
    expect(get(v, 2014, 'BU05991571', 'VI diefstal objectief').value).toBeCloseTo(113.54, 2);
    // Rotterdam = 100 in 2014 by definition
    for (const c of INDEX_COLUMNS) expect(get(v, 2014, 'GM0599', c.variable).value).toBe(100);
    expect(get(v, 2016, 'GM0599', 'SI').value).toBeCloseTo(100.41, 2);
    // 2018 CSV: Tarwewijk 77/75/80 (si), 79/64/93 (fi), 73/54/93 (vi); Carnisse SI 71; Rotterdam SI 105
    expect(get(v, 2018, 'BU05991571', 'SI').value).toBe(77);
    expect(get(v, 2018, 'BU05991571', 'FI objectief').value).toBe(93);
    expect(get(v, 2018, 'BU05991571', 'VI subjectief').value).toBe(54);
    expect(get(v, 2018, 'BU05991572', 'SI').value).toBe(71);
    expect(get(v, 2018, 'GM0599', 'SI').value).toBe(105);
    // Delfshaven: wijk 20 -> buurt, gebied 4001 -> CBS wijk
    expect(get(v, 2014, 'BU05990320', 'SI').value).toBeCloseTo(88.42, 2);
    expect(get(v, 2014, 'WK059903', 'SI').value).toBeCloseTo(88.18, 2);
    // samengevoegd: 3003 Nieuwe Werk/Dijkzigt on both buurten
    for (const c of ['BU05990118', 'BU05990119']) {
      expect(get(v, 2014, c, 'SI').value).toBeCloseTo(111.56, 2);
      expect(get(v, 2014, c, 'SI').note).toContain('Nieuwe Werk/Dijkzigt');
    }
    // deel: Groot IJsselmonde-Noord (11909 inh.) and -Zuid (15759) in BU05991289
    expect(get(v, 2018, 'BU05991289', 'SI').value).toBeCloseTo((101 * 11909 + 103 * 15759) / 27668, 10);
    expect(get(v, 2014, 'BU05991289', 'SI').value).toBeCloseTo((95.0526 * 11909 + 94.7016 * 15759) / 27668, 3);
    expect(get(v, 2014, 'BU05991289', 'SI').note).toMatch(/Bevolkingsgewogen.*11\.909.*15\.759/);
  });

  // Looked up by hand with python3-xlrd (xls) and python's csv module (CSVs), not with the loader's
  // reader. xls = OBI xls "Datastructuur wijkprofiel vulling 2016_definitief 03022016_Basis voor
  // gebieden.xls", cells in Excel notation (sheet row 29 = Afrikaanderwijk 86, 32 = gebied Feijenoord
  // 4007, 85 = Nieuwe Werk/Dijkzigt 3003, 89 = Rotterdam 5000), a fraction there = percentage × 100.
  // CSV = csv_2014_2016_2018/gemeente 2018 <part>.csv, line (1-based) and field (1-based): line 27 =
  // Afrikaanderwijk, 30 = Feijenoord 4007, 83 = 3003, 87 = Rotterdam 5000.
  it('has the component values looked up by hand (wijk, gebied, city; 2014, 2016 from the xls, 2018 from the CSV)', () => {
    const v = r.values;
    const AFR = 'BU05991086';
    const FEIJ = 'WK059910';
    // % bewoners (23 t/m 64 jr) met werk: xls SI 2014 / SI 2016 column CN; si.csv field 92
    expect(get(v, 2014, AFR, 'werkenden23_64_p').value).toBeCloseTo(37.639385651167684, 10); // CN29
    expect(get(v, 2014, FEIJ, 'werkenden23_64_p').value).toBeCloseTo(50.07684486794505, 10); // CN32
    expect(get(v, 2014, 'GM0599', 'werkenden23_64_p').value).toBeCloseTo(60.07006615199691, 10); // CN89
    expect(get(v, 2016, AFR, 'werkenden23_64_p').value).toBeCloseTo(36.03230030554343, 10); // SI 2016 CN29
    expect(get(v, 2016, FEIJ, 'werkenden23_64_p').value).toBeCloseTo(48.69468922293954, 10); // SI 2016 CN32
    expect(get(v, 2016, 'GM0599', 'werkenden23_64_p').value).toBeCloseTo(58.97745928916892, 10); // SI 2016 CN89
    expect(get(v, 2018, AFR, 'werkenden23_64_p').value).toBe(37); // line 27 '37%'
    expect(get(v, 2018, FEIJ, 'werkenden23_64_p').value).toBe(50); // line 30 '50%'
    expect(get(v, 2018, 'GM0599', 'werkenden23_64_p').value).toBe(60); // line 87 '60%'
    // % werkzoekende bewoners (23 t/m 64 jr) zonder baan: column CO; field 93
    expect(get(v, 2014, AFR, 'nww23_64_p').value).toBeCloseTo(22.360515021459226, 10); // SI 2014 CO29
    expect(get(v, 2016, 'GM0599', 'nww23_64_p').value).toBeCloseTo(17.016976556184316, 10); // SI 2016 CO89
    expect(get(v, 2018, FEIJ, 'nww23_64_p').value).toBe(20); // line 30 '20%'
    // % leerlingen in 3e klas havo/vwo: column BQ; field 69
    expect(get(v, 2014, 'GM0599', 'Leelringenhavovwo_p').value).toBeCloseTo(36.232002617801046, 10); // SI 2014 BQ89
    expect(get(v, 2016, AFR, 'Leelringenhavovwo_p').value).toBeCloseTo(25.81967213114754, 10); // SI 2016 BQ29
    expect(get(v, 2016, FEIJ, 'Leelringenhavovwo_p').value).toBeCloseTo(26.82627378759975, 10); // SI 2016 BQ32
    expect(get(v, 2018, AFR, 'Leelringenhavovwo_p').value).toBe(27); // line 27 '27%'
    expect(get(v, 2018, 'GM0599', 'Leelringenhavovwo_p').value).toBe(38); // line 87 '38%'
    // % huishoudens met een bijstandsuitkering: column BO; field 67
    expect(get(v, 2014, FEIJ, 'Bijstandsontvangers_p').value).toBeCloseTo(18.043714596326602, 10); // SI 2014 BO32
    expect(get(v, 2016, 'GM0599', 'Bijstandsontvangers_p').value).toBeCloseTo(12.077461523456862, 10); // SI 2016 BO89
    expect(get(v, 2018, AFR, 'Bijstandsontvangers_p').value).toBe(26); // line 27 '26%'
    // survey: moeilijk rondkomen, column Q; field 17
    expect(get(v, 2014, AFR, 'MoeilijkRondkomen_p').value).toBeCloseTo(40.083726398371095, 10); // SI 2014 Q29
    expect(get(v, 2016, FEIJ, 'MoeilijkRondkomen_p').value).toBeCloseTo(29.90064208326199, 10); // SI 2016 Q32
    expect(get(v, 2018, 'GM0599', 'MoeilijkRondkomen_p').value).toBe(16); // line 87 '16%'
    // % leegstaande woningen: xls FI-obj column O; fi_obj.csv field 15
    expect(get(v, 2014, AFR, 'p_leegstand').value).toBeCloseTo(11.209677419354838, 10); // FI-obj 2014 O29
    expect(get(v, 2016, FEIJ, 'p_leegstand').value).toBeCloseTo(8.77253317284269, 10); // FI-obj 2016 O32
    expect(get(v, 2018, 'GM0599', 'p_leegstand').value).toBe(5); // line 87 '5%'
    // Inbraak woning per duizend adressen: xls VI column BL (as is); vi.csv field 64
    expect(get(v, 2014, 'GM0599', 'mis111norm').value).toBeCloseTo(14.763792710858704, 10); // VI 2014 BL89
    expect(get(v, 2016, AFR, 'mis111norm').value).toBeCloseTo(18.57225769007545, 10); // VI 2016 BL29
    expect(get(v, 2018, FEIJ, 'mis111norm').value).toBe(12); // line 30 '12'
    // merged wijk 3003 Nieuwe Werk/Dijkzigt: the pair's value on both buurten, marked with the pair as unit
    for (const code of ['BU05990118', 'BU05990119']) {
      const x = get(v, 2016, code, 'Leelringenhavovwo_p');
      expect(x.value).toBeCloseTo(85.71428571428571, 10); // SI 2016 BQ85
      expect(x.unit).toBe('WP3003');
      expect(x.note).toContain('Nieuwe Werk/Dijkzigt');
      expect(get(v, 2018, code, 'nww23_64_p').value).toBe(3); // si.csv line 83 field 93 '3%'
    }
  });

  it('reads the 2016 SI components from the xls (unrounded), not from a CSV', () => {
    expect(r.files).toContain(WIJKPROFIEL_XLS);
    expect(r.files.some((f) => /gemeente 2016 si\.csv$/.test(f))).toBe(false);
    const si2016 = r.values.filter((x) => x.year === 2016 && COMPONENT_COLUMNS.some((c) => c.part === 'SI' && c.variable === x.variable) && x.status === 'ok');
    expect(si2016).toHaveLength(16 * 94);
    // a CSV holds whole or 1-2 decimal percentages; the xls fractions give many decimals
    expect(si2016.filter((x) => Math.abs(x.value! * 100 - Math.round(x.value! * 100)) > 1e-6).length).toBeGreaterThan(1000);
  });

  it('reads the inhabitants used as weights', async () => {
    const ctx = await loadWijkprofielContext2015(DIR);
    expect(ctx.size).toBe(86);
    expect(ctx.get(1009)?.inwoners).toBe(11909);
    expect(ctx.get(1010)?.inwoners).toBe(15759);
    const wijken = [...ctx.values()].filter((c) => c.wijknr < 4000);
    expect(wijken.reduce((s, c) => s + c.inwoners, 0)).toBe(623781);
  });

  it('xls 2014/2016 and the CSVs of those years agree after rounding, for every row and index column', async () => {
    const wb = XLSX.read(await readFile(path.join(DIR, WIJKPROFIEL_XLS)), { type: 'buffer' });
    const parts: [Part, string][] = [['SI', 'si'], ['FI-obj', 'fi_obj'], ['FI-subj', 'fi_subj'], ['VI', 'vi']];
    let compared = 0;
    let componentsCompared = 0;
    for (const year of [2014, 2016]) {
      for (const [part, name] of parts) {
        if (year === 2016 && part === 'SI') continue; // no 2016 si CSV (excluded: mislabelled 2018 copy)
        const rel = `${CSV_DIR}/gemeente ${year} ${name}.csv`;
        const csv = parseIndexCsv(await readFile(path.join(DIR, rel)), rel, part, year);
        const xls = readXlsIndexSheet(wb, part, year, WIJKPROFIEL_XLS);
        expect(csv.rows.map((x) => [x.wijknr, x.naam])).toEqual(xls.rows.map((x) => [x.wijknr, x.naam]));
        const components = new Set(COMPONENT_COLUMNS.map((c) => c.variable));
        csv.rows.forEach((c, i) => {
          for (const [k, x] of xls.rows[i].values) {
            if (!components.has(k)) { // an index or an FI copy
              expect(Math.round(x!), `${rel} ${c.naam} ${k}`).toBe(c.values.get(k));
              compared++;
            } else {
              // components: the CSV rounds to whole numbers or 1-2 decimals; both empty or both there
              const y = c.values.get(k);
              if (x === null || y === null) expect(x, `${rel} ${c.naam} ${k}`).toBe(y);
              else expect(Math.abs(x! - y!), `${rel} ${c.naam} ${k}: ${x} / ${y}`).toBeLessThanOrEqual(0.5 + 1e-9);
              componentsCompared++;
            }
          }
        });
      }
    }
    expect(compared).toBe(86 * (3 + 3 + 13) * 2 + 86 * 3); // SI only 2014
    expect(componentsCompared).toBe(86 * (3 + 3) * 2 + 86 * 16); // FI-obj and VI 2014 and 2016, SI only 2014
  });
});
