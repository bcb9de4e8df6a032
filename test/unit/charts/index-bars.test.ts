// Index bars snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { indexBars } from '../../../src/lib/charts/index-bars';
import { chartDoc, expectSnapshot } from './snapshot';

describe('indexBars', () => {
  it('bars from 100, coloured and worded by judgement; "same" is grey, not orange', () => {
    const svg = indexBars(
      [{ label: 'Bijstand (2024)', index: 129, judgement: 'worse' }, { label: 'Misdrijven (2023)', index: 93, judgement: 'better' }, { label: 'Gezondheid (2020)', index: 98, judgement: 'same' }],
      { label: 'Rotterdam-Zuid tegenover de stad', document: chartDoc() },
    );
    expect(svg).toContain('>129 ▼ slechter<');
    expect(svg).toContain('>98 ≈ gelijk<');
    expect(svg).toContain('fill="#8c8c8c"');
    expectSnapshot('index-bars.svg', svg);
  });
});
