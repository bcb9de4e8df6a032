import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_PATTERN, SourceError, type SourceValue } from '../../../../scripts/pipeline/sources/types.ts';
import { errorOf } from './expect-source-error.ts';
import {
  COMPONENT_COLUMNS,
  CONTEXT_SHEET,
  CONTEXT_XLS,
  CSV_DIR,
  INDEX_COLUMNS,
  loadWijkprofiel,
  loadWijkprofielContext2015,
  parseComponentValue,
  parseIndexCsv,
  parseValue,
  readWijkprofielMapping,
  WIJKPROFIEL_DIR,
  WIJKPROFIEL_XLS,
  type WijkprofielResult,
} from '../../../../scripts/pipeline/sources/wijkprofiel.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/wijkprofiel');
const FIXTURE_MAPPING = path.join(FIXTURES, 'mapping.csv');
const REAL_MAPPING = path.join(ROOT, 'data/wijkprofiel-gebieden.csv');

// ---------------------------------------------------------------------------------------------------
// A small OBI workbook in the real layout, written as BIFF8 .xls at run time.

/** [gebied, wijknr, naam]; the same wijken as the 2018 CSV fixtures. 999 is not in the fixture mapping. */
const WIJKEN: [string, number, string][] = [
  ['Charlois', 71, 'Tarwewijk'],
  ['Delfshaven', 20, 'Delfshaven'],
  ['Delfshaven', 4001, 'Delfshaven'],
  ['Rotterdam Centrum', 3003, 'Nieuwe Werk/Dijkzigt'],
  ['IJsselmonde', 1009, 'Groot IJsselmonde-Noord'],
  ['IJsselmonde', 1010, 'Groot IJsselmonde-Zuid'],
  ['Nergens', 999, 'Nergenshuis'],
  ['Rotterdam', 5000, 'Rotterdam'],
];

/** Per sheet: [code, description] of every column after the three key columns, incl. indicator columns. */
const SHEET_COLUMNS: Record<string, [string, string][]> = {
  SI: [
    ['SI', 'Sociale Index'],
    ['SIs', 'Sociale Index subjectief'],
    ['SIo', 'Sociale Index objectief'],
    ['Ms', 'Meedoen-subjectief'],
    ['ContactenMetBuren_p', '% bewoners met wekelijkse burencontacten'],
    ['ContactenMetBuren_p', '% bewoners met wekelijkse burencontacten'],
  ],
  'FI-subj': [
    ['FI', 'Fysieke Index'],
    ['FIs', 'Fysieke Index -subjectief'],
    ['FIo', 'Fysieke Index -objectief'],
    ['Ms', 'Milieu subjectief'],
    ['TvrdWoonSituatie_p', '% (zeer) tevreden over de huidige woonsituatie'],
  ],
  'FI-obj': [
    ['FI', 'Fysieke Index'],
    ['FIs', 'Fysieke Index -subjectief'],
    ['FIo', 'Fysieke Index -objectief'],
    ['Mo', 'Milieu objectief'],
    ['Vraagdruk', 'vraagdruk sociale huurwoningen'],
  ],
  VI: [
    ['VI', 'Veiligheidsindex'],
    ['VIs', 'Veiligheidsindex -subjectief'],
    ['VIo', 'Veiligheidsindex -objectief'],
    ['VIs6', 'Veiligheidsbeleving'],
    ['VIs1', 'Diefstal-subjectief'],
    ['VIs2', 'Geweld-subjectief'],
    ['VIs3', 'Inbraak-subjectief'],
    ['VIs4', 'Vandalisme-subjectief'],
    ['VIs5', 'Overlast subjectief'],
    ['VIo1', 'Diefstal-objectief'],
    ['VIo2', 'Geweld-objectief'],
    ['VIo3', 'Inbraak-objectief'],
    ['VIo4', 'Vandalisme-objectief'],
    ['VIo5', 'Overlast objectief'],
    ['tevreden', '% (zeer) tevreden met de buurt'],
  ],
};

// Every component column the loader requires, after the index columns of its sheet (layout only).
for (const c of COMPONENT_COLUMNS) SHEET_COLUMNS[c.part]!.push([c.code, c.label]);
/** Component codes written as a fraction 0-1 in the xls. */
const PERCENT_CODES = new Set(COMPONENT_COLUMNS.filter((c) => c.kind === 'percent').map((c) => c.code));

