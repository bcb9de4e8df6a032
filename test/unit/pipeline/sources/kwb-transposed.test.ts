import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KWB2025_DIR, kwbTransposedColumns, loadKwb2025, parseKwbTransposed } from '../../../../scripts/pipeline/sources/kwb-transposed.ts';
import type { SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { expectSourceError } from './expect-source-error.ts';

const root = fileURLToPath(new URL('../../../fixtures/kwb-2025/', import.meta.url));
const F = `${KWB2025_DIR}/Kerncijfers_wijken_en_buurten_Rotterdam_2025_fixture.csv`;
const text = readFileSync(root + F, 'utf8');
const get = (values: SourceValue[], area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);
const HK = 'Bevolking|Bevolking naar herkomst|';

describe('parseKwbTransposed (KWB 2025)', () => {
  const r = parseKwbTransposed(text, F, 2025);

  it('fixture is quoted, CRLF, without BOM, with a Bron footer', () => {
    expect(text.charCodeAt(0)).toBe(0x22);
    expect(text.endsWith('"Bron: CBS"\r\n')).toBe(true);
  });

  it('unpivots regions: one value per region and topic', () => {
    expect(get(r.values, 'GM0599', 'Aantal inwoners [aantal]')).toEqual({
      source: 'kwb', year: 2025, area: 'GM0599', variable: 'Aantal inwoners [aantal]', value: 672960, status: 'ok',
    });
    expect(get(r.values, 'NL', 'Aantal inwoners [aantal]')?.value).toBe(18044027);
    expect(get(r.values, 'BU05990320', 'Aantal inwoners [aantal]')?.value).toBe(7215);
    expect(get(r.values, 'BU05990110', 'Gemiddelde huishoudensgrootte [aantal]')?.value).toBe(1.5);
    expect(get(r.values, 'NL', 'Scholen binnen 3 km [aantal]')?.value).toBe(9.8);
  });

  it('uses the full path for short names that collide, the short name otherwise', () => {
    const vars = kwbTransposedColumns(text, F, 2025);
    expect(vars).toEqual([
      'Indelingswijziging',
      'Aantal inwoners [aantal]',
      `${HK}Herkomstland|Nederland [aantal]`,
      'Europa (exclusief Nederland) [aantal]'.replace(/^/, `${HK}Herkomstland|`),
      `${HK}Geboren in Nederland|Nederland [aantal]`,
      `${HK}Geboren buiten Nederland|Europa (exclusief Nederland) [aantal]`,
      'Gemiddelde huishoudensgrootte [aantal]',
      'Gemiddelde elektriciteitsteruglevering',
      'Aardgasvrije woningen [%]',
      'Aantal inkomensontvangers [aantal]',
      'Personen per soort uitkering; Bijstand [aantal]',
      'Scholen binnen 3 km [aantal]',
      'Mate van stedelijkheid [code]',
    ]);
    expect(get(r.values, 'GM0599', `${HK}Geboren buiten Nederland|Europa (exclusief Nederland) [aantal]`)?.value).toBe(62104);
  });

  it("'.' → geheim, '' → ontbreekt, Indelingswijziging '.' → n.v.t.", () => {
    expect(get(r.values, 'GM0599', 'Personen per soort uitkering; Bijstand [aantal]')).toMatchObject({ value: null, status: 'geheim' });
    expect(get(r.values, 'GM0599', 'Aardgasvrije woningen [%]')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(get(r.values, 'NL', 'Indelingswijziging')).toMatchObject({ value: null, status: 'niet van toepassing' });
    expect(get(r.values, 'WK059903', 'Indelingswijziging')?.value).toBe(1);
  });

  it('keys on codes even where names repeat (Delfshaven wijk and buurt)', () => {
    expect(r.areas.filter((a) => a.name === 'Delfshaven').map((a) => a.code)).toEqual(['WK059903', 'BU05990320']);
    expect(r.areas[0]).toEqual({ code: 'NL', name: 'Nederland', year: 2025, source: 'kwb' });
  });

  it('skips the postcode topic (text)', () => {
    expect(r.values.some((v) => v.variable.includes('postcode'))).toBe(false);
  });

  it('loadKwb2025 finds the CSV in the folder', async () => {
    const res = await loadKwb2025(root);
    expect(res.files).toEqual([F]);
    expect(res.values).toHaveLength(r.values.length);
  });
});

describe('parseKwbTransposed, bad input', () => {
  it('truncated topic row', () => {
    const bad = text.replace('"2,1";"1,9";"1,6";"1,5";"2";"2,1"', '"2,1";"1,9"');
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, row: 14, column: 'WK059901', detail: /afgekapt/ });
  });

  it('truncated file', () => {
    // Cut at a field boundary: the last topic row is short.
    const cut = '"Energie|Gemiddeld aardgasverbruik|Aardgasvrije woningen";"%";"";""';
    const bad = text.slice(0, text.indexOf(cut) + cut.length);
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, row: 16, column: 'WK059901', detail: /afgekapt/ });
    // Cut inside a quoted field: the CSV reader's error, with file and line.
    const bad2 = text.slice(0, text.indexOf(cut) + 20);
    expectSourceError(() => parseKwbTransposed(bad2, F, 2025), { file: F, detail: /Quote Not Closed/ });
  });

  it('cut at a row boundary: no closing "Bron: CBS" line, named with the last line read', () => {
    const lines = text.split('\r\n');
    const keep = lines.length - 5; // drops the footer and three topic rows (and the final empty string)
    const bad = lines.slice(0, keep).join('\r\n') + '\r\n';
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, row: keep, detail: /laatste regel is niet "Bron: CBS".*afgekapt/ });
  });

  it('missing Codering row', () => {
    const bad = text.replace('"Regioaanduiding|Codering"', '"Regioaanduiding|Regiocode"');
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, column: 'Regioaanduiding|Codering' });
  });

  it('unparseable number', () => {
    const bad = text.replace('"672960"', '"12,3x"');
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, row: 9, column: 'GM0599', detail: /12,3x/ });
  });

  it('bad code', () => {
    const bad = text.replace('"BU05990110"', '"XX123"');
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, row: 7, column: 'Regioaanduiding|Codering #4' });
  });

  it('duplicate topic row', () => {
    const line = /"Bevolking\|Aantal inwoners"[^\r]*\r\n/.exec(text)![0];
    expectSourceError(() => parseKwbTransposed(text.replace(line, line + line), F, 2025), {
      file: F,
      row: 10,
      column: 'Bevolking|Aantal inwoners',
      detail: /twee keer.*rij 9/,
    });
  });

  it('duplicate region column', () => {
    const bad = text.replace('"BU05990320"', '"BU05990110"');
    expectSourceError(() => parseKwbTransposed(bad, F, 2025), { file: F, row: 7, column: 'Regioaanduiding|Codering', detail: /twee keer/ });
  });
});
