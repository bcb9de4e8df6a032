// Every loader on a real file cut at a row boundary: such a file parses cleanly, so the build must
// notice what is missing and fail naming the file and the missing areas (or wijken, or rows), and
// publish nothing. Expected codes are read from the dropped part of the original file with plain
// regular expressions or SheetJS/DuckDB, not with the loaders.
// The real files are read from the open-data folder; damaged copies live only in os.tmpdir().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build-data';
import { LOADERS } from '../../scripts/pipeline/sources/index';
import { resolveSourceDir } from '../../scripts/pipeline/source-dir';

const SOURCE = resolveSourceDir([]);
const POLITIE = 'politie_misdrijven_buurt_2023/PolRegCrime47018_2023_Rotterdam.csv';
const POPULATION = 'cbs_kwb_rotterdam_2023_85618NED_population/Population85618_2023_Rotterdam.csv';
const KWB2016 = 'cbs_kwb_rotterdam_2014_2018/Kerncijfers_wijken_en_buurten_2016.csv';
const KWB2024 = 'cbs_kwb_2024_85984NED/Kerncijfers_wijken_en_buurten_2024_geslachten.csv';
const KWB2024B = 'cbs_kwb_2024_85984NED/Kerncijfers_wijken_en_buurten_2024_11122025_141648.csv';
const KWB2025_DIR = 'cbs_kwb_rotterdam_2025_86165NED';
const BUURT2024 = 'cbs_wijkbuurtkaart_2024_rijnmond/buurt_2024_stats.parquet';
const WIJK2016 = 'cbs_wijkbuurtkaart_2016_nl/wijk_2016.dbf';
const REGIO_DIR = 'cbs_gemeente_context';
const RIVM2016 = 'rivm_gezondheid_wijk_buurt/2016_18+.xlsx';
const EENZAAM = 'rivm_gezondheid_wijk_buurt/WijkEenzaamheid2016.csv';
const LBM_WIJK = 'leefbaarometer_2016/wijk.xlsx';
const LBM_DIM = 'leefbaarometer_2016/dimensiescore_wijk (stand).xlsx';
const WP_CSV = (part: string) => `rotterdam_wijkprofiel/csv_2014_2016_2018/gemeente 2018 ${part}.csv`;

let work: string;
let caseNo = 0;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkbeeld-complete-'));
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A source folder: every real entry linked, the replaced files written (null: left out), their folders real. */
function overlay(replaced: Record<string, string | Buffer | null>): string {
  const dir = path.join(work, `src-${++caseNo}`);
  const mirror = (rel: string) => {
    fs.mkdirSync(path.join(dir, rel), { recursive: true });
    for (const e of fs.readdirSync(path.join(SOURCE, rel))) {
      const r = rel ? `${rel}/${e}` : e;
      if (r in replaced) {
        if (replaced[r] !== null) fs.writeFileSync(path.join(dir, r), replaced[r]!);
      } else if (Object.keys(replaced).some((k) => k.startsWith(`${r}/`))) mirror(r);
      else fs.symlinkSync(path.join(SOURCE, r), path.join(dir, r));
    }
  };
  mirror('');
  return dir;
}

/** The file's lines with their own line ends, as bytes-preserving latin1 text. */
function lines(rel: string): string[] {
  return fs.readFileSync(path.join(SOURCE, rel), 'latin1').split(/(?<=\n)/);
}
const bytes = (s: string) => Buffer.from(s, 'latin1');

const KEPT = /^(NL|GM0599|GM0363|GM0518|GM0344|WK0599\d\d|BU0599\d{4})$/;
const codesIn = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => (m[1] === 'NL00' ? 'NL' : m[1]!)).filter((c) => KEPT.test(c));

