// Trend snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { trend } from '../../../src/lib/charts/trend';
import { chartDoc, expectSnapshot } from './snapshot';

describe('trend', () => {
  it('values printed, a missing year breaks the line, the reference line has its own words', () => {
    const svg = trend(
      [{ year: 2014, value: 40280 }, { year: 2015, value: 41450 }, { year: 2016, value: 41910 }, { year: 2019, value: 33630 }],
      { label: 'Personen in de bijstand', yLabel: 'personen', reference: { value: 30000, text: 'Ambitie 2022: 30.000' }, document: chartDoc() },
    );
    expect(svg).toContain('>40.280<');
    expect(svg).toContain('>Ambitie 2022: 30.000<');
    // One line path: 2014–2016 drawn, 2017–2018 absent, 2019 a lone dot.
    expectSnapshot('trend.svg', svg);
  });
});
