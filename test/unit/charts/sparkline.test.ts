// Sparkline snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../src/lib/charts/sparkline';
import { chartDoc, expectSnapshot } from './snapshot';

describe('sparkline', () => {
  it('area line with its last point, dashed city line, one image with the label', () => {
    const svg = sparkline(
      [{ year: 2014, value: 40 }, { year: 2015, value: null }, { year: 2016, value: 44 }, { year: 2017, value: 38 }],
      [{ year: 2014, value: 35 }, { year: 2017, value: 36 }],
      { label: 'Verloop van bijstand in Bloemhof', document: chartDoc() },
    );
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain('aria-label="Verloop van bijstand in Bloemhof"');
    expectSnapshot('sparkline.svg', svg);
  });

  it('nothing to draw with fewer than two points on both lines', () => {
    expect(sparkline([{ year: 2014, value: 40 }], [{ year: 2014, value: null }], { label: 'x', document: chartDoc() })).toBe('');
  });
});
