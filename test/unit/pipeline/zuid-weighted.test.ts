// Rotterdam-Zuid for a share the source gives per gebied only (RIVM health): the mean of the three
// gebied shares weighted by the population the share is about, from the nearest year that has it.
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/lib/catalogue';
import type { Area } from '../../../src/lib/model';
import { checkVariables, deriveObservations, ValueIndex } from '../../../scripts/pipeline/derive';
import type { SourceValue } from '../../../scripts/pipeline/sources/types';

const ZUID = ['WK059910', 'WK059912', 'WK059915'];
const cat = {
  minInwoners: 500,
  zuid: { code: 'ZUID', name: 'Rotterdam-Zuid', gebieden: ZUID },
  sources: {
    kwb: { publisher: 'CBS', title: 'KWB', tables: {}, licence: '', url: '' },
    rivm: { publisher: 'RIVM', title: 'Gezondheid', tables: { '2017': 'x', '2020': 'x' }, licence: '', url: '' },
  },
  populations: {
    '15plus': { source: 'kwb', sum: ['Aantal inwoners [aantal]'], minus: ['0 tot 15 jaar [aantal]'], label: 'inwoners van 15 jaar en ouder' },
  },
  goals: [], context: { id: 'b', label: 'B', question: '', indicators: [] }, wijkprofiel: [], similarity: [],
  indicators: [
    { id: 'eenzaam', label: 'Eenzaam', definition: 'd', unit: '%', format: 'percent', scale: 'rate', direction: 'lower_better', domain: 'g', model: true,
      series: [{ source: 'rivm', years: [2017, 2020], variable: 'Eenzaam_28 18+', weight: { population: '15plus' } }] },
  ],
} as unknown as Catalogue;

const kwb = (year: number, area: string, variable: string, value: number): SourceValue => ({ source: 'kwb', year, area, variable, value, status: 'ok' });
const rivm = (year: number, area: string, value: number): SourceValue => ({ source: 'rivm', year, area, variable: 'Eenzaam_28 18+', value, status: 'ok' });
const pop = (year: number, inw: number[], young?: number[]) => ZUID.flatMap((a, i) => [
  kwb(year, a, 'Aantal inwoners [aantal]', inw[i]),
  ...(young ? [kwb(year, a, '0 tot 15 jaar [aantal]', young[i])] : []),
]);

const values = [
  ...ZUID.map((a, i) => rivm(2020, a, [50, 60, 40][i])),
  ...ZUID.map((a, i) => rivm(2017, a, [50, 60, 40][i])),
  ...pop(2016, [1000, 1000, 1000], [100, 100, 100]),
  ...pop(2018, [1000, 2000, 3000], [200, 500, 600]),
  ...pop(2023, [5000, 5000, 5000]), // no age groups: cannot serve, although 2023 is nearer to 2020 than 2016
];
const areas = new Map<string, Area>(
  [...ZUID.map((c) => [c, 'gebied'] as const), ['ZUID', 'stadsdeel'] as const].map(([code, level]) => [code, { code, name: code, level, parent: null, years: [] }]),
);
const zuid = (year: number) => deriveObservations(cat, new ValueIndex(values), areas).find((o) => o.area === 'ZUID' && o.year === year)!;

describe('Rotterdam-Zuid from the three gebied shares', () => {
  it('weights by the 15+ population of the nearest year with age groups (2020 → 2018)', () => {
    // 15+ in 2018: 1000−200 = 800, 2000−500 = 1500, 3000−600 = 2400 (total 4700).
    // (50 × 800 + 60 × 1500 + 40 × 2400) / 4700 = 226000 / 4700 = 48,0851…
    const o = zuid(2020);
    expect(o.status).toBe('ok');
    expect(o.value).toBeCloseTo(226000 / 4700, 10);
    // Not the unweighted mean (50), nor weighted by all inhabitants ((50×1000 + 60×2000 + 40×3000) / 6000 = 48,33).
    expect(o.value).not.toBeCloseTo(50, 2);
    expect(o.value).not.toBeCloseTo((50 * 1000 + 60 * 2000 + 40 * 3000) / 6000, 2);
  });

  it('says how it was computed, with population and year, and that the parts are model estimates', () => {
    expect(zuid(2020).note).toBe(
      'Berekend uit de drie gebieden: gemiddelde van Charlois, Feijenoord en IJsselmonde, gewogen naar hun inwoners van 15 jaar en ouder (CBS, 2018). De cijfers per gebied zijn modelschattingen',
    );
  });

  it('takes the earlier year when two are equally near (2017 → 2016, not 2018)', () => {
    // 2016: equal weights 900 each → plain mean (50 + 60 + 40) / 3 = 50.
    expect(zuid(2017).value).toBeCloseTo(50, 10);
    expect(zuid(2017).note).toContain('(CBS, 2016)');
  });

  it('is missing, not guessed, when a gebied has no share', () => {
    const index = new ValueIndex(values.filter((v) => !(v.source === 'rivm' && v.area === 'WK059912' && v.year === 2020)));
    const o = deriveObservations(cat, index, areas).find((x) => x.area === 'ZUID' && x.year === 2020)!;
    expect([o.value, o.status]).toEqual([null, 'ontbreekt']);
  });

  it('checkVariables names a population the source never has', () => {
    const broken = { ...cat, populations: { '15plus': { ...cat.populations['15plus'], minus: ['15 jaar en jonger [aantal]'] } } } as Catalogue;
    expect(checkVariables(broken, new ValueIndex(values))).toEqual([
      'eenzaam: populatie "15plus": bron kwb heeft in geen enkel jaar "Aantal inwoners [aantal]", "15 jaar en jonger [aantal]"',
    ]);
  });
});
