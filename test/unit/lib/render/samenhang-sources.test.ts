// The samenhang matrix names the publishers of the series it uses, from the catalogue, so a new
// source (the Wijkprofiel components) names itself; estimates and survey questions are marked.
import { describe, expect, it } from 'vitest';
import { publishersOf } from '../../../../src/lib/render/samenhang-view';

describe('publishersOf', () => {
  it('one publisher per source, in matrix order, with modelschattingen and enquêtevragen marked', () => {
    const years = new Map([['bijstand', 2017], ['ervaren_gezondheid', 2020], ['wp_met_werk', 2018], ['wp_moeite_rondkomen', 2018], ['misdrijven', 2023]]);
    expect(publishersOf(['bijstand', 'ervaren_gezondheid', 'wp_met_werk', 'wp_moeite_rondkomen', 'misdrijven'], years)).toBe(
      "CBS; RIVM, GGD'en en CBS (modelschattingen); Gemeente Rotterdam, OBI (ook enquêtevragen); Politie, via CBS",
    );
  });
  it('registrations only: no mark', () => {
    expect(publishersOf(['wp_met_werk'], new Map([['wp_met_werk', 2018]]))).toBe('Gemeente Rotterdam, OBI');
  });
});
