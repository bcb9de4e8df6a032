// packStats / unpackStats: the wijk page's year data (#jaren-data) round-trips every row, empty
// rows included, and the packed text is what the test spells out by hand.
import { describe, expect, it } from 'vitest';
import { packStats, unpackStats } from '../../../../src/lib/render/page-json';

const empty = (indicator: string) => ({ indicator, year: null, value: null, status: null, note: null, source: null, city: null, score: null, rank: null, peers: null });
const full = { indicator: 'bijstand', year: 2024, value: 91.2, status: 'ok', note: 'Grens gewijzigd </script>', source: 'cbs', city: 50.1, score: -1.25, rank: 80, peers: 88 };

describe('packStats', () => {
  const byChoice = new Map([
    ['laatste', [full, empty('ao')]],
    ['2016', [empty('bijstand'), { ...full, year: 2016, indicator: 'ao', value: 3 }]],
  ]);
  const text = packStats(byChoice);

  it('writes ids once and 0 for a row without figures, with </ escaped', () => {
    expect(text).not.toContain('</');
    expect(JSON.parse(text)).toEqual({
      fields: ['year', 'value', 'status', 'note', 'source', 'city', 'score', 'rank', 'peers'],
      ids: ['bijstand', 'ao'],
      choices: {
        laatste: [[2024, 91.2, 'ok', 'Grens gewijzigd </script>', 'cbs', 50.1, -1.25, 80, 88], 0],
        '2016': [0, [2016, 3, 'ok', 'Grens gewijzigd </script>', 'cbs', 50.1, -1.25, 80, 88]],
      },
    });
  });

  it('unpacks to the same rows, in the same order', () => {
    expect(unpackStats(text)).toEqual(byChoice);
  });
});