/** Deterministic unrounded cell value; FI/FIs/FIo equal in both FI sheets, as in the real file. */
function cell(year: number, code: string, wijknr: number): number {
  const k = [...code].reduce((s, ch) => s + ch.charCodeAt(0), 0);
  return 60 + (wijknr % 37) + (k % 29) + (year - 2014) * 0.25 + 0.123456789;
}

/** Cells left empty (code@year/wijknr) and cells holding bad text. */
const EMPTY = new Set(['VI@2014/71', 'FIs@2016/1010', 'Vraagdruk@2014/20']);

/** A percentage component as the xls holds it: a fraction, here 0.06-0.13. */
function fraction(year: number, code: string, wijknr: number): number {
  return cell(year, code, wijknr) / 1000;
}

type Bad = { wijknr: number; code: string; value: string | number };

function indexSheet(part: string, year: number, bad?: Bad): XLSX.WorkSheet {
  const cols = SHEET_COLUMNS[part];
  const aoa: unknown[][] = [
    [null, year, 'in hoefijzer = 1', ...cols.map(() => 1)],
    ['naam gebied (voormalig deelgemeente)', 'wijknr', 'BUURT85', ...cols.map(([c]) => c)],
    [null, null, null, ...cols.map(([, d]) => d)],
    ...WIJKEN.map(([gebied, nr, naam]) => [
      gebied,
      nr,
      naam,
      ...cols.map(([c]) =>
        bad && bad.wijknr === nr && bad.code === c
          ? bad.value
          : EMPTY.has(`${c}@${year}/${nr}`)
            ? null
            : PERCENT_CODES.has(c)
              ? fraction(year, c, nr)
              : c.endsWith('_p')
                ? 0.669
                : cell(year, c, nr),
      ),
    ]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  // The real sheets have a range far beyond the data (empty formatted rows): mimic that.
  const range = XLSX.utils.decode_range(ws['!ref']!);
  range.e.r += 40;
  ws['!ref'] = XLSX.utils.encode_range(range);
  return ws;
}

function obiWorkbook(bad?: Bad & { sheet: string }): Buffer {
  const wb = XLSX.utils.book_new();
  const add = (year: number) => {
    for (const part of ['SI', 'FI-subj', 'FI-obj', 'VI']) {
      const name = `${part} ${year}`;
      XLSX.utils.book_append_sheet(wb, indexSheet(part, year, bad?.sheet === name ? bad : undefined), name);
    }
  };
  add(2014);
  // Labels is the fifth sheet, between the 2014 and 2016 sheets.
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['SI', ''], ['As', 'Oordeel kwaliteit van leven']]), 'Labels');
  add(2016);
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

const INWONERS: Record<number, number> = { 71: 12313, 20: 6763, 4001: 75124, 3003: 2178, 1009: 11909, 1010: 15759, 999: 10, 5000: 623967 };

function contextWorkbook(): Buffer {
  const aoa: unknown[][] = [
    [null, null, ' ', null, 42005, 'leeftijdsklasse 1-1-2015', null, 'Studenten'],
    ['wijknr', 'wijktype', 'BUURT85', 'Gebied', 'Aantal inwoners', 'tot 15 jr', 'aantal studenten'],
    ...WIJKEN.map(([gebied, nr, naam]) => [nr, nr < 4000 ? 3 : null, naam, `gebied ${gebied}`, INWONERS[nr], 0.197, nr === 3003 ? 'x' : 460]),
    [],
    [],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), CONTEXT_SHEET);
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

/** An open-data root in a temp folder: rotterdam_wijkprofiel/{OBI xls, Context xls, csv_2014_2016_2018/}. */
async function makeSourceDir(obi: Buffer = obiWorkbook()): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wijkprofiel-'));
  await mkdir(path.join(dir, WIJKPROFIEL_DIR));
  await writeFile(path.join(dir, WIJKPROFIEL_XLS), obi);
  await writeFile(path.join(dir, CONTEXT_XLS), contextWorkbook());
  await cp(path.join(FIXTURES, 'csv_2014_2016_2018'), path.join(dir, CSV_DIR), { recursive: true });
  return dir;
}

function find(values: SourceValue[], year: number, area: string, variable: string): SourceValue {
  const hits = values.filter((v) => v.year === year && v.area === area && v.variable === variable);
  expect(hits, `${year} ${area} ${variable}`).toHaveLength(1);
  return hits[0];
}


async function sourceErrorOfAsync(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }
  throw new Error('no error thrown');
}

// ---------------------------------------------------------------------------------------------------

