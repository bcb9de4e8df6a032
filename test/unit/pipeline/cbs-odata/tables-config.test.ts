// data/cbs-tables.json (what the downloader fetches, and from where) must agree with
// data/indicators.json (what the catalogue says a year's figures come from) wherever both name a
// year, name each source's own service root and catalogue, and use the RIVM loader's age groups so
// downloaded tables produce the variable names the catalogue uses. A malformed config is refused
// with the file and the field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import indicators from '../../../../data/indicators.json';
import { CONFIG_FILE, planTables, readTablesConfig } from '../../../../scripts/pipeline/download-cbs.ts';
import { RIVM_AGE_GROUPS, RIVM_POINT_ESTIMATE } from '../../../../scripts/pipeline/sources/rivm.ts';

const cfg = readTablesConfig();
const catalogueSources = indicators.sources as Record<string, { tables: Record<string, string> }>;

describe('data/cbs-tables.json against the catalogue (data/indicators.json)', () => {
  it('names the same table as data/indicators.json wherever both name a source and year', () => {
    const compared: string[] = [];
    for (const [source, s] of Object.entries(cfg.sources)) {
      const cat = catalogueSources[source];
      if (!cat) continue;
      for (const [year, table] of Object.entries(s.tables)) {
        if (!(year in cat.tables)) continue;
        expect(table, `${source} ${year}`).toBe(cat.tables[year]);
        compared.push(`${source} ${year}`);
      }
    }
    // Every KWB and RIVM year of the catalogue is in both files (next test), so each was compared.
    const catalogueYears = ['kwb', 'rivm'].flatMap((src) => Object.keys(catalogueSources[src]!.tables).map((y) => `${src} ${y}`));
    expect(compared).toEqual(expect.arrayContaining(catalogueYears));
    expect(compared.length).toBeGreaterThanOrEqual(8 + 3); // KWB 2014–2018 and 2023–2025, RIVM 2012/2016/2020
  });

  it('covers every KWB and RIVM year of the catalogue', () => {
    for (const source of ['kwb', 'rivm']) {
      expect(Object.keys(cfg.sources[source]!.tables)).toEqual(expect.arrayContaining(Object.keys(catalogueSources[source]!.tables)));
    }
  });

  it('uses the RIVM loader’s age labels and point estimate, so variable names match (MoeiteMetRondkomen_38 18+)', () => {
    expect(cfg.sources.rivm!.dimensions!.Leeftijd).toEqual(RIVM_AGE_GROUPS);
    expect(Object.keys(cfg.sources.rivm!.dimensions!.Marges!)).toEqual([RIVM_POINT_ESTIMATE]);
  });
});

describe('data/cbs-tables.json: what is fetched, and from where', () => {
  it('has the KWB table per year from 2014 on, without gaps, and 50090NED for 2012/2016/2020', () => {
    // Checked by hand against CBS; a later year only adds a table, so these stay as they are.
    expect(cfg.sources.kwb!.tables).toMatchObject({
      2014: '82931NED', 2015: '83220NED', 2016: '83487NED', 2017: '83765NED', 2018: '84286NED', 2019: '84583NED',
      2020: '84799NED', 2021: '85039NED', 2022: '85318NED', 2023: '85618NED', 2024: '85984NED', 2025: '86165NED',
    });
    const kwb = Object.entries(cfg.sources.kwb!.tables).map(([y, t]) => [Number(y), t] as const).sort((a, b) => a[0] - b[0]);
    // One table per year, every year from 2014 to the latest, numbered upwards as CBS publishes them.
    expect(kwb.map(([y]) => y)).toEqual(kwb.map((_, i) => 2014 + i));
    for (let i = 1; i < kwb.length; i++) expect(kwb[i]![1] > kwb[i - 1]![1], `${kwb[i]![0]}: ${kwb[i]![1]}`).toBe(true);
    expect(cfg.sources.rivm!.tables).toMatchObject({ 2012: '50090NED', 2016: '50090NED', 2020: '50090NED' });
    // One download per distinct table.
    const tables = new Set(Object.values(cfg.sources).flatMap((src) => Object.values(src.tables)));
    expect(planTables(cfg)).toHaveLength(tables.size);
    expect(planTables(cfg).find((p) => p.table === '50090NED')!.years).toEqual(expect.arrayContaining([2012, 2016, 2020]));
  });

  it('KWB comes from StatLine (opendata.cbs.nl, catalogue CBS), RIVM from dataderden.cbs.nl (catalogue RIVM)', () => {
    const where = Object.fromEntries(planTables(cfg).map((p) => [p.table, `${p.baseUrl} ${p.catalog}`]));
    expect(new Set(Object.entries(where).filter(([t]) => t !== '50090NED').map(([, w]) => w))).toEqual(new Set(['https://opendata.cbs.nl CBS']));
    expect(where['50090NED']).toBe('https://dataderden.cbs.nl RIVM');
  });

  it('names 50120NED as the table that may replace 50090NED', () => {
    expect(cfg.sources.rivm!.successors).toEqual({ '50090NED': '50120NED' });
    expect(planTables(cfg, ['50090NED'])[0]!.successor).toBe('50120NED');
  });

  it('asks for NL, the G4 and Rotterdam’s wijken and buurten', () => {
    expect(cfg.areas).toEqual({ land: true, gemeenten: ['GM0599', 'GM0363', 'GM0518', 'GM0344'], wijkenEnBuurtenVan: ['GM0599'] });
  });
});

