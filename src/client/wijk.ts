// Interaction on the wijk page: year choice, compare and shareable URLs. DuckDB-wasm loads on the
// first interaction (or when the URL asks for it); until it is ready the prerendered view stays.
import { catalogue, indicator, shownIndicators } from '../lib/catalogue';
import { formatValue } from '../lib/format';
import { datingText, goalCards, indicatorRow, rowChange } from '../lib/render/wijk';
import type { AreaBoundaryChange, ChangePoint } from '../lib/change';
import { enableTrendFocus, openTargetDetails } from './trend-focus';
import { urlTextForNotice } from '../lib/url-text';
import { indicatorStats, indicatorStatsByChoice, latestValues, series, CITY, type IndicatorStat } from '../lib/queries';
import { getDb, preloadDb } from './duckdb';
import { changedBeforeScript } from './early-choice';
import { unpackStats } from '../lib/render/page-json';
import type { Db } from '../lib/db';

const page = document.getElementById('wijkpagina') as HTMLElement | null;
const CODE = /^(GM\d{4}|WK\d{6}|BU\d{8}|ZUID)$/;
const MAX_COMPARE = 3;

/** Notices about ignored URL parameters stay visible next to later status text until the visitor acts. */
let urlNotice = '';

function status(text: string): void {
  const el = document.getElementById('live-status');
  if (el) el.textContent = [text, urlNotice].filter(Boolean).join(' ');
}

function knownAreas(): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of document.querySelectorAll<HTMLOptionElement>('#gebieden-lijst option')) {
    const m = /^(.*) \(([A-Z0-9]+)\)$/.exec(o.value);
    if (m) map.set(m[2], m[1]);
  }
  return map;
}

/** This area's indicator rows for every year choice of the page ('' = latest), one query. */
let allYears: Promise<Map<number | undefined, IndicatorStat[]>> | undefined;

function yearChoices(): (number | undefined)[] {
  return [...(document.getElementById('jaar') as HTMLSelectElement).options].map((o) => (o.value ? Number(o.value) : undefined));
}

function statsFor(d: Db, year: number | undefined): Promise<IndicatorStat[]> {
  allYears ??= indicatorStatsByChoice(d, { code: page!.dataset.area!, level: page!.dataset.level! }, yearChoices());
  allYears.catch(() => (allYears = undefined));
  return allYears.then((m) => m.get(year) ?? indicatorStats(d, { code: page!.dataset.area!, level: page!.dataset.level! }, year));
}

/** This area's points of every indicator and year, for the change since the first year. */
let ownSeries: Promise<Map<string, ChangePoint[]>> | undefined;

function seriesFor(d: Db): Promise<Map<string, ChangePoint[]>> {
  ownSeries ??= series(d, [page!.dataset.area!]).then((rows) => {
    const m = new Map<string, ChangePoint[]>();
    for (const r of rows) (m.get(r.indicator) ?? m.set(r.indicator, []).get(r.indicator)!).push(r);
    return m;
  });
  ownSeries.catch(() => (ownSeries = undefined));
  return ownSeries;
}

/** The area's boundary changes as the page was built with them (manifest). */
function boundaryChanges(): AreaBoundaryChange[] {
  const area = page!.dataset.area!;
  try {
    return (JSON.parse(page!.dataset.boundaryChanges ?? '[]') as Omit<AreaBoundaryChange, 'area'>[]).map((c) => ({ ...c, area }));
  } catch {
    return [];
  }
}

/** Every year choice of this area as prerendered into the page (#jaren-data, keyed by year or
 * 'laatste'): a year change is answered from it at once, without waiting for DuckDB-wasm. */
let pageData: Map<string, IndicatorStat[]> | null | undefined;

function fromPage(year: number | undefined): IndicatorStat[] | undefined {
  if (pageData === undefined) {
    try {
      const el = document.getElementById('jaren-data');
      pageData = el ? unpackStats<IndicatorStat>(el.textContent ?? '') : null;
    } catch {
      pageData = null;
    }
  }
  return pageData?.get(year === undefined ? 'laatste' : String(year));
}

/** This area's own points per indicator as prerendered into the page (#reeks-data: indicator →
 * [year, value, status][]), so a year change answered from the page still shows the change since. */
let pageSeries: Map<string, ChangePoint[]> | undefined;

