// Samenhang page: choose two indicators; the scatterplot and coefficient come live from DuckDB-wasm.
import { catalogue, indicator } from '../lib/catalogue';
import { formatValue, plural } from '../lib/format';
import { correlations, latestYears, pairValues } from '../lib/queries';
import { getDb } from './duckdb';

const page = document.getElementById('samenhang');
const status = (t: string) => {
  const el = document.getElementById('live-status');
  if (el) el.textContent = t;
};

async function show(x: string, y: string): Promise<void> {
  status('Cijfers laden…');
  let db;
  try {
    db = await getDb();
  } catch (e) {
    status(`De interactieve cijfers konden niet worden geladen (${(e as Error).message}). De getoonde grafiek blijft kloppen.`);
    return;
  }
  const rows = await pairValues(db, 'wijk', x, y, catalogue.zuid.gebieden);
  const years = new Map((await latestYears(db, 'wijk', [x, y])).map((r) => [r.indicator, r.year]));
  const r = x === y ? 1 : (await correlations(db, 'wijk', [x, y]))[0]?.r ?? null;
  const X = indicator(x);
  const Y = indicator(y);
  // Plot loads with the first redraw, not with the page: the first view is prerendered.
  const { scatter } = await import('../components/charts');
  document.getElementById('scatter')!.innerHTML = scatter(rows, {
    label: `Spreidingsdiagram: ${X.label} tegen ${Y.label} per wijk`,
    xLabel: `${X.label} (${X.unit}, ${years.get(x)})`, yLabel: `${Y.label} (${Y.unit}, ${years.get(y)})`,
  });
  const uitleg = document.getElementById('paar-uitleg')!;
  uitleg.querySelector('[data-r]')!.textContent = formatValue(r, 'signed');
  uitleg.querySelector('[data-n]')!.textContent = plural(rows.length, 'wijk', 'wijken');
  page!.dataset.x = x;
  page!.dataset.y = y;
  status(`${plural(rows.length, 'wijk', 'wijken')}, live berekend.`);
}

if (page) {
  const xs = document.getElementById('x') as HTMLSelectElement;
  const ys = document.getElementById('y') as HTMLSelectElement;
  const ids = new Set([...xs.options].map((o) => o.value));
  const update = () => {
    const url = new URL(location.href);
    url.searchParams.set('x', xs.value);
    url.searchParams.set('y', ys.value);
    history.replaceState(null, '', url);
    show(xs.value, ys.value).catch((e) => status(`Er ging iets mis: ${(e as Error).message}`));
  };
  for (const s of [xs, ys]) {
    s.addEventListener('focus', () => void getDb().catch(() => undefined), { once: true });
    s.addEventListener('change', update);
  }
  const q = new URLSearchParams(location.search);
  const qx = q.get('x');
  const qy = q.get('y');
  if (qx !== null || qy !== null) {
    if ((qx === null || ids.has(qx)) && (qy === null || ids.has(qy))) {
      if (qx) xs.value = qx;
      if (qy) ys.value = qy;
      update();
    } else status('Onbekende indicator in de link genegeerd.');
  }
}
