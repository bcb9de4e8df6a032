import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRivm, parseRivmWorkbook, RIVM_DIR } from '../../../../scripts/pipeline/sources/rivm.ts';
import { cellAt, readWorkbook } from '../../../../scripts/pipeline/sources/xlsx.ts';
import { SourceError } from '../../../../scripts/pipeline/sources/types.ts';
import { errorOf } from './expect-source-error.ts';

// Fixtures in the real 50090NED export format, built at run time (no committed binaries):
// padded codes, text values with leading spaces, padded '.', NL01, and truly ABSENT cells.

const HEADER = [
  'ID',
  'Leeftijd',
  'Marges',
  'WijkenEnBuurten',
  'Perioden',
  'Gemeentenaam_1',
  'SoortRegio_2',
  'Codering_3',
  'ErvarenGezondheidGoedZeerGoed_4', // I
  'VoldoetAanBeweegrichtlijn_5', // J
  'Eenzaam_28', // K
];

type Row = (string | number | undefined)[];

function row(id: number, leeftijd: number, code: string, periode: string, values: (string | undefined)[]): Row {
  const soort = code.startsWith('NL') ? 'Land' : code.startsWith('GM') ? 'Gemeente' : code.startsWith('WK') ? 'Wijk' : 'Buurt';
  return [id, leeftijd, 'MW00000', code.padEnd(10), periode, 'Rotterdam'.padEnd(40), soort.padEnd(10), code.padEnd(20), ...values];
}

function baseRows(leeftijd = 20300, periode = '2016JJ00'): Row[] {
  return [
    HEADER,
    row(0, leeftijd, 'NL01', periode, ['    76.1', undefined, '    45.0']), // row 2
    row(1, leeftijd, 'GM0014', periode, ['    75.0', undefined, '    44.0']), // row 3, dropped (Groningen)
    row(2, leeftijd, 'GM0599', periode, ['    68.4', undefined, '    52.3']), // row 4
    row(3, leeftijd, 'WK059901', periode, ['    70.2', undefined, '    50.0']), // row 5
    row(4, leeftijd, 'BU05990110', periode, ['    79.6', undefined, '    45.6']), // row 6
    row(5, leeftijd, 'WK059922', periode, ['       .', undefined, '       .']), // row 7
    row(6, leeftijd, 'GM0363', periode, ['    72.0', undefined, '    48.0']), // row 8
  ];
}

/** Sheet from rows; cells given as undefined are never created, and `absent` refs are deleted. */
function sheet(rows: Row[], absent: string[] = []): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  for (const ref of absent) delete ws[ref];
  return ws;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'rivm-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Write an xlsx to tmp/<dir>/<name> and read it back the way the loader does. */
async function roundTrip(name: string, ws: XLSX.WorkSheet, dir = 'parse'): Promise<XLSX.WorkBook> {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '50090NED_UntypedDataSet_1305202');
  mkdirSync(path.join(tmp, dir), { recursive: true });
  writeFileSync(path.join(tmp, dir, name), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return readWorkbook(tmp, `${dir}/${name}`);
}


