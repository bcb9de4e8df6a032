import { describe, expect, it } from 'vitest';
import {
  SourceCollector,
  normaliseCode,
  normaliseLabel,
  parseCbsNumber,
  readCsvRows,
  stripStatlinePrefix,
  stripWijkPrefix,
} from '../../../../scripts/pipeline/sources/csv.ts';
import { expectSourceError } from './expect-source-error.ts';

describe('parseCbsNumber', () => {
  it('reads decimal-comma StatLine numbers', () => {
    expect(parseCbsNumber('15,9', 'f.csv', 6, 'x')).toEqual({ value: 15.9, status: 'ok' });
    expect(parseCbsNumber('629606', 'f.csv', 6, 'x')).toEqual({ value: 629606, status: 'ok' });
    expect(parseCbsNumber('-3', 'f.csv', 6, 'x')).toEqual({ value: -3, status: 'ok' });
    expect(parseCbsNumber(' 0 ', 'f.csv', 6, 'x')).toEqual({ value: 0, status: 'ok' });
  });
  it("maps '.' and sentinels to geheim and '' to ontbreekt, never to 0", () => {
    expect(parseCbsNumber('.', 'f.csv', 6, 'x')).toEqual({ value: null, status: 'geheim' });
    expect(parseCbsNumber('-99997', 'f.csv', 6, 'x')).toEqual({ value: null, status: 'geheim' });
    expect(parseCbsNumber('-99999999', 'f.csv', 6, 'x')).toEqual({ value: null, status: 'geheim' });
    expect(parseCbsNumber('', 'f.csv', 6, 'x')).toEqual({ value: null, status: 'ontbreekt' });
    expect(parseCbsNumber('   ', 'f.csv', 6, 'x')).toEqual({ value: null, status: 'ontbreekt' });
  });
  it('reads decimal-point numbers when asked (R exports)', () => {
    expect(parseCbsNumber('0.5', 'f.csv', 2, 'x', '.')).toEqual({ value: 0.5, status: 'ok' });
    expect(parseCbsNumber('1e+05', 'f.csv', 2, 'x', '.')).toEqual({ value: 100000, status: 'ok' });
  });
  it('rejects anything else with file, row and column', () => {
    expectSourceError(() => parseCbsNumber('12,3x', 'f.csv', 8, 'Aantal inwoners'), { file: 'f.csv', row: 8, column: 'Aantal inwoners' });
    // No thousands separators in StatLine CSV: '1.234' is not guessed at.
    expectSourceError(() => parseCbsNumber('1.234', 'f.csv', 9, 'x'), { file: 'f.csv', row: 9, column: 'x' });
    expectSourceError(() => parseCbsNumber('15,9', 'f.csv', 3, 'y', '.'), { file: 'f.csv', row: 3, column: 'y' });
  });
});

describe('normaliseCode', () => {
  it('trims, maps NL00/NL01 to NL, accepts non-kept CBS codes', () => {
    expect(normaliseCode('GM0599    ', 'f', 2, 'c')).toBe('GM0599');
    expect(normaliseCode('NL00', 'f', 2, 'c')).toBe('NL');
    expect(normaliseCode('NL01', 'f', 2, 'c')).toBe('NL');
    expect(normaliseCode('BU05990110', 'f', 2, 'c')).toBe('BU05990110');
    expect(normaliseCode('WK0363AA  ', 'f', 2, 'c')).toBe('WK0363AA');
  });
  it('rejects codes that are no CBS region code', () => {
    expectSourceError(() => normaliseCode('XX123', 'f.csv', 7, 'Codering'), { file: 'f.csv', row: 7, column: 'Codering' });
    expectSourceError(() => normaliseCode('', 'f.csv', 7, 'Codering'), { file: 'f.csv', row: 7, column: 'Codering' });
    // A kept (Rotterdam) code must match CODE_PATTERN exactly.
    expectSourceError(() => normaliseCode('WK0599AB', 'f.csv', 8, 'Codering'), { file: 'f.csv', row: 8, column: 'Codering' });
  });
});

describe('readCsvRows', () => {
  it('strips the BOM and numbers rows by the line they start on, also after a CRLF inside quotes', () => {
    const rows = readCsvRows('\ufeffa;"b\r\nc";d\r\n\r\n1;2;3\r\n4;5;6\r\n', 'f.csv');
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4, 5]);
    expect(rows[0]!.fields).toEqual(['a', 'b\r\nc', 'd']);
    expect(rows[2]!.fields).toEqual(['1', '2', '3']);
  });
  it('turns a CSV syntax error into a SourceError naming the file', () => {
    expectSourceError(() => readCsvRows('a;"b\n', 'broken.csv'), { file: 'broken.csv' });
  });
});

describe('labels', () => {
  it('strips StatLine prefixes and normalises NBSP and line breaks', () => {
    expect(stripStatlinePrefix('||||Aantal inkomensontvangers\u00a0\u00a0 ')).toBe('Aantal inkomensontvangers');
    expect(stripStatlinePrefix('"||Huish. onder of rond\r\n sociaal minimum"'.slice(1, -1))).toBe('Huish. onder of rond sociaal minimum');
    expect(normaliseLabel('  a \u00a0 b ')).toBe('a b');
    expect(stripWijkPrefix('Wijk 01 Rotterdam Centrum')).toBe('Rotterdam Centrum');
    expect(stripWijkPrefix('Pernis')).toBe('Pernis');
  });
});

describe('SourceCollector', () => {
  it('keeps only kept areas and rejects a second value for the same key', () => {
    const c = new SourceCollector('f.csv');
    const base = { source: 'kwb', year: 2016, variable: 'v' };
    c.addCell({ ...base, area: 'GM0599' }, { value: 1, status: 'ok' }, 6, 'v');
    c.addCell({ ...base, area: 'GM1680' }, { value: 2, status: 'ok' }, 7, 'v');
    c.addCell({ ...base, area: 'GM1680' }, { value: 2, status: 'ok' }, 8, 'v'); // not kept: ignored
    expect(c.values).toEqual([{ source: 'kwb', year: 2016, area: 'GM0599', variable: 'v', value: 1, status: 'ok' }]);
    expectSourceError(() => c.addCell({ ...base, area: 'GM0599' }, { value: 1, status: 'ok' }, 9, 'v'), {
      file: 'f.csv',
      row: 9,
      column: 'v',
      detail: /dubbel.*rij 6/,
    });
  });
});
