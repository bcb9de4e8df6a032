import { describe, expect, it } from 'vitest';
import { present } from '../../../src/lib/present';
import type { IndicatorStat } from '../../../src/lib/queries';

const stat = (indicator: string, value: number | null, city: number | null, status: IndicatorStat['status'] = 'ok'): IndicatorStat =>
  ({ indicator, year: 2017, value, status, note: null, source: 'kwb', city, score: null, rank: 3, peers: 70 });

describe('direction handling', () => {
  it('calls a lower bijstand better than the city and a higher one worse', () => {
    expect(present(stat('bijstand', 25, 50)).judgement).toBe('better');
    expect(present(stat('bijstand', 75, 50)).judgement).toBe('worse');
  });
  it('calls a higher income better', () => {
    expect(present(stat('inkomen_per_inwoner', 30, 25)).judgement).toBe('better');
  });
  it('does not judge a neutral (context) indicator', () => {
    expect(present(stat('oud', 30, 15)).judgement).toBe('neutral');
  });
  it('treats an index within 5 of 100 as the same as the city', () => {
    expect(present(stat('bijstand', 51, 50)).judgement).toBe('same');
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
