// Samenhang page: choose two indicators; the pair view comes live from DuckDB-wasm and is rendered
// by the same module as the prerendered page (src/lib/render/samenhang-view.ts).
import { plural } from '../lib/format';
import { pairData } from '../lib/render/samenhang-data';
import { getDb } from './duckdb';

const page = document.getElementById('samenhang');
const status = (t: string) => {
  const el = document.getElementById('live-status');
  if (el) el.textContent = t;
};

/** Only the latest choice is drawn: an earlier, slower answer must not overwrite it. */
let latest = 0;

async function show(x: string, y: string): Promise<void> {
  const mine = ++latest;
  status('Cijfers laden…');
  let db;
  try {
    db = await getDb();
  } catch (e) {
    status(`De interactieve cijfers konden niet worden geladen (${(e as Error).message}). De getoonde grafiek blijft kloppen.`);
    return;
  }
  // Plot loads with the first redraw, not with the page: the first view is prerendered.
  const [data, { renderPair }] = await Promise.all([pairData(db, x, y), import('../lib/render/samenhang-view')]);
  if (mine !== latest) return;
  document.getElementById('paar-view')!.innerHTML = renderPair(data);
  page!.dataset.x = x;
  page!.dataset.y = y;
  status(`${plural(data.rows.length, 'wijk', 'wijken')}, live berekend.`);
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
