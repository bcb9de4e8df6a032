// Factor and goal scores from per-indicator z-scores (computed once in the data build by
// scoresSql): equal weights, direction already aligned (+ is better). Pure functions, so the
// method page, the wijk page and the tests agree.
import type { Catalogue, Factor, Goal } from './catalogue';

export interface ScoredIndicator { indicator: string; score: number | null }

export interface FactorScore {
  factor: Factor;
  /** Mean of the available indicator scores; null when none is available. */
  score: number | null;
  used: string[];
  missing: string[];
}

export interface GoalScore { goal: Goal; score: number | null; factors: FactorScore[] }

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

export function factorScore(factor: Factor, scores: Map<string, number | null>): FactorScore {
  const used: string[] = [];
  const missing: string[] = [];
  for (const id of factor.indicators) {
    const s = scores.get(id);
    if (s === null || s === undefined || !Number.isFinite(s)) missing.push(id);
    else used.push(id);
  }
  return { factor, score: mean(used.map((id) => scores.get(id)!)), used, missing };
}

/** Goal score = mean of its factor scores (equal weight per factor, not per indicator). */
export function goalScores(cat: Catalogue, indicators: ScoredIndicator[]): GoalScore[] {
  const scores = new Map(indicators.map((i) => [i.indicator, i.score]));
  return cat.goals.map((goal) => {
    const factors = goal.factors.map((f) => factorScore(f, scores));
    return { goal, factors, score: mean(factors.map((f) => f.score).filter((s): s is number => s !== null)) };
  });
}

/** Words for a score, for text alternatives and labels. */
export function scoreLabel(score: number | null): string {
  if (score === null) return 'geen score';
  if (score >= 1) return 'veel beter dan gemiddeld';
  if (score >= 0.25) return 'beter dan gemiddeld';
  if (score > -0.25) return 'rond het gemiddelde';
  if (score > -1) return 'slechter dan gemiddeld';
  return 'veel slechter dan gemiddeld';
}

/** 'better' | 'worse' | '' (around average) | 'absent': the tone a score is shown in, same bands as scoreLabel. */
export function scoreTone(score: number | null): 'better' | 'worse' | '' | 'absent' {
  if (score === null) return 'absent';
  return score >= 0.25 ? 'better' : score <= -0.25 ? 'worse' : '';
}

// Made on first use: the first Intl formatter of a page loads ICU's Dutch data (~70 ms in the
// bench's trace), and a page module that only imports this must not pay that before first paint.
let scoreFormat: Intl.NumberFormat | undefined;

/** "+0,4", "−1,2", "0,0"; an en dash without a score. */
export function formatScore(score: number | null): string {
  scoreFormat ??= new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return score === null ? '–' : scoreFormat.format(score);
}