describe('loadWijkprofiel on fixtures', () => {
  let dir: string;
  let result: WijkprofielResult;
  const tmpDirs: string[] = [];

  beforeAll(async () => {
    dir = await makeSourceDir();
    tmpDirs.push(dir);
    result = await loadWijkprofiel(dir, FIXTURE_MAPPING);
  });
  afterAll(async () => {
    for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
  });

  it('emits the index and component variables for 2014 and 2016 (xls) and 2018 (CSV), nothing else', () => {
    expect(new Set(result.values.map((v) => v.year))).toEqual(new Set([2014, 2016, 2018]));
    const variables = new Set(result.values.map((v) => v.variable));
    for (const v of ['SI', 'SI objectief', 'SI subjectief', 'FI', 'FI objectief', 'FI subjectief', 'VI', 'VI objectief', 'VI subjectief']) {
      expect(variables.has(v), v).toBe(true);
    }
    expect(variables).toEqual(new Set([...INDEX_COLUMNS, ...COMPONENT_COLUMNS].map((c) => c.variable)));
    // 19 indices + 22 components (16 SI, 3 FI-obj, 3 VI)
    expect(variables.size).toBe(19 + 22);
    for (const v of result.values) {
      expect(v.source).toBe('wijkprofiel');
      expect(v.area).toMatch(CODE_PATTERN);
      expect(v.status === 'ok').toBe(typeof v.value === 'number');
      if (v.status !== 'ok') expect(v.status).toBe('ontbreekt');
    }
    // 7 mapped rows -> 7 areas (3003 covers 2 buurten, 1009+1010 share one) x 41 variables x 3 years.
    expect(new Set(result.values.map((v) => v.area)).size).toBe(7);
    expect(result.values).toHaveLength(7 * 41 * 3);
    expect(result.files).toEqual([
      WIJKPROFIEL_XLS,
      `${CSV_DIR}/gemeente 2018 si.csv`,
      `${CSV_DIR}/gemeente 2018 fi_obj.csv`,
      `${CSV_DIR}/gemeente 2018 fi_subj.csv`,
      `${CSV_DIR}/gemeente 2018 vi.csv`,
      CONTEXT_XLS,
    ]);
  });

  it('reads the xls columns by code (unrounded), skipping the description row', () => {
    expect(find(result.values, 2014, 'BU05991571', 'SI').value).toBe(cell(2014, 'SI', 71));
    expect(find(result.values, 2016, 'BU05991571', 'FI objectief').value).toBe(cell(2016, 'FIo', 71));
    expect(find(result.values, 2016, 'BU05991571', 'FI subjectief').value).toBe(cell(2016, 'FIs', 71));
    expect(find(result.values, 2016, 'BU05991571', 'VI inbraak objectief').value).toBe(cell(2016, 'VIo3', 71));
    expect(find(result.values, 2014, 'BU05991571', 'VI overlast subjectief').value).toBe(cell(2014, 'VIs5', 71));
    expect(find(result.values, 2014, 'GM0599', 'SI').value).toBe(cell(2014, 'SI', 5000));
  });

  it('reads the 2018 CSV: latin-1, trailing-space and repeated headers, decimal comma', () => {
    expect(find(result.values, 2018, 'BU05991571', 'SI').value).toBe(77);
    expect(find(result.values, 2018, 'BU05991571', 'SI objectief').value).toBe(80); // header 'Sociale Index objectief '
    expect(find(result.values, 2018, 'BU05991571', 'FI objectief').value).toBe(93);
    expect(find(result.values, 2018, 'BU05991571', 'FI subjectief').value).toBe(64);
    expect(find(result.values, 2018, 'BU05991571', 'VI').value).toBe(73);
    expect(find(result.values, 2018, 'BU05991571', 'VI overlast subjectief').value).toBe(33); // 'Overlast subjectief '
    expect(find(result.values, 2018, 'BU05991571', 'VI overlast objectief').value).toBe(62);
    expect(find(result.values, 2018, 'GM0599', 'SI').value).toBe(105);
  });

  it('keys on wijknr: wijk 20 Delfshaven -> buurt, gebied 4001 Delfshaven -> CBS wijk', () => {
    expect(find(result.values, 2018, 'BU05990320', 'SI').value).toBe(92);
    expect(find(result.values, 2018, 'WK059903', 'SI').value).toBe(97);
    expect(find(result.values, 2014, 'BU05990320', 'VI').value).toBe(cell(2014, 'VI', 20));
    expect(find(result.values, 2014, 'WK059903', 'VI').value).toBe(cell(2014, 'VI', 4001));
  });

  it('empty cell -> ontbreekt with value null', () => {
    const v = find(result.values, 2014, 'BU05991571', 'VI');
    expect(v).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(find(result.values, 2014, 'BU05991571', 'VI subjectief').status).toBe('ok');
  });

  it('samengevoegd: the same value on each CBS buurt, with a note', () => {
    for (const code of ['BU05990118', 'BU05990119']) {
      const v = find(result.values, 2018, code, 'SI');
      expect(v.value).toBe(110);
      expect(v.note).toContain('Wijkprofiel-wijk Nieuwe Werk/Dijkzigt');
      expect(v.note).toContain('BU05990118 + BU05990119');
    }
    expect(find(result.values, 2016, 'BU05990119', 'FI').value).toBe(cell(2016, 'FI', 3003));
  });

  it('deel: population-weighted mean of the Wijkprofiel wijken in one CBS buurt, with a note', () => {
    const v = find(result.values, 2018, 'BU05991289', 'SI');
    expect(v.value).toBeCloseTo((101 * 11909 + 103 * 15759) / (11909 + 15759), 10);
    expect(v.note).toMatch(/Bevolkingsgewogen gemiddelde/);
    expect(v.note).toContain('Groot IJsselmonde-Noord');
    expect(v.note).toContain('Groot IJsselmonde-Zuid');
    expect(v.note).toContain('1-1-2015');
    // decimal comma in an index cell: '95,5'
    expect(find(result.values, 2018, 'BU05991289', 'VI objectief').value).toBeCloseTo((106 * 11909 + 95.5 * 15759) / 27668, 10);
    const x = find(result.values, 2014, 'BU05991289', 'VI');
    expect(x.value).toBeCloseTo((cell(2014, 'VI', 1009) * 11909 + cell(2014, 'VI', 1010) * 15759) / 27668, 10);
    // one part missing -> the buurt value is missing
    expect(find(result.values, 2018, 'BU05991289', 'SI subjectief')).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(find(result.values, 2016, 'BU05991289', 'FI subjectief')).toMatchObject({ value: null, status: 'ontbreekt' });
  });

  it('components from the xls: a fraction becomes a percentage, a rate per 1.000 stays as it is', () => {
    expect(find(result.values, 2014, 'BU05991571', 'werkenden23_64_p').value).toBeCloseTo(cell(2014, 'werkenden23_64_p', 71) / 10, 10);
    expect(find(result.values, 2016, 'GM0599', 'VSV').value).toBeCloseTo(cell(2016, 'VSV', 5000) / 10, 10);
    expect(find(result.values, 2016, 'WK059903', 'p_leegstand').value).toBeCloseTo(cell(2016, 'p_leegstand', 4001) / 10, 10);
    expect(find(result.values, 2014, 'BU05991571', 'mis111norm').value).toBe(cell(2014, 'mis111norm', 71));
  });

  it('components from the 2018 CSV: `%` dropped, decimal comma, header with trailing space, empty cell', () => {
    // fixture si.csv line 2 (Tarwewijk): '% bewoners (23 t/m 64 jr) met werk' = 5%; line 3 (Delfshaven) = 8,10%
    expect(find(result.values, 2018, 'BU05991571', 'werkenden23_64_p').value).toBe(5);
    expect(find(result.values, 2018, 'BU05990320', 'werkenden23_64_p').value).toBeCloseTo(8.1, 10);
    // '% huishoudens met een bijstandsuitkering ' (trailing space): Tarwewijk 8%
    expect(find(result.values, 2018, 'BU05991571', 'Bijstandsontvangers_p').value).toBe(8);
    // vi.csv line 3 (Delfshaven): inbraak woning per 1.000 adressen = 4,1
    expect(find(result.values, 2018, 'BU05990320', 'mis111norm').value).toBeCloseTo(4.1, 10);
    // fi_obj.csv line 2 (Tarwewijk): leegstand 1%, overbezetting 8%
    expect(find(result.values, 2018, 'BU05991571', 'p_overbezet').value).toBe(8);
    // line 5 (3003) has the last column of each file empty -> ontbreekt on both buurten
    for (const code of ['BU05990118', 'BU05990119']) {
      expect(find(result.values, 2018, code, 'mis221norm')).toMatchObject({ value: null, status: 'ontbreekt' });
      expect(find(result.values, 2018, code, 'MoeiteMetSpreken_p')).toMatchObject({ value: null, status: 'ontbreekt' });
    }
  });

  it('components of a merged wijk: the value of the whole pair on each buurt, with note and unit, as the indices', () => {
    for (const code of ['BU05990118', 'BU05990119']) {
      const v = find(result.values, 2016, code, 'geen_startkwal_p');
      expect(v.value).toBeCloseTo(cell(2016, 'geen_startkwal_p', 3003) / 10, 10);
      expect(v.note).toContain('Wijkprofiel-wijk Nieuwe Werk/Dijkzigt');
      expect(v.unit).toBe('WP3003');
      expect(v.unit).toBe(find(result.values, 2016, code, 'SI').unit);
    }
  });

  it('a percentage above 1 in the xls is refused with file, sheet, row and column', async () => {
    const bad = await makeSourceDir(obiWorkbook({ sheet: 'SI 2016', wijknr: 20, code: 'VSV', value: 17.2 }));
    tmpDirs.push(bad);
    const e = await sourceErrorOfAsync(loadWijkprofiel(bad, FIXTURE_MAPPING));
    expect(e.file).toContain(WIJKPROFIEL_XLS);
    expect(e.message).toContain('SI 2016');
    expect([e.row, e.column]).toEqual([5, 'VSV']); // Delfshaven is the second data row: sheet row 5
    expect(e.message).toMatch(/17\.2 is geen fractie/);
  });

  it('a percentage without `%` in the CSV is refused with file, line and column', async () => {
    const bad = await makeSourceDir();
    tmpDirs.push(bad);
    const file = path.join(bad, CSV_DIR, 'gemeente 2018 si.csv');
    const text = (await readFile(file)).toString('latin1');
    // line 3 (Delfshaven): '% bewoners (23 t/m 64 jr) met werk' 8,10% -> 8,10
    const lines = text.split('\r\n');
    const fields = lines[2]!.split(';');
    const col = lines[0]!.split(';').indexOf('% bewoners (23 t/m 64 jr) met werk');
    expect(fields[col]).toBe('8,10%');
    fields[col] = '8,10';
    lines[2] = fields.join(';');
    await writeFile(file, Buffer.from(lines.join('\r\n'), 'latin1'));
    const e = await sourceErrorOfAsync(loadWijkprofiel(bad, FIXTURE_MAPPING));
    expect(e.file).toBe(`${CSV_DIR}/gemeente 2018 si.csv`);
    expect([e.row, e.column]).toEqual([3, '% bewoners (23 t/m 64 jr) met werk']);
    expect(e.message).toMatch(/"8,10" is geen percentage/);
  });

  it('returns unmapped wijken instead of throwing', () => {
    expect(result.unmapped).toEqual([
      expect.objectContaining({ wijknr: 999, naam: 'Nergenshuis', gebied: 'Nergens' }),
    ]);
    expect(result.unmapped[0].files.length).toBeGreaterThanOrEqual(5);
    expect(result.values.some((v) => v.note?.includes('Nergenshuis'))).toBe(false);
  });

  it('names areas only for gelijk rows', () => {
    const codes = new Set(result.areas.map((a) => a.code));
    expect(codes).toEqual(new Set(['BU05990320', 'BU05991571', 'WK059903', 'GM0599']));
    expect(result.areas.filter((a) => a.code === 'WK059903').map((a) => a.year).sort()).toEqual([2014, 2016, 2018]);
  });

  it('loadWijkprofielContext2015 reads inhabitants per wijknr (header row 1, data from row 2)', async () => {
    const ctx = await loadWijkprofielContext2015(dir);
    expect(ctx.size).toBe(WIJKEN.length);
    expect(ctx.get(1009)).toEqual({ wijknr: 1009, naam: 'Groot IJsselmonde-Noord', gebied: 'gebied IJsselmonde', inwoners: 11909 });
  });

  it('an unparseable xls value names file, sheet, row and column', async () => {
    const bad = await makeSourceDir(obiWorkbook({ sheet: 'VI 2016', wijknr: 71, code: 'VIo', value: 'n.v.t.' }));
    tmpDirs.push(bad);
    const e = await sourceErrorOfAsync(loadWijkprofiel(bad, FIXTURE_MAPPING));
    expect(e.file).toContain(WIJKPROFIEL_XLS);
    expect(e.file).toContain('rotterdam_wijkprofiel/');
    expect(e.message).toContain('VI 2016');
    expect(e.row).toBe(4); // first data row: sheet row 4 (1-based)
    expect(e.column).toBe('VIo');
    expect(e.message).toMatch(/rij 4, kolom "VIo".*n\.v\.t\./);
  });

  it('FI read from both FI sheets must agree', async () => {
    const bad = await makeSourceDir(obiWorkbook({ sheet: 'FI-subj 2014', wijknr: 20, code: 'FI', value: '1' }));
    tmpDirs.push(bad);
    const e = await sourceErrorOfAsync(loadWijkprofiel(bad, FIXTURE_MAPPING));
    expect(e.message).toMatch(/FI van wijknr 20 verschilt/);
  });
});

