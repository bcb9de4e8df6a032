// The SQL page: runs one read-only statement on the page's DuckDB-wasm, shows the rows as a table
// and a quick bar chart, exports CSV, and keeps the query in the URL (?q=) so it can be shared.
import { csvNumber, formatCsv } from '../lib/csv';
import { formatInteger } from '../lib/format';
import { checkQuery, limited, ROW_LIMIT } from '../lib/sql-box';
import { getDb } from './duckdb';

const page = document.getElementById('sqlpagina')!;
const input = document.getElementById('sql-input') as HTMLTextAreaElement;
const form = document.getElementById('sql-form') as HTMLFormElement;
const statusEl = document.getElementById('sql-status')!;
const errorEl = document.getElementById('sql-error')!;
const resultEl = document.getElementById('sql-result')!;

type Row = Record<string, unknown>;
let last: { columns: string[]; rows: Row[] } | null = null;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const nf = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 4 });
const plainNf = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 4, useGrouping: false });
/** Years (a column named jaar/year) without a thousands dot: 2024, not 2.024. */
const show = (v: unknown, col = '') => (v === null || v === undefined ? '' : isNum(v) ? (/(^|_)(jaar|year)/i.test(col) ? plainNf : nf).format(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));

function setError(msg: string | null) {
  errorEl.hidden = msg === null;
  errorEl.textContent = msg ?? '';
}

/** DuckDB's own message without its stack: "Parser Error: syntax error at or near "SELEC"". */
const engineMessage = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

/** A bar chart of the first numeric column by the first text column, drawn as plain SVG. */
function quickChart(columns: string[], rows: Row[]): string {
  const label = columns.find((c) => rows.some((r) => typeof r[c] === 'string')) ?? columns[0];
  // The last numeric column: examples end with the figure that answers the question (verschil).
  const value = columns.filter((c) => c !== label && !/(^|_)(jaar|year)$/i.test(c) && rows.some((r) => isNum(r[c])) && rows.every((r) => r[c] === null || isNum(r[c]))).at(-1);
  if (!value || rows.length < 2) return '';
  const shown = rows.slice(0, 30);
  const vals = shown.map((r) => (isNum(r[value]) ? (r[value] as number) : 0));
  const lo = Math.min(0, ...vals);
  const hi = Math.max(0, ...vals);
  const W = 640, left = 180, bar = 18, H = shown.length * bar + 30;
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (W - left - 60);
  const bars = shown.map((r, i) => {
    const v = vals[i];
    const y = 20 + i * bar;
    return `<text x="${left - 6}" y="${y + 12}" text-anchor="end" font-size="12">${esc(show(r[label], label).slice(0, 28))}</text>`
      + `<rect x="${Math.min(x(0), x(v))}" y="${y + 2}" width="${Math.abs(x(v) - x(0))}" height="${bar - 5}" fill="#2b6cb0"></rect>`
      + `<text x="${Math.max(x(0), x(v)) + 4}" y="${y + 12}" font-size="12">${esc(show(r[value]))}</text>`;
  }).join('');
  // A downloaded chart names what it is: the query's result on our published data (src/client/figure-download.ts).
  const meta = ` data-fig-title="${esc(`${value} per ${label}`)}" data-fig-source="Bron: eigen SQL-vraag op de data van Wijkbeeld Rotterdam (CBS, RIVM/GGD, Politie, Gemeente Rotterdam); de vraag staat in de URL"`;
  return `<figure data-chart="sql"${meta}><figcaption class="small">${esc(value)} per ${esc(label)}${rows.length > 30 ? ' (eerste 30 rijen)' : ''}</figcaption>`
    + `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Staafdiagram van ${esc(value)} per ${esc(label)}" font-family="system-ui, sans-serif">`
    + `<line x1="${x(0)}" x2="${x(0)}" y1="16" y2="${H - 8}" stroke="#333"></line>${bars}</svg></figure>`;
}

function render(columns: string[], rows: Row[], more: boolean) {
  const head = `<tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td${isNum(r[c]) ? ' class="num"' : ''}>${esc(show(r[c], c))}</td>`).join('')}</tr>`).join('');
  const notice = more ? `<p class="notice" role="note">Meer dan ${formatInteger(ROW_LIMIT)} rijen: alleen de eerste ${formatInteger(ROW_LIMIT)} staan hier. Gebruik LIMIT of een GROUP BY, of download de hele tabel op de datapagina.</p>` : '';
  resultEl.innerHTML = `${notice}<p class="small"><button type="button" data-csv="nl">Download als CSV voor Excel</button> <button type="button" data-csv="intl">als internationale CSV</button></p>`
    + `<div class="scroll"><table id="sql-table"><caption class="small muted">${formatInteger(rows.length)} ${rows.length === 1 ? 'rij' : 'rijen'}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>`
    + quickChart(columns, rows);
}

async function run() {
  const text = input.value;
  const url = new URL(location.href);
  url.searchParams.set('q', text);
  history.replaceState(null, '', url);
  setError(null);
  const checked = checkQuery(text);
  let db;
  try {
    statusEl.textContent = 'De database wordt in uw browser geladen…';
    db = await getDb();
  } catch (e) {
    statusEl.textContent = '';
    setError(`De database kon niet worden geladen: ${(e as Error).message}.`);
    return;
  }
  if (!checked.ok) {
    let msg = checked.error;
    // A typo in the first word: DuckDB's parser says where (EXPLAIN parses without running).
    if (checked.askEngine && checked.sql) {
      try {
        await db.query(`EXPLAIN ${checked.sql}`);
      } catch (e) {
        msg = engineMessage(e);
      }
    }
    statusEl.textContent = '';
    setError(msg);
    resultEl.innerHTML = '';
    return;
  }
  statusEl.textContent = 'Bezig…';
  const t0 = performance.now();
  try {
    const all = await db.query<Row>(limited(checked));
    const more = all.length > ROW_LIMIT;
    const rows = all.slice(0, ROW_LIMIT);
    const columns = rows.length ? Object.keys(rows[0]) : [];
    last = { columns, rows };
    render(columns, rows, more);
    statusEl.textContent = `${formatInteger(rows.length)} ${rows.length === 1 ? 'rij' : 'rijen'} in ${formatInteger(performance.now() - t0)} ms.`;
  } catch (e) {
    statusEl.textContent = '';
    resultEl.innerHTML = '';
    setError(engineMessage(e));
  }
}

function download(dialect: 'nl' | 'intl') {
  if (!last) return;
  const { columns, rows } = last;
  const cells = rows.map((r) => columns.map((c) => (isNum(r[c]) ? csvNumber(r[c] as number, dialect, null) : r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const blob = new Blob([formatCsv([columns, ...cells], dialect)], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = dialect === 'nl' ? 'wijkbeeld-sql.csv' : 'wijkbeeld-sql-international.csv';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void run();
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void run();
  }
});
page.addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const ex = t.closest<HTMLElement>('[data-example]');
  if (ex) {
    input.value = ex.dataset.sql ?? '';
    void run();
  }
  const csv = t.closest<HTMLElement>('[data-csv]');
  if (csv) download(csv.dataset.csv as 'nl' | 'intl');
});
document.getElementById('sql-share')!.addEventListener('click', async () => {
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url.href);
    statusEl.textContent = 'Link gekopieerd.';
  } catch {
    statusEl.textContent = `Link: ${url.href}`;
  }
});

const shared = new URLSearchParams(location.search).get('q');
if (shared) {
  input.value = shared;
  void run();
}
page.dataset.ready = 'true';
