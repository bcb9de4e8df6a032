import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  KWB2024_HERKOMST_FILE as FB,
  KWB2024_MAIN_FILE as FA,
  kwb2024VariableName,
  loadKwb2024Csv,
  parseKwb2024Csv,
} from '../../../../scripts/pipeline/sources/kwb-2024-csv.ts';
import type { SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { expectSourceError } from './expect-source-error.ts';

const root = fileURLToPath(new URL('../../../fixtures/kwb-2024/', import.meta.url));
const textA = readFileSync(root + FA, 'utf8');
const textB = readFileSync(root + FB, 'utf8');
const parse = (a = textA, b: string | undefined = textB) => parseKwb2024Csv({ text: a, file: FA }, b === undefined ? undefined : { text: b, file: FB });
const get = (values: SourceValue[], area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);

describe('kwb2024VariableName', () => {
  it('keeps the last path segment and puts the unit in brackets', () => {
    expect(kwb2024VariableName('Bevolking/Aantal inwoners (aantal)')).toBe('Aantal inwoners [aantal]');
    expect(kwb2024VariableName('Bevolking/Bevolking naar herkomst/Herkomstland/Europa (exclusief Nederland)  (aantal)')).toBe(
      'Europa (exclusief Nederland) [aantal]',
    );
    expect(kwb2024VariableName('Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)')).toBe('65 jaar of ouder [aantal]');
  });
});

describe('parseKwb2024Csv', () => {
  const r = parse();

  it('fixture has BOM, CRLF and padded codes', () => {
    expect(textA.charCodeAt(0)).toBe(0xfeff);
    expect(textA).toContain('"GM0599    "');
    expect(textA).toContain('\r\n');
  });

  it('keeps NL, the G4 and Rotterdam wijken/buurten; trims padded codes', () => {
    expect(r.areas.map((a) => a.code)).toEqual(['NL', 'GM0363', 'GM0599', 'WK059901', 'BU05990110', 'BU05990454']);
    expect(r.areas.find((a) => a.code === 'NL')?.name).toBe('Nederland');
    // Amsterdam's wijk rows (incl. the alphanumeric WK0363AA) and other gemeenten are dropped, not errors.
    expect(r.values.some((v) => v.area.startsWith('WK0363') || v.area === 'GM1680')).toBe(false);
  });

  it('reads values from both files', () => {
    expect(get(r.values, 'GM0599', 'Aantal inwoners [aantal]')).toEqual({
      source: 'kwb', year: 2024, area: 'GM0599', variable: 'Aantal inwoners [aantal]', value: 670610, status: 'ok',
    });
    expect(get(r.values, 'GM0599', '65 jaar of ouder [aantal]')?.value).toBe(105526);
    expect(get(r.values, 'BU05990110', 'Buiten Europa [aantal]')?.value).toBe(8395);
    expect(get(r.values, 'NL', 'Europa (exclusief Nederland) [aantal]')?.value).toBe(1677093);
    expect(get(r.values, 'GM0599', 'Nederland [aantal]')?.value).toBe(291899);
  });

  it('emits Aantal inwoners once although both files have it', () => {
    expect(r.values.filter((v) => v.area === 'GM0599' && v.variable === 'Aantal inwoners [aantal]')).toHaveLength(1);
  });

  it('Indelingswijziging: number, n.v.t. for NL', () => {
    expect(get(r.values, 'BU05990454', 'Indelingswijziging')?.value).toBe(3);
    expect(get(r.values, 'NL', 'Indelingswijziging')).toMatchObject({ value: null, status: 'niet van toepassing' });
  });

  it('loadKwb2024Csv reads the folder layout', async () => {
    const res = await loadKwb2024Csv(root);
    expect(res.files).toEqual([FA, FB]);
    expect(res.values).toEqual(r.values);
  });
});

describe('parseKwb2024Csv, bad input', () => {
  it('names differ between the two files at the same row', () => {
    const bad = textB.replace('"Stadsdriehoek"', '"Oude Westen"');
    expectSourceError(() => parse(textA, bad), { file: FB, row: 9, column: 'Wijken en buurten', detail: /wijkt af/ });
  });

  it('row counts differ', () => {
    const bad = textB.replace(/"Schieveen"[^\r]*\r\n/, '');
    expectSourceError(() => parse(textA, bad), { file: FB, detail: /rijnummer/ });
  });

  it('inhabitants differ between the two files', () => {
    const bad = textB.replace(';670610;', ';670611;');
    expectSourceError(() => parse(textA, bad), { file: FB, row: 7, column: 'Bevolking/Aantal inwoners (aantal)' });
  });

  it('truncated row', () => {
    const bad = textA.replace(/("Stadsdriehoek".*?;"1");[^\r]*/, '$1;20440');
    expectSourceError(() => parse(bad), { file: FA, row: 9, column: 'Bevolking/Geslacht/Mannen (aantal)' });
  });

  it('missing code column', () => {
    const bad = textA.replace('Regioaanduiding/Codering (code)', 'Regioaanduiding/Regiocode (code)');
    expectSourceError(() => parse(bad), { file: FA, detail: /onbekende tekstkolom/, column: 'Regioaanduiding/Regiocode (code)', row: 1 });
    const bad2 = textA.replace('"Regioaanduiding/Codering (code)";', '"Bevolking/Codering (code)";');
    // A code column renamed to a numeric-looking title: the code column is missing.
    expectSourceError(() => parse(bad2), { file: FA, column: 'Regioaanduiding/Codering (code)', detail: /ontbreekt/ });
  });

  it('unparseable number', () => {
    const bad = textA.replace(';20440;', ';12,3x;');
    expectSourceError(() => parse(bad), { file: FA, row: 9, column: 'Bevolking/Aantal inwoners (aantal)', detail: /12,3x/ });
  });

  it('bad code', () => {
    const bad = textA.replace('"BU05990110"', '"XX123     "');
    expectSourceError(() => parse(bad), { file: FA, row: 9, column: 'Regioaanduiding/Codering (code)' });
  });

  it('duplicate row', () => {
    const line = /"Stadsdriehoek"[^\r]*\r\n/.exec(textA)![0];
    const lineB = /"Stadsdriehoek"[^\r]*\r\n/.exec(textB)![0];
    expectSourceError(() => parse(textA.replace(line, line + line), textB.replace(lineB, lineB + lineB)), {
      file: FA,
      row: 10,
      column: 'Regioaanduiding/Indelingswijziging gemeente, wijk, buurt (code)',
      detail: /dubbele waarde voor BU05990110/,
    });
  });
});
