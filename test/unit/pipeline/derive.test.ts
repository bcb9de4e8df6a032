import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/lib/catalogue';
import type { Area } from '../../../src/lib/model';
import { checkVariables, deriveObservations, ValueIndex } from '../../../scripts/pipeline/derive';
import type { SourceValue } from '../../../scripts/pipeline/sources/types';

const cat = {
  minInwoners: 500,
  zuid: { code: 'ZUID', name: 'Rotterdam-Zuid', gebieden: ['WK059910', 'WK059915'] },
  sources: { kwb: { publisher: 'CBS', title: 'KWB', tables: { '2016': '83487NED' }, licence: 'CC BY 4.0', url: '' } },
  goals: [], context: { id: 'b', label: 'B', question: '', indicators: [] }, wijkprofiel: [], similarity: [],
  indicators: [
    { id: 'inwoners', label: 'Inwoners', definition: 'd', unit: 'aantal', format: 'integer', direction: 'neutral', domain: 'b', aggregate: 'sum',
      series: [{ source: 'kwb', years: [2016], variable: 'Aantal inwoners [aantal]' }] },
    { id: 'bijstand', label: 'Bijstand', definition: 'd', unit: 'per 1.000', format: 'decimal', direction: 'lower_better', domain: 'w',
      series: [{ source: 'kwb', years: [2016], numerator: 'Bijstand [aantal]', denominator: 'Aantal inwoners [aantal]', per: 1000 }] },
    { id: 'koop', label: 'Koop', definition: 'd', unit: '%', format: 'percent', direction: 'neutral', domain: 'w',
      series: [{ source: 'kwb', years: [2016], variable: 'Koopwoningen [%]', weight: 'Woningen [aantal]' }] },
  ],
} as unknown as Catalogue;

const v = (area: string, variable: string, value: number | null, status: SourceValue['status'] = 'ok'): SourceValue =>
  ({ source: 'kwb', year: 2016, area, variable, value, status });

const area = (code: string, level: Area['level']): [string, Area] => [code, { code, name: code, level, parent: null, years: [2016] }];
const areas = new Map([area('GM0599', 'gemeente'), area('WK059910', 'gebied'), area('WK059915', 'gebied'), area('BU05991086', 'wijk'), area('BU05992308', 'wijk'), area('ZUID', 'stadsdeel')]);

const values: SourceValue[] = [
  v('GM0599', 'Aantal inwoners [aantal]', 1000000), v('WK059910', 'Aantal inwoners [aantal]', 1000), v('WK059915', 'Aantal inwoners [aantal]', 3000),
  v('BU05991086', 'Aantal inwoners [aantal]', 800), v('BU05992308', 'Aantal inwoners [aantal]', 10),
  v('GM0599', 'Bijstand [aantal]', 50000), v('WK059910', 'Bijstand [aantal]', 100), v('WK059915', 'Bijstand [aantal]', 60),
  v('BU05991086', 'Bijstand [aantal]', null, 'geheim'), v('BU05992308', 'Bijstand [aantal]', 0),
  v('WK059910', 'Koopwoningen [%]', 20), v('WK059915', 'Koopwoningen [%]', 60),
  v('WK059910', 'Woningen [aantal]', 300), v('WK059915', 'Woningen [aantal]', 100),
];

const find = (obs: ReturnType<typeof deriveObservations>, a: string, i: string) => obs.find((o) => o.area === a && o.indicator === i);

