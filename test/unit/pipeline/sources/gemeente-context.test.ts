import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GEMEENTE_CONTEXT_DIR, loadGemeenteContext, parseGemeenteContext } from '../../../../scripts/pipeline/sources/gemeente-context.ts';
import type { SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { expectSourceError } from './expect-source-error.ts';

const root = fileURLToPath(new URL('../../../fixtures/gemeente-context/', import.meta.url));
const F = `${GEMEENTE_CONTEXT_DIR}/Regionale_kerncijfers_Nederland_fixture.csv`;
const text = readFileSync(root + F, 'utf8');
const get = (values: SourceValue[], area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);
const TOTAL = 'Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)';
const YOUNG = 'Bevolking/Bevolkingssamenstelling op 1 januari/Leeftijd/Leeftijdsgroepen, relatief/Jonger dan 5 jaar (%)';
const MIGR = 'Bevolking/Bevolkingssamenstelling op 1 januari/Migratieachtergrond/Migratieachtergrond/Nederlandse achtergrond (aantal)';
const HH = 'Bevolking/Particuliere huishoudens/Gemiddelde huishoudensgrootte (personen per 1 huishouden)';

describe('parseGemeenteContext', () => {
  const r = parseGemeenteContext(text, F);

  it('maps names to codes for NL and the G4 and drops other gemeenten', () => {
    expect(r.areas).toEqual([
      { code: 'NL', name: 'Nederland', year: 2025, source: 'regio' },
      { code: 'GM0363', name: 'Amsterdam', year: 2025, source: 'regio' },
      { code: 'GM0518', name: "'s-Gravenhage", year: 2025, source: 'regio' },
      { code: 'GM0599', name: 'Rotterdam', year: 2025, source: 'regio' },
      { code: 'GM0344', name: 'Utrecht', year: 2025, source: 'regio' },
    ]);
    expect(r.values).toHaveLength(5 * 4);
  });

  it('reads values under the full column title, year from Perioden', () => {
    expect(get(r.values, 'GM0599', TOTAL)).toEqual({ source: 'regio', year: 2025, area: 'GM0599', variable: TOTAL, value: 672960, status: 'ok' });
    expect(get(r.values, 'GM0518', TOTAL)?.value).toBe(568945);
    expect(get(r.values, 'GM0344', YOUNG)?.value).toBe(5.3);
    expect(get(r.values, 'NL', HH)?.value).toBe(2.1);
    expect(get(r.values, 'GM0363', HH)?.value).toBe(1.78);
  });

  it('empty cells are ontbreekt, not 0', () => {
    expect(get(r.values, 'GM0599', MIGR)).toMatchObject({ value: null, status: 'ontbreekt' });
  });

  it('loadGemeenteContext finds Regionale_kerncijfers_*.csv', async () => {
    const res = await loadGemeenteContext(root);
    expect(res.files).toEqual([F]);
    expect(res.values).toEqual(r.values);
  });
});

describe('parseGemeenteContext, bad input', () => {
  it('a G4 gemeente missing', () => {
    const bad = text.replace('"Utrecht (gemeente)"', '"Utrecht"');
    expectSourceError(() => parseGemeenteContext(bad, F), { file: F, column: "Regio's", detail: /ontbreekt: GM0344 \(regio "Utrecht \(gemeente\)"\) \(1 van de 5/ });
  });

  it('missing Regio\'s column', () => {
    const bad = text.replace('"Regio\'s"', '"Regio"');
    expectSourceError(() => parseGemeenteContext(bad, F), { file: F, row: 1, column: "Regio's" });
  });

  it('truncated row', () => {
    const bad = text.replace('"2025";"Rotterdam";672960;4,9;;1,93', '"2025";"Rotterdam";672960');
    expectSourceError(() => parseGemeenteContext(bad, F), { file: F, row: 8, column: YOUNG });
  });

  it('unparseable number', () => {
    const bad = text.replace(';672960;', ';12,3x;');
    expectSourceError(() => parseGemeenteContext(bad, F), { file: F, row: 8, column: TOTAL, detail: /12,3x/ });
  });

  it('bad period', () => {
    const bad = text.replace('"2025";"Rotterdam"', '"2025MM01";"Rotterdam"');
    expectSourceError(() => parseGemeenteContext(bad, F), { file: F, row: 8, column: 'Perioden' });
  });

  it('duplicate row', () => {
    const line = '"2025";"Rotterdam";672960;4,9;;1,93\r\n';
    expectSourceError(() => parseGemeenteContext(text.replace(line, line + line), F), {
      file: F,
      row: 9,
      column: TOTAL,
      detail: /dubbele waarde voor GM0599/,
    });
  });
});
