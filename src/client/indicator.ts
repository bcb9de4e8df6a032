// Indicator page: change the year live with DuckDB-wasm; map, ranking and table re-render with
// the same components and queries as the prerendered view.
import { indicator } from '../lib/catalogue';
import { formatValue } from '../lib/format';
import { STATUS_LABEL } from '../lib/model';
import { countsText, shortStatus } from '../lib/present';
import { levelValues, CITY } from '../lib/queries';
import { sqlString } from '../lib/db';
import type { Boundaries } from '../components/map';
import { getDb } from './duckdb';

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
  return boundaries;
}

async function showYear(year: number): Promise<void> {
  const { indicator: id, level, base } = page!.dataset as { indicator: string; level: 'wijk' | 'gebied'; base: string };
  const ind = indicator(id);
  const fmt = (v: number | null) => formatValue(v, ind.format);
  status('Cijfers laden…');
  let db;
  try {
    db = await getDb();
  } catch (e) {
    status(`De interactieve cijfers konden niet worden geladen (${(e as Error).message}). De getoonde cijfers blijven kloppen.`);
    for (const el of document.querySelectorAll<HTMLElement>('[data-needs-duckdb]')) el.setAttribute('aria-disabled', 'true');
    return;
  }
  const rows = await levelValues(db, id, level, year);
  const city = (await db.query<{ value: number | null }>(`SELECT value FROM observations WHERE area = '${CITY}' AND indicator = ${sqlString(id)} AND year = ${Math.trunc(year)}`))[0]?.value ?? null;
  const ok = rows.filter((r) => r.status === 'ok' && r.value !== null);
  const sorted = [...ok].sort((a, b) => (ind.direction === 'lower_better' ? a.value! - b.value! : b.value! - a.value!));
  const absent = rows.filter((r) => r.status !== 'ok' || r.value === null);
  const row = (r: (typeof rows)[number], place: string, cell: (td: HTMLElement) => void) => {
    const tr = document.createElement('tr');
    tr.dataset.area = r.area;
    tr.innerHTML = `<td class="num"></td><td><a></a></td><td class="num"></td>`;
    tr.firstElementChild!.textContent = place;
    const a = tr.querySelector('a')!;
    a.href = `${base}wijk/${r.area}/`;
    a.textContent = r.name;
    cell(tr.lastElementChild as HTMLElement);
    return tr;
  };
  document.querySelector('#ind-tabel tbody')!.replaceChildren(
    ...sorted.map((r, i) => row(r, String(i + 1), (td) => {
      td.dataset.value = String(r.value);
      td.textContent = fmt(r.value);
    })),
    ...absent.map((r) => row(r, '', (td) => {
      td.classList.add('absent');
      td.textContent = shortStatus(r.status);
    })),
  );
  const cityEl = document.querySelector('[data-city]');
  if (cityEl) cityEl.textContent = fmt(city);
  const counts = document.querySelector('[data-counts]');
  if (counts) counts.textContent = countsText(sorted.length, absent.length, level);
  document.querySelector('#ind-tabel caption')!.textContent = `${ind.label} per ${level}, ${year} (tekstversie van de grafieken)`;
  // Plot and d3-geo load with the first redraw, not with the page: the first view is prerendered.
  const [{ ranking }, { choropleth }] = await Promise.all([import('../components/charts'), import('../components/map')]);
  document.getElementById('ranking')!.innerHTML = ranking(sorted.map((r) => ({ name: r.name, value: r.value! })), {
    label: `Ranglijst op ${ind.label} in ${year}; de stippellijn is Rotterdam`, unit: ind.unit, city, direction: ind.direction, format: fmt,
  });
  const topo = await loadBoundaries(base);
  const fig = document.querySelector('.mapfig svg');
  if (fig) {
    fig.outerHTML = choropleth(topo, level, rows.map((r) => ({ code: r.area, name: r.name, value: r.status === 'ok' ? r.value : null, label: r.status === 'ok' ? `${fmt(r.value)} ${ind.unit}` : STATUS_LABEL[r.status as keyof typeof STATUS_LABEL] ?? 'geen cijfer' })), {
      label: `Kaart: ${ind.label} per ${level} in ${year}`, direction: ind.direction, city, hrefFor: (c) => `${base}wijk/${c}/`,
    });
  }
  for (const el of document.querySelectorAll('.jaar')) el.textContent = String(year);
  page!.dataset.liveYear = String(year);
  status(`Cijfers van ${year}, live uit de open data.`);
}

if (page) {
  const select = document.getElementById('ind-jaar') as HTMLSelectElement;
  select.addEventListener('focus', () => void getDb().catch(() => undefined), { once: true });
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('jaar', select.value);
    history.replaceState(null, '', url);
    showYear(Number(select.value)).catch((e) => status(`Er ging iets mis: ${(e as Error).message}`));
  });
  const asked = new URLSearchParams(location.search).get('jaar');
  if (asked !== null) {
    if ([...select.options].some((o) => o.value === asked)) {
      select.value = asked;
      showYear(Number(asked)).catch((e) => status(`Er ging iets mis: ${(e as Error).message}`));
    } else status(`Onbekend jaar genegeerd: "${asked.slice(0, 10)}".`);
  }
}