function ownFromPage(): Map<string, ChangePoint[]> {
  if (!pageSeries) {
    pageSeries = new Map();
    try {
      const el = document.getElementById('reeks-data');
      const raw = el ? (JSON.parse(el.textContent ?? '{}') as Record<string, [number, number | null, string | null][]>) : {};
      for (const [ind, pts] of Object.entries(raw)) pageSeries.set(ind, pts.map(([year, value, status]) => ({ year, value, status })));
    } catch {
      /* no page series: changes are computed once DuckDB-wasm is there */
    }
  }
  return pageSeries;
}

let warmed: Promise<unknown> | undefined;

/** Right after loading: fetch every year choice at once (a year change is then only a redraw)
 * and run the compare query shape once (DuckDB-wasm's first run of a shape costs 150-250 ms). */
function warmQueries(d: Db): Promise<unknown> {
  warmed ??= statsFor(d, undefined)
    .then(() => seriesFor(d))
    .then(() => latestValues(d, [page!.dataset.area!, CITY]))
    .catch(() => undefined);
  return warmed;
}

/** Load failures db() has already put into the status line (with what still works). */
const reported = new WeakSet<object>();

async function db() {
  status('Interactieve cijfers laden…');
  try {
    const d = await getDb();
    void warmQueries(d);
    status('');
    for (const el of document.querySelectorAll<HTMLElement>('[data-needs-duckdb][aria-disabled]')) {
      el.removeAttribute('aria-disabled');
      el.removeAttribute('title');
    }
    return d;
  } catch (e) {
    const what = fromPage(undefined) ? 'alleen vergelijken en de live controle werken nu niet' : 'alleen jaar kiezen en vergelijken werken nu niet';
    const msg = `De interactieve cijfers konden niet worden geladen: ${(e as Error).message}. De cijfers op deze pagina blijven kloppen; ${what}.`;
    status(msg);
    for (const el of document.querySelectorAll<HTMLElement>('[data-needs-duckdb]')) {
      el.setAttribute('aria-disabled', 'true');
      el.title = 'Niet beschikbaar: de database in de browser kon niet laden';
    }
    if (e && typeof e === 'object') reported.add(e);
    throw e;
  }
}

/** Replaces the year-dependent views with the same renderer the page was built with. */
function render(stats: IndicatorStat[], year: number | undefined, own: Map<string, ChangePoint[]>): void {
  const ctx = { level: page!.dataset.level!, code: page!.dataset.area!, areaName: document.querySelector('h1')?.textContent ?? '', base: page!.dataset.base! };
  const area = page!.dataset.area!;
  const changes = boundaryChanges();
  // One pass over the (large) document for the rows and one HTML parse for all new rows: per-row
  // lookups and parses cost most of a year change.
  const rows = new Map<string, HTMLTableRowElement>();
  for (const r of document.querySelectorAll<HTMLTableRowElement>('table.indicators tr[data-indicator]')) rows.set(r.dataset.indicator!, r);
  const shown = stats.filter((st) => rows.has(st.indicator));
  const tpl = document.createElement('template');
  tpl.innerHTML = shown.map((st) => String(indicatorRow(st, ctx, '', rowChange(st, area, own.get(st.indicator) ?? [], changes)))).join('');
  const fresh = [...tpl.content.children];
  shown.forEach((st, i) => {
    const row = rows.get(st.indicator)!;
    const next = fresh[i];
    if (!next) return;
    // The sparkline shows every year whatever the choice: keep the node, replace the rest.
    const spark = row.querySelector('.spark');
    if (spark) next.querySelector('.spark')?.replaceWith(spark);
    row.replaceWith(next);
  });
  const goals = document.getElementById('doelen');
  if (goals) goals.innerHTML = String(goalCards(stats));
  const dating = document.getElementById('dating');
  if (dating) dating.textContent = datingText(stats, year);
}

const yearKey = (year: number | undefined) => (year ? String(year) : 'laatste');

/** The live check: the same view computed in the browser from the Parquet with DuckDB-wasm. */
async function liveCheck(year: number | undefined): Promise<void> {
  const t0 = performance.now();
  const d = await db();
  const [stats, own] = await Promise.all([statsFor(d, year), seriesFor(d)]);
  if (chosenYear() !== year) return; // the visitor has moved on
  render(stats, year, own);
  const ms = performance.now() - t0;
  page!.dataset.liveYear = yearKey(year);
  page!.dataset.liveChecked = yearKey(year);
  const live = document.getElementById('live-check');
  if (live) {
    const n = stats.filter((s) => s.status === 'ok').length;
    live.textContent = `Live berekend in uw browser: ${n} indicatoren met een waarde${year ? ` (jaar ${year} of eerder)` : ''}, in ${Math.round(ms)} ms.`;
    live.dataset.liveCount = String(n);
  }
}

