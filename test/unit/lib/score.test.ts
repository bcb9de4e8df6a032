import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/lib/catalogue';
import { factorScore, goalScores, mean, scoreLabel } from '../../../src/lib/score';

describe('factor and goal scores', () => {
  const cat = {
    goals: [{ id: 'kansrijk', label: 'Kansrijk', question: '', factors: [
      { id: 'werk', label: 'Werk', indicators: ['bijstand', 'ww'] },
      { id: 'inkomen', label: 'Inkomen', indicators: ['inkomen', 'laag'] },
    ] }],
  } as unknown as Catalogue;

  it('averages direction-aligned indicator scores with equal weights (hand-computed)', () => {
    // werk = (1.2 + -0.4) / 2 = 0.4; inkomen = (0.6 + missing) → 0.6; goal = (0.4 + 0.6) / 2 = 0.5
    const [g] = goalScores(cat, [
      { indicator: 'bijstand', score: 1.2 }, { indicator: 'ww', score: -0.4 },
      { indicator: 'inkomen', score: 0.6 }, { indicator: 'laag', score: null },
    ]);
    expect(g.factors[0].score).toBeCloseTo(0.4, 12);
    expect(g.factors[1].score).toBeCloseTo(0.6, 12);
    expect(g.factors[1].missing).toEqual(['laag']);
    expect(g.score).toBeCloseTo(0.5, 12);
  });

  it('gives a factor without any indicator score no score, not 0', () => {
    const f = factorScore({ id: 'x', label: 'X', indicators: ['a'] }, new Map([['a', null]]));
    expect(f.score).toBeNull();
    expect(mean([])).toBeNull();
  });

  it('labels scores in words', () => {
    expect(scoreLabel(1.3)).toBe('veel beter dan gemiddeld');
    expect(scoreLabel(-0.5)).toBe('slechter dan gemiddeld');
    expect(scoreLabel(null)).toBe('geen score');
  });
});
