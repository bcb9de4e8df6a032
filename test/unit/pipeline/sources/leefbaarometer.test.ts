import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LBM_DIMENSION_FILES,
  LBM_SCORE_FILES,
  loadLeefbaarometer,
  parseLbmDimensionWorkbook,
  parseLbmScoreWorkbook,
} from '../../../../scripts/pipeline/sources/leefbaarometer.ts';
import { cellAt, readWorkbook } from '../../../../scripts/pipeline/sources/xlsx.ts';
import { SourceError, type SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { errorOf } from './expect-source-error.ts';

// Fixtures in the real Leefbaarometer 2016 layout, built at run time. wijk.xlsx marks a missing
// score with the Excel error #N/A; the dimension files leave the cell out (absent).

type Cell = string | number | undefined;
const NA: XLSX.CellObject = { t: 'e', v: 0x2a };
const DIV0: XLSX.CellObject = { t: 'e', v: 0x07 };

function sheet(rows: Cell[][], patch: Record<string, XLSX.CellObject | undefined> = {}): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  for (const [ref, cell] of Object.entries(patch)) {
    if (cell) ws[ref] = cell;
    else delete ws[ref];
  }
  return ws;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'lbm-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function roundTrip(file: string, sheets: Record<string, XLSX.WorkSheet>, root = tmp): Promise<XLSX.WorkBook> {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return readWorkbook(root, file);
}


const find = (values: SourceValue[], area: string, variable: string, year: number) =>
  values.filter((v) => v.area === area && v.variable === variable && v.year === year);

const SCORE_HEADER = ['WK_CODE', 'KL02', 'KL08', 'KL12', 'KL14', 'KL16', 'VKL0216', 'VKL1214', 'VKL1416'];
const wijkRows = (): Cell[][] => [
  [...SCORE_HEADER],
  ['WK000300', 6, 6, 6, 6, 6, 4, 4, 4], // row 2, dropped
  ['WK059901', 5, 5, 6, 6, 6, 6, 4, 5], // row 3
  ['WK059918', undefined, undefined, 4, 5, undefined, undefined, 5, undefined], // row 4: #N/A patched in
  ['WK059922'], // row 5: all #N/A
  ['WK059923'], // row 6: cells absent
];
const wijkPatch = {
  ...Object.fromEntries(['B4', 'C4', 'F4', 'G4', 'I4'].map((r) => [r, NA])),
  ...Object.fromEntries(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => [`${c}5`, NA])),
};