describe('deriveObservations', () => {
  const obs = deriveObservations(cat, new ValueIndex(values), areas);

  it('derives a rate from counts: bijstand per 1.000 inwoners', () => {
    expect(find(obs, 'WK059910', 'bijstand')?.value).toBeCloseTo(100, 10);
    expect(find(obs, 'GM0599', 'bijstand')?.value).toBeCloseTo(50, 10);
  });

  it('builds Rotterdam-Zuid from summed counts, not from averaged rates', () => {
    // (100 + 60) / (1000 + 3000) × 1000 = 40, while the mean of the rates (100 and 20) would be 60.
    expect(find(obs, 'ZUID', 'bijstand')?.value).toBeCloseTo(40, 10);
    expect(find(obs, 'ZUID', 'inwoners')?.value).toBe(4000);
  });

  it('weights a given percentage for Zuid by the weight variable', () => {
    // (20 × 300 + 60 × 100) / 400 = 30
    expect(find(obs, 'ZUID', 'koop')?.value).toBeCloseTo(30, 10);
    expect(find(obs, 'ZUID', 'koop')?.note).toMatch(/^Berekend uit de drie gebieden: .*gewogen naar woningen \(CBS, 2016\)$/);
  });

  it('keeps the reason for a missing value and never turns it into 0', () => {
    const o = find(obs, 'BU05991086', 'bijstand');
    expect(o?.value).toBeNull();
    expect(o?.status).toBe('geheim');
  });

  it('leaves areas under minInwoners out of rates but keeps their counts', () => {
    const rate = find(obs, 'BU05992308', 'bijstand');
    expect(rate?.value).toBeNull();
    expect(rate?.status).toBe('te weinig inwoners');
    expect(find(obs, 'BU05992308', 'inwoners')?.value).toBe(10);
  });
});

describe('checkVariables', () => {
  it('names the indicator, source, year and variable the catalogue expects but the source lacks', () => {
    const problems = checkVariables(cat, new ValueIndex(values.filter((x) => x.variable !== 'Bijstand [aantal]')));
    expect(problems).toEqual(['bijstand: bron kwb 2016 heeft geen variabele "Bijstand [aantal]"']);
  });
});

describe('boundary changes', () => {
  const bcat = { ...cat, sources: { ...cat.sources, kwb: { ...cat.sources.kwb, cbsDivision: true }, rivm: { publisher: 'RIVM', title: 'G', tables: {}, licence: '', url: '' } } } as unknown as Catalogue;
  const row = (area: string, year: number, source = 'kwb', indicator = 'x') => ({ area, indicator, year, source, value: 1, status: 'ok' as const, note: null });
  it('notes CBS Indelingswijziging 3 on rows of CBS-division sources only', async () => {
    const { boundaryChangesOf, markBoundaryChanges } = await import('../../../scripts/pipeline/derive');
    const index = new ValueIndex([v('BU05991086', 'Indelingswijziging', 3), v('BU05992308', 'Indelingswijziging', 1)]);
    const changes = boundaryChangesOf(index);
    expect(changes.map((c) => [c.area, c.from, c.to, c.basis])).toEqual([['BU05991086', 2015, 2016, 'cbs']]);
    const out = markBoundaryChanges(bcat, [row('BU05991086', 2016), row('BU05992308', 2016), row('BU05991086', 2016, 'rivm', 'y')], changes);
    expect(out[0].note).toBe('Grens gewijzigd in 2016 (CBS-indelingswijziging); vergelijk voorzichtig met eerdere jaren');
    expect(out[1].note).toBeNull();
    expect(out[2].note).toBeNull(); // RIVM keeps its own (2020) division
  });
  it('marks the first row after a change, also when the years in between have no data', async () => {
    const { markBoundaryChanges } = await import('../../../scripts/pipeline/derive');
    const change = { area: 'BU05991575', from: 2018, to: 2023, basis: 'oppervlakte' as const, haBefore: 21, haAfter: 86, inhabitantsBefore: 435, inhabitantsAfter: 1120 };
    // bijstand: 2017, then 2024 → the 2024 row is the first after the change; 2017 is not marked.
    const out = markBoundaryChanges(bcat, [row('BU05991575', 2017), row('BU05991575', 2024), row('BU05991575', 2025)], [change]);
    expect(out.map((o) => o.note)).toEqual([
      null,
      'Grens gewijzigd tussen 2018 en 2023 (landoppervlakte 21 → 86 ha; afgeleid, de bron meldt het niet); vergelijk voorzichtig met eerdere jaren',
      null,
    ]);
  });
});

