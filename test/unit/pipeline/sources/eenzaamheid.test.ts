import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EENZAAMHEID_FILE, loadEenzaamheid2016, parseEenzaamheidCsv } from '../../../../scripts/pipeline/sources/eenzaamheid.ts';
import { SourceError } from '../../../../scripts/pipeline/sources/types.ts';
import { errorOf } from './expect-source-error.ts';

// Fixture: 11 rows in the real format (header, a non-Rotterdam wijk, the Leeuwarden row with a bare
// quote in wijknaam, Rotterdam wijken with empty fields, and the WK191104 triplicate).
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/rivm/WijkEenzaamheid2016.csv');
const text = readFileSync(FIXTURE, 'utf8');
const FILE = 'rivm/WijkEenzaamheid2016.csv';


/** The fixture with one line (1-based) replaced. */
function withLine(n: number, line: string): string {
  const lines = text.split('\n');
  lines[n - 1] = line;
  return lines.join('\n');
}

describe('parseEenzaamheidCsv', () => {
  const { values, areas } = parseEenzaamheidCsv(text, FILE);
  const get = (area: string, variable: string) => values.find((v) => v.area === area && v.variable === variable);

  it('keeps only Rotterdam wijken, with names', () => {
    expect(areas.map((a) => a.code)).toEqual(['WK059901', 'WK059903', 'WK059918', 'WK059919', 'WK059922', 'WK059926']);
    expect(areas[0]).toEqual({ code: 'WK059901', name: 'Rotterdam Centrum', year: 2016, source: 'eenzaamheid2016' });
    expect(new Set(values.map((v) => v.area)).size).toBe(6);
  });

  it('emits every numeric column under its own title', () => {
    expect(get('WK059901', '% eenzaam*')).toEqual({
      source: 'eenzaamheid2016',
      year: 2016,
      area: 'WK059901',
      variable: '% eenzaam*',
      value: 50,
      status: 'ok',
    });
    expect(get('WK059903', 'Totale bevolking')?.value).toBe(75445);
    expect(values.filter((v) => v.area === 'WK059901')).toHaveLength(15);
    expect(values.some((v) => ['wijkcode', 'wijknaam', 'gemnr', 'gemnaam'].includes(v.variable))).toBe(false);
  });

  it('turns empty fields into ontbreekt, never 0', () => {
    expect(get('WK059918', 'Bevolking 19 jaar en ouder')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(get('WK059901', '% 75 jaar en ouder')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(get('WK059922', '% eenzaam*')).toMatchObject({ value: null, status: 'ontbreekt' });
    // A real zero stays a zero.
    expect(get('WK059922', 'Totale bevolking')).toMatchObject({ value: 0, status: 'ok' });
  });

  it('keeps one copy of an identical repeated row (as WK191104 is in the real file), and refuses a differing repeat', () => {
    const lines = text.split('\n');
    const rotterdam = lines.find((l) => l.startsWith('WK059903,'))!;
    const tripled = [...lines.slice(0, -1), rotterdam, rotterdam, ...lines.slice(-1)].join('\n');
    const { values: v3 } = parseEenzaamheidCsv(tripled, FILE);
    expect(v3.filter((v) => v.area === 'WK059903')).toHaveLength(values.filter((v) => v.area === 'WK059903').length);
    expect(v3).toHaveLength(values.length);
    const changed = [...lines.slice(0, -1), rotterdam.replace('75445', '75446'), ...lines.slice(-1)].join('\n');
    expect(errorOf(() => parseEenzaamheidCsv(changed, FILE)).message).toMatch(/WK059903 komt twee keer voor met verschillende waarden/);
  });

  it('rejects a non-numeric value, naming file, row and column', () => {
    const bad = withLine(4, 'WK059901,Rotterdam Centrum,599,Rotterdam,32925,29442,1586,5x0,14,50,38,,62,3,37,16,32,88,73');
    const err = errorOf(() => parseEenzaamheidCsv(bad, FILE));
    expect(err.message).toMatch(/^rivm\/WijkEenzaamheid2016\.csv, rij 4, kolom "% eenzaam\*": .*5x0/);
  });

  it('rejects a bad wijk code', () => {
    const bad = withLine(5, 'WK05993,Delfshaven,599,Rotterdam,75445,59142,2503,56,17,55,43,,52,2,57,23,37,83,64');
    const err = errorOf(() => parseEenzaamheidCsv(bad, FILE));
    expect(err.message).toMatch(/^rivm\/WijkEenzaamheid2016\.csv, rij 5, kolom "wijkcode": .*WK05993/);
  });

  it('rejects a gemnr that does not match the wijkcode', () => {
    const bad = withLine(5, 'WK059903,Delfshaven,363,Rotterdam,75445,59142,2503,56,17,55,43,,52,2,57,23,37,83,64');
    const err = errorOf(() => parseEenzaamheidCsv(bad, FILE));
    expect(err.row).toBe(5);
    expect(err.column).toBe('gemnr');
  });

  it('rejects a duplicate code with different values', () => {
    const bad = `${text}WK059903,Delfshaven,599,Rotterdam,75445,59142,2503,57,17,55,43,,52,2,57,23,37,83,64\n`;
    const err = errorOf(() => parseEenzaamheidCsv(bad, FILE));
    expect(err.message).toMatch(/^rivm\/WijkEenzaamheid2016\.csv, rij 13, kolom "wijkcode": WK059903 .*rij 5/);
  });

  it('rejects a missing wijkcode column', () => {
    const bad = text.replace(/^wijkcode,/, 'code,');
    const err = errorOf(() => parseEenzaamheidCsv(bad, FILE));
    expect(err.message).toBe('rivm/WijkEenzaamheid2016.csv, rij 1, kolom "wijkcode": verwachte kolom ontbreekt');
  });

  it('rejects a row with a wrong number of fields, naming the line', () => {
    const bad = withLine(6, 'WK059918,Spaanse Polder,599,Rotterdam,95');
    const err = errorOf(() => parseEenzaamheidCsv(bad, FILE));
    expect(err.message).toContain('rivm/WijkEenzaamheid2016.csv, rij 6');
  });
});

describe('loadEenzaamheid2016', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'eenzaamheid-test-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads the file relative to the source dir', async () => {
    mkdirSync(path.dirname(path.join(tmp, EENZAAMHEID_FILE)), { recursive: true });
    writeFileSync(path.join(tmp, EENZAAMHEID_FILE), text);
    const result = await loadEenzaamheid2016(tmp);
    expect(result.files).toEqual(['rivm_gezondheid_wijk_buurt/WijkEenzaamheid2016.csv']);
    expect(result.values).toHaveLength(6 * 15);
  });

  it('names the missing file', async () => {
    await expect(loadEenzaamheid2016(path.join(tmp, 'nope'))).rejects.toThrow(EENZAAMHEID_FILE);
  });
});
