import { describe, expect, it } from 'vitest';
import { contrastRatio, textOn } from '../../../../src/lib/render/contrast';

describe('contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 on white is the classic 4,54:1 grey.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('puts white on dark purple and black on light purple', () => {
    expect(textOn('#542788')).toBe('#ffffff');
    expect(textOn('#d8daeb')).toBe('#000000');
  });

  it('reaches 4,5:1 on every grey from black to white', () => {
    for (let v = 0; v <= 255; v += 5) {
      const c = `#${v.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(textOn(c), c)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('throws when asked for more than black or white can give', () => {
    expect(() => textOn('#767676', 7)).toThrow(/Geen leesbare tekstkleur/);
  });
});
