// Wijkprofiel (feiten tegenover beleving) snapshot (see snapshot.ts for how snapshots work).
import { describe, expect, it } from 'vitest';
import { factsVersusFeeling } from '../../../src/lib/charts/wijkprofiel';
import { chartDoc, expectSnapshot } from './snapshot';

describe('factsVersusFeeling', () => {
  it('per year both values joined by a bar; legend words from the symbol scale', () => {
    const { svg, legend } = factsVersusFeeling(
      [
        { year: 2016, kind: 'feiten', value: 92 }, { year: 2016, kind: 'beleving', value: 104 },
        { year: 2018, kind: 'feiten', value: 95 }, { year: 2018, kind: 'beleving', value: 87 },
        { year: 2020, kind: 'feiten', value: 99 },
      ],
      { label: 'Veiligheidsindex van Bloemhof', document: chartDoc() },
    );
    expect(svg).toContain('>100 = Rotterdam 2014<');
    expect(legend).toContain('feiten (registraties)');
    expect(legend).toContain('beleving (enquête)');
    expectSnapshot('wijkprofiel.svg', svg);
    expectSnapshot('wijkprofiel-legend.html', legend);
  });

  it('no rows, no chart', () => {
    expect(factsVersusFeeling([], { label: 'x', document: chartDoc() })).toEqual({ svg: '', legend: '' });
  });
});