describe('addMissingTotals', () => {
  // The year's indeling, written out here: gebied WK059910 has two wijken, WK059915 one, WK059923 one.
  const wijken2023 = ['BU05991086', 'BU05991087', 'BU05991571', 'BU05992308'];
  const wijkenOf = (year: number) => (year === 2023 || year === 2016 ? wijken2023 : undefined);
  const at2023 = (xs: SourceValue[]) => xs.map((x) => ({ ...x, year: 2023 }));

  it('sums counts of the wijken into their gebied and the gemeente when the source has none', async () => {
    const { addMissingTotals, SUMMED_NOTE } = await import('../../../scripts/pipeline/derive');
    const vals = at2023([
      v('BU05991086', 'Aantal inwoners [aantal]', 800), v('BU05991087', 'Aantal inwoners [aantal]', 200),
      v('BU05991571', 'Aantal inwoners [aantal]', 300), v('BU05992308', 'Aantal inwoners [aantal]', 10),
    ]);
    const out = addMissingTotals(cat, vals, wijkenOf).filter((x) => !x.area.startsWith('BU'));
    expect(out.map((x) => [x.area, x.value, x.status, x.note]).sort()).toEqual([
      ['GM0599', 1310, 'ok', SUMMED_NOTE], ['WK059910', 1000, 'ok', SUMMED_NOTE], ['WK059915', 300, 'ok', SUMMED_NOTE], ['WK059923', 10, 'ok', SUMMED_NOTE],
    ]);
  });

  it('writes no sum when a wijk of the indeling is absent: ontbreekt, with a note, for its gebied and the city', async () => {
    const { addMissingTotals } = await import('../../../scripts/pipeline/derive');
    // BU05991087 (in WK059910) is not in the file at all, as after a truncation.
    const vals = at2023([v('BU05991086', 'Aantal inwoners [aantal]', 800), v('BU05991571', 'Aantal inwoners [aantal]', 300), v('BU05992308', 'Aantal inwoners [aantal]', 10)]);
    const out = addMissingTotals(cat, vals, wijkenOf).filter((x) => !x.area.startsWith('BU'));
    const byArea = Object.fromEntries(out.map((x) => [x.area, x]));
    expect(byArea.WK059910).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(byArea.WK059910.note).toMatch(/1 van de 2 wijken/);
    expect(byArea.GM0599).toMatchObject({ value: null, status: 'ontbreekt' });
    expect(byArea.GM0599.note).toMatch(/1 van de 4 wijken/);
    expect(byArea.WK059915).toMatchObject({ value: 300, status: 'ok' });
  });

  it('adds nothing when the source has the total, for a non-count, or when the indeling is unknown; a secret wijk gives ontbreekt', async () => {
    const { addMissingTotals } = await import('../../../scripts/pipeline/derive');
    // The fixture gives GM0599, WK059910 and WK059915 itself; only Maasvlakte's gebied is missing,
    // and for Bijstand its wijk BU05992308 is 0 (ok) while there is no BU05991087 row: WK059923 is summed.
    const added = addMissingTotals(cat, values, wijkenOf).slice(values.length);
    expect(added.map((x) => `${x.area} ${x.variable} ${x.value}`).sort()).toEqual(['WK059923 Aantal inwoners [aantal] 10', 'WK059923 Bijstand [aantal] 0']);
    const secret = [v('BU05991086', 'Bijstand [aantal]', null, 'geheim'), v('BU05991087', 'Bijstand [aantal]', 5)];
    expect(addMissingTotals(cat, secret, wijkenOf).filter((x) => x.area === 'WK059910')).toMatchObject([{ value: null, status: 'ontbreekt' }]);
    const rate = [v('BU05991086', 'Koopwoningen [%]', 20)];
    expect(addMissingTotals(cat, rate, wijkenOf)).toHaveLength(1);
    const unknownYear = [v('BU05991086', 'Bijstand [aantal]', 5)].map((x) => ({ ...x, year: 2019 }));
    expect(addMissingTotals(cat, unknownYear, wijkenOf)).toHaveLength(1);
  });
});
