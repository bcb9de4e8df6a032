// The Wijkprofiel loader on the real open data (PROVENANCE sections 6 and 9).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceValue } from '../../scripts/pipeline/sources/types.ts';
import {
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

  it('emits 19 index variables for 94 areas (79 CBS buurten, 14 wijken, GM0599) in 2014, 2016 and 2018', () => {
    for (const year of [2014, 2016, 2018]) {
      const ofYear = r.values.filter((v) => v.year === year);
      expect(ofYear).toHaveLength(94 * 19);
      const areas = new Set(ofYear.map((v) => v.area));
      expect([...areas].filter((a) => a.startsWith('BU'))).toHaveLength(79);
      expect([...areas].filter((a) => a.startsWith('WK'))).toHaveLength(14);
      expect(areas.has('GM0599')).toBe(true);
    }
    expect(new Set(r.values.map((v) => v.variable))).toEqual(new Set(INDEX_COLUMNS.map((c) => c.variable)));
    expect(r.values.every((v) => v.status === 'ok')).toBe(true); // no index cell is empty in any year
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
    for (const year of [2014, 2016]) {
      for (const [part, name] of parts) {
        if (year === 2016 && part === 'SI') continue; // no 2016 si CSV (excluded: mislabelled 2018 copy)
        const rel = `${CSV_DIR}/gemeente ${year} ${name}.csv`;
        const csv = parseIndexCsv(await readFile(path.join(DIR, rel)), rel, part, year);
        const xls = readXlsIndexSheet(wb, part, year, WIJKPROFIEL_XLS);
        expect(csv.rows.map((x) => [x.wijknr, x.naam])).toEqual(xls.rows.map((x) => [x.wijknr, x.naam]));
        csv.rows.forEach((c, i) => {
          for (const [k, x] of xls.rows[i].values) {
            expect(Math.round(x!), `${rel} ${c.naam} ${k}`).toBe(c.values.get(k));
            compared++;
          }
        });
      }
    }
    expect(compared).toBe(86 * (3 + 3 + 13) * 2 + 86 * 3); // SI only 2014
  });
});