describe('parseLbmScoreWorkbook', () => {
  it('maps KLyy to KL/20yy and VKLxxyy to its own name with end year and note', async () => {
    const wb = await roundTrip('p/wijk.xlsx', { wijk: sheet(wijkRows(), wijkPatch) });
    const { values, areas } = parseLbmScoreWorkbook(wb, 'lbm/wijk.xlsx');
    expect(areas).toEqual([]);
    expect(find(values, 'WK059901', 'KL', 2016)).toEqual([
      { source: 'lbm', year: 2016, area: 'WK059901', variable: 'KL', value: 6, status: 'ok' },
    ]);
    expect(find(values, 'WK059901', 'KL', 2002)[0]?.value).toBe(5);
    expect(find(values, 'WK059901', 'VKL0216', 2016)).toEqual([
      { source: 'lbm', year: 2016, area: 'WK059901', variable: 'VKL0216', value: 6, status: 'ok', note: '2002-2016' },
    ]);
    expect(find(values, 'WK059901', 'VKL1214', 2014)[0]).toMatchObject({ value: 4, note: '2012-2014' });
    expect(values.some((v) => v.area === 'WK000300')).toBe(false);
    expect(values).toHaveLength(4 * 8);
  });

  it('turns #N/A and absent cells into ontbreekt, never 0', async () => {
    const wb = await roundTrip('p/wijk.xlsx', { wijk: sheet(wijkRows(), wijkPatch) });
    const ws = wb.Sheets.wijk!;
    expect(cellAt(ws, 4, 5)).toMatchObject({ t: 'e', v: 0x2a }); // F5 is #N/A after the round trip
    expect(cellAt(ws, 5, 5)).toBeUndefined(); // F6 is absent
    const { values } = parseLbmScoreWorkbook(wb, 'lbm/wijk.xlsx');
    // Spaanse Polder: only KL12, KL14, VKL1214.
    const ok = values.filter((v) => v.area === 'WK059918' && v.status === 'ok').map((v) => `${v.variable}/${v.year}`);
    expect(ok).toEqual(['KL/2012', 'KL/2014', 'VKL1214/2014']);
    expect(find(values, 'WK059918', 'KL', 2016)[0]).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(find(values, 'WK059922', 'KL', 2016)[0]).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(find(values, 'WK059923', 'KL', 2016)[0]).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(values.every((v) => (v.status === 'ok') === (typeof v.value === 'number'))).toBe(true);
  });

  it('reads the gemeente file: GM_CODE, numeric codes, keeps the G4', async () => {
    const rows: Cell[][] = [
      ['GM_CODE', 'KL02', 'KL16', 'VKL0216'],
      ['GM0003', 6, 6, 4],
      ['GM0599', 4, 4, 4],
      [363, 5, 6, 5],
      ['GM0344', 5, 6, 5],
    ];
    const wb = await roundTrip('p/score_gemeente.xlsx', { gemeente: sheet(rows) });
    const { values } = parseLbmScoreWorkbook(wb, 'lbm/score_gemeente.xlsx');
    expect([...new Set(values.map((v) => v.area))]).toEqual(['GM0599', 'GM0363', 'GM0344']);
    expect(find(values, 'GM0363', 'KL', 2016)[0]?.value).toBe(6);
  });

  it('rejects a non-numeric class, naming file, row and column', async () => {
    const rows = wijkRows();
    rows[2]![5] = '7x';
    const wb = await roundTrip('p/wijk.xlsx', { wijk: sheet(rows, wijkPatch) });
    const err = errorOf(() => parseLbmScoreWorkbook(wb, 'lbm/wijk.xlsx'));
    expect(err.message).toMatch(/^lbm\/wijk\.xlsx, rij 3, kolom "KL16": geen getal: "7x"/);
  });

  it('rejects an Excel error other than #N/A', async () => {
    const wb = await roundTrip('p/wijk.xlsx', { wijk: sheet(wijkRows(), { ...wijkPatch, E3: DIV0 }) });
    const err = errorOf(() => parseLbmScoreWorkbook(wb, 'lbm/wijk.xlsx'));
    expect(err.message).toMatch(/^lbm\/wijk\.xlsx, rij 3, kolom "KL14": .*#DIV\/0!/);
  });

  it('rejects a class outside 1-9', async () => {
    const rows = wijkRows();
    rows[2]![1] = 12;
    const err = errorOf(() => parseLbmScoreWorkbook({ SheetNames: ['wijk'], Sheets: { wijk: sheet(rows) } }, 'lbm/wijk.xlsx'));
    expect(err.row).toBe(3);
    expect(err.column).toBe('KL02');
  });

  it('rejects a bad code', async () => {
    const rows = wijkRows();
    rows[2]![0] = 'WK05991';
    const err = errorOf(() => parseLbmScoreWorkbook({ SheetNames: ['wijk'], Sheets: { wijk: sheet(rows) } }, 'lbm/wijk.xlsx'));
    expect(err.message).toMatch(/^lbm\/wijk\.xlsx, rij 3, kolom "WK_CODE": .*WK05991/);
  });

  it('rejects a duplicate row', async () => {
    const rows = wijkRows();
    rows.push([...rows[2]!]); // row 7
    const err = errorOf(() => parseLbmScoreWorkbook({ SheetNames: ['wijk'], Sheets: { wijk: sheet(rows) } }, 'lbm/wijk.xlsx'));
    expect(err.message).toMatch(/^lbm\/wijk\.xlsx, rij 7, kolom "WK_CODE": dubbele waarde voor WK059901.*rij 3/);
  });

  it('rejects a missing code column and an unknown column', () => {
    const noCode = wijkRows().map((r) => r.slice(1));
    let err = errorOf(() => parseLbmScoreWorkbook({ SheetNames: ['w'], Sheets: { w: sheet(noCode) } }, 'lbm/wijk.xlsx'));
    expect(err.message).toMatch(/^lbm\/wijk\.xlsx, rij 1, kolom "WK_CODE": verwachte kolom ontbreekt/);
    const extra = wijkRows();
    extra[0]!.push('SCORE16');
    err = errorOf(() => parseLbmScoreWorkbook({ SheetNames: ['w'], Sheets: { w: sheet(extra) } }, 'lbm/wijk.xlsx'));
    expect(err.row).toBe(1);
    expect(err.column).toBe('SCORE16');
  });
});

const STAND_HEADER = ['GBD', 'JAAR', 'RLBRMTR', 'RLBWON', 'RLBBEV', 'RLBVRZ', 'RLBVEI', 'RLBFYS'];
const standRows = (): Cell[][] => [
  STAND_HEADER,
  ['WK000300', 2016, -0.1, 0, 0, 0, 0, 0], // row 2, dropped
  ['WK059901', 2012, -0.140598411289016, 0.018, -0.103, 0.333, -0.204, -0.185], // row 3
  ['WK059901', 2016, -0.0794852704039766, 0.017, -0.081, 0.407, -0.243, -0.179], // row 4
  ['WK059918', 2012, -0.324, -0.072, 0.008, 0.059, -0.021, -0.299], // row 5
  ['WK059918', 2016], // row 6: scores absent
  ['GM0599', 2016, -0.2978, 0.003, -0.128, 0.12, -0.178, -0.115], // row 7
];
const wideSheet = () => sheet([['GBD', 'RLBRMTR12'], ['WK059901', -0.1406]]);

describe('parseLbmDimensionWorkbook', () => {
  it('reads the long sheet data(1): variable = dimension code, year = JAAR', async () => {
    const wb = await roundTrip('p/stand.xlsx', { 'data(1)': sheet(standRows()), 'data(2)': wideSheet() });
    const { values } = parseLbmDimensionWorkbook(wb, 'lbm/stand.xlsx');
    expect(find(values, 'WK059901', 'RLBRMTR', 2016)).toEqual([
      { source: 'lbm', year: 2016, area: 'WK059901', variable: 'RLBRMTR', value: -0.0794852704039766, status: 'ok' },
    ]);
    expect(find(values, 'WK059918', 'RLBFYS', 2016)[0]).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(find(values, 'GM0599', 'RLBVEI', 2016)[0]?.value).toBe(-0.178);
    expect(values).toHaveLength(5 * 6);
  });

  it('reads an ontwikkeling sheet: variable + period, year = EINDE, note', async () => {
    const rows: Cell[][] = [
      ['GBD', 'BEGIN', 'EINDE', 'DLBRMTR', 'DLBWON'],
      ['WK059901', 2012, 2016, 0.0911720604496002, 0.0055],
      ['WK059901', 2014, 2016, 0.0779, 0.0057],
      ['WK059918', 2012, 2014, 0.0948],
    ];
    const wb = await roundTrip('p/ontw.xlsx', { 'data(1)': sheet(rows) });
    const { values } = parseLbmDimensionWorkbook(wb, 'lbm/ontw.xlsx');
    expect(find(values, 'WK059901', 'DLBRMTR1216', 2016)).toEqual([
      { source: 'lbm', year: 2016, area: 'WK059901', variable: 'DLBRMTR1216', value: 0.0911720604496002, status: 'ok', note: '2012-2016' },
    ]);
    expect(find(values, 'WK059901', 'DLBRMTR1416', 2016)[0]?.value).toBe(0.0779);
    expect(find(values, 'WK059918', 'DLBWON1214', 2014)[0]).toMatchObject({ value: null, status: 'ontbreekt' });
  });

  it('requires the sheet data(1) and the columns GBD and JAAR', () => {
    let err = errorOf(() => parseLbmDimensionWorkbook({ SheetNames: ['data(2)'], Sheets: { 'data(2)': wideSheet() } }, 'lbm/s.xlsx'));
    expect(err.message).toContain('data(1)');
    const noGbd = standRows().map((r) => ['x', ...r.slice(1)]);
    err = errorOf(() => parseLbmDimensionWorkbook({ SheetNames: ['data(1)'], Sheets: { 'data(1)': sheet(noGbd) } }, 'lbm/s.xlsx'));
    expect(err.message).toBe('lbm/s.xlsx, rij 1, kolom "GBD": verwachte kolom ontbreekt');
    const noYear = standRows().map((r) => [r[0], ...r.slice(2)]);
    err = errorOf(() => parseLbmDimensionWorkbook({ SheetNames: ['data(1)'], Sheets: { 'data(1)': sheet(noYear) } }, 'lbm/s.xlsx'));
    expect(err.column).toBe('JAAR');
  });

  it('rejects a non-numeric score, a bad year, a bad code and a duplicate, naming row and column', () => {
    const parse = (rows: Cell[][]) => () =>
      parseLbmDimensionWorkbook({ SheetNames: ['data(1)'], Sheets: { 'data(1)': sheet(rows) } }, 'lbm/s.xlsx');
    let rows = standRows();
    rows[3]![4] = '-0.0x81';
    expect(errorOf(parse(rows)).message).toMatch(/^lbm\/s\.xlsx, rij 4, kolom "RLBBEV": geen getal/);
    rows = standRows();
    rows[3]![1] = '16';
    expect(errorOf(parse(rows)).message).toMatch(/^lbm\/s\.xlsx, rij 4, kolom "JAAR"/);
    rows = standRows();
    rows[4]![0] = 'WK59918';
    expect(errorOf(parse(rows)).message).toMatch(/^lbm\/s\.xlsx, rij 5, kolom "GBD": .*WK59918/);
    rows = standRows();
    rows.push([...rows[3]!]); // row 8 repeats row 4
    expect(errorOf(parse(rows)).message).toMatch(/^lbm\/s\.xlsx, rij 8, kolom "GBD": dubbele waarde voor WK059901.*rij 4/);
  });
});

describe('loadLeefbaarometer', () => {
  it('reads all six files with paths relative to the source dir', async () => {
    const root = path.join(tmp, 'load');
    const [wijk, gemeente] = LBM_SCORE_FILES;
    await roundTrip(wijk, { wijk: sheet(wijkRows(), wijkPatch) }, root);
    await roundTrip(gemeente, { gemeente: sheet([['GM_CODE', 'KL16'], ['GM0599', 4]]) }, root);
    for (const file of LBM_DIMENSION_FILES) {
      const rows = file.includes('ontwikkeling')
        ? [['GBD', 'BEGIN', 'EINDE', 'DLBRMTR'], [file.includes('wijk') ? 'WK059901' : 'GM0599', 2014, 2016, 0.01]]
        : standRows();
      await roundTrip(file, { 'data(1)': sheet(rows) }, root);
    }
    const result = await loadLeefbaarometer(root);
    expect(result.files).toEqual([
      'leefbaarometer_2016/wijk.xlsx',
      'leefbaarometer_2016/score_gemeente.xlsx',
      'leefbaarometer_2016/dimensiescore_wijk (stand).xlsx',
      'leefbaarometer_2016/dimensiescore_gemeente (stand).xlsx',
      'leefbaarometer_2016/dimensiescore_wijk (ontwikkeling).xlsx',
      'leefbaarometer_2016/dimensiescore_gemeente (ontwikkeling).xlsx',
    ]);
    expect(find(result.values, 'GM0599', 'KL', 2016)[0]?.value).toBe(4);
    expect(find(result.values, 'GM0599', 'DLBRMTR1416', 2016)[0]?.value).toBe(0.01);
  });
});
