// The wijk page's trend panels: per factor, a small multiple per indicator (src/lib/charts/trend-panel.ts)
// with the area, its gebied, Rotterdam-Zuid and Rotterdam over all years, and a table with the same
// numbers. Not year-dependent: rendered at build time only, and a year change leaves them alone.
import { indicator } from '../catalogue';
import { formatTick, formatValue } from '../format';
import { cadence } from '../charts/segments';
import { trendPanel, type TrendRole, type TrendSeries } from '../charts/trend-panel';
import { html, raw, type Html } from './html';
import { scriptJson, short } from './page-json';
import { yearSpan } from './wijk';

export interface TrendArea { code: string; name: string; role: TrendRole }

export interface TrendPoint { indicator: string; area: string; year: number; value: number | null; status: string }

/** The years an indicator is published for (the source's rhythm). */
export function catalogueYears(id: string): number[] {
  return indicator(id).series.flatMap((s) => s.years);
}

function seriesOf(id: string, areas: TrendArea[], points: TrendPoint[]): TrendSeries[] {
  return areas.map((a) => ({
    role: a.role,
    name: a.name,
    points: points.filter((p) => p.indicator === id && p.area === a.code).map((p) => ({ year: p.year, value: p.status === 'ok' ? p.value : null })),
  }));
}

/** One indicator's chart (SVG and legend) at the build width or `width`; null without values. */
export function trendChart(id: string, areas: TrendArea[], points: TrendPoint[], opts: { document?: Document; width?: number } = {}): { svg: string; legend: string } | null {
  const ind = indicator(id);
  const withValue = seriesOf(id, areas, points).filter((s) => s.points.some((p) => p.value !== null));
  if (!withValue.length) return null;
  return trendPanel(withValue, {
    label: `${ind.label} (${ind.unit}) over de jaren: ${withValue.map((s) => s.name).join(', ')}. De cijfers staan in de tabel eronder.`,
    step: cadence(catalogueYears(id)),
    format: (v: number) => formatValue(v, ind.format),
    tickFormat: (v: number) => formatTick(v, ind.format),
    unit: ind.unit,
    document: opts.document,
    width: opts.width,
  });
}

/**
 * The panels' data as compact JSON for the page (#verloop-data), so a phone can redraw a panel at
 * its own width without DuckDB: the areas, then per indicator and area [year, value] pairs, with
 * null for a value that is not shown (status other than ok). `</` is escaped for the inline <script>.
 */
export function trendJson(areas: TrendArea[], points: TrendPoint[]): string {
  const codes = new Set(areas.map((a) => a.code));
  const byInd: Record<string, Record<string, [number, number | null][]>> = {};
  for (const p of points) {
    if (!codes.has(p.area)) continue;
    ((byInd[p.indicator] ??= {})[p.area] ??= []).push([p.year, p.status === 'ok' ? short(p.value) : null]);
  }
  return scriptJson({ areas, points: byInd });
}

/** The inverse of trendJson: areas and points as trendChart takes them. */
export function trendFromJson(text: string): { areas: TrendArea[]; points: TrendPoint[] } {
  const j = JSON.parse(text) as { areas: TrendArea[]; points: Record<string, Record<string, [number, number | null][]>> };
  const points: TrendPoint[] = [];
  for (const [ind, byArea] of Object.entries(j.points)) {
    for (const [area, pts] of Object.entries(byArea)) for (const [year, value] of pts) points.push({ indicator: ind, area, year, value, status: value === null ? 'geen' : 'ok' });
  }
  return { areas: j.areas, points };
}

/** One indicator's figure, or null when no area has a value in any year. */
function trendFigure(id: string, areas: TrendArea[], points: TrendPoint[], doc?: Document): { figure: Html; legend: string } | null {
  const ind = indicator(id);
  const series = seriesOf(id, areas, points);
  const fmt = (v: number) => formatValue(v, ind.format);
  const withValue = series.filter((s) => s.points.some((p) => p.value !== null));
  const chart = trendChart(id, areas, points, { document: doc });
  if (!chart) return null;
  const years = [...new Set(withValue.flatMap((s) => s.points.filter((p) => p.value !== null).map((p) => p.year)))].sort((a, b) => a - b);
  // The panel's legend names every line any of its charts has: say which this one lacks.
  const missing = series.filter((s) => !withValue.includes(s)).map((s) => s.name);
  const cell = (s: TrendSeries, y: number) => {
    const p = s.points.find((q) => q.year === y);
    return p && p.value !== null ? fmt(p.value) : '–';
  };
  const figure = html`<figure class="trend" id="verloop-${id}" data-indicator="${id}">
<figcaption><strong>${ind.label}</strong> <span class="small muted">${ind.unit}, ${yearSpan(years)}${missing.length ? ` · geen cijfers voor ${missing.join(' en ')}` : ''}</span></figcaption>
${raw(chart.svg)}
<details class="cijfers"><summary class="small">Tabel</summary><table class="small num"><caption class="visually-hidden">${ind.label} (${ind.unit}) per jaar</caption>
<thead><tr><th scope="col">Gebied</th>${years.map((y) => html`<th scope="col">${y}</th>`)}</tr></thead>
<tbody>${withValue.map((s) => html`<tr data-area-role="${s.role}"><th scope="row">${s.name}</th>${years.map((y) => html`<td>${cell(s, y)}</td>`)}</tr>`)}</tbody></table></details>
</figure>`;
  return { figure, legend: chart.legend };
}

/**
 * One factor's panel: a closed <details> (the table row's "Verloop" link opens it) with a legend
 * drawn from the first chart's colour scale and one figure per indicator with data.
 */
export function trendPanelHtml(group: { id: string; label: string; ids: string[] }, areas: TrendArea[], points: TrendPoint[], doc?: Document): Html {
  const figs = group.ids.map((id) => trendFigure(id, areas, points, doc)).filter((f): f is NonNullable<typeof f> => f !== null);
  if (!figs.length) return html``;
  // The legend of the chart with the most series names every line the panel can show.
  const legend = figs.reduce((a, b) => (b.legend.length > a.legend.length ? b : a)).legend;
  return html`<details class="trends" id="verloop-${group.id}" data-factor="${group.id}">
<summary>Verloop over de jaren: ${group.label} <span class="small muted">(${figs.length} ${figs.length === 1 ? 'grafiek' : 'grafieken'})</span></summary>
<p class="legend small">${raw(legend)} <span class="muted">· Een lijn verbindt alleen opeenvolgende meetjaren; een onderbreking zijn jaren zonder cijfers. Wijs een punt aan of gebruik Tab en de pijltjes voor het cijfer.</span></p>
<div class="multiples">${figs.map((f) => f.figure)}</div>
</details>`;
}
