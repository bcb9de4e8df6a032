// data/cbs-tables.json (what the downloader fetches) must agree with data/indicators.json (what the
// catalogue says a year's figures come from) wherever both name a year, and with the RIVM loader's
// age groups, so downloaded tables produce the variable names the catalogue uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import indicators from '../../../data/indicators.json';
import tablesJson from '../../../data/cbs-tables.json';
import { CONFIG_FILE, planTables, readTablesConfig } from '../../../scripts/download-cbs.ts';
import { RIVM_AGE_GROUPS, RIVM_POINT_ESTIMATE } from '../../../scripts/sources/rivm.ts';

const cfg = readTablesConfig();
const catalogueSources = indicators.sources as Record<string, { tables: Record<string, string> }>;

describe('data/cbs-tables.json', () => {
  it('is the file the downloader reads, and it parses', () => {
    expect(path.basename(CONFIG_FILE)).toBe('cbs-tables.json');
    expect(cfg).toEqual(tablesJson);
    expect(cfg.baseUrl).toBe('https://opendata.cbs.nl/ODataApi/odata');
  });

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
    // KWB 2014–2018 and 2023–2025, RIVM 2012/2016/2020 are in both files.
    expect(compared).toHaveLength(8 + 3);
  });

  it('covers every KWB and RIVM year of the catalogue', () => {
    for (const source of ['kwb', 'rivm']) {
      expect(Object.keys(cfg.sources[source]!.tables)).toEqual(expect.arrayContaining(Object.keys(catalogueSources[source]!.tables)));
    }
  });

  it('has the KWB table per year 2014–2025 and 50090NED for 2012/2016/2020', () => {
    expect(cfg.sources.kwb!.tables).toEqual({
      2014: '82931NED', 2015: '83220NED', 2016: '83487NED', 2017: '83765NED', 2018: '84286NED', 2019: '84583NED',
      2020: '84799NED', 2021: '85039NED', 2022: '85318NED', 2023: '85618NED', 2024: '85984NED', 2025: '86165NED',
    });
    expect(cfg.sources.rivm!.tables).toEqual({ 2012: '50090NED', 2016: '50090NED', 2020: '50090NED' });
    expect(planTables(cfg)).toHaveLength(13);
    expect(planTables(cfg).find((p) => p.table === '50090NED')!.years).toEqual([2012, 2016, 2020]);
  });

  it('uses the RIVM loader’s age labels and point estimate, so variable names match (MoeiteMetRondkomen_38 18+)', () => {
    expect(cfg.sources.rivm!.dimensions!.Leeftijd).toEqual(RIVM_AGE_GROUPS);
    expect(Object.keys(cfg.sources.rivm!.dimensions!.Marges!)).toEqual([RIVM_POINT_ESTIMATE]);
  });

  it('asks for NL, the G4 and Rotterdam’s wijken and buurten', () => {
    expect(cfg.areas).toEqual({ land: true, gemeenten: ['GM0599', 'GM0363', 'GM0518', 'GM0344'], wijkenEnBuurtenVan: ['GM0599'] });
  });

  it('rejects a malformed config with the file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbs-cfg-'));
    try {
      const f = path.join(dir, 'cbs-tables.json');
      fs.writeFileSync(f, JSON.stringify({ ...tablesJson, sources: { kwb: { geoDimension: 'WijkenEnBuurten', tables: { 2026: '8616' } } } }));
      expect(() => readTablesConfig(f)).toThrow(/cbs-tables\.json: kwb 2026: "8616" is geen CBS-tabelnummer/);
      fs.writeFileSync(f, '{');
      expect(() => readTablesConfig(f)).toThrow(/cbs-tables\.json: niet te lezen/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