describe('readTablesConfig on malformed files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-cfg-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const base = () => JSON.parse(fs.readFileSync(CONFIG_FILE, 'utf8')) as Record<string, any>;
  /** Write a changed copy of the real file and read it; returns the error message (or '' when accepted). */
  const problem = (change: (c: Record<string, any>) => unknown, text?: string) => {
    const f = path.join(dir, 'cbs-tables.json');
    const c = base();
    change(c);
    fs.writeFileSync(f, text ?? JSON.stringify(c));
    try {
      readTablesConfig(f);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('accepts the real file unchanged', () => {
    expect(problem(() => {})).toBe('');
  });

  it.each([
    ['not JSON', (c: any) => c, '{', /niet te lezen/],
    ['the old single baseUrl at the top', (c: any) => (c.baseUrl = 'https://opendata.cbs.nl/ODataApi/odata'), undefined, /baseUrl hoort per bron \(sources\.<bron>\.baseUrl\), niet bovenaan/],
    ['a source without baseUrl', (c: any) => delete c.sources.kwb.baseUrl, undefined, /sources\.kwb\.baseUrl null: geen http\(s\)-URL/],
    ['a baseUrl on the capped API', (c: any) => (c.sources.rivm.baseUrl = 'https://dataderden.cbs.nl/ODataApi/odata'), undefined, /sources\.rivm\.baseUrl "https:\/\/dataderden\.cbs\.nl\/ODataApi\/odata": moet de wortel van de dienst zijn/],
    ['a baseUrl on the Feed', (c: any) => (c.sources.kwb.baseUrl = 'https://opendata.cbs.nl/ODataFeed/odata'), undefined, /sources\.kwb\.baseUrl .*zonder \/ODataApi, \/ODataFeed/],
    ['no catalogue', (c: any) => delete c.sources.rivm.catalog, undefined, /sources\.rivm\.catalog ontbreekt/],
    ['a table number that is not one', (c: any) => (c.sources.kwb.tables['2026'] = '8616'), undefined, /sources\.kwb\.tables\.2026: "8616" is geen CBS-tabelnummer/],
    ['a year that is not one', (c: any) => (c.sources.kwb.tables['20x4'] = '82931NED'), undefined, /sources\.kwb\.tables: jaar "20x4" is geen jaartal/],
    ['no tables', (c: any) => (c.sources.kwb.tables = {}), undefined, /sources\.kwb\.tables ontbreekt of is leeg/],
    ['a dimension without codes', (c: any) => (c.sources.rivm.dimensions.Leeftijd = {}), undefined, /sources\.rivm\.dimensions\.Leeftijd: verwacht \{code: label, …\}/],
    ['a successor for a table the source does not have', (c: any) => (c.sources.rivm.successors = { '12345NED': '50120NED' }), undefined, /sources\.rivm\.successors: 12345NED staat niet in sources\.rivm\.tables/],
    ['a successor that is no table number', (c: any) => (c.sources.rivm.successors = { '50090NED': 'nieuw' }), undefined, /sources\.rivm\.successors\.50090NED: "nieuw" is geen CBS-tabelnummer/],
    ['a gemeente code that is not one', (c: any) => c.areas.gemeenten.push('0599'), undefined, /areas: geen gemeentecode: "0599"/],
    ['no sources', (c: any) => (c.sources = {}), undefined, /sources ontbreekt of is leeg/],
  ])('%s', (_name, change, text, expected) => {
    const msg = problem(change, text);
    expect(msg).toMatch(/cbs-tables\.json: /);
    expect(msg).toMatch(expected);
  });

  it('a table named by two sources', () => {
    const c = base();
    c.sources.rivm.tables['2024'] = '85984NED';
    expect(() => planTables(c as never)).toThrow(/tabel 85984NED staat bij twee bronnen \(kwb en rivm\)/);
  });
});
