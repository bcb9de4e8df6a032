import { describe, expect, it } from 'vitest';
import { countText, fold, matches } from '../../../src/lib/search';

describe('search', () => {
  it('ignores diacritics, case and hyphens', () => {
    expect(fold('Kralingen-Crooswijk')).toBe('kralingen crooswijk');
    expect(fold('Pendrecht ÉÉN  Ümlaut')).toBe('pendrecht een umlaut');
    expect(fold("Oud-IJsselmonde")).toBe('oud ijsselmonde');
  });
  it('matches on the folded name; an empty query matches nothing', () => {
    const items = [{ kind: 'wijk' as const, key: fold('Afrikaanderwijk') }, { kind: 'indicator' as const, key: fold('Bijstand') }];
    expect(matches(items, 'AFRIKAANDER').map((i) => i.kind)).toEqual(['wijk']);
    expect(matches(items, 'bijstand').map((i) => i.kind)).toEqual(['indicator']);
    expect(matches(items, '  ')).toEqual([]);
  });
  it('counts what the filter shows', () => {
    expect(countText({ gebied: 1, wijk: 3, indicator: 0 })).toBe('1 gebied, 3 wijken');
    expect(countText({ gebied: 0, wijk: 0, indicator: 2 })).toBe('2 indicatoren');
    expect(countText({ gebied: 0, wijk: 0, indicator: 0 })).toBe('geen treffers');
  });
});
