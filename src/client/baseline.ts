// Benchmark baseline: the wijk page's goal-score cards, but rendered only after DuckDB-wasm has
// loaded and queried the Parquet in the browser (what a "query first, then draw" site would do).
// scripts/bench.ts compares the wijk page's first-chart time against this page's.
import { indicatorStats } from '../lib/queries';
import { goalCards } from '../lib/render/wijk';
import { getDb } from './duckdb';

const box = document.getElementById('baseline') as HTMLElement | null;
const AREA = { code: box?.dataset.code ?? 'BU05991086', level: box?.dataset.level ?? 'wijk' };

async function render(): Promise<void> {
  if (!box) return;
  const t0 = performance.now();
  try {
    const stats = await indicatorStats(await getDb(), AREA);
    // The same cards as the wijk page (src/lib/render/wijk.ts), only drawn after the query.
    const grid = document.createElement('div');
    grid.className = 'goals';
    grid.innerHTML = String(goalCards(stats));
    box.replaceChildren(grid);
    grid.setAttribute('data-first-chart', '');
    box.dataset.ms = String(Math.round(performance.now() - t0));
  } catch (e) {
    box.textContent = `De cijfers konden niet worden geladen: ${(e as Error).message}`;
    box.dataset.error = 'true';
  }
}

void render();