describe('parseIndexCsv / parseValue', () => {
  // Every SI component column is required: each row gets `1%` in all of them (appended by `line`).
  const SI_COMPONENTS = COMPONENT_COLUMNS.filter((c) => c.part === 'SI');
  const header = `naam gebied (voormalig deelgemeente);wijknr;BUURT;Sociale Index;Sociale Index subjectief ;Sociale Index objectief;% x;% x;${SI_COMPONENTS.map((c) => c.label).join(';')}`;
  const line = (s: string) => `${s};${SI_COMPONENTS.map(() => '1%').join(';')}`;

  it('parses %, decimal comma and empty', () => {
    expect(parseValue('1,60%', 'f', 2, 'c')).toBe(1.6);
    expect(parseValue('67%', 'f', 2, 'c')).toBe(67);
    expect(parseValue('0,32', 'f', 2, 'c')).toBe(0.32);
    expect(parseValue(' 81 ', 'f', 2, 'c')).toBe(81);
    expect(parseValue('', 'f', 2, 'c')).toBeNull();
    expect(parseValue(null, 'f', 2, 'c')).toBeNull();
    expect(parseValue(80.7184, 'f', 2, 'c')).toBe(80.7184);
    expect(() => parseValue('1.137', 'f', 2, 'c')).toThrow(SourceError);
  });

  it('an unparseable CSV value names file, line and column', () => {
    const csv = [header, line('Charlois;71;Tarwewijk;77;75;80;1%;1%'), line('Charlois;72;Carnisse;7O;61;81;2%;2%'), ''].join('\r\n');
    const e = errorOf(() => parseIndexCsv(Buffer.from(csv, 'latin1'), 'gemeente 2018 si.csv', 'SI', 2018));
    expect(e.file).toBe('gemeente 2018 si.csv');
    expect(e.row).toBe(3);
    expect(e.column).toBe('Sociale Index');
    expect(e.message).toBe('gemeente 2018 si.csv, rij 3, kolom "Sociale Index": waarde "7O" is geen getal');
  });

  it('an index header that repeats is an error, not a guess', () => {
    const csv = [header.replace('Sociale Index objectief', 'Sociale Index'), line('Charlois;71;Tarwewijk;77;75;80;1%;1%')].join('\r\n');
    const e = errorOf(() => parseIndexCsv(Buffer.from(csv), 'x.csv', 'SI', 2018));
    expect(e.message).toMatch(/kolom "Sociale Index".*2 keer/);
  });

  it('a short row names its line', () => {
    const csv = [header, line('Charlois;71;Tarwewijk;77;75;80;1%;1%'), 'Charlois;72;Carnisse;71'].join('\r\n');
    const e = errorOf(() => parseIndexCsv(Buffer.from(csv), 'x.csv', 'SI', 2018));
    expect(e.row).toBe(3);
  });

  it('parseComponentValue: xls fraction -> percentage, CSV text with `%`; the other form is refused', () => {
    expect(parseComponentValue(0.3903, 'percent', 'f', 2, 'c')).toBeCloseTo(39.03, 10);
    expect(parseComponentValue(1, 'percent', 'f', 2, 'c')).toBe(100);
    expect(parseComponentValue('39%', 'percent', 'f', 2, 'c')).toBe(39);
    expect(parseComponentValue('8,10%', 'percent', 'f', 2, 'c')).toBeCloseTo(8.1, 10);
    expect(parseComponentValue('4,9', 'per1000', 'f', 2, 'c')).toBeCloseTo(4.9, 10);
    expect(parseComponentValue(18.5723, 'per1000', 'f', 2, 'c')).toBe(18.5723);
    expect(parseComponentValue(' ', 'percent', 'f', 2, 'c')).toBeNull();
    expect(parseComponentValue(null, 'per1000', 'f', 2, 'c')).toBeNull();
    expect(errorOf(() => parseComponentValue(39, 'percent', 'f.xls', 7, 'VSV')).message).toBe('f.xls, rij 7, kolom "VSV": waarde 39 is geen fractie tussen 0 en 1 (een percentage staat in het xls als fractie)');
    expect(errorOf(() => parseComponentValue('39', 'percent', 'f.csv', 3, '% x')).message).toBe('f.csv, rij 3, kolom "% x": waarde "39" is geen percentage (verwacht bijv. 67% of 1,60%)');
    expect(errorOf(() => parseComponentValue('4,9%', 'per1000', 'f.csv', 3, 'y')).message).toMatch(/rij 3, kolom "y".*geen getal per 1\.000/);
    expect(errorOf(() => parseComponentValue(-0.1, 'percent', 'f', 2, 'c')).column).toBe('c');
    expect(errorOf(() => parseComponentValue('n.v.t.', 'percent', 'f', 2, 'c')).row).toBe(2);
  });

  it('a required component column missing from a CSV header is named', () => {
    const csv = [header.replace('% leerlingen in 3e klas havo/vwo', '% leerlingen in klas 3'), line('Charlois;71;Tarwewijk;77;75;80;1%;1%')].join('\r\n');
    const e = errorOf(() => parseIndexCsv(Buffer.from(csv), 'x.csv', 'SI', 2018));
    expect([e.row, e.column]).toEqual([1, '% leerlingen in 3e klas havo/vwo']);
    expect(e.message).toMatch(/ontbreekt/);
  });

  it('the latin-1 fixture decodes (µg/m3, braderieën) and keeps CRLF/latin-1 bytes', async () => {
    const { readFile } = await import('node:fs/promises');
    const buf = await readFile(path.join(FIXTURES, 'csv_2014_2016_2018', 'gemeente 2018 si.csv'));
    expect(buf.includes(Buffer.from('\r\n'))).toBe(true);
    expect(buf.includes(Buffer.from([0xeb]))).toBe(true); // ë in latin-1
    const t = parseIndexCsv(buf, 'si', 'SI', 2018);
    expect(t.rows.map((r) => r.wijknr)).toEqual([71, 20, 4001, 3003, 1009, 1010, 999, 5000]);
    expect(t.rows[0].row).toBe(2);
  });
});

