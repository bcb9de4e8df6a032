import { describe, expect, it } from 'vitest';
import { pageSample } from '../../../src/server/page-sample';

const areas = Array.from({ length: 10 }, (_, i) => ({ code: `BU0${i}` }));

describe('pageSample', () => {
  it('keeps every page without WIJKBEELD_PAGE_SAMPLE, or when the sample is not smaller', () => {
    expect(pageSample(areas, {})).toEqual(areas);
    expect(pageSample(areas, { WIJKBEELD_PAGE_SAMPLE: '10' })).toEqual(areas);
    expect(pageSample(areas, { WIJKBEELD_PAGE_SAMPLE: 'veel' })).toEqual(areas);
  });

  it('spreads N pages over the list and always keeps the pages the bench opens', () => {
    expect(pageSample(areas, { WIJKBEELD_PAGE_SAMPLE: '5' }).map((a) => a.code)).toEqual(['BU00', 'BU02', 'BU04', 'BU06', 'BU08']);
    const withBench = [...areas, { code: 'BU05991086' }, { code: 'GM0599' }];
    expect(pageSample(withBench, { WIJKBEELD_PAGE_SAMPLE: '3' }).map((a) => a.code)).toEqual(['BU00', 'BU04', 'BU08', 'BU05991086', 'GM0599']);
  });
});
