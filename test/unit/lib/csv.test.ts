import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csvNumber, formatCsv, longCsv, longCsvChunks, wideCsv, type CsvObservation } from '../../../src/lib/csv';

const obs = (o: Partial<CsvObservation>): CsvObservation => ({
  area: 'BU05991086', name: 'Afrikaanderwijk', level: 'wijk', indicator: 'bijstand', year: 2024,
  value: 57.17761557177616, status: 'ok', note: null, ...o,
});

describe('CSV numbers', () => {
  it('rounds as the site shows and writes a decimal comma for Dutch Excel', () => {
    expect(csvNumber(57.17761557177616, 'nl', 1)).toBe('57,2');
    expect(csvNumber(57.17761557177616, 'intl', 1)).toBe('57.2');
    expect(csvNumber(8640, 'nl', 0)).toBe('8640'); // no thousands separator: Excel would read 8.640 as 8,64
    expect(csvNumber(-0.04, 'nl', 1)).toBe('0,0');
  });
  it('keeps the unrounded value but drops binary float noise', () => {
    expect(csvNumber(57.17761557177616, 'nl', null)).toBe('57,1776155718');
    expect(csvNumber(0.1 + 0.2, 'intl', null)).toBe('0.3');
  });
  it('writes nothing for a missing value, never 0', () => {
    expect(csvNumber(null, 'nl', 1)).toBe('');
    expect(csvNumber(Number.NaN, 'intl', null)).toBe('');
  });
});

describe('CSV text', () => {
  it('Dutch: BOM, semicolons, CRLF and quotes only where needed', () => {
    const text = formatCsv([['a', 'b'], ['x;y', 'he said "hi"'], ['1,5', '']], 'nl');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('a;b\r\n"x;y";"he said ""hi"""\r\n1,5;\r\n');
  });
  it('international: no BOM, commas, quoted decimal commas in text', () => {
    expect(formatCsv([['a', 'b'], ['1,5', '2.5']], 'intl')).toBe('a,b\r\n"1,5",2.5\r\n');
  });
  // bijstand 2024 is read from the CBS Wijk- en buurtkaart 2024 (data/indicators.json).
  it('long form has a source, table and licence on each line, and SheetJS reads it as Excel would', () => {
    const text = longCsv([obs({}), obs({ year: 2014, value: null, status: 'suppressed', note: 'te klein' })], 'nl');
    const wb = XLSX.read(text.replace(/^\uFEFF/, ''), { type: 'string', FS: ';' } as XLSX.ParsingOptions);
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false });
    expect(rows[0]).toEqual(['gebiedscode', 'gebied', 'niveau', 'indicator', 'omschrijving', 'eenheid', 'jaar', 'waarde', 'waarde_onafgerond', 'status', 'toelichting', 'bron', 'tabel', 'licentie']);
    expect(rows[1].slice(0, 8)).toEqual(['BU05991086', 'Afrikaanderwijk', 'wijk', 'bijstand', 'Bijstand', 'per 1.000 inwoners', '2024', '57,2']);
    expect(rows[1].slice(11)).toEqual(['Bron: CBS, Wijk- en buurtkaart 2024', 'wijk- en buurtkaart 2024', 'CC BY 4.0']);
    expect(rows[2][7] ?? '').toBe('');
    expect(rows[2][9]).toBe('suppressed');
  });
  it('the long form in pieces joins to the same text, with the BOM only in the first piece', () => {
    const rows = [obs({}), obs({ year: 2014, value: 80.04 }), obs({ area: 'BU1', name: 'Ander', value: 3, note: 'a;b "c"' })];
    for (const d of ['nl', 'intl'] as const) {
      const whole = [...longCsvChunks(rows, d, 1000)];
      expect(whole).toHaveLength(1);
      const pieces = [...longCsvChunks(rows, d, 1)];
      // Header + first row, then one piece per further row.
      expect(pieces).toHaveLength(3);
      expect(pieces.join('')).toBe(whole[0]);
      expect(pieces.slice(1).some((p) => p.includes('\uFEFF'))).toBe(false);
      expect(whole[0]!.split('\r\n')).toHaveLength(5);
    }
    expect([...longCsvChunks([], 'nl')].join('')).toBe(formatCsv([[...longCsv([], 'intl').trim().split(',')]], 'nl'));
  });
  it('wide form: one line per area, one column per year', () => {
    const text = wideCsv([obs({}), obs({ year: 2014, value: 80.04 }), obs({ area: 'BU1', name: 'Ander', value: 3 })], 'intl');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('gebiedscode,gebied,2014,2024,eenheid,bronnen');
    expect(lines[1]).toMatch(/^BU05991086,Afrikaanderwijk,80.0,57.2,per 1.000 inwoners,/);
    expect(lines[2]).toMatch(/^BU1,Ander,,3.0,/);
  });
});
