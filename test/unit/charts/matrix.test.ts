// Correlation matrix snapshot (see snapshot.ts for how snapshots work and how to update them).
import { describe, expect, it } from 'vitest';
import { correlationMatrix, formatR1 } from '../../../src/lib/charts/matrix';
import { chartDoc, expectSnapshot } from './snapshot';

describe('correlationMatrix', () => {
  it('every cell prints r; both halves; a pair without r left blank; legend of the classes', () => {
    const labels = new Map([['a', 'Bijstand (2024)'], ['b', 'Laag inkomen (2017)'], ['c', 'Gezondheid (2020)']]);
    const { svg, legend } = correlationMatrix(
      [{ a: 'a', b: 'b', r: 0.84, n: 70 }, { a: 'a', b: 'c', r: -0.66, n: 68 }, { a: 'b', b: 'c', r: null, n: 3 }],
      labels,
      { label: 'Correlatiematrix', order: ['a', 'b', 'c'], document: chartDoc() },
    );
    expect(svg.match(/>0,8</g)).toHaveLength(2);
    expect(svg.match(/>-0,7</g)).toHaveLength(2);
    expect(legend).toContain('0,8 t/m 1,0');
    expectSnapshot('matrix.svg', svg);
    expectSnapshot('matrix-legend.html', legend);
  });

  it('formatR1 never prints -0,0', () => {
    expect(formatR1(-0.04)).toBe('0,0');
  });
});