/** Build with one loader: it must fail, publish nothing, and return the message. */
async function failure(loaderName: string, sourceDir: string): Promise<string> {
  const loader = LOADERS.find((l) => l.name === loaderName);
  expect(loader, loaderName).toBeDefined();
  const out = path.join(work, `out-${caseNo}`, 'public', 'data');
  const err = await buildData({ sourceDir, outDir: out, log: () => undefined, loaders: [loader!] }).then(
    () => null,
    (e: Error) => e,
  );
  expect(err, 'build should have failed').toBeInstanceOf(Error);
  expect(fs.existsSync(out)).toBe(false);
  console.log(`    → ${err!.message.split('\n').slice(0, 3).join(' | ').slice(0, 400)}`);
  return err!.message;
}

/** The message line for `file` names `missing.length` of `total` and lists only missing codes. */
function expectMissing(msg: string, file: string, missing: string[], total: number, basis: string, codeRe = /\b(NL|GM\d{4}|WK\d{6}|BU\d{8})\b/g): void {
  expect(missing.length).toBeGreaterThan(0);
  const line = msg.split('\n').find((l) => l.includes(`${file}: ontbreekt: `));
  expect(line, msg).toBeDefined();
  expect(line).toContain(`(${missing.length} van de ${total} volgens ${basis})`);
  const list = line!.slice(line!.indexOf('ontbreekt: '), line!.lastIndexOf(' ('));
  const listed = [...list.matchAll(codeRe)].map((m) => m[1]!);
  expect(listed).toHaveLength(Math.min(30, missing.length));
  expect(missing).toEqual(expect.arrayContaining(listed));
}

