import { describe, expect, it } from 'vitest';
import { stripUnsafe, urlTextForNotice } from '../../../src/lib/url-text';

// Characters written as escapes here, so the test does not depend on how an editor shows them.
const NUL = '\u0000';
const RLO = '\u202e'; // right-to-left override
const LRI = '\u2066'; // left-to-right isolate
const PDI = '\u2069'; // pop directional isolate
const RLM = '\u200f'; // right-to-left mark

describe('urlTextForNotice', () => {
  it('drops NUL and other control characters (C0, DEL, C1)', () => {
    expect(urlTextForNotice(`20${NUL}16`, 10)).toBe('2016');
    expect(urlTextForNotice('a\tb\nc\rd\u001be\u007ff\u0085g\u009fh', 20)).toBe('abcdefgh');
  });
  it('drops every bidirectional embedding, override, isolate and mark', () => {
    const all = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
    expect(urlTextForNotice(all.join('x'), 50)).toBe('x'.repeat(all.length - 1));
    expect(urlTextForNotice(`${RLO}6102${LRI}a${PDI}${RLM}`, 10)).toBe('6102a');
  });
  it('keeps ordinary text, accents and other scripts', () => {
    expect(urlTextForNotice('Hillesluis é ü ق 2016', 40)).toBe('Hillesluis é ü ق 2016');
  });
  it('cuts after max code points with an ellipsis, never inside a surrogate pair', () => {
    expect(urlTextForNotice('123456789012', 10)).toBe('1234567890…');
    expect(urlTextForNotice('😀😀😀', 2)).toBe('😀😀…');
    expect(urlTextForNotice('1234567890', 10)).toBe('1234567890');
  });
  it('counts the length after stripping, so hidden characters cannot push text out', () => {
    expect(urlTextForNotice(`${NUL.repeat(20)}2016`, 10)).toBe('2016');
  });
});

describe('stripUnsafe', () => {
  it('leaves a clean string unchanged and empties one of only unsafe characters', () => {
    expect(stripUnsafe('<b>1999</b>')).toBe('<b>1999</b>');
    expect(stripUnsafe(`${NUL}${RLO}${PDI}`)).toBe('');
  });
});
