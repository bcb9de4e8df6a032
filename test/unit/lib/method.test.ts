// What /methode/ derives from the catalogue: the table of each year, the comparison rule per
// scale, and the list of published files.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, indicator } from '../../../src/lib/catalogue';
import { groupTableRefs, publishedFiles, scaleRules, tableRefs } from '../../../src/lib/method';

describe('tableRefs', () => {
  it('names the own CBS table of every KWB year, each with its own link', () => {
    // The KWB table ids as CBS numbers them (issue "Trustworthy on every page"), checked by hand; a
    // later year only adds a row, so these stay as they are.
    const known: [number, string][] = [
      [2014, '82931NED'], [2015, '83220NED'], [2016, '83487NED'], [2017, '83765NED'], [2018, '84286NED'],
      [2023, '85618NED'], [2024, '85984NED'], [2025, '86165NED'],
    ];
    // Every year of the series, with the table data/indicators.json names for it (read as plain JSON).
    const raw = JSON.parse(fs.readFileSync('data/indicators.json', 'utf8'));
    const series = raw.indicators.find((i: { id: string }) => i.id === 'inwoners').series[0] as { years: number[] };
    const expected = [...series.years].sort((a, b) => a - b).map((y) => [y, raw.sources.kwb.tables[String(y)]]);
    const refs = tableRefs(catalogue, indicator('inwoners').series[0]);
    expect(refs.map((r) => [r.year, r.table])).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(known));
    for (const { year, table } of refs) {
      expect(refs.find((r) => r.year === year)!.url).toBe(`https://opendata.cbs.nl/statline/#/CBS/nl/dataset/${table}/table`);
    }
    // One table per KWB year, so one group per year.
    expect(new Set(refs.map((r) => r.table)).size).toBe(refs.length);
    expect(groupTableRefs(refs)).toHaveLength(refs.length);
  });

  it('groups years that share one table (RIVM 50090NED)', () => {
    const groups = groupTableRefs(tableRefs(catalogue, indicator('eenzaam').series[0]));
    expect(groups).toEqual([{ years: [2012, 2016, 2020], table: '50090NED', url: 'https://opendata.cbs.nl/statline/#/CBS/nl/dataset/50090NED/table' }]);
  });
});

describe('scaleRules', () => {
  it('puts every indicator under exactly one rule, by scale and direction', () => {
    const rules = scaleRules(catalogue);
    const seen = rules.flatMap((r) => r.indicators.map((i) => i.id)).sort();
    expect(seen).toEqual(catalogue.indicators.map((i) => i.id).sort());
    const of = (id: string) => rules.find((r) => r.indicators.some((i) => i.id === id))!.id;
    expect(of('bijstand')).toBe('index'); // rate, lower is better
    expect(of('lbm_veiligheid')).toBe('difference'); // signed score
    expect(of('wp_si')).toBe('difference'); // index score
    expect(of('inwoners')).toBe('share'); // count
    expect(of('bijstand_aantal')).toBe('share');
    expect(of('koopwoningen')).toBe('context'); // rate without direction
  });
});

describe('publishedFiles', () => {
  it('lists what the build published plus the manifest, each with a description', () => {
    const files = publishedFiles(['areas.parquet', 'observations.parquet', 'indicators.parquet', 'scores.parquet', 'boundaries.json']);
    expect(files.map((f) => f.file)).toEqual(['areas.parquet', 'observations.parquet', 'indicators.parquet', 'scores.parquet', 'boundaries.json', 'manifest.json']);
    expect(files.filter((f) => !f.description)).toEqual([]);
  });
  it('still lists a file it has no description for', () => {
    expect(publishedFiles(['nieuw.parquet'])).toEqual([{ file: 'nieuw.parquet', description: null }, expect.objectContaining({ file: 'manifest.json' })]);
  });
});

describe('weightWords', () => {
  it('names KWB and wijk- en buurtkaart weights alike', async () => {
    const { weightWords } = await import('../../../src/lib/method');
    expect(weightWords('Huishoudens totaal [aantal]')).toBe('huishoudens');
    expect(weightWords('aantal_huishoudens')).toBe('huishoudens');
    expect(weightWords('Oppervlakte land [ha]')).toBe('oppervlakte land');
    expect(weightWords('oppervlakte_land_in_ha')).toBe('oppervlakte land');
    expect(weightWords('Woningvoorraad [aantal]')).toBe(weightWords('woningvoorraad'));
    expect(weightWords('Aantal inwoners [aantal]')).toBe('inwoners');
  });
});
