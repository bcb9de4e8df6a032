// The indicator page's trend section: every area of the level over the years, the spread between
// the 10th and 90th percentile, Rotterdam and Rotterdam-Zuid, and one chosen area. Data through the
// Db interface (DuckDB in Node at build time, DuckDB-wasm when a visitor picks an area), one
// renderer for both, so the prerendered chart and the live one agree.
import { catalogue, indicator } from '../catalogue';
import type { Db } from '../db';
import { formatTick, formatValue } from '../format';
import { levelObservations, series, CITY } from '../queries';
import { bandOf, spread, type SpreadLine } from '../charts/trend-spread';
import { cadence } from '../charts/segments';
import { html, raw } from './html';
import { scriptJson, short } from './page-json';
import { yearSpan } from './wijk';

export interface SpreadData {
  id: string;
  level: 'wijk' | 'gebied';
  lines: SpreadLine[];
  city?: SpreadLine;
  zuid?: SpreadLine;
}

const toLine = (code: string, name: string, rows: { year: number; value: number | null; status: string }[]): SpreadLine => ({
  code, name, points: rows.map((r) => ({ year: r.year, value: r.status === 'ok' ? r.value : null })),
});

export async function spreadData(db: Db, id: string, level: 'wijk' | 'gebied'): Promise<SpreadData> {
  const [obs, refs] = await Promise.all([levelObservations(db, id, level), series(db, [CITY, catalogue.zuid.code])]);
  const byArea = new Map<string, { name: string; rows: typeof obs }>();
  for (const o of obs) (byArea.get(o.area) ?? byArea.set(o.area, { name: o.name, rows: [] }).get(o.area)!).rows.push(o);
  const ref = (code: string, name: string) => {
    const rows = refs.filter((r) => r.area === code && r.indicator === id);
    return rows.some((r) => r.value !== null && r.status === 'ok') ? toLine(code, name, rows) : undefined;
  };
  return {
    id, level,
    lines: [...byArea].map(([code, a]) => toLine(code, a.name, a.rows)),
    city: ref(CITY, 'Rotterdam'),
    zuid: ref(catalogue.zuid.code, catalogue.zuid.name),
  };
}

/** The figure (chart, legend, table of band and references); '' without data. */
export function renderSpread(d: SpreadData, opts: { chosen?: string; document?: Document; width?: number } = {}): string {
  const ind = indicator(d.id);
  const many = d.level === 'wijk' ? 'wijken' : 'gebieden';
  const fmt = (v: number) => formatValue(v, ind.format);
  const chosen = d.lines.find((l) => l.code === opts.chosen);
  const chart = spread(d.lines, {
    label: `${ind.label} (${ind.unit}) over de jaren: elk van de ${many} als dunne lijn, de band van het 10e tot het 90e percentiel${d.zuid ? ', Rotterdam-Zuid' : ''}${d.city ? ', Rotterdam' : ''}${chosen ? ` en ${chosen.name} gemarkeerd` : ''}. De cijfers van band en lijnen staan in de tabel.`,
    many, step: cadence(ind.series.flatMap((s) => s.years)), format: fmt, tickFormat: (v: number) => formatTick(v, ind.format), unit: ind.unit,
    city: d.city, zuid: d.zuid, chosen: opts.chosen, document: opts.document, width: opts.width,
  });
  if (!chart) return '';
  const band = bandOf(d.lines);
  const rows = [d.zuid, d.city, chosen].filter((l): l is SpreadLine => !!l);
  const years = [...new Set([...band.map((b) => b.year), ...rows.flatMap((l) => l.points.filter((p) => p.value !== null).map((p) => p.year))])].sort((a, b) => a - b);
  const val = (l: SpreadLine, y: number) => {
    const p = l.points.find((q) => q.year === y);
    return p && p.value !== null ? fmt(p.value) : '–';
  };
  const b = (y: number, k: 'lo' | 'hi') => {
    const x = band.find((r) => r.year === y);
    return x ? fmt(x[k]) : '–';
  };
  return String(html`<figure class="spread" data-chosen="${chosen?.code ?? ''}">
<figcaption><strong>${ind.label}</strong> <span class="small muted">${ind.unit}, ${yearSpan(years)}, per ${d.level}</span></figcaption>
<p class="legend small">${raw(chart.legend)}</p>
${raw(chart.svg)}
<p class="small muted">Een lijn verbindt alleen opeenvolgende meetjaren; een onderbreking zijn jaren zonder cijfers. De band laat zien waar de middelste 80% van de ${many} ligt (jaren met minstens 5 ${many} met een cijfer).${chosen ? '' : ` Kies hieronder een ${d.level} om die te markeren.`}</p>
<details class="cijfers"><summary class="small">Tabel: band${rows.length ? ' en ' + rows.map((l) => l.name).join(', ') : ''} per jaar</summary><div class="scroll"><table class="small">
<caption class="visually-hidden">${ind.label} (${ind.unit}) per jaar: 10e en 90e percentiel van de ${many}${rows.length ? ', ' + rows.map((l) => l.name).join(', ') : ''}</caption>
<thead><tr><th scope="col">Reeks</th>${years.map((y) => html`<th class="num" scope="col">${y}</th>`)}</tr></thead>
<tbody>
<tr><th scope="row">10e percentiel van de ${many}</th>${years.map((y) => html`<td class="num">${b(y, 'lo')}</td>`)}</tr>
<tr><th scope="row">90e percentiel van de ${many}</th>${years.map((y) => html`<td class="num">${b(y, 'hi')}</td>`)}</tr>
${rows.map((l) => html`<tr data-area="${l.code}"><th scope="row">${l.name}</th>${years.map((y) => html`<td class="num">${val(l, y)}</td>`)}</tr>`)}
</tbody></table></div></details>
</figure>`);
}

/**
 * The spread's data as compact JSON for the page (#spread-data), so a phone can redraw the chart at
 * its own width without DuckDB: the years once, then per line its code, name and one value per year
 * (null = no value). `</` is escaped for the inline <script>.
 */
export function spreadJson(d: SpreadData): string {
  const years = [...new Set([...d.lines, d.city, d.zuid].flatMap((l) => l?.points.map((p) => p.year) ?? []))].sort((a, b) => a - b);
  const pack = (l?: SpreadLine) => l && [l.code, l.name, years.map((y) => short(l.points.find((p) => p.year === y)?.value ?? null))];
  return scriptJson({ id: d.id, level: d.level, years, lines: d.lines.map(pack), city: pack(d.city), zuid: pack(d.zuid) });
}

/** The inverse of spreadJson. */
export function spreadFromJson(text: string): SpreadData {
  type Packed = [string, string, (number | null)[]];
  const j = JSON.parse(text) as { id: string; level: 'wijk' | 'gebied'; years: number[]; lines: Packed[]; city?: Packed; zuid?: Packed };
  const unpack = (p?: Packed): SpreadLine | undefined => p && { code: p[0], name: p[1], points: j.years.map((year, i) => ({ year, value: p[2][i] ?? null })) };
  return { id: j.id, level: j.level, lines: j.lines.map((p) => unpack(p)!), city: unpack(j.city), zuid: unpack(j.zuid) };
}
