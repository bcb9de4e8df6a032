// scripts/pipeline/sources/cbs-odata.ts on tables written by the real downloader (from the local server):
// variable names as the hand-downloaded loaders name them, values and statuses, areas, and loud
// SourceErrors for columns that DataProperties does not explain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadTables } from '../../../../scripts/pipeline/download-cbs.ts';
import { CBS_ODATA_DIR, describeColumns, loadCbsOdata, loadCbsOdataIfPresent, type DataProperty } from '../../../../scripts/pipeline/sources/cbs-odata.ts';
import type { SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { expectSourceError, expectSourceErrorAsync } from '../sources/expect-source-error.ts';
import { completenessProblems } from '../../../../scripts/pipeline/completeness.ts';
import { fixture, KEPT, kwbTable, rivmTable, testConfig } from './fixtures.ts';
import { startOdataServer } from './odata-server.ts';

let src: string;
const made: string[] = [];
const HK = 'Bevolking|Bevolking naar herkomst|';
const KWB = `${CBS_ODATA_DIR}/85984NED`;
const RIVM = `${CBS_ODATA_DIR}/50090NED`;

beforeAll(async () => {
  const server = await startOdataServer({ '85984NED': kwbTable(), '50090NED': rivmTable() }, { pageSize: 4 });
  try {
    src = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-loader-'));
    const r = await downloadTables({ outDir: src, config: testConfig(), baseUrl: server.baseUrl, pageRows: 4 });
    expect(r.failures).toEqual([]);
  } finally {
    await server.close();
  }
});
afterAll(() => {
  for (const d of [src, ...made]) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the downloaded folder with one file changed. */
function variant(rel: string, change: (json: unknown) => unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-loader-v-'));
  made.push(dir);
  fs.cpSync(src, dir, { recursive: true });
  const f = path.join(dir, rel);
  fs.writeFileSync(f, JSON.stringify(change(JSON.parse(fs.readFileSync(f, 'utf8')))));
  return dir;
}

const get = (values: SourceValue[], area: string, variable: string, year?: number) =>
  values.filter((v) => v.area === area && v.variable === variable && (year === undefined || v.year === year));

describe('loadCbsOdata: KWB', () => {
  it('names variables "Title [Unit]" and uses the TopicGroup path where that name repeats', async () => {
    const r = await loadCbsOdata(src);
    const vars = [...new Set(r.values.filter((v) => v.source === 'kwb').map((v) => v.variable))];
    expect(vars).toEqual([
      'Indelingswijziging',
      'Aantal inwoners [aantal]',
      '0 tot 15 jaar [aantal]',
      `${HK}Herkomstland|Buiten Europa [aantal]`,
      `${HK}Geboren in Nederland|Buiten Europa [aantal]`,
      'Gemiddelde WOZ-waarde van woningen [x 1 000 euro]',
      'Koopwoningen [%]',
      'Aantal inkomensontvangers [aantal]', // NBSP and trailing spaces of the title trimmed
      'Mate van stedelijkheid [code]',
    ]);
  });

  it('gives values per kept area for year 2024, null as geheim', async () => {
    const r = await loadCbsOdata(src);
    expect(get(r.values, 'GM0599', 'Aantal inwoners [aantal]')).toEqual([
      { source: 'kwb', year: 2024, area: 'GM0599', variable: 'Aantal inwoners [aantal]', value: 1001, status: 'ok' },
    ]);
    expect(get(r.values, 'NL', 'Aantal inwoners [aantal]')[0]!.value).toBe(1000);
    expect(get(r.values, 'BU05990320', `${HK}Herkomstland|Buiten Europa [aantal]`)[0]!.value).toBe(19);
    expect(get(r.values, 'BU05990320', `${HK}Geboren in Nederland|Buiten Europa [aantal]`)[0]!.value).toBe(29);
    expect(get(r.values, 'BU05990110', 'Koopwoningen [%]')[0]!.value).toBe(12.5);
    expect(get(r.values, 'BU05990111', 'Gemiddelde WOZ-waarde van woningen [x 1 000 euro]')[0]).toMatchObject({ value: null, status: 'geheim' });
    expect(get(r.values, 'NL', 'Indelingswijziging')[0]).toMatchObject({ value: null, status: 'niet van toepassing' });
    expect(get(r.values, 'WK059903', 'Indelingswijziging')[0]).toMatchObject({ value: 1, status: 'ok' });
    expect(new Set(r.values.filter((v) => v.source === 'kwb').map((v) => v.area))).toEqual(new Set(KEPT.map((c) => (c === 'NL00' ? 'NL' : c))));
    expect(r.values.filter((v) => v.source === 'kwb')).toHaveLength(10 * 9);
  });

  it('names areas from the WijkenEnBuurten dimension (wijk prefix "Wijk 01 " dropped)', async () => {
    const r = await loadCbsOdata(src);
    expect(r.areas).toHaveLength(10);
    expect(r.areas.find((a) => a.code === 'WK059901')).toEqual({ code: 'WK059901', name: 'Stadsdriehoek', year: 2024, source: 'kwb' });
    expect(r.areas.find((a) => a.code === 'NL')?.name).toBe('Nederland');
    expect(r.areas.filter((a) => a.name === 'Delfshaven').map((a) => a.code)).toEqual(['WK059903', 'BU05990320']);
  });

  it('lists the files it read, relative to the source folder', async () => {
    const r = await loadCbsOdata(src);
    expect(r.files).toContain(`${KWB}/TypedDataSet.json`);
    expect(r.files).toContain(`${RIVM}/DataProperties.json`);
    expect(r.files.every((f) => !path.isAbsolute(f))).toBe(true);
  });
});

describe('loadCbsOdata: RIVM 50090NED', () => {
  it('names variables "<Key> <leeftijd>" like the xlsx loader, one year per Perioden', async () => {
    const r = await loadCbsOdata(src);
    const rivm = r.values.filter((v) => v.source === 'rivm');
    expect(rivm).toHaveLength(10 * 2 * 3 * 2);
    expect(get(rivm, 'GM0599', 'MoeiteMetRondkomen_38 18+').map((v) => [v.year, v.value])).toEqual([[2012, 20], [2016, 24], [2020, 28]]);
    expect(get(rivm, 'NL', 'ErvarenGezondheidGoedZeerGoed_4 65+', 2016)[0]).toEqual({
      source: 'rivm', year: 2016, area: 'NL', variable: 'ErvarenGezondheidGoedZeerGoed_4 65+', value: 75, status: 'ok',
    });
    expect(get(rivm, 'BU05990110', 'ErvarenGezondheidGoedZeerGoed_4 18+', 2012)[0]).toMatchObject({ value: null, status: 'geheim' });
    expect(r.areas.some((a) => a.source === 'rivm')).toBe(false);
  });
});

describe('loadCbsOdata: options and folders', () => {
  it('include() leaves out (source, year) pairs, e.g. years the hand-downloaded files cover', async () => {
    const r = await loadCbsOdata(src, { include: (source, year) => !(source === 'kwb' && year === 2024) && year !== 2012 });
    expect(new Set(r.values.map((v) => `${v.source} ${v.year}`))).toEqual(new Set(['rivm 2016', 'rivm 2020']));
    expect(r.areas).toEqual([]);
  });

  it('ignores .partial and temp folders; loadCbsOdataIfPresent is empty without cbs_odata', async () => {
    const dir = variant(`${KWB}/download.json`, (j) => j);
    fs.mkdirSync(path.join(dir, CBS_ODATA_DIR, '.partial/84583NED'), { recursive: true });
    fs.mkdirSync(path.join(dir, CBS_ODATA_DIR, '.tmp-84583NED-1'), { recursive: true });
    expect((await loadCbsOdata(dir)).values).toHaveLength(90 + 120);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-loader-e-'));
    made.push(empty);
    expect(await loadCbsOdataIfPresent(empty)).toEqual({ values: [], areas: [], files: [] });
    expect((await loadCbsOdataIfPresent(src)).values).toHaveLength(210);
    await expectSourceErrorAsync(() => loadCbsOdata(empty), { file: CBS_ODATA_DIR, detail: /map niet leesbaar/ });
  });

  it('reads files in OData\'s {"value": […]} wrapper too', async () => {
    const dir = variant(`${KWB}/DataProperties.json`, (j) => ({ 'odata.metadata': 'x', value: j }));
    expect((await loadCbsOdata(dir)).values).toHaveLength(210);
  });
});

describe('loadCbsOdata: loud failures', () => {
  it('a data column that DataProperties does not name', async () => {
    const dir = variant(`${KWB}/TypedDataSet.json`, (rows) => (rows as object[]).map((r, i) => (i === 2 ? { ...r, Bevolkingsdichtheid_34: 5000 } : r)));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), {
      file: `${KWB}/TypedDataSet.json`, row: 3, column: 'Bevolkingsdichtheid_34', detail: /kolom staat niet in DataProperties\.json/,
    });
  });

  it('a DataProperties topic whose column is missing from the data', async () => {
    const dir = variant(`${KWB}/TypedDataSet.json`, (rows) =>
      (rows as Record<string, unknown>[]).map((r, i) => {
        if (i !== 4) return r;
        const { Koopwoningen_47: _, ...rest } = r;
        return rest;
      }),
    );
    await expectSourceErrorAsync(() => loadCbsOdata(dir), {
      file: `${KWB}/TypedDataSet.json`, row: 5, column: 'Koopwoningen_47', detail: /ontbreekt in de data/,
    });
  });

  it('a DataProperties dimension whose column is missing (RIVM Marges)', async () => {
    const dir = variant(`${RIVM}/TypedDataSet.json`, (rows) => (rows as Record<string, unknown>[]).map(({ Marges: _, ...r }) => r));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${RIVM}/TypedDataSet.json`, row: 1, column: 'Marges' });
  });

  it('text where a number belongs', async () => {
    const dir = variant(`${KWB}/TypedDataSet.json`, (rows) => (rows as object[]).map((r, i) => (i === 1 ? { ...r, AantalInwoners_5: '1001' } : r)));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${KWB}/TypedDataSet.json`, row: 2, column: 'AantalInwoners_5', detail: /geen getal: "1001"/ });
  });

  it('an area code that the WijkenEnBuurten file does not know', async () => {
    const dir = variant(`${KWB}/WijkenEnBuurten.json`, (rows) => (rows as { Key: string }[]).filter((r) => r.Key.trim() !== 'BU05990320'));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${KWB}/WijkenEnBuurten.json`, detail: /regiocode BU05990320 uit TypedDataSet\.json \(rij \d+\) ontbreekt/ });
  });

  it('a Leeftijd code download.json gives no label for', async () => {
    const dir = variant(`${RIVM}/TypedDataSet.json`, (rows) => (rows as object[]).map((r, i) => (i === 0 ? { ...r, Leeftijd: '53115' } : r)));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${RIVM}/TypedDataSet.json`, row: 1, column: 'Leeftijd', detail: /onbekende Leeftijd-code "53115"/ });
  });

  it('a period outside the years of download.json', async () => {
    const dir = variant(`${RIVM}/TypedDataSet.json`, (rows) => (rows as object[]).map((r, i) => (i === 0 ? { ...r, Perioden: '2022JJ00' } : r)));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${RIVM}/TypedDataSet.json`, row: 1, column: 'Perioden', detail: /2022JJ00 hoort niet bij/ });
  });

  it('a file that is not JSON, and a missing one', async () => {
    const dir = variant(`${KWB}/download.json`, (j) => j);
    fs.writeFileSync(path.join(dir, KWB, 'DataProperties.json'), '[{"Key":');
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${KWB}/DataProperties.json`, detail: /geen geldige JSON/ });
    fs.rmSync(path.join(dir, KWB, 'DataProperties.json'));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${KWB}/DataProperties.json`, detail: /bestand niet leesbaar/ });
  });

  it('TypedDataSet.json with fewer rows than download.json wrote: the file, the count and the codes without rows', async () => {
    const all = JSON.parse(fs.readFileSync(path.join(src, KWB, 'TypedDataSet.json'), 'utf8')) as { WijkenEnBuurten: string }[];
    const dropped = all.slice(-3).map((r) => r.WijkenEnBuurten.trim());
    const dir = variant(`${KWB}/TypedDataSet.json`, (rows) => (rows as object[]).slice(0, -3));
    const e = await expectSourceErrorAsync(() => loadCbsOdata(dir), {
      file: `${KWB}/TypedDataSet.json`, detail: new RegExp(`${all.length - 3} rijen, download.json meldt er ${all.length}: 3 rijen ontbreken; ontbreekt: `),
    });
    for (const c of dropped) expect(e.message).toContain(c);
  });

  it('an area dimension file shorter than download.json says', async () => {
    const dir = variant(`${RIVM}/WijkenEnBuurten.json`, (rows) => (rows as object[]).slice(0, -1));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${RIVM}/WijkenEnBuurten.json`, detail: /regels, download\.json meldt er \d+: bestand onvolledig/ });
  });

  it('without counts in download.json, the codes of the area dimension without rows are declared missing', async () => {
    const noCounts = variant(`${KWB}/download.json`, (j) => ({ ...(j as object), rows: undefined }));
    const f = path.join(noCounts, KWB, 'TypedDataSet.json');
    const rows = JSON.parse(fs.readFileSync(f, 'utf8')) as { WijkenEnBuurten: string }[];
    fs.writeFileSync(f, JSON.stringify(rows.slice(0, -2)));
    const r = await loadCbsOdata(noCounts);
    const problems = r.expected!.flatMap(completenessProblems);
    const lost = rows.slice(-2).map((x) => x.WijkenEnBuurten.trim());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${KWB}/TypedDataSet\\.json: ontbreekt: .*\\(2 van de 10 volgens ${KWB}/WijkenEnBuurten\\.json\\)$`));
    for (const c of lost) expect(problems[0]).toContain(c);
    expect((await loadCbsOdata(src)).expected!.flatMap(completenessProblems)).toEqual([]);
  });

  it('download.json for another table than its folder', async () => {
    const dir = variant(`${KWB}/download.json`, (j) => ({ ...(j as object), table: '84583NED' }));
    await expectSourceErrorAsync(() => loadCbsOdata(dir), { file: `${KWB}/download.json`, detail: /past niet bij de mapnaam/ });
  });
});

describe('describeColumns', () => {
  const props = fixture('kwb-DataProperties.json') as unknown as DataProperty[];

  it('maps keys to names, skipping text topics', () => {
    const c = describeColumns(props, 'DataProperties.json');
    expect(c.kwbNames.get('AantalInwoners_5')).toBe('Aantal inwoners [aantal]');
    expect(c.kwbNames.get('BuitenEuropa_19')).toBe(`${HK}Herkomstland|Buiten Europa [aantal]`);
    expect(c.kwbNames.has('MeestVoorkomendePostcode_125')).toBe(false);
    expect(c.kwbNames.has('Codering_3')).toBe(false);
    expect(c.dimensions.map((d) => d.Key)).toEqual(['WijkenEnBuurten']);
  });

  it('rejects a repeated Key, an unknown Type or Datatype, a dangling ParentID', () => {
    expectSourceError(() => describeColumns([...props, { ...props[7]!, ID: 999 }], 'D.json'), { file: 'D.json', row: props.length + 1, column: 'AantalInwoners_5', detail: /Key komt twee keer voor/ });
    expectSourceError(() => describeColumns([...props, { ID: 998, Type: 'Measure', Key: 'X_1' }], 'D.json'), { file: 'D.json', column: 'X_1', detail: /onbekend Type "Measure"/ });
    expectSourceError(() => describeColumns([...props, { ID: 997, Type: 'Topic', Key: 'X_2', Title: 'X', Datatype: 'Boolean', ParentID: null }], 'D.json'), { file: 'D.json', column: 'X_2', detail: /onbekend Datatype "Boolean"/ });
    expectSourceError(() => describeColumns([...props, { ID: 996, Type: 'Topic', Key: 'Koopwoningen_99', Title: 'Koopwoningen', Unit: '%', Datatype: 'Double', ParentID: 12345 }], 'D.json'), { file: 'D.json', column: 'Koopwoningen_99', detail: /ParentID 12345 bestaat niet/ });
  });
});
