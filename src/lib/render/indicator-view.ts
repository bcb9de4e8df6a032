// The year-dependent part of an indicator page (/indicator/<id>/): intro line, map with legend,
// ranking, table and source. One renderer: the page inserts its output at build time and the
// browser inserts the output for another year (src/client/indicator.ts), so both say the same.
import { catalogue, indicator, seriesFor, sourceLine, sourceUrl } from '../catalogue';
import { compareWithCity } from '../compare';
import { formatValue } from '../format';
import { STATUS_LABEL } from '../model';
import { countsText, rankText, shortStatus } from '../present';
import { choroplethParts, INHABITED_OUTLYING, type Boundaries } from '../charts/map';
import { ranking } from '../charts/ranking';
import { mapScale } from './map-scale';
import { figureAttrs } from './figure-meta';
import { html, raw, type Html } from './html';
import type { IndicatorLevel, IndicatorRow, IndicatorViewData } from './indicator-data';

const hasValue = (r: IndicatorRow) => r.value !== null && r.status === 'ok';

export interface RenderEnv {
  base: string;
  topo: Boundaries;
  /** Plot's document at build time (linkedom); the browser's own when absent. */
  document?: Document;
  /** The ranking's width when the page has less room than the build width. */
  rankingWidth?: number;
}

/** Column head for the comparison with the city, by the rule compare.ts applies to this scale. */
function comparisonHead(kind: string): Html | null {
  if (kind === 'index') return html`Index <span class="small muted">(Rotterdam = 100)</span>`;
  if (kind === 'difference') return html`Verschil met Rotterdam`;
  if (kind === 'share') return html`Deel van Rotterdam`;
  return null;
}

/** " per 1.000 inwoners" after a value; nothing for a percentage, whose formatted value ends in % already. */
export function unitAfter(ind: { format: string; unit: string }): string {
  return ind.format === 'percent' && ind.unit === '%' ? '' : ` ${ind.unit}`;
}

/** What the ranking needs: also read back from the rendered table (src/client/redraw-pages.ts). */
export interface RankingData { id: string; level: IndicatorLevel; year: number; city: number | null; rows: { name: string; value: number }[] }

/** The ranking's column on the indicator page at 1280 px and wider (585 px): built at this width,
 * a desktop keeps the prerendered drawing and loads no chart code to redraw it (redraw.ts). */
const RANKING_PAGE_WIDTH = 580;

/** The ranking's SVG, at the build width or at the width the page has for it. */
export function rankingChart(d: RankingData, opts: { document?: Document; width?: number } = {}): string {
  const ind = indicator(d.id);
  const fmt = (v: number | null) => formatValue(v, ind.format);
  return ranking(d.rows, {
    document: opts.document,
    width: opts.width ?? RANKING_PAGE_WIDTH,
    label: `Ranglijst van ${d.level === 'wijk' ? 'wijken' : 'gebieden'} op ${ind.label} in ${d.year}; de stippellijn is Rotterdam (${fmt(d.city)})`,
    unit: `${ind.unit}, ${d.year}`,
    city: d.city,
    cityLabel: `Rotterdam ${fmt(d.city)} (${d.year})`,
    direction: ind.direction,
    format: fmt,
  });
}

