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

describe('trend lines (projector)', () => {
  it('two areas, a gap marked "geen cijfers", a policy figure as its own labelled line and point', async () => {
    const { trendLines } = await import('../../../src/lib/charts/trend');
    const svg = trendLines(
      [
        { name: 'Rotterdam-Zuid', points: [{ year: 2014, value: 84 }, { year: 2015, value: 87.8 }, { year: 2024, value: 64.5 }] },
        { name: 'Rotterdam', points: [{ year: 2014, value: 65.1 }, { year: 2015, value: 66.5 }, { year: 2024, value: 50.1 }] },
      ],
      { label: 'Bijstand', yLabel: 'per 1.000 inwoners', years: [2014, 2024], format: (v: number) => v.toFixed(1).replace('.', ','), references: [{ value: 70, text: 'Ambitie: 70' }, { value: 60, text: 'Gemeente sept. 2020: 60', at: 2020.7 }], document: chartDoc() },
    );
    expect(svg).toContain('>geen cijfers<');
    expect(svg).toContain('>Ambitie: 70<');
    expect(svg).toContain('>Gemeente sept. 2020: 60<');
    expect(svg).toContain('>Rotterdam-Zuid<');
    for (const v of ['84.0', '64.5', '65.1', '50.1']) expect(svg).toContain(`>${v.replace('.', ',')}<`);
    // Every calendar year 2014–2024 is a tick.
    for (let y = 2014; y <= 2024; y++) expect(svg).toContain(`>${y}<`);
    expectSnapshot('trend-lines.svg', svg);
  });
});
