import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  POLITIE2023_FILE,
  POLITIE_TOTAL_VARIABLE,
  POPULATION2023_FILE,
  loadPolitie2023,
  loadPopulation2023,
  parsePolitie2023,
  parsePopulation2023,
} from '../../../../scripts/pipeline/sources/kwb-extra.ts';
import { expectSourceError } from './expect-source-error.ts';

const root = fileURLToPath(new URL('../../../fixtures/kwb-extra/', import.meta.url));
const popText = readFileSync(root + POPULATION2023_FILE, 'utf8');
const polText = readFileSync(root + POLITIE2023_FILE, 'utf8');

describe('parsePopulation2023', () => {
  const r = parsePopulation2023(popText, POPULATION2023_FILE);

  it('reads population and land area per buurt under KWB variable names', () => {
    expect(popText.startsWith('"",')).toBe(true);
    expect(r.values).toEqual([
      { source: 'kwb', year: 2023, area: 'BU05990110', variable: 'Aantal inwoners [aantal]', value: 19400, status: 'ok' },
      { source: 'kwb', year: 2023, area: 'BU05990110', variable: 'Oppervlakte land [ha]', value: 136, status: 'ok' },
      { source: 'kwb', year: 2023, area: 'BU05990111', variable: 'Aantal inwoners [aantal]', value: 9725, status: 'ok' },
      { source: 'kwb', year: 2023, area: 'BU05990111', variable: 'Oppervlakte land [ha]', value: 57, status: 'ok' },
      { source: 'kwb', year: 2023, area: 'BU05991090', variable: 'Aantal inwoners [aantal]', value: 1240, status: 'ok' },
      { source: 'kwb', year: 2023, area: 'BU05991090', variable: 'Oppervlakte land [ha]', value: 150, status: 'ok' },
    ]);
  });

  it('R NA and empty are ontbreekt', () => {
    const r2 = parsePopulation2023(popText.replace('19400,136', 'NA,'), POPULATION2023_FILE);
    expect(r2.values.slice(0, 2).map((v) => [v.value, v.status])).toEqual([[null, 'ontbreekt'], [null, 'ontbreekt']]);
  });

  it('loadPopulation2023', async () => {
    const res = await loadPopulation2023(root);
    expect(res.files).toEqual([POPULATION2023_FILE]);
    expect(res.values).toHaveLength(6);
  });

  it('bad input: truncated, missing column, bad number, bad code, duplicate', () => {
    const F = POPULATION2023_FILE;
    expectSourceError(() => parsePopulation2023(popText.replace('9725,57', '9725'), F), { file: F, row: 3, column: 'area' });
    expectSourceError(() => parsePopulation2023(popText.replace('"nhood_id"', '"buurt"'), F), { file: F, row: 1, column: 'nhood_id' });
    // Comma-separated: an unquoted '12,3x' is an extra field; '12.3x' is the unparseable number.
    expectSourceError(() => parsePopulation2023(popText.replace('9725', '12,3x'), F), { file: F, row: 3, detail: /5 velden/ });
    expectSourceError(() => parsePopulation2023(popText.replace('9725', '12.3x'), F), { file: F, row: 3, column: 'population', detail: /12\.3x/ });
    expectSourceError(() => parsePopulation2023(popText.replace('"BU05990111"', '"XX123"'), F), { file: F, row: 3, column: 'nhood_id' });
    const line = '"10566","BU05990111",9725,57\n';
    expectSourceError(() => parsePopulation2023(popText.replace(line, line + line), F), {
      file: F,
      row: 4,
      column: 'population',
      detail: /dubbel/,
    });
  });
});

describe('parsePolitie2023', () => {
  const r = parsePolitie2023(polText, POLITIE2023_FILE);

  it('reads the total registered crimes per buurt, year from Perioden', () => {
    expect(r.values).toEqual([
      { source: 'politie', year: 2023, area: 'BU05990110', variable: POLITIE_TOTAL_VARIABLE, value: 3442, status: 'ok' },
      { source: 'politie', year: 2023, area: 'BU05990111', variable: POLITIE_TOTAL_VARIABLE, value: 1173, status: 'ok' },
      { source: 'politie', year: 2023, area: 'BU05992308', variable: POLITIE_TOTAL_VARIABLE, value: 246, status: 'ok' },
    ]);
    expect(r.areas[2]).toEqual({ code: 'BU05992308', name: 'Maasvlakte', year: 2023, source: 'politie' });
  });

  it('loadPolitie2023', async () => {
    const res = await loadPolitie2023(root);
    expect(res.files).toEqual([POLITIE2023_FILE]);
    expect(res.values.reduce((s, v) => s + (v.value ?? 0), 0)).toBe(3442 + 1173 + 246);
  });

  it('bad input', () => {
    const F = POLITIE2023_FILE;
    // Another crime type than the total.
    expectSourceError(() => parsePolitie2023(polText.replace('"10566","0.0.0 "', '"10566","1.1.1 "'), F), { file: F, row: 3, column: 'SoortMisdrijf' });
    expectSourceError(() => parsePolitie2023(polText.replace(',1173,', ',12,3x,'), F), { file: F, row: 3 });
    expectSourceError(() => parsePolitie2023(polText.replace(',1173,', ',1173x,'), F), { file: F, row: 3, column: 'GeregistreerdeMisdrijven_1' });
    expectSourceError(() => parsePolitie2023(polText.replace('"BU05990111"', '"XX123"'), F), { file: F, row: 3, column: 'WijkenEnBuurten' });
    expectSourceError(() => parsePolitie2023(polText.replace('"WijkenEnBuurten",', '"Buurt",'), F), { file: F, row: 1, column: 'WijkenEnBuurten' });
    expectSourceError(() => parsePolitie2023(polText.slice(0, polText.lastIndexOf(',246,') + 5), F), {
      file: F,
      row: 4,
      column: 'SoortRegio_3',
      detail: /afgekapt/,
    });
    const line = polText.split('\n')[1]! + '\n';
    expectSourceError(() => parsePolitie2023(polText.replace(line, line + line), F), { file: F, row: 3, detail: /dubbel/ });
  });
});