export function renderIndicatorView(d: IndicatorViewData, env: RenderEnv): string {
  const ind = indicator(d.id);
  const { level, year, city } = d;
  const fmt = (v: number | null) => formatValue(v, ind.format);
  const withValue = d.rows.filter(hasValue);
  // Best (or highest) first by the precomputed rank; ties and unranked rows by name, then code.
  const byName = (a: IndicatorRow, b: IndicatorRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.area < b.area ? -1 : 1);
  const sorted = [...withValue].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || byName(a, b));
  const absent = d.rows.filter((r) => !hasValue(r)).sort(byName);

  const colour = mapScale(ind, withValue.map((r) => r.value), city, year, absent.map((r) => r.status));
  const areaLabel = (r: IndicatorRow) =>
    hasValue(r) ? `${fmt(r.value)}${unitAfter(ind)} in ${year}` : (r.status && r.status !== 'ok' ? STATUS_LABEL[r.status] : 'geen cijfer');
  const { map, legend } = choroplethParts(env.topo, level, d.rows.map((r) => ({ code: r.area, name: r.name, value: hasValue(r) ? r.value : null, label: areaLabel(r) })), {
    document: env.document,
    colour,
    label: `Kaart: ${ind.label} per ${level} in ${year}. ${colour.note} De legenda staat boven de kaart.`,
    hrefFor: (c) => `${env.base}wijk/${c}/`,
    insets: INHABITED_OUTLYING,
    format: fmt,
  });
  const chart = rankingChart({ id: d.id, level, year, city, rows: withValue.map((r) => ({ name: r.name, value: r.value! })) }, { document: env.document, width: env.rankingWidth });

  const head = comparisonHead(city === null ? 'none' : compareWithCity(ind, city, city).kind);
  const s = seriesFor(ind, year);
  // What a downloaded map or ranking carries (src/client/figure-download.ts).
  const meta = (what: string) => figureAttrs({ title: `${ind.label} per ${level}, ${year}${what}`, unit: ind.unit, source: s ? sourceLine(s.source, year) : undefined, year: String(year) });
  const row = (r: IndicatorRow) => {
    const c = compareWithCity(ind, r.value, city);
    // Words for screen readers, without repeating the visible text ("60,0% van de stad").
    const extra = !c.words ? '' : c.words.startsWith(c.text) ? c.words.slice(c.text.length).trim() : `(${c.words})`;
    return html`<tr data-area="${r.area}"><td class="num">${rankText(ind, r.rank, r.peers)}</td><td><a href="${env.base}wijk/${r.area}/">${r.name}</a></td><td class="num" data-value="${String(r.value)}">${fmt(r.value)}</td>${
      head && html`<td class="num idx ${c.judgement ?? ''}">${c.text}${extra && html`<span class="visually-hidden"> ${extra}</span>`}${c.judgement === 'better' && html`<span aria-hidden="true"> ▲</span>`}${c.judgement === 'worse' && html`<span aria-hidden="true"> ▼</span>`}</td>`
    }</tr>`;
  };
  const absentRow = (r: IndicatorRow) =>
    html`<tr data-area="${r.area}"><td></td><td><a href="${env.base}wijk/${r.area}/">${r.name}</a></td><td class="num absent">${shortStatus(r.status)}</td>${head && html`<td></td>`}</tr>`;

  return String(html`<p data-intro>Rotterdam: <strong data-city data-value="${String(city)}">${fmt(city)}</strong>${unitAfter(ind)} in <span class="jaar">${year}</span>. <span data-counts>${countsText(withValue.length, absent.length, level)}</span>.</p>
<div class="two">
  <figure data-first-chart class="mapfig"${meta('')}>
    <div class="legend"><p class="small"><strong>${colour.title}</strong></p>${raw(legend)}</div>
    ${raw(map)}
    <figcaption class="small muted">${colour.note} Gearceerd = geen cijfer (de legenda zegt waarom). Klik op een ${level} voor zijn pagina. Hoek van Holland (links boven) en Rozenburg (links onder) staan in een inzet; de havengebieden vallen buiten de kaart (zie de tabel).</figcaption>
  </figure>
  <figure class="rankfig"${meta(': ranglijst')}><div id="ranking">${raw(chart)}</div><figcaption class="small muted">${ind.label} per ${level} in ${year}, ${ind.direction === 'lower_better' ? 'laagste (beste) bovenaan' : ind.direction === 'higher_better' ? 'hoogste (beste) bovenaan' : 'hoogste bovenaan'}; de stippellijn is Rotterdam.</figcaption></figure>
</div>
<div class="scroll">
  <table id="ind-tabel">
    <caption>${ind.label} per ${level}, ${year} (tekstversie van de grafieken)</caption>
    <thead><tr><th scope="col">Plek</th><th scope="col">${level === 'wijk' ? 'Wijk' : 'Gebied'}</th><th class="num" scope="col">${ind.unit}</th>${head && html`<th class="num" scope="col">${head}</th>`}</tr></thead>
    <tbody>${sorted.map(row)}${absent.map(absentRow)}</tbody>
  </table>
</div>
<p class="small muted">${s ? html`${sourceLine(s.source, year)}. <a href="${sourceUrl(s.source, year)}">Brontabel</a>. Licentie: ${catalogue.sources[s.source]!.licence}.` : ''} <a href="${env.base}methode/#ind-${d.id}">Definitie en berekening</a>.</p>`);
}
