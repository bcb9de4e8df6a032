// Label placement (src/lib/charts/labels.ts): labels that would overlap are moved or left out.
import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels, spread } from '../../../src/lib/charts/labels';

describe('labels', () => {
  it('boxes that touch within the padding overlap; apart they do not', () => {
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 11, y: 0, width: 10, height: 10 })).toBe(true);
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 13, y: 0, width: 10, height: 10 })).toBe(false);
  });

  it('a second label on the same spot takes its next offset, a third with no room is left out', () => {
    const c = (item: string) => ({ item, x: 100, y: 100, text: 'abcde', offsets: [[0, -20], [0, 20]] as [number, number][] });
    const placed = placeLabels([c('a'), c('b'), c('c')], 20, { x: 0, y: 0, width: 400, height: 400 });
    // 5 characters × 20 px × 0.6 = 60 px wide, 24 px high: above (y 68–92) and below (108–132) do not touch.
    expect(placed.map((p) => [p.item, p.dy])).toEqual([['a', -20], ['b', 20]]);
  });

  it('a label outside the bounds is not placed', () => {
    const placed = placeLabels([{ item: 1, x: 5, y: 5, text: 'lang label', offsets: [[0, 0]] }], 20, { x: 0, y: 0, width: 400, height: 400 });
    expect(placed).toEqual([]);
  });

  it('spread keeps order and a minimum gap, inside the limits', () => {
    expect(spread([100, 105, 300], 30)).toEqual([100, 130, 300]);
    expect(spread([390, 395], 30, 0, 400)).toEqual([370, 400]);
  });
});
