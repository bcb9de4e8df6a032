// Why a CBS figure is null: the legend of a table (TableInfos.Description), the status per untyped
// symbol, and what the loader makes of a downloaded table's nulls. Legends: the real one of
// 85984NED (../shared/opendata, PROVENANCE §1) and that of 80137ned as CBSOData3.jl recorded it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLegend, STANDARD_LEGEND, statusOfSymbol } from '../../../scripts/cbs-symbols.ts';
import { downloadTables } from '../../../scripts/download-cbs.ts';
import { CBS_ODATA_DIR, loadCbsOdata } from '../../../scripts/sources/cbs-odata.ts';
import { expectSourceErrorAsync } from '../sources/expect-source-error.ts';
import { kwbTable, rivmTable, testConfig } from './fixtures.ts';
import { startOdataServer } from './odata-server.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const opendata = path.resolve(repo, process.env.OPENDATA_DIR ?? '../shared/opendata');
const OLD_LEGEND =
  '2. DEFINITIES EN VERKLARINGEN VAN SYMBOLEN\r\n\r\nVerklaring van de in de tabel gebruikte symbolen:\r\nlege cel\t: een cijfer kan op logische gronden niet voorkomen\r\n' +
  '. \t\t: onbekend; het CBS heeft hier geen cijfers over\r\nx \t\t: geheim; het CBS heeft hier wel cijfers over maar kan\r\n' +
  "                  deze om geheimhoudingsredenen niet publiceren\r\n- \t\t: nihil (het cijfer is echt '0')\r\n0 (0,0) \t: het cijfer komt na afronding uit op 0 (0,0). Het cijfer\r\n" +
  '                  is dus kleiner dan de helft van de gekozen eenheid\r\n* \t\t: voorlopige cijfers\r\n\r\n\r\n3. KOPPELINGEN NAAR RELEVANTE TABELLEN';

describe('parseLegend', () => {
  it('reads the real legend of 85984NED: blank, "." (onbekend, onvoldoende betrouwbaar of geheim), * and **', () => {
    const infos = JSON.parse(fs.readFileSync(path.join(opendata, 'cbs_kwb_2024_85984NED/85984NED_TableInfos.json'), 'utf8'));
    const info = (Array.isArray(infos) ? infos : infos.value)[0];
    expect(parseLegend(info.Description)).toEqual({
      '': 'het cijfer kan op logische gronden niet voorkomen',
      '.': 'het cijfer is onbekend, onvoldoende betrouwbaar of geheim',
      '*': 'voorlopige cijfers',
      '**': 'nader voorlopige cijfers',
    });
  });

  it('reads an older legend with a separate x = geheim and continuation lines', () => {
    expect(parseLegend(OLD_LEGEND)).toEqual({
      '': 'een cijfer kan op logische gronden niet voorkomen',
      '.': 'onbekend; het CBS heeft hier geen cijfers over',
      x: 'geheim; het CBS heeft hier wel cijfers over maar kan',
      '-': "nihil (het cijfer is echt '0')",
      '0 (0,0)': 'het cijfer komt na afronding uit op 0 (0,0). Het cijfer',
      '*': 'voorlopige cijfers',
    });
  });

  it('no legend block: nothing', () => {
    expect(parseLegend('')).toEqual({});
    expect(parseLegend(undefined)).toEqual({});
    expect(parseLegend('1. TOELICHTING\r\nGeen symbolen hier.')).toEqual({});
  });
});

describe('statusOfSymbol', () => {
  it('geheim only where the symbol’s legend line says geheim; blank is ontbreekt; unknown is undefined', () => {
    const kwb = { ...STANDARD_LEGEND };
    expect(statusOfSymbol('.', kwb)).toBe('geheim');
    expect(statusOfSymbol('', kwb)).toBe('ontbreekt');
    expect(statusOfSymbol('x', kwb)).toBeUndefined();
    const old = parseLegend(OLD_LEGEND);
    expect(statusOfSymbol('.', old)).toBe('ontbreekt');
    expect(statusOfSymbol('x', old)).toBe('geheim');
    expect(statusOfSymbol('?', old)).toBeUndefined();
  });
});

describe('the loader: status of a null from its untyped symbol', () => {
  let src: string;
  const made: string[] = [];
  const KWB = `${CBS_ODATA_DIR}/85984NED`;
  beforeAll(async () => {
    const server = await startOdataServer({ '85984NED': kwbTable(), '50090NED': rivmTable() }, { pageSize: 4 });
    try {
      src = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-symbols-'));
      const r = await downloadTables({ outDir: src, config: testConfig(), baseUrl: server.baseUrl, pageRows: 4 });
      expect(r.failures).toEqual([]);
    } finally {
      await server.close();
    }
  });
  afterAll(() => {
    for (const d of [src, ...made]) fs.rmSync(d, { recursive: true, force: true });
  });
  const variant = (rel: string, change: (json: unknown) => unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-symbols-v-'));
    made.push(dir);
    fs.cpSync(src, dir, { recursive: true });
    const f = path.join(dir, rel);
    fs.writeFileSync(f, JSON.stringify(change(JSON.parse(fs.readFileSync(f, 'utf8')))));
    return dir;
  };
  const one = (values: { area: string; variable: string }[], area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);

  it('"." stays geheim, a blank becomes ontbreekt; UntypedDataSet.json is among the files read', async () => {
    const r = await loadCbsOdata(src);
    expect(one(r.values, 'BU05990111', 'Gemiddelde WOZ-waarde van woningen [x 1 000 euro]')).toMatchObject({ value: null, status: 'geheim' });
    expect(one(r.values, 'WK059903', 'Koopwoningen [%]')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(one(r.values, 'WK059901', 'Koopwoningen [%]')).toMatchObject({ value: 12.5, status: 'ok' });
    expect(r.files).toContain(`${KWB}/UntypedDataSet.json`);
  });

  it('a download without "symbols" (made before this change) keeps null as geheim and does not read UntypedDataSet', async () => {
    const dir = variant(`${KWB}/download.json`, (j) => ({ ...(j as object), symbols: undefined }));
    fs.rmSync(path.join(dir, KWB, 'UntypedDataSet.json'));
    const r = await loadCbsOdata(dir);
    expect(one(r.values, 'WK059903', 'Koopwoningen [%]')).toMatchObject({ value: null, status: 'geheim' });
  });

  it('a symbol download.json does not map, or a typed row without untyped row: file, row and column', async () => {
    const odd = variant(`${KWB}/UntypedDataSet.json`, (rows) =>
      (rows as Record<string, unknown>[]).map((u) => (String(u.WijkenEnBuurten).trim() === 'WK059903' ? { ...u, Koopwoningen_47: '       x' } : u)),
    );
    await expectSourceErrorAsync(() => loadCbsOdata(odd), { file: `${KWB}/UntypedDataSet.json`, column: 'Koopwoningen_47', detail: /symbool "x" staat niet in download\.json \(symbols\)/ });
    const gone = variant(`${KWB}/UntypedDataSet.json`, (rows) => (rows as Record<string, unknown>[]).filter((u) => String(u.WijkenEnBuurten).trim() !== 'WK059903'));
    await expectSourceErrorAsync(() => loadCbsOdata(gone), { file: `${KWB}/UntypedDataSet.json`, column: 'Koopwoningen_47', detail: /geen rij met ID \d+ \(TypedDataSet\.json rij \d+\)/ });
  });
});
