import { describe, expect, it } from 'vitest';
import { present } from '../../../src/lib/present';
import type { IndicatorStat } from '../../../src/lib/queries';

const stat = (indicator: string, value: number | null, city: number | null, status: IndicatorStat['status'] = 'ok'): IndicatorStat =>
  ({ indicator, year: 2017, value, status, note: null, source: 'kwb', city, score: null, rank: 3, peers: 70 });

describe('direction handling', () => {
  it('calls a lower bijstand better than the city and a higher one worse', () => {
    expect(present(stat('bijstand', 25, 50)).comparison.judgement).toBe('better');
    expect(present(stat('bijstand', 75, 50)).comparison.judgement).toBe('worse');
  });
  it('calls a higher income better', () => {
    expect(present(stat('inkomen_per_inwoner', 30, 25)).comparison.judgement).toBe('better');
  });
  it('does not judge a neutral (context) indicator', () => {
    expect(present(stat('oud', 30, 15)).comparison.judgement).toBe('neutral');
  });
  it('treats an index within 5 of 100 as the same as the city', () => {
    expect(present(stat('bijstand', 51, 50)).comparison.judgement).toBe('same');
  });
  it('states why a value is absent', () => {
    const p = present(stat('bijstand', null, 50, 'geheim'));
    expect(p.value).toBe('–');
    expect(p.absent).toMatch(/^geheim/);
  });
  it('says a Leefbaarometer score exists only per gebied on a wijk page', () => {
    expect(present(stat('leefbaarometer', null, 6, null), 'wijk').absent).toBe('alleen per gemeente en gebied gepubliceerd');
  });
  it('gives rank and source in words', () => {
    const p = present(stat('bijstand', 25, 50));
    expect(p.rank).toBe('3 van 70');
    expect(p.source).toBe('Bron: CBS, Kerncijfers wijken en buurten 2017 (83765NED)');
  });
});

describe('comparison by scale', () => {
  it('a rate gets an index, city = 100', () => {
    const c = present(stat('bijstand', 92, 50)).comparison;
    expect(c).toMatchObject({ kind: 'index', number: 184, text: '184', judgement: 'worse' });
    expect(c.words).toBe('index 184: slechter dan de stad');
  });
  it('a signed scale gets the difference, never an index (Delfshaven: −0,31 against −0,18 is worse)', () => {
    const c = present(stat('lbm_veiligheid', -0.31, -0.18)).comparison;
    expect(c.kind).toBe('difference');
    expect(c.text).toBe('-0,13');
    expect(c.number).toBeCloseTo(-0.13, 10);
    expect(c.judgement).toBe('worse');
    expect(c.words).toBe('verschil -0,13: slechter dan de stad');
  });
  it('a signed scale above the city is better, also when both are negative', () => {
    expect(present(stat('lbm_veiligheid', -0.05, -0.18)).comparison).toMatchObject({ text: '+0,13', judgement: 'better' });
  });
  it('a difference that rounds to zero is no difference', () => {
    expect(present(stat('lbm_fysiek', 0.104, 0.1)).comparison).toMatchObject({ text: '0', judgement: 'same' });
  });
  it('a Wijkprofiel index score is compared as a difference in points', () => {
    expect(present(stat('wp_si', 82, 100)).comparison).toMatchObject({ kind: 'difference', text: '-18', judgement: 'worse' });
  });
  it('a count gets a share of the city and no judgement', () => {
    const c = present(stat('inwoners', 8640, 672960)).comparison;
    expect(c.kind).toBe('share');
    expect(c.text).toBe('1,3% van de stad');
    expect(c.judgement).toBeNull();
  });
  it('bijstand_aantal is a count: no better or worse', () => {
    expect(present(stat('bijstand_aantal', 2000, 41650)).comparison.judgement).toBeNull();
  });
  it('ranks a count as "grootste" and a context rate as "hoogste"', () => {
    expect(present(stat('bijstand_aantal', 2000, 41650)).rank).toBe('3e grootste van 70');
    expect(present({ ...stat('inwoners', 20000, 672960), rank: 1 }).rank).toBe('grootste van 70');
    expect(present(stat('oud', 30, 15)).rank).toBe('3e hoogste van 70');
  });
  it('nothing to compare without a city value', () => {
    expect(present(stat('bijstand', 25, null)).comparison).toMatchObject({ kind: 'none', text: '–', judgement: null });
  });
});

describe('difference between the values as shown', () => {
  it('−0,3149 against −0,1762 shows as −0,31 and −0,18, so the difference is −0,13', () => {
    expect(present(stat('lbm_veiligheid', -0.3149, -0.1762)).comparison.text).toBe('-0,13');
  });
});

describe('footer sentences from the catalogue', () => {
  it('names every publisher once with its titles, and only the licences a publisher states', async () => {
    const { sourcesSentence, licencesSentence } = await import('../../../src/lib/catalogue');
    const cat = {
      sources: {
        a: { publisher: 'CBS', title: 'Kerncijfers', tables: {}, licence: 'CC BY 4.0', url: '' },
        b: { publisher: 'CBS', title: 'Kaart', tables: {}, licence: 'CC BY 4.0', url: '' },
        c: { publisher: 'RIVM', title: 'Gezondheid', tables: {}, licence: 'CC BY 4.0', url: '', modelEstimate: true },
        d: { publisher: 'Politie', title: 'Misdrijven', tables: {}, licence: 'licentie niet nagegaan', url: '' },
      },
    } as never;
    expect(sourcesSentence(cat)).toBe('CBS: Kerncijfers, Kaart · RIVM: Gezondheid (modelschattingen) · Politie: Misdrijven');
    expect(licencesSentence(cat)).toBe('CBS: CC BY 4.0; RIVM: CC BY 4.0');
  });
});
