// Factoren page: the state (level, outcome, year, scatter indicator, earlier year for change
// against change, model factors, wijk or gebied, what-if shifts) lives in the URL. A change loads a
// year's values once from the Parquet with DuckDB-wasm and redraws with the same module as the
// prerendered page (src/lib/render/factoren-view.ts), which loads Plot only then. Slider moves
// redraw only the what-if result, so focus stays on the slider.
import type { BoundaryStep, FactorData } from '../lib/render/factoren-data';
import type { FactorInput, FactorState } from '../lib/render/factoren-view';
import { getDb } from './duckdb';

const page = document.getElementById('factoren');
const status = (t: string) => {
  const el = document.getElementById('live-status');
  if (el) el.textContent = t;
};
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const json = <T>(attr: string | undefined, fallback: T): T => (attr ? (JSON.parse(attr) as T) : fallback);
/** Indicator ids and areas ([code, name]) per level, and the published boundary changes (from the page). */
const idsByLevel = json<Record<string, string[]>>(page?.dataset.ids, {});
const areasByLevel = json<Record<string, [string, string][]>>(page?.dataset.areas, {});
const changes = json<BoundaryStep[]>(page?.dataset.changes, []);

const cache = new Map<string, Promise<FactorData>>();
async function dataFor(level: string, year: number): Promise<FactorData> {
  const key = `${level}|${year}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const [db, { factorData }] = await Promise.all([getDb(), import('../lib/render/factoren-data')]);
      return factorData(db, level, year);
    })();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

async function inputFor(s: FactorState): Promise<FactorInput> {
  const [d, earlier] = await Promise.all([dataFor(s.level, s.year), s.from !== null && s.from < s.year ? dataFor(s.level, s.from) : null]);
  return { d, earlier, changes };
}

/** Enables the indicators and lists the areas of a level in the form's selects. */
function showLevel(level: string): void {
  const ok = new Set(idsByLevel[level] ?? []);
  for (const id of ['uitkomst', 'x', 'factor-0', 'factor-1', 'factor-2']) {
    for (const o of $<HTMLSelectElement>(id).options) if (o.value) o.disabled = !ok.has(o.value);
  }
  const sel = $<HTMLSelectElement>('wijk');
  const current = [...sel.options].slice(1).map((o) => o.value).join();
  const wanted = areasByLevel[level] ?? [];
  if (current !== wanted.map(([c]) => c).join()) {
    sel.replaceChildren(new Option('geen', ''), ...wanted.map(([code, name]) => new Option(name, code)));
  }
  $('wijk-label').textContent = level === 'gebied' ? 'Gebied uitlichten' : 'Wijk uitlichten';
}

/** The state made valid for its level: indicators the level lacks fall back, an area of another level is dropped. */
function fitLevel(s: FactorState, prev: FactorState): FactorState {
  const ok = new Set(idsByLevel[s.level] ?? []);
  const pick = (id: string, fallback: string) => (ok.has(id) ? id : ok.has(fallback) ? fallback : [...ok][0]!);
  const factors = s.factors.filter((f) => ok.has(f));
  const areas = new Set((areasByLevel[s.level] ?? []).map(([c]) => c));
  const wijk = s.wijk && areas.has(s.wijk) ? s.wijk : null;
  return {
    ...s,
    outcome: pick(s.outcome, prev.outcome),
    x: pick(s.x, prev.x),
    factors: factors.length ? factors : [pick('laag_inkomen', prev.factors[0] ?? '')],
    wijk,
    deltas: factors.length === s.factors.length && wijk === s.wijk ? s.deltas : (factors.length ? factors : [0]).map(() => 0),
  };
}

function writeUrl(s: FactorState): void {
  const url = new URL(location.href);
  const q = url.searchParams;
  q.set('niveau', s.level);
  q.set('uitkomst', s.outcome);
  q.set('jaar', String(s.year));
  if (s.from !== null) q.set('van', String(s.from));
  else q.delete('van');
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
  const from = $<HTMLSelectElement>('van').value;
  return fitLevel({
    level: $<HTMLSelectElement>('niveau').value,
    outcome: $<HTMLSelectElement>('uitkomst').value,
    year: Number($<HTMLSelectElement>('jaar').value),
    x: $<HTMLSelectElement>('x').value,
    factors: unique,
    wijk: $<HTMLSelectElement>('wijk').value || null,
    deltas: sameFactors ? prev.deltas : unique.map(() => 0),
    from: from ? Number(from) : null,
  }, prev);
}

function writeForm(s: FactorState): void {
  $<HTMLSelectElement>('niveau').value = s.level;
  showLevel(s.level);
  $<HTMLSelectElement>('van').value = s.from === null ? '' : String(s.from);
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
  let input: FactorInput;
  let view: typeof import('../lib/render/factoren-view');
  try {
    [input, view] = await Promise.all([inputFor(s), import('../lib/render/factoren-view')]);
  } catch (e) {
    status(`De interactieve cijfers konden niet worden geladen (${(e as Error).message}). De getoonde cijfers blijven kloppen.`);
    return;
  }
  if (mine !== latest) return;
  if (only === 'whatif') {
    $('whatif-output').innerHTML = view.renderWhatIfResult(input.d, s);
    return;
  }
  const focused = document.activeElement?.id;
  for (const [id, markup] of Object.entries(view.renderViews(input, s))) $(id).innerHTML = markup;
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
      writeForm(state);
      redraw().catch(fail);
    });
  }
  page.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-scatter]');
    if (!b) return;
    state = { ...state, x: b.dataset.scatter! };
    $<HTMLSelectElement>('x').value = state.x;
    // From the change table, stay with the change scatter; else go to the scatter of the levels.
    const target = b.closest('#change-view') ? 'change-view' : 'scatter-view';
    redraw().then(() => $(target).scrollIntoView({ block: 'start' })).catch(fail);
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
  if (['niveau', 'uitkomst', 'jaar', 'van', 'x', 'factoren', 'wijk', 'knop'].some((k) => q.has(k))) {
    const level = q.get('niveau') ?? state.level;
    const levelOk = level in idsByLevel;
    const ids = new Set(idsByLevel[levelOk ? level : state.level] ?? []);
    const years = new Set([...$<HTMLSelectElement>('jaar').options].map((o) => o.value));
    const wijken = new Set((areasByLevel[levelOk ? level : state.level] ?? []).map(([c]) => c));
    let bad = false;
    const pick = <T>(v: string | null, ok: boolean, fallback: T, make: (v: string) => T): T => {
      if (v === null) return fallback;
      if (!ok) bad = true;
      return ok ? make(v) : fallback;
    };
    const factors = q.has('factoren') ? q.get('factoren')!.split(',').filter((f) => (ids.has(f) ? true : ((bad = true), false))).slice(0, 3) : state.factors;
    const knop = (q.get('knop') ?? '').split(',').map(Number);
    const prev = state;
    state = {
      level: pick(q.get('niveau'), levelOk, state.level, String),
      from: q.get('van') === '' ? null : pick(q.get('van'), years.has(q.get('van') ?? ''), state.from, Number),
      outcome: pick(q.get('uitkomst'), ids.has(q.get('uitkomst') ?? ''), state.outcome, String),
      year: pick(q.get('jaar'), years.has(q.get('jaar') ?? ''), state.year, Number),
      x: pick(q.get('x'), ids.has(q.get('x') ?? ''), state.x, String),
      factors: factors.length ? [...new Set(factors)] : state.factors,
      wijk: pick(q.get('wijk'), wijken.has(q.get('wijk') ?? ''), state.wijk, String),
      deltas: [],
    };
    state.deltas = state.factors.map((_, i) => (Number.isFinite(knop[i]) ? knop[i] : 0));
    state = fitLevel(state, prev);
    writeForm(state);
    if (bad) status('Onbekende waarde in de link genegeerd.');
    redraw().catch(fail);
  }
}