async function showYear(year: number | undefined): Promise<void> {
  const status_ = year ? `Cijfers van ${year} of het laatste jaar ervoor.` : 'Meest recente cijfers.';
  const local = fromPage(year);
  if (local) {
    // Answered from the page at once; the live check follows when DuckDB-wasm is there.
    render(local, year, ownFromPage());
    page!.dataset.liveYear = yearKey(year);
    status(status_);
    // After the next frame, so loading DuckDB's script does not delay painting the new view.
    requestAnimationFrame(() =>
      setTimeout(
        () =>
          liveCheck(year).then(
            () => status(status_),
            (e: Error) => {
              // The figures shown are the page's own and stay right; say that the check did not run.
              page!.dataset.liveError = yearKey(year);
              if (chosenYear() === year && !reported.has(e)) status(`${status_} De live controle in uw browser lukte niet: ${e.message}.`);
            },
          ),
        0,
      ),
    );
    return;
  }
  await liveCheck(year);
  status(status_);
}

/** The year the whole view shows: the year choice, or undefined for the latest. */
function chosenYear(): number | undefined {
  const v = (document.getElementById('jaar') as HTMLSelectElement).value;
  return v ? Number(v) : undefined;
}

async function renderCompare(area: string, others: string[]): Promise<void> {
  const box = document.getElementById('vergelijking')!;
  if (!others.length) {
    box.innerHTML = '';
    return;
  }
  const t0 = performance.now();
  const names = knownAreas();
  names.set(area, document.querySelector('h1')?.textContent ?? area);
  const codes = [area, ...others, CITY];
  if (!names.has(CITY)) names.set(CITY, 'Rotterdam');
  const year = chosenYear();
  const rows = await latestValues(await db(), codes, 1, year);
  const ids = shownIndicators();
  const table = document.createElement('table');
  table.className = 'compare';
  const cap = table.createCaption();
  cap.textContent = `Vergelijking van ${codes.map((c) => names.get(c) ?? c).join(', ')} (${year ? `${year} of het laatste jaar ervoor` : 'meest recente jaar'} per indicator)`;
  const head = table.createTHead().insertRow();
  for (const h of ['Indicator', 'Jaar', ...codes.map((c) => names.get(c) ?? c)]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const id of ids) {
    const ind = indicator(id);
    const here = rows.filter((r) => r.indicator === id);
    if (!here.length) continue;
    const tr = body.insertRow();
    tr.dataset.indicator = id;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = `${ind.label} (${ind.unit})`;
    tr.appendChild(th);
    tr.insertCell().textContent = String(here[0].year);
    for (const c of codes) {
      const td = tr.insertCell();
      td.className = 'num';
      td.dataset.area = c;
      const r = here.find((x) => x.area === c);
      td.textContent = r && r.status === 'ok' ? formatValue(r.value, ind.format) : r ? r.status : 'geen cijfer';
    }
  }
  const remove = document.createElement('p');
  for (const c of others) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${names.get(c) ?? c} weghalen`;
    b.addEventListener('click', () => setCompare(others.filter((o) => o !== c)));
    remove.appendChild(b);
  }
  const wrap = document.createElement('div');
  wrap.className = 'scroll';
  wrap.appendChild(table);
  box.replaceChildren(remove, wrap);
  box.dataset.ms = String(Math.round(performance.now() - t0));
  box.dataset.areas = others.join(',');
}

let compare: string[] = [];

function writeUrl(): void {
  const url = new URL(location.href);
  const year = (document.getElementById('jaar') as HTMLSelectElement).value;
  if (compare.length) url.searchParams.set('vergelijk', compare.join(','));
  else url.searchParams.delete('vergelijk');
  if (year) url.searchParams.set('jaar', year);
  else url.searchParams.delete('jaar');
  history.replaceState(null, '', url);
}

async function setCompare(next: string[]): Promise<void> {
  compare = next.slice(0, MAX_COMPARE);
  writeUrl();
  await renderCompare(page!.dataset.area!, compare);
}

/** Reads ?vergelijk= and ?jaar=; anything unknown gets a notice and is ignored. */
function readUrl(known: Map<string, string>, years: string[]): { compare: string[]; year?: string; notices: string[] } {
  const params = new URLSearchParams(location.search);
  const notices: string[] = [];
  const out: string[] = [];
  for (const raw of (params.get('vergelijk') ?? '').split(',').filter(Boolean).slice(0, 10)) {
    const c = raw.trim().toUpperCase().slice(0, 12);
    if (c === page!.dataset.area) notices.push('De eigen wijk staat al op deze pagina; niet nog eens vergeleken.');
    else if (CODE.test(c) && known.has(c)) out.push(c);
    else notices.push(`Onbekende code om mee te vergelijken genegeerd: "${urlTextForNotice(raw, 20)}".`);
  }
  if (out.length > MAX_COMPARE) notices.push(`Er kunnen ${MAX_COMPARE} gebieden tegelijk vergeleken worden.`);
  let year = params.get('jaar') ?? undefined;
  if (year !== undefined && !years.includes(year)) {
    notices.push(`Onbekend jaar genegeerd: "${urlTextForNotice(year, 10)}".`);
    year = undefined;
  }
  return { compare: out.slice(0, MAX_COMPARE), year, notices };
}

function init(): void {
  if (!page) return;
  enableTrendFocus(page);
  openTargetDetails();
  const area = { code: page.dataset.area!, level: page.dataset.level! };
  const select = document.getElementById('jaar') as HTMLSelectElement;
  const form = document.getElementById('vergelijk-form') as HTMLFormElement;
  const input = document.getElementById('vergelijk-met') as HTMLInputElement;
  const known = knownAreas();
  const years = [...select.options].map((o) => o.value).filter(Boolean);

  // DuckDB-wasm and the Parquet load on intent (pointer or focus on a control) and when idle
  // after the first paint (src/client/duckdb.ts); the year choice itself needs neither.
  preloadDb([select, input, form.querySelector('button')]);
  if (fromPage(undefined)) {
    select.removeAttribute('data-needs-duckdb');
    select.removeAttribute('aria-disabled');
  }
  // The year last shown, so a failed change can put the control back: never a year chosen
  // beside figures of another year.
  let shownChoice = '';
  const changeYear = (fromUser = true): void => {
    // A notice about the URL stays until the visitor acts.
    if (fromUser) urlNotice = '';
    // The address follows in the next task: history.replaceState costs 20-30 ms, the view goes first.
    setTimeout(writeUrl, 0);
    const wanted = select.value;
    Promise.all([showYear(chosenYear()), compare.length ? renderCompare(area.code, compare) : undefined])
      .then(() => (shownChoice = wanted))
      .catch(() => {
        select.value = shownChoice;
        writeUrl();
        status(`${document.getElementById('live-status')?.textContent ?? ''} Het jaar staat weer op ${shownChoice || 'meest recent'}: de getoonde cijfers horen daarbij.`.trim());
      });
  };
  select.addEventListener('change', () => changeYear());
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    urlNotice = '';
    const m = /\(([A-Z0-9]+)\)\s*$/.exec(input.value);
    const byName = [...known].find(([, n]) => n.toLowerCase() === input.value.trim().toLowerCase());
    const code = m?.[1] ?? byName?.[0];
    if (!code || !known.has(code)) {
      status(`Geen wijk of gebied gevonden voor "${urlTextForNotice(input.value, 40)}". Kies een naam uit de lijst.`);
      return;
    }
    if (compare.includes(code)) return;
    if (compare.length >= MAX_COMPARE) {
      status(`U kunt tot ${MAX_COMPARE} gebieden tegelijk vergelijken.`);
      return;
    }
    input.value = '';
    setCompare([...compare, code]).catch(() => undefined);
  });

  // Never a year in the control beside figures of another (early-choice.ts).
  const early = changedBeforeScript(select);

  const fromUrl = readUrl(known, years);
  urlNotice = fromUrl.notices.join(' ');
  if (urlNotice) status('');
  if (fromUrl.compare.length) compare = fromUrl.compare;
  if (early) changeYear();
  else if (fromUrl.year) {
    select.value = fromUrl.year;
    changeYear(false);
  } else if (compare.length) setCompare(compare).catch(() => undefined);
  page.dataset.ready = 'true';
}

init();
