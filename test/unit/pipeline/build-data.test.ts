// The build's handling of loader results that needs no source data: gap filling and the log line.
import { describe, expect, it } from 'vitest';
import { describeYears, missingSourceYears, onlyGaps } from '../../../scripts/pipeline/build-data.ts';
import type { Loader, SourceValue } from '../../../scripts/pipeline/sources/types.ts';
import type { Catalogue } from '../../../src/lib/catalogue.ts';

const v = (source: string, year: number, area = 'GM0599'): SourceValue => ({ source, year, area, variable: 'x', value: 1, status: 'ok' });

describe('onlyGaps', () => {
  it('keeps only the (source, year) pairs no other loader gave', () => {
    const r = {
      values: [v('kwb', 2018), v('kwb', 2019), v('rivm', 2016), v('rivm', 2022)],
      areas: [{ code: 'GM0599', name: 'Rotterdam', year: 2018, source: 'kwb' }, { code: 'GM0599', name: 'Rotterdam', year: 2019, source: 'kwb' }],
      files: ['cbs_odata/a/download.json'],
    };
    const kept = onlyGaps(r, new Set(['kwb 2018', 'rivm 2016']));
    expect(kept.values.map((x) => `${x.source} ${x.year}`)).toEqual(['kwb 2019', 'rivm 2022']);
    expect(kept.areas.map((a) => a.year)).toEqual([2019]);
    expect(kept.files).toEqual(r.files);
  });
});

describe('describeYears', () => {
  it('lists years per source, joining runs', () => {
    expect(describeYears([v('kwb', 2016), v('kwb', 2014), v('kwb', 2015), v('kwb', 2023), v('lbm', 2002), v('lbm', 2008)])).toBe('kwb 2014–2016, 2023; lbm 2002, 2008');
    expect(describeYears([])).toBe('');
  });
});

describe('missingSourceYears', () => {
  const cat = { sources: { kwb: { tables: { '2016': 'a', '2017': 'b' } }, lbm: { tables: { '2016': 'c' } } } } as unknown as Catalogue;
  const registry: Loader[] = [
    { name: 'a', sources: ['kwb'], folder: 'kwb_map', files: ['vast_2017.csv', 'Kern_*.csv'], load: async () => ({ values: [], areas: [], files: [] }) },
    { name: 'dl', sources: ['kwb'], folder: 'dl', files: ['*'], fillsGaps: true, load: async () => ({ values: [], areas: [], files: [] }) },
  ];

  it('names each catalogue year no loader gave, with the files with a * it may belong in and the download', () => {
    expect(missingSourceYears(cat, new Set(['kwb 2017', 'lbm 2016']), registry)).toEqual(['kwb 2016 (sources.kwb.tables): hoort in kwb_map/Kern_*.csv, een download (npm run data:download)']);
    expect(missingSourceYears(cat, new Set(['kwb 2016', 'kwb 2017']), registry)).toEqual(['lbm 2016 (sources.lbm.tables)']);
    expect(missingSourceYears(cat, new Set(['kwb 2016', 'kwb 2017', 'lbm 2016']), registry)).toEqual([]);
  });
});
