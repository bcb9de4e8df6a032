import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kwbStatlineColumns, parseKwbStatline } from '../../../../scripts/pipeline/sources/kwb-statline.ts';
import type { SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { expectSourceError } from './expect-source-error.ts';

const dir = fileURLToPath(new URL('../../../fixtures/kwb-statline/', import.meta.url));
const text2016 = readFileSync(`${dir}Kerncijfers_wijken_en_buurten_2016.csv`, 'utf8');
const text2014 = readFileSync(`${dir}Kerncijfers_wijken_en_buurten_2014.csv`, 'utf8');
const F16 = 'cbs_kwb_rotterdam_2014_2018/Kerncijfers_wijken_en_buurten_2016.csv';
const F14 = 'cbs_kwb_rotterdam_2014_2018/Kerncijfers_wijken_en_buurten_2014.csv';

function get(values: SourceValue[], area: string, variable: string): SourceValue | undefined {
  return values.find((v) => v.area === area && v.variable === variable);
}

describe('parseKwbStatline, 2016 layout', () => {
  const r = parseKwbStatline(text2016, F16, 2016);

  it('fixture really has the StatLine byte quirks', () => {
    expect(text2016.charCodeAt(0)).toBe(0xfeff);
    expect(text2016).toContain('\r\n');
    expect(text2016).toContain('"||Personen per soort uitkering; Bijstand"');
  });

  it('reads counts, decimal commas and units into title [unit] variables', () => {
    expect(get(r.values, 'GM0599', 'Aantal inwoners [aantal]')).toEqual({
      source: 'kwb', year: 2016, area: 'GM0599', variable: 'Aantal inwoners [aantal]', value: 629606, status: 'ok',
    });
    expect(get(r.values, 'GM0599', '0 tot 15 jaar [aantal]')?.value).toBe(103138);
    expect(get(r.values, 'GM0599', 'Gemiddelde woningwaarde [x 1 000 euro]')?.value).toBe(148);
    expect(get(r.values, 'GM0599', 'Gemiddeld inkomen per inwoner [x 1 000 euro]')?.value).toBe(22.8);
    expect(get(r.values, 'WK059901', 'Gemiddeld inkomen per inwoner [x 1 000 euro]')?.value).toBe(30.8);
    expect(get(r.values, 'GM0599', 'Aantal inkomensontvangers [aantal]')?.value).toBe(481100);
    expect(get(r.values, 'GM0599', 'Personen per soort uitkering; Bijstand [aantal]')?.value).toBe(41910);
    expect(get(r.values, 'BU05990110', 'Personen per soort uitkering; WW [aantal]')?.value).toBe(460);
    expect(get(r.values, 'BU05990110', 'Mate van stedelijkheid [code]')?.value).toBe(1);
    expect(get(r.values, 'WK059901', 'Totaal diefstal uit woning/schuur/e.d. [per 1 000 inwoners]')?.value).toBe(13);
  });

  it('keeps electricity and gas apart by unit', () => {
    expect(get(r.values, 'GM0599', 'Appartement [kWh]')?.value).toBe(2440);
    expect(get(r.values, 'GM0599', 'Appartement [m³]')?.value).toBe(870);
  });

  it("'.' is geheim, an empty cell ontbreekt, neither becomes 0", () => {
    expect(get(r.values, 'BU05992705', 'Appartement [kWh]')).toMatchObject({ value: null, status: 'geheim' });
    expect(get(r.values, 'BU05992705', 'Totaal diefstal uit woning/schuur/e.d. [per 1 000 inwoners]')).toMatchObject({
      value: null,
      status: 'ontbreekt',
    });
    expect(get(r.values, 'BU05992705', 'Aantal inwoners [aantal]')).toMatchObject({ value: 0, status: 'ok' });
    for (const v of r.values) expect(v.status === 'ok').toBe(v.value !== null);
  });

  it('emits Indelingswijziging as a number, n.v.t. on the gemeente row', () => {
    expect(get(r.values, 'GM0599', 'Indelingswijziging')).toMatchObject({ value: null, status: 'niet van toepassing' });
    expect(get(r.values, 'WK059901', 'Indelingswijziging')?.value).toBe(3);
    expect(get(r.values, 'BU05990110', 'Indelingswijziging')?.value).toBe(1);
  });

  it('does not emit text columns as values', () => {
    const vars = new Set(r.values.map((v) => v.variable));
    for (const t of ['Gemeentenaam', 'Soort regio', 'Codering', 'Jaar', 'Meest voorkomende postcode [code]', 'Wijken en buurten']) {
      expect([...vars].some((v) => v.startsWith(t))).toBe(false);
    }
  });

  it('emits areas with names', () => {
    expect(r.areas).toEqual([
      { code: 'GM0599', name: 'Rotterdam', year: 2016, source: 'kwb' },
      { code: 'WK059901', name: 'Rotterdam Centrum', year: 2016, source: 'kwb' },
      { code: 'BU05990110', name: 'Stadsdriehoek', year: 2016, source: 'kwb' },
      { code: 'BU05992705', name: 'Noordzeeweg', year: 2016, source: 'kwb' },
    ]);
  });

  it('lists the columns per file', () => {
    expect(kwbStatlineColumns(text2016, F16)).toEqual([
      'Indelingswijziging',
      'Aantal inwoners [aantal]',
      '0 tot 15 jaar [aantal]',
      'Appartement [kWh]',
      'Appartement [m³]',
      'Gemiddelde woningwaarde [x 1 000 euro]',
      'Aantal inkomensontvangers [aantal]',
      'Gemiddeld inkomen per inwoner [x 1 000 euro]',
      'Personen per soort uitkering; Bijstand [aantal]',
      'Personen per soort uitkering; WW [aantal]',
      'Mate van stedelijkheid [code]',
      'Totaal diefstal uit woning/schuur/e.d. [per 1 000 inwoners]',
    ]);
  });
});

describe('parseKwbStatline, 2014 layout', () => {
  const r = parseKwbStatline(text2014, F14, 2014);

  it("strips the 'Wijk NN' prefix from wijk names only", () => {
    expect(r.areas.map((a) => a.name)).toEqual(['Rotterdam', 'Rotterdam Centrum', 'Oud-Charlois']);
  });

  it('reads the last-column Indelingswijziging and the % units of 2014', () => {
    expect(get(r.values, 'BU05991574', 'Indelingswijziging')?.value).toBe(3);
    expect(get(r.values, 'GM0599', 'Indelingswijziging')?.status).toBe('niet van toepassing');
    expect(get(r.values, 'BU05991574', '0 tot 15 jaar [%]')?.value).toBe(18);
    expect(get(r.values, 'WK059901', 'Eenpersoonshuishoudens [%]')?.value).toBe(62);
  });

  it('joins a title split over two lines inside quotes', () => {
    expect(get(r.values, 'GM0599', 'Huish. onder of rond sociaal minimum [%]')?.value).toBe(15.7);
  });

  it("numbers repeated title + unit ' #2' in order of occurrence", () => {
    expect(get(r.values, 'BU05991574', 'Verkeersterrein [ha]')?.value).toBe(12);
    expect(get(r.values, 'BU05991574', 'Verkeersterrein [%]')?.value).toBe(4.5);
    expect(get(r.values, 'BU05991574', 'Verkeersterrein [ha] #2')?.value).toBe(7);
  });

  it('reports physical line numbers after the two-line title', () => {
    // The title row spans lines 4–5, units are on line 6, Oud-Charlois is on line 9.
    expectSourceError(() => parseKwbStatline(text2014.replace('13630', '13.630'), F14, 2014), {
      file: F14,
      row: 9,
      column: 'Aantal inwoners',
    });
  });
});

describe('parseKwbStatline, bad input', () => {
  it('truncated row', () => {
    const bad = text2016.replace(/Stadsdriehoek;[^\r]*/, 'Stadsdriehoek;Rotterdam;Buurt;BU05990110;2016;1;14825');
    expectSourceError(() => parseKwbStatline(bad, F16, 2016), { file: F16, row: 8, column: '0 tot 15 jaar', detail: /afgekapt/ });
  });

  it('truncated file (cut in the middle of the last row)', () => {
    const bad = text2016.slice(0, text2016.indexOf('Noordzeeweg') + 40);
    expectSourceError(() => parseKwbStatline(bad, F16, 2016), { file: F16, row: 9, detail: /afgekapt/ });
  });

  it('missing Codering column', () => {
    const bad = text2016.replace(';Codering;', ';Regiocode;');
    expectSourceError(() => parseKwbStatline(bad, F16, 2016), { file: F16, row: 4, column: 'Codering', detail: /ontbreekt/ });
  });

  it('unparseable number', () => {
    const bad = text2016.replace(';14825;', ';12,3x;');
    expectSourceError(() => parseKwbStatline(bad, F16, 2016), { file: F16, row: 8, column: 'Aantal inwoners', detail: /12,3x/ });
  });

  it('bad code', () => {
    const bad = text2016.replace('BU05990110', 'XX123');
    expectSourceError(() => parseKwbStatline(bad, F16, 2016), { file: F16, row: 8, column: 'Codering', detail: /XX123/ });
  });

  it('duplicate row', () => {
    const line = /Stadsdriehoek;[^\r]*\r\n/.exec(text2016)![0];
    const bad = text2016.replace(line, line + line);
    expectSourceError(() => parseKwbStatline(bad, F16, 2016), {
      file: F16,
      row: 9,
      column: 'Indelingswijziging wijken en buurten',
      detail: /dubbele waarde voor BU05990110.*rij 8/,
    });
  });

  it('Jaar column that disagrees with the file year', () => {
    expectSourceError(() => parseKwbStatline(text2016, F16, 2017), { file: F16, row: 6, column: 'Jaar' });
  });

  it('not a StatLine export', () => {
    expectSourceError(() => parseKwbStatline('a;b\r\n1;2\r\n', F16, 2016), { file: F16 });
  });
});
