// Indicator page: change the year live with DuckDB-wasm. The view is rendered by the same module
// as the prerendered page (src/lib/render/indicator-view.ts), from the same queries.
import type { Boundaries } from '../lib/charts/map';
import { indicatorViewData, type IndicatorLevel } from '../lib/render/indicator-data';
import { urlTextForNotice } from '../lib/url-text';
import { getDb, preloadDb } from './duckdb';
import { changedBeforeScript } from './early-choice';
import { enableTrendFocus } from './trend-focus';
import { fitIndicatorPage, fittedWidth } from './redraw';
import type { SpreadData } from '../lib/render/spread-view';

const page = document.getElementById('indicatorpagina') as HTMLElement | null;

function status(text: string): void {
  const el = document.getElementById('live-status');
  if (el) el.textContent = text;
}

let boundaries: Promise<Boundaries> | undefined;
function loadBoundaries(base: string): Promise<Boundaries> {
  boundaries ??= fetch(`${base}data/boundaries.json`).then((r) => {
    if (!r.ok) throw new Error(`grenzen niet gevonden (${r.status})`);
    return r.json();
  });
  boundaries.catch(() => (boundaries = undefined));
  return boundaries;
}

/** Only the latest choice is drawn: an earlier, slower answer must not overwrite it. */
let latest = 0;

async function showYear(year: number): Promise<void> {
  const mine = ++latest;
  const { indicator: id, level, base } = page!.dataset as { indicator: string; level: IndicatorLevel; base: string };
  status('Cijfers laden…');
  let db;
  try {
    db = await getDb();
  } catch (e) {
    status(`De interactieve cijfers konden niet worden geladen (${(e as Error).message}). De getoonde cijfers blijven kloppen.`);
    for (const el of document.querySelectorAll<HTMLElement>('[data-needs-duckdb]')) el.setAttribute('aria-disabled', 'true');
    return;
  }
  // Plot and d3-geo load with the first redraw, not with the page: the first view is prerendered.
  const [data, topo, { renderIndicatorView }] = await Promise.all([
    indicatorViewData(db, id, level, year),
    loadBoundaries(base),
    import('../lib/render/indicator-view'),
  ]);
  if (mine !== latest) return;
  document.getElementById('ind-view')!.innerHTML = renderIndicatorView(data, { base, topo, rankingWidth: fittedWidth(document.getElementById('ranking')) });
  page!.dataset.liveYear = String(year);
  status(`Cijfers van ${year}, live uit de open data.`);
  fitIndicatorPage();
}

/** The spread's data (all years, all areas), fetched once; the chosen area only redraws. */
let spreadCache: Promise<SpreadData> | undefined;
let spreadLatest = 0;

/** Highlight one area in the trend section (code '' = none), redrawn by the same renderer. */
async function showChosen(code: string): Promise<void> {
  const mine = ++spreadLatest;
  const { indicator: id, level } = page!.dataset as { indicator: string; level: IndicatorLevel };
  const say = (t: string) => {
    const el = document.getElementById('spread-status');
    if (el) el.textContent = t;
  };
  say('Cijfers laden…');
  try {
    const { spreadData, renderSpread } = await import('../lib/render/spread-view');
    spreadCache ??= getDb().then((db) => spreadData(db, id, level));
    spreadCache.catch(() => (spreadCache = undefined));
    const data = await spreadCache;
    if (mine !== spreadLatest) return;
    const box = document.getElementById('spread')!;
    box.innerHTML = renderSpread(data, { chosen: code || undefined, width: fittedWidth(box) });
    enableTrendFocus(box);
    const name = data.lines.find((l) => l.code === code)?.name;
    say(name ? `${name} gemarkeerd.` : '');
  } catch (e) {
    say(`Markeren lukt nu niet (${(e as Error).message}); de grafiek hierboven blijft kloppen.`);
  }
}

if (page) {
  enableTrendFocus(page);
  fitIndicatorPage();
  const chooser = document.getElementById('spread-kies') as HTMLSelectElement | null;
  if (chooser) {
    const param = chooser.dataset.param!;
    chooser.addEventListener('focus', () => void getDb().catch(() => undefined), { once: true });
    const early = changedBeforeScript(chooser);
    chooser.addEventListener('change', () => {
      const url = new URL(location.href);
      if (chooser.value) url.searchParams.set(param, chooser.value);
      else url.searchParams.delete(param);
      history.replaceState(null, '', url);
      void showChosen(chooser.value);
    });
    const asked = new URLSearchParams(location.search).get(param);
    if (early) chooser.dispatchEvent(new Event('change'));
    else if (asked !== null) {
      const code = asked.trim().toUpperCase();
      if ([...chooser.options].some((o) => o.value === code && code)) {
        chooser.value = code;
        void showChosen(code);
      } else {
        const el = document.getElementById('spread-status');
        if (el) el.textContent = `Onbekende ${param} genegeerd: "${urlTextForNotice(asked, 12)}".`;
      }
    }
  }
  const select = document.getElementById('ind-jaar') as HTMLSelectElement;
  // DuckDB-wasm and the Parquet load on intent and when idle after the first paint (duckdb.ts).
  preloadDb([select]);
  const early = changedBeforeScript(select);
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('jaar', select.value);
    history.replaceState(null, '', url);
    showYear(Number(select.value)).catch((e) => status(`Er ging iets mis: ${(e as Error).message}`));
  });
  const asked = new URLSearchParams(location.search).get('jaar');
  if (early) select.dispatchEvent(new Event('change'));
  else if (asked !== null) {
    if ([...select.options].some((o) => o.value === asked)) {
      select.value = asked;
      showYear(Number(asked)).catch((e) => status(`Er ging iets mis: ${(e as Error).message}`));
    } else status(`Onbekend jaar genegeerd: "${urlTextForNotice(asked, 10)}".`);
  }
}