describe('a file cut at a row boundary fails the build, naming the file and what is missing', () => {
  it('Politie 2023, cut to 46 of its 92 lines (the case in the issue)', async () => {
    const all = lines(POLITIE);
    expect(all).toHaveLength(92);
    const missing = codesIn(all.slice(46).join(''), /"(BU\d{8})"/g);
    expect(missing).toHaveLength(46);
    const msg = await failure('politie', overlay({ [POLITIE]: bytes(all.slice(0, 46).join('')) }));
    expect(msg).toMatch(/^Onvolledige bronbestanden:/);
    expectMissing(msg, POLITIE, missing, 91, 'CBS-indeling 2023');
  });

  it('KWB 2023 inwoners, cut to 46 lines', async () => {
    const all = lines(POPULATION);
    const missing = codesIn(all.slice(46).join(''), /"(BU\d{8})"/g);
    const msg = await failure('kwb-inwoners', overlay({ [POPULATION]: bytes(all.slice(0, 46).join('')) }));
    expectMissing(msg, POPULATION, missing, 91, 'CBS-indeling 2023');
  });

  it('KWB 2016 (StatLine 2014–2018 export), cut to 60 of its 120 lines', async () => {
    const all = lines(KWB2016);
    const missing = codesIn(all.slice(60).join(''), /;((?:GM|WK|BU)\d+);/g);
    const msg = await failure('kwb-statline', overlay({ [KWB2016]: bytes(all.slice(0, 60).join('')) }));
    expectMissing(msg, KWB2016, missing, 1 + 22 + 92, 'CBS-indeling 2016');
  });

  it('KWB 2024, both CSVs cut at the same row inside Rotterdam: the missing Rotterdam and G4 codes', async () => {
    const a = lines(KWB2024);
    const b = lines(KWB2024B);
    const cut = a.findIndex((l) => l.includes('"WK059901')) + 40;
    const missing = codesIn(a.slice(cut).join(''), /"((?:NL|GM|WK|BU)[0-9A-Z]+)\s*"/g);
    const msg = await failure('kwb-2024-csv', overlay({ [KWB2024]: bytes(a.slice(0, cut).join('')), [KWB2024B]: bytes(b.slice(0, cut).join('')) }));
    expect(missing).toContain('GM0344');
    expectMissing(msg, KWB2024, missing, 1 + 4 + 21 + 91, 'CBS-indeling 2024');
  });

  it('KWB 2024, only the main CSV cut: it is named as the short file, with the rows it lacks', async () => {
    const a = lines(KWB2024);
    const cut = a.findIndex((l) => l.includes('"GM0599'));
    const b = lines(KWB2024B);
    const firstLost = b[cut]!.split(';')[0]!.replace(/"/g, '');
    const msg = await failure('kwb-2024-csv', overlay({ [KWB2024]: bytes(a.slice(0, cut).join('')) }));
    expect(msg).toContain(`${KWB2024}: ${cut - 1} rijen, ${KWB2024B} heeft er ${b.length - 1}`);
    expect(msg).toContain(`Ontbreekt: de rijen vanaf rij ${cut + 1} van ${KWB2024B} (${b.length - cut} rijen: "${firstLost}"`);
  });

  it('KWB 2025 (transposed, regions are columns): without its closing "Bron: CBS" line', async () => {
    const name = fs.readdirSync(path.join(SOURCE, KWB2025_DIR)).find((n) => n.endsWith('.csv'))!;
    const rel = `${KWB2025_DIR}/${name}`;
    const all = lines(rel);
    const keep = all.length - 4;
    const msg = await failure('kwb-transposed', overlay({ [rel]: bytes(all.slice(0, keep).join('')) }));
    expect(msg).toContain(`${rel}, rij ${keep}: de laatste regel is niet "Bron: CBS"`);
  });

  it('wijk- en buurtkaart 2024: the buurt Parquet with the rows after the 40th Rotterdam buurt left out', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const src = path.join(SOURCE, BUURT2024).replace(/'/g, "''");
    const damaged = path.join(work, 'buurt_2024_stats.parquet');
    await c.run(`CREATE TABLE t AS SELECT row_number() OVER () AS rn, * FROM read_parquet('${src}')`);
    const n = Number((await c.runAndReadAll(`SELECT rn FROM t WHERE buurtcode LIKE 'BU0599%' ORDER BY rn LIMIT 1 OFFSET 40`)).getRowsJS()[0]![0]);
    await c.run(`COPY (SELECT * EXCLUDE (rn) FROM t WHERE rn < ${n}) TO '${damaged}' (FORMAT PARQUET)`);
    const missing = (await c.runAndReadAll(`SELECT DISTINCT buurtcode FROM t WHERE rn >= ${n} AND buurtcode LIKE 'BU0599%'`)).getRowsJS().map((r) => String(r[0]));
    c.closeSync();
    db.closeSync();
    const msg = await failure('wbk-2024', overlay({ [BUURT2024]: fs.readFileSync(damaged) }));
    expectMissing(msg, BUURT2024, missing, 91, 'CBS-indeling 2024');
  });

  describe('wijk- en buurtkaart 2016 (DBF)', () => {
    const buf = fs.readFileSync(path.join(SOURCE, WIJK2016));
    const count = buf.readUInt32LE(4);
    const headerLen = buf.readUInt16LE(8);
    const recLen = buf.readUInt16LE(10);
    const record = (i: number) => buf.toString('latin1', headerLen + i * recLen, headerLen + (i + 1) * recLen);
    const rotterdam = [...Array(count).keys()].filter((i) => /WK0599\d\d/.test(record(i)));
    const keep = rotterdam[10]!;

    it('bytes cut at a record boundary: fewer records than the header declares', async () => {
      const cut = buf.subarray(0, headerLen + keep * recLen);
      const msg = await failure('wbk-2016', overlay({ [WIJK2016]: cut }));
      expect(msg).toContain(`${WIJK2016}, rij ${keep + 1}: bestand afgekapt: ${keep} van ${count} records volledig`);
    });

    it('records dropped and the header count lowered to match: the missing Rotterdam gebieden', async () => {
      const cut = Buffer.concat([buf.subarray(0, headerLen + keep * recLen), Buffer.from([0x1a])]);
      cut.writeUInt32LE(keep, 4);
      const missing = [...new Set(rotterdam.filter((i) => i >= keep).map((i) => /WK0599\d\d/.exec(record(i))![0]))];
      const msg = await failure('wbk-2016', overlay({ [WIJK2016]: cut }));
      expectMissing(msg, WIJK2016, missing, 22, 'CBS-indeling 2016');
    });
  });

  it('Regionale kerncijfers, cut before the Rotterdam row: the regions not reached', async () => {
    const name = fs.readdirSync(path.join(SOURCE, REGIO_DIR)).find((n) => n.endsWith('.csv'))!;
    const rel = `${REGIO_DIR}/${name}`;
    const all = lines(rel);
    const cut = all.findIndex((l) => l.includes('"Rotterdam"'));
    const regions: Record<string, string> = { Nederland: 'NL', Rotterdam: 'GM0599', Amsterdam: 'GM0363', "'s-Gravenhage (gemeente)": 'GM0518', 'Utrecht (gemeente)': 'GM0344' };
    const missing = all.slice(cut).map((l) => regions[l.split(';')[1]!.replace(/"/g, '')]).filter((c): c is string => !!c);
    const msg = await failure('regio', overlay({ [rel]: bytes(all.slice(0, cut).join('')) }));
    expect(msg).toContain(`${rel}, kolom "Regio's": ontbreekt: `);
    expect(msg).toContain(`(${missing.length} van de 5 volgens Nederland en de G4)`);
    for (const c of missing) expect(msg).toContain(c);
  });

  it('RIVM 2016 18+ (xlsx), rows after the 50th Rotterdam row left out', async () => {
    const wb = XLSX.read(fs.readFileSync(path.join(SOURCE, RIVM2016)), { type: 'buffer' });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const range = XLSX.utils.decode_range(ws['!ref']!);
    const header = [...Array(range.e.c + 1).keys()].map((c) => String(ws[XLSX.utils.encode_cell({ r: 0, c })]?.v ?? '').trim());
    const col = header.indexOf('WijkenEnBuurten');
    const code = (r: number) => String(ws[XLSX.utils.encode_cell({ r, c: col })]?.v ?? '').trim();
    const rows = [...Array(range.e.r).keys()].map((i) => i + 1);
    const keep = rows.filter((r) => code(r).includes('0599'))[50]!;
    const kept = new Set(rows.filter((r) => r < keep).map(code));
    const missing = [...new Set(rows.filter((r) => r >= keep).map(code).map((c) => (c === 'NL01' ? 'NL' : c)))].filter((c) => KEPT.test(c) && !kept.has(c));
    ws['!ref'] = XLSX.utils.encode_range({ s: range.s, e: { r: keep - 1, c: range.e.c } });
    const damaged = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    // The loader reads every xlsx in the folder; the five other exports are complete and add nothing
    // to this check, so they are left out (each costs seconds to read).
    const others = fs.readdirSync(path.join(SOURCE, path.dirname(RIVM2016))).filter((n) => n.endsWith('.xlsx')).map((n) => `${path.dirname(RIVM2016)}/${n}`).filter((r) => r !== RIVM2016);
    expect(others).toHaveLength(5);
    const msg = await failure('rivm', overlay({ [RIVM2016]: damaged, ...Object.fromEntries(others.map((r) => [r, null])) }));
    expectMissing(msg, RIVM2016, missing, 1 + 4 + 22 + 92, 'CBS-indeling 2020');
  });

  it('Eenzaamheid 2016, cut after the 10th Rotterdam line', async () => {
    const all = lines(EENZAAM);
    const cut = all.findIndex((l) => l.startsWith('WK0599')) + 10;
    const missing = codesIn(all.slice(cut).join(''), /^(WK\d{6}),/gm);
    const msg = await failure('eenzaamheid', overlay({ [EENZAAM]: bytes(all.slice(0, cut).join('')) }));
    expectMissing(msg, EENZAAM, missing, 22, 'CBS-indeling 2016');
  });

  describe('Leefbaarometer (xlsx)', () => {
    /** The workbook with the rows of `sheet` from 0-based row `keep` on left out, and the dropped rows. */
    function cutSheet(rel: string, sheet: string | undefined, keepAfterRotterdamRow: number) {
      const wb = XLSX.read(fs.readFileSync(path.join(SOURCE, rel)), { type: 'buffer' });
      const ws = wb.Sheets[sheet ?? wb.SheetNames[0]!]!;
      const range = XLSX.utils.decode_range(ws['!ref']!);
      const cell = (r: number, c: number) => String(ws[XLSX.utils.encode_cell({ r, c })]?.v ?? '').trim();
      const head = [...Array(range.e.c + 1).keys()].map((c) => cell(0, c));
      const first = [...Array(range.e.r + 1).keys()].find((r) => cell(r, 0).startsWith('WK0599'))!;
      const keep = first + keepAfterRotterdamRow;
      const dropped = [...Array(range.e.r - keep + 1).keys()].map((i) => keep + i).map((r) => Object.fromEntries(head.map((h, c) => [h, cell(r, c)])));
      const kept = [...Array(keep).keys()].map((r) => cell(r, 0));
      ws['!ref'] = XLSX.utils.encode_range({ s: range.s, e: { r: keep - 1, c: range.e.c } });
      return { damaged: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, dropped, kept: new Set(kept) };
    }

    it('wijk.xlsx cut after the 8th Rotterdam row', async () => {
      const { damaged, dropped } = cutSheet(LBM_WIJK, undefined, 8);
      const missing = dropped.map((r) => r.WK_CODE!).filter((c) => c.startsWith('WK0599'));
      const msg = await failure('leefbaarometer', overlay({ [LBM_WIJK]: damaged }));
      expectMissing(msg, LBM_WIJK, missing, 22, 'CBS-indeling 2016');
    });

    it('dimensiescore_wijk (stand) cut inside the rows of one gebied: the gebied × jaar pairs', async () => {
      const { damaged, dropped, kept } = cutSheet(LBM_DIM, 'data(1)', 31);
      const rot = dropped.filter((r) => r.GBD!.startsWith('WK0599') && r.GBD !== 'WK059925' && r.GBD !== 'WK059926');
      const missing = [...rot.map((r) => `${r.GBD} ${r.JAAR}`), ...new Set(rot.map((r) => r.GBD!).filter((c) => !kept.has(c)))];
      expect(rot.length % 3).not.toBe(0); // one gebied keeps some of its years
      const msg = await failure('leefbaarometer', overlay({ [LBM_DIM]: damaged }));
      expectMissing(msg, LBM_DIM, missing, 20 + 20 * 3, 'CBS-indeling 2016 zonder WK059925, WK059926, elk in 2012, 2014, 2016', /\b(WK\d{6}(?: \d{4})?) \(/g);
    });
  });

  describe('Wijkprofiel 2018 (CSV)', () => {
    const wijknrs = (ls: string[]) => ls.map((l) => l.split(';')[1]!).filter((x) => /^\d+$/.test(x));

    it('the vi CSV cut to 40 lines: the wijknrs it lacks compared with the si CSV', async () => {
      const all = lines(WP_CSV('vi'));
      const missing = wijknrs(all.slice(40));
      const msg = await failure('wijkprofiel', overlay({ [WP_CSV('vi')]: bytes(all.slice(0, 40).join('')) }));
      expectMissing(msg, WP_CSV('vi'), missing, wijknrs(lines(WP_CSV('si'))).length, `de wijken in ${WP_CSV('si')}`, /wijknr (\d+)/g);
    });

    it('all four CSVs cut to 40 lines: the wijknrs of data/wijkprofiel-gebieden.csv they lack', async () => {
      const parts = ['si', 'fi_obj', 'fi_subj', 'vi'];
      const mapping = fs.readFileSync(path.resolve('data/wijkprofiel-gebieden.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
      const kept = new Set(wijknrs(lines(WP_CSV('si')).slice(0, 40)));
      const missing = mapping.filter((n) => !kept.has(n));
      const msg = await failure('wijkprofiel', overlay(Object.fromEntries(parts.map((p) => [WP_CSV(p), bytes(lines(WP_CSV(p)).slice(0, 40).join(''))]))));
      const file = parts.map(WP_CSV).join(' + ');
      expectMissing(msg, file, missing, mapping.length, 'wijkprofiel-gebieden.csv', /wijknr (\d+)/g);
    });
  });
});