describe('parseRivmWorkbook', () => {
  it('reads padded text values by reference, maps NL01, keeps only kept areas', async () => {
    // K5 (Eenzaam_28 for WK059901) is deleted: truly absent, not empty text.
    const wb = await roundTrip('2016_18+.xlsx', sheet(baseRows(), ['K5']));
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(cellAt(ws, 4, 10)).toBeUndefined(); // K5: absent after the round trip, not an empty string
    expect(cellAt(ws, 4, 9)).toBeUndefined(); // J5
    expect(cellAt(ws, 4, 8)?.v).toBe('    70.2'); // I5
    const { values, areas } = parseRivmWorkbook(wb, 'rivm/2016_18+.xlsx');
    expect(areas).toEqual([]);
    const get = (area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);

    expect(get('NL', 'ErvarenGezondheidGoedZeerGoed_4 18+')).toEqual({
      source: 'rivm',
      year: 2016,
      area: 'NL',
      variable: 'ErvarenGezondheidGoedZeerGoed_4 18+',
      value: 76.1,
      status: 'ok',
    });
    expect(get('BU05990110', 'Eenzaam_28 18+')).toMatchObject({ value: 45.6, status: 'ok' });
    expect(get('GM0599', 'Eenzaam_28 18+')).toMatchObject({ value: 52.3, status: 'ok' });
    // Absent cell -> ontbreekt, and the column after it is still read from its own letter.
    expect(get('WK059901', 'Eenzaam_28 18+')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(get('WK059901', 'ErvarenGezondheidGoedZeerGoed_4 18+')).toMatchObject({ value: 70.2, status: 'ok' });
    // Whole column absent (not measured that year) -> ontbreekt, never 0.
    expect(get('GM0599', 'VoldoetAanBeweegrichtlijn_5 18+')).toMatchObject({ value: null, status: 'ontbreekt' });
    // Padded '.' -> geheim.
    expect(get('WK059922', 'Eenzaam_28 18+')).toMatchObject({ value: null, status: 'geheim' });

    expect(new Set(values.map((v) => v.area))).toEqual(new Set(['NL', 'GM0599', 'WK059901', 'BU05990110', 'WK059922', 'GM0363']));
    expect(values).toHaveLength(6 * 3);
    expect(values.every((v) => (v.status === 'ok') === (typeof v.value === 'number'))).toBe(true);
  });

  it('derives the age group from Leeftijd 80200 -> 65+', async () => {
    const wb = await roundTrip('2012_65+.xlsx', sheet(baseRows(80200, '2012JJ00')));
    const { values } = parseRivmWorkbook(wb, 'rivm/2012_65+.xlsx');
    expect(values.every((v) => v.variable.endsWith(' 65+') && v.year === 2012)).toBe(true);
  });

  it('skips rows that are not the point estimate MW00000', async () => {
    const rows = baseRows();
    const lower = [...rows[4]!];
    lower[2] = 'CI00000';
    lower[8] = '    60.0';
    rows.push(lower);
    const { values } = parseRivmWorkbook(await roundTrip('2016_18+.xlsx', sheet(rows)), 'rivm/2016_18+.xlsx');
    expect(values.filter((v) => v.area === 'WK059901' && v.variable.startsWith('Ervaren'))).toHaveLength(1);
  });

  it('rejects a non-numeric value, naming file, row and column', async () => {
    const rows = baseRows();
    rows[4]![10] = '     7x.1'; // WK059901 (spreadsheet row 5), Eenzaam_28
    const wb = await roundTrip('2016_18+.xlsx', sheet(rows));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/2016_18+.xlsx'));
    expect(err.message).toContain('rivm/2016_18+.xlsx');
    expect(err.row).toBe(5);
    expect(err.column).toBe('Eenzaam_28');
    expect(err.message).toMatch(/rij 5, kolom "Eenzaam_28".*7x\.1/);
  });

  it('rejects a missing WijkenEnBuurten column', async () => {
    const rows = baseRows().map((r) => r.filter((_, i) => i !== 3));
    const wb = await roundTrip('2016_18+.xlsx', sheet(rows));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/2016_18+.xlsx'));
    expect(err.message).toBe('rivm/2016_18+.xlsx, rij 1, kolom "WijkenEnBuurten": verwachte kolom ontbreekt');
  });

  it('rejects a missing Perioden column', async () => {
    const rows = baseRows().map((r) => r.filter((_, i) => i !== 4));
    const err = errorOf(() => parseRivmWorkbook({ SheetNames: ['s'], Sheets: { s: sheet(rows) } }, 'x/2016_18+.xlsx'));
    expect(err.column).toBe('Perioden');
    expect(err.message).toContain('x/2016_18+.xlsx');
  });

  it('rejects a bad area code, naming file, row and column', async () => {
    const rows = baseRows();
    rows[5]![3] = 'WK0599X1  ';
    const wb = await roundTrip('2016_18+.xlsx', sheet(rows));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/2016_18+.xlsx'));
    expect(err.message).toMatch(/^rivm\/2016_18\+\.xlsx, rij 6, kolom "WijkenEnBuurten": .*WK0599X1/);
  });

  it('rejects an unknown Leeftijd code', async () => {
    const rows = baseRows();
    rows[3]![1] = 53115;
    const wb = await roundTrip('2016_18+.xlsx', sheet(rows));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/2016_18+.xlsx'));
    expect(err.message).toMatch(/^rivm\/2016_18\+\.xlsx, rij 4, kolom "Leeftijd": .*53115/);
  });

  it('rejects an age group that disagrees with the file name', async () => {
    const wb = await roundTrip('2016_65+.xlsx', sheet(baseRows(20300)));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/2016_65+.xlsx'));
    expect(err.row).toBe(2);
    expect(err.column).toBe('Leeftijd');
  });

  it('rejects a Perioden year that disagrees with the file name', async () => {
    const wb = await roundTrip('RIVM_gezondheid2020_18+.xlsx', sheet(baseRows(20300, '2016JJ00')));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/RIVM_gezondheid2020_18+.xlsx'));
    expect(err.message).toMatch(/^rivm\/RIVM_gezondheid2020_18\+\.xlsx, rij 2, kolom "Perioden": .*2016JJ00/);
  });

  it('rejects a duplicate area row, naming both rows', async () => {
    const rows = baseRows();
    rows.push([...rows[5]!]); // BU05990110 again, spreadsheet row 9
    const wb = await roundTrip('2016_18+.xlsx', sheet(rows));
    const err = errorOf(() => parseRivmWorkbook(wb, 'rivm/2016_18+.xlsx'));
    expect(err.message).toMatch(/^rivm\/2016_18\+\.xlsx, rij 9, kolom "WijkenEnBuurten": dubbele waarde voor BU05990110.*rij 6/);
  });
});

describe('loadRivm', () => {
  it('reads every xlsx in the folder with paths relative to the source dir', async () => {
    const dir = path.join('load', RIVM_DIR);
    await roundTrip('2016_18+.xlsx', sheet(baseRows(20300, '2016JJ00')), dir);
    await roundTrip('2016_65+.xlsx', sheet(baseRows(80200, '2016JJ00')), dir);
    writeFileSync(path.join(tmp, dir, 'README.txt'), 'not a workbook');
    const result = await loadRivm(path.join(tmp, 'load'));
    expect(result.files).toEqual([`${RIVM_DIR}/2016_18+.xlsx`, `${RIVM_DIR}/2016_65+.xlsx`]);
    expect(result.areas).toEqual([]);
    expect(result.values).toHaveLength(2 * 6 * 3);
    expect(result.values.find((v) => v.area === 'GM0599' && v.variable === 'Eenzaam_28 65+')?.value).toBe(52.3);
  });

  it('names the file relative to the source dir when it cannot be read', async () => {
    const dir = path.join('broken', RIVM_DIR);
    mkdirSync(path.join(tmp, dir), { recursive: true });
    writeFileSync(path.join(tmp, dir, '2016_18+.xlsx'), '');
    await expect(loadRivm(path.join(tmp, 'broken'))).rejects.toThrow(`${RIVM_DIR}/2016_18+.xlsx`);
  });
});