describe('mapping CSV validation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wijkprofiel-map-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const HEAD = 'wijknr,wijkprofiel_naam,cbs_codes,relatie,toelichting';

  async function mappingError(lines: string[]): Promise<SourceError> {
    const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(file, lines.join('\n') + '\n');
    const e = await sourceErrorOfAsync(readWijkprofielMapping(file));
    expect(e.file).toBe(file);
    return e;
  }

  it('rejects a code that is not a CBS code, with line and column', async () => {
    const e = await mappingError([HEAD, '71,Tarwewijk,BU05991571,gelijk,', '72,Carnisse,BU0599157,gelijk,']);
    expect(e.row).toBe(3);
    expect(e.column).toBe('cbs_codes');
    expect(e.message).toContain('rij 3, kolom "cbs_codes"');
  });
  it('rejects an unknown relatie', async () => {
    const e = await mappingError([HEAD, '71,Tarwewijk,BU05991571,ongeveer,']);
    expect([e.row, e.column]).toEqual([2, 'relatie']);
  });
  it('rejects a duplicate wijknr', async () => {
    const e = await mappingError([HEAD, '71,Tarwewijk,BU05991571,gelijk,', '71,Tarwewijk,BU05991572,gelijk,']);
    expect([e.row, e.column]).toEqual([3, 'wijknr']);
  });
  it('rejects a wrong header and a wrong field count', async () => {
    expect((await mappingError(['wijknr,naam,cbs_codes,relatie,toelichting', '71,T,BU05991571,gelijk,'])).row).toBe(1);
    expect((await mappingError([HEAD, '71,Tarwewijk,BU05991571,gelijk'])).row).toBe(2);
  });
  it('checks the number of codes against the relatie, and shared codes', async () => {
    expect((await mappingError([HEAD, '78,Z,BU05991578,samengevoegd,'])).column).toBe('cbs_codes');
    expect((await mappingError([HEAD, '1009,G,BU05991289+BU05991290,deel,'])).column).toBe('cbs_codes');
    expect((await mappingError([HEAD, '71,T,BU05991571,gelijk,', '72,C,BU05991571,gelijk,'])).row).toBe(3);
    expect((await mappingError([HEAD, '71,T,WK059915,gelijk,', '72,C,,gelijk,'])).column).toBe('cbs_codes');
  });
  it('a malformed mapping stops the loader', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, `${HEAD}\n71,Tarwewijk,BU5991571,gelijk,\n`);
    const e = await sourceErrorOfAsync(loadWijkprofiel(FIXTURES, file));
    expect(e.message).toContain('"BU5991571" is geen CBS-code');
  });
});

