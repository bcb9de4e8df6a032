// Benchmark baseline: the wijk page's goal-score cards, but rendered only after DuckDB-wasm has
// loaded and queried the Parquet in the browser (what a "query first, then draw" site would do).
// scripts/bench.ts compares the wijk page's first-chart time against this page's.
import { catalogue, indicator } from '../lib/catalogue';
import { indicatorStats } from '../lib/queries';
import { goalScores, scoreLabel } from '../lib/score';
import { getDb } from './duckdb';

const box = document.getElementById('baseline') as HTMLElement | null;
const AREA = { code: box?.dataset.code ?? 'BU05991086', level: box?.dataset.level ?? 'wijk' };

const fmt = (s: number | null) =>
  s === null ? '–' : new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(s);
const cls = (s: number | null) => (s === null ? 'absent' : s >= 0.25 ? 'better' : s <= -0.25 ? 'worse' : '');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function render(): Promise<void> {
  if (!box) return;
  const t0 = performance.now();
  try {
    const stats = await indicatorStats(await getDb(), AREA);
    const goals = goalScores(catalogue, stats.filter((s) => indicator(s.indicator).direction !== 'neutral'));
    const grid = el('div', 'goals');
    for (const g of goals) {
      const card = el('div', 'card goal');
      card.dataset.goal = g.goal.id;
      card.appendChild(el('h3', '', g.goal.label));
      const big = el('p', `big ${cls(g.score)}`, fmt(g.score));
      big.dataset.score = g.score === null ? '' : String(g.score);
      card.appendChild(big);
      card.appendChild(el('p', 'small', scoreLabel(g.score)));
      const ul = el('ul', 'factors');
      for (const f of g.factors) {
        const li = el('li', '');
        li.appendChild(el('span', 'flabel', f.factor.label));
        const track = el('span', 'track');
        track.setAttribute('aria-hidden', 'true');
        if (f.score !== null) {
          const w = (Math.min(Math.abs(f.score), 2) / 2) * 50;
          const bar = el('span', `bar ${f.score >= 0 ? 'pos' : 'neg'}`);
          bar.style.width = `${w}%`;
          bar.style.left = f.score >= 0 ? '50%' : `${50 - w}%`;
          track.appendChild(bar);
        }
        li.appendChild(track);
        li.appendChild(el('span', `num ${cls(f.score)}`, fmt(f.score)));
        li.appendChild(el('span', 'visually-hidden', `${scoreLabel(f.score)}; ${f.used.length} van ${f.factor.indicators.length} indicatoren`));
        ul.appendChild(li);
      }
      card.appendChild(ul);
      grid.appendChild(card);
    }
    box.replaceChildren(grid);
    grid.setAttribute('data-first-chart', '');
    box.dataset.ms = String(Math.round(performance.now() - t0));
  } catch (e) {
    box.textContent = `De cijfers konden niet worden geladen: ${(e as Error).message}`;
    box.dataset.error = 'true';
  }
}

void render();
