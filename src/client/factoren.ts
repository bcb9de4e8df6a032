// Factoren page: the state (outcome, year, scatter indicator, model factors, wijk, what-if shifts)
// lives in the URL. A change loads the year's values once from the Parquet with DuckDB-wasm and
// redraws with the same module as the prerendered page (src/lib/render/factoren-view.ts), which
// loads Plot only then. Slider moves redraw only the what-if result, so focus stays on the slider.
import type { FactorData } from '../lib/render/factoren-data';
import type { FactorState } from '../lib/render/factoren-view';
import { getDb } from './duckdb';

const page = document.getElementById('factoren');
const status = (t: string) => {
  const el = document.getElementById('live-status');
  if (el) el.textContent = t;
};
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const cache = new Map<number, Promise<FactorData>>();
async function dataFor(year: number): Promise<FactorData> {
  let p = cache.get(year);
  if (!p) {
    p = (async () => {
      const [db, { factorData }] = await Promise.all([getDb(), import('../lib/render/factoren-data')]);
      return factorData(db, 'wijk', year);
    })();
    p.catch(() => cache.delete(year));
    cache.set(year, p);
  }
  return p;
}

function writeUrl(s: FactorState): void {
  const url = new URL(location.href);
  const q = url.searchParams;
  q.set('uitkomst', s.outcome);
  q.set('jaar', String(s.year));
  q.set('x', s.x);
  q.set('factoren', s.factors.join(','));
  if (s.wijk) q.set('wijk', s.wijk);
  else q.delete('wijk');
  if (s.deltas.some((v) => v !== 0)) q.set('knop', s.deltas.join(','));
  else q.delete('knop');
  history.replaceState(null, '', url);
}

/** The state from the form (and the sliders), the sliders' values kept while the factors stay. */
function readForm(prev: FactorState): FactorState {
  const factors = [0, 1, 2].map((i) => $<HTMLSelectElement>(`factor-${i}`).value).filter(Boolean);
  const unique = [...new Set(factors)];
  const sameFactors = unique.join() === prev.factors.join() && $<HTMLSelectElement>('wijk').value === (prev.wijk ?? '');
  return {
    outcome: $<HTMLSelectElement>('uitkomst').value,
    year: Number($<HTMLSelectElement>('jaar').value),
    x: $<HTMLSelectElement>('x').value,
    factors: unique,
    wijk: $<HTMLSelectElement>('wijk').value || null,
    deltas: sameFactors ? prev.deltas : unique.map(() => 0),
  };
}

function writeForm(s: FactorState): void {
  $<HTMLSelectElement>('uitkomst').value = s.outcome;
  $<HTMLSelectElement>('jaar').value = String(s.year);
  $<HTMLSelectElement>('x').value = s.x;
  $<HTMLSelectElement>('wijk').value = s.wijk ?? '';
  [0, 1, 2].forEach((i) => ($<HTMLSelectElement>(`factor-${i}`).value = s.factors[i] ?? ''));
}

let state: FactorState = JSON.parse(page?.dataset.state ?? '{}');
let latest = 0;

async function redraw(only?: 'whatif'): Promise<void> {
  const mine = ++latest;
  const s = state;
  writeUrl(s);
  if (!only) status('Cijfers laden…');
  let data: FactorData;
  let view: typeof import('../lib/render/factoren-view');
  try {
    [data, view] = await Promise.all([dataFor(s.year), import('../lib/render/factoren-view')]);
  } catch (e) {
    status(`De interactieve cijfers konden niet worden geladen (${(e as Error).message}). De getoonde cijfers blijven kloppen.`);
    return;
  }
  if (mine !== latest) return;
  if (only === 'whatif') {
    $('whatif-output').innerHTML = view.renderWhatIfResult(data, s);
    return;
  }
  const focused = document.activeElement?.id;
  for (const [id, markup] of Object.entries(view.renderViews(data, s))) $(id).innerHTML = markup;
  if (focused) document.getElementById(focused)?.focus();
  page!.dataset.rendered = JSON.stringify(s);
  status(`Live berekend voor ${s.year}.`);
}

function fail(e: unknown): void {
  status(`Er ging iets mis: ${(e as Error).message}`);
}

if (page) {
  const form = document.querySelectorAll<HTMLSelectElement>('select[data-needs-duckdb]');
  for (const sel of form) {
    sel.addEventListener('focus', () => void getDb().catch(() => undefined), { once: true });
    sel.addEventListener('change', () => {
      state = readForm(state);
      redraw().catch(fail);
    });
  }
  page.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-scatter]');
    if (!b) return;
    state = { ...state, x: b.dataset.scatter! };
    $<HTMLSelectElement>('x').value = state.x;
    redraw().then(() => $('scatter-view').scrollIntoView({ block: 'start' })).catch(fail);
  });
  page.addEventListener('input', (ev) => {
    const el = ev.target as HTMLInputElement;
    if (el.type !== 'range') return;
    const i = Number(el.dataset.index);
    const deltas = state.factors.map((_, j) => (j === i ? Number(el.value) : state.deltas[j] ?? 0));
    state = { ...state, deltas };
    const out = el.parentElement?.querySelector('output');
    const txt = `${Number(el.value) > 0 ? '+' : Number(el.value) < 0 ? '−' : ''}${Math.abs(Number(el.value)).toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
    if (out) out.textContent = txt;
    el.setAttribute('aria-valuetext', txt);
    redraw('whatif').catch(fail);
  });
  // Restore from the URL; unknown values are ignored with a notice.
  const q = new URLSearchParams(location.search);
  if (['uitkomst', 'jaar', 'x', 'factoren', 'wijk', 'knop'].some((k) => q.has(k))) {
    const ids = new Set([...$<HTMLSelectElement>('uitkomst').options].map((o) => o.value));
    const years = new Set([...$<HTMLSelectElement>('jaar').options].map((o) => o.value));
    const wijken = new Set([...$<HTMLSelectElement>('wijk').options].map((o) => o.value));
    let bad = false;
    const pick = <T>(v: string | null, ok: boolean, fallback: T, make: (v: string) => T): T => {
      if (v === null) return fallback;
      if (!ok) bad = true;
      return ok ? make(v) : fallback;
    };
    const factors = q.has('factoren') ? q.get('factoren')!.split(',').filter((f) => (ids.has(f) ? true : ((bad = true), false))).slice(0, 3) : state.factors;
    const knop = (q.get('knop') ?? '').split(',').map(Number);
    state = {
      outcome: pick(q.get('uitkomst'), ids.has(q.get('uitkomst') ?? ''), state.outcome, String),
      year: pick(q.get('jaar'), years.has(q.get('jaar') ?? ''), state.year, Number),
      x: pick(q.get('x'), ids.has(q.get('x') ?? ''), state.x, String),
      factors: factors.length ? [...new Set(factors)] : state.factors,
      wijk: pick(q.get('wijk'), wijken.has(q.get('wijk') ?? ''), state.wijk, String),
      deltas: [],
    };
    state.deltas = state.factors.map((_, i) => (Number.isFinite(knop[i]) ? knop[i] : 0));
    writeForm(state);
    if (bad) status('Onbekende waarde in de link genegeerd.');
    redraw().catch(fail);
  }
}