describe('data/wijkprofiel-gebieden.csv', () => {
  // How the table was made and checked (one-off script, not committed):
  //  - names: the 86 (wijknr, BUURT85, gebied) rows of the OBI xls against the CBS buurt names/codes of
  //    KWB 2016 (cbs_kwb_rotterdam_2014_2018) and the 2024 names in the KWB 2025 file; the 18 hard cases
  //    of PROVENANCE section 6 were resolved as listed there;
  //  - codes: every code exists in KWB 2016 (integration test) and in KWB 2025; each buurt lies in the CBS
  //    wijk of its Wijkprofiel gebied, and each gebied's WK code has the gebied's name (integration test);
  //    for 'gelijk' buurten the last two digits of the CBS code equal Rotterdam's wijknr (tested below);
  //  - inhabitants: Context2015 (1-1-2015) against KWB 2015 'Aantal inwoners' for every row (differences
  //    of at most 35 inhabitants, except as noted). That check moved Landzicht BU05990457 into 3006
  //    NoordKethel/Schieveen/Zestienhoven: Wijkprofiel 2536 vs 2155 without Landzicht, 2520 with it
  //    (Landzicht: 365), while Kleinpolder and Overschie match their own buurten and gebied Overschie
  //    equals CBS wijk Overschie. Groot IJsselmonde-Noord + -Zuid = 27668 vs buurt Groot IJsselmonde 27650.
  it('has 71 wijken, 14 gebieden and Rotterdam, valid and unique', async () => {
    const rows = await readWijkprofielMapping(REAL_MAPPING); // validates header, relatie, codes, duplicates
    expect(rows).toHaveLength(86);
    expect(new Set(rows.map((r) => r.wijknr)).size).toBe(86);
    const wijken = rows.filter((r) => r.wijknr < 4000);
    const gebieden = rows.filter((r) => r.wijknr >= 4000 && r.wijknr <= 4013);
    expect(wijken).toHaveLength(71);
    expect(gebieden).toHaveLength(14);
    for (const g of gebieden) expect(g).toMatchObject({ relatie: 'gelijk', codes: [expect.stringMatching(/^WK0599\d\d$/)] });
    expect(rows.find((r) => r.wijknr === 5000)).toMatchObject({ naam: 'Rotterdam', codes: ['GM0599'], relatie: 'gelijk' });
    for (const w of wijken) {
      for (const c of w.codes) expect(c).toMatch(/^BU0599\d{4}$/);
      expect(['gelijk', 'samengevoegd', 'deel']).toContain(w.relatie);
      expect(w.toelichting).not.toBe('');
    }
  });

  it('gelijk buurten carry Rotterdam\'s wijknr in the last two digits of the CBS code', async () => {
    const rows = await readWijkprofielMapping(REAL_MAPPING);
    const gelijk = rows.filter((r) => r.wijknr < 4000 && r.relatie === 'gelijk');
    expect(gelijk).toHaveLength(62);
    for (const r of gelijk) {
      expect(r.codes[0].slice(-2), r.naam).toBe(String(r.wijknr).padStart(2, '0'));
    }
  });

  it('lists the known combinations and splits', async () => {
    const rows = await readWijkprofielMapping(REAL_MAPPING);
    const special = Object.fromEntries(rows.filter((r) => r.relatie !== 'gelijk').map((r) => [r.wijknr, `${r.relatie} ${r.codes.join('+')}`]));
    expect(special).toEqual({
      78: 'samengevoegd BU05991578+BU05991570',
      1009: 'deel BU05991289',
      1010: 'deel BU05991289',
      3001: 'samengevoegd BU05991702+BU05991703',
      3003: 'samengevoegd BU05990118+BU05990119',
      3004: 'samengevoegd BU05990327+BU05990328',
      3005: 'samengevoegd BU05990842+BU05990843',
      3006: 'samengevoegd BU05990452+BU05990454+BU05990455+BU05990457',
      3011: 'samengevoegd BU05990532+BU05990558',
    });
  });
});
