// The wijk page's views that follow the year choice: the dating line, the goal cards and the
// indicator tables. Rendered once, here: the Astro page inserts this markup at build time and
// src/client/wijk.ts inserts the same markup after a year change, so the two cannot drift.
import { catalogue, indicator } from '../catalogue';
import { changeSince, type AreaBoundaryChange, type Change, type ChangePoint } from '../change';
import { formatInteger } from '../format';
import { present } from '../present';
import type { IndicatorStat } from '../queries';
import { formatScore, goalScores, scoreLabel, scoreTone, type FactorScore } from '../score';
import { html, raw, type Html } from './html';

export interface WijkContext {
  level: string;
  /** The area's code: a wijk's indicator links open the indicator page with it highlighted. */
  code?: string;
  areaName: string;
  base: string;
}

/** Years further apart than this within one score are called out as mixed. */
export const MIXED_YEARS_GAP = 3;

/** The goal sections of the page, and the context section, each with its indicator groups. */
export function sections() {
  return [
    ...catalogue.goals.map((g) => ({ id: g.id, label: g.label, question: g.question, groups: g.factors.map((f) => ({ id: f.id, label: f.label, ids: f.indicators })) })),
    { id: catalogue.context.id, label: catalogue.context.label, question: catalogue.context.question, groups: [{ id: catalogue.context.id, label: 'Bevolking en huishoudens', ids: catalogue.context.indicators }] },
  ];
}

/** "2016", "2016–2024", or '' without years. */
export function yearSpan(years: (number | null | undefined)[]): string {
  const ys = years.filter((y): y is number => typeof y === 'number');
  if (!ys.length) return '';
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function yearsOf(stats: IndicatorStat[], ids: string[]): number[] {
  return stats.filter((s) => ids.includes(s.indicator) && s.status === 'ok' && s.value !== null && s.year !== null).map((s) => s.year!);
}

/** The header's dating line: the range of years on the page, never one year called current. */
export function datingText(stats: IndicatorStat[], chosen?: number): string {
  const span = yearSpan(yearsOf(stats, stats.map((s) => s.indicator)));
  const which = chosen ? `Gekozen: ${chosen} of het laatste jaar ervoor.` : 'Per indicator het meest recente jaar.';
  return span ? `${which} De cijfers op deze pagina komen uit ${span.replace('–', ' tot en met ')}; elke regel noemt zijn jaar en bron.` : which;
}

/** "2017–2024 · 1 indicator (3 als context, zonder oordeel)". */
function factorDetail(f: FactorScore, stats: IndicatorStat[]): string {
  const judged = f.factor.indicators.filter((id) => indicator(id).direction !== 'neutral');
  const context = f.factor.indicators.length - judged.length;
  const span = yearSpan(yearsOf(stats, f.used));
  const count = f.used.length === judged.length ? `${formatInteger(f.used.length)} ${f.used.length === 1 ? 'indicator' : 'indicatoren'}` : `${formatInteger(f.used.length)} van ${formatInteger(judged.length)} indicatoren`;
  return [span, count + (context ? ` (${formatInteger(context)} als context, zonder oordeel)` : '')].filter(Boolean).join(' · ');
}

function bar(score: number | null): Html {
  if (score === null) return html``;
  const w = (Math.min(Math.abs(score), 2) / 2) * 50;
  return html`<span class="bar ${score >= 0 ? 'pos' : 'neg'}" style="width:${w.toFixed(1)}%;left:${(score >= 0 ? 50 : 50 - w).toFixed(1)}%"></span>`;
}

function factorItem(f: FactorScore, stats: IndicatorStat[]): Html {
  const detail = factorDetail(f, stats);
  return html`<li>
<span class="flabel"><a href="#factor-${f.factor.id}">${f.factor.label}</a><span class="fdetail">${detail}</span></span>
<span class="track" aria-hidden="true">${bar(f.score)}</span>
<span class="num ${scoreTone(f.score)}">${formatScore(f.score)}</span>
<span class="visually-hidden">${scoreLabel(f.score)}; ${detail}</span>
</li>`;
}

/** Goal and factor cards: score, words, and which years and indicators each score uses. */
export function goalCards(stats: IndicatorStat[]): Html {
  const judged = stats.filter((s) => indicator(s.indicator).direction !== 'neutral');
  return html`${goalScores(catalogue, judged).map((g) => {
    const used = g.factors.flatMap((f) => f.used);
    const years = yearsOf(stats, used);
    const span = yearSpan(years);
    const mixed = years.length > 0 && Math.max(...years) - Math.min(...years) > MIXED_YEARS_GAP;
    return html`<div class="card goal" data-goal="${g.goal.id}">
<h3><a href="#doel-${g.goal.id}">${g.goal.label}</a></h3>
<p class="big ${scoreTone(g.score)}" data-score="${g.score ?? ''}">${formatScore(g.score)}</p>
<p class="small">${scoreLabel(g.score)}</p>
<p class="small muted years">${span ? `Cijfers uit ${span}` : 'Geen cijfers'}${mixed ? html`<strong class="mixed"> · let op: jaren liggen ver uiteen</strong>` : ''}</p>
<ul class="factors">${g.factors.map((f) => factorItem(f, stats))}</ul>
</div>`;
  })}`;
}

/** Marks in the comparison cell: the words are read, the arrow is only seen. */
function comparisonCell(p: ReturnType<typeof present>): Html {
  const c = p.comparison;
  const arrow = c.judgement === 'better' ? ' ▲' : c.judgement === 'worse' ? ' ▼' : '';
  return html`<td class="num idx ${c.judgement ?? ''}" data-kind="${c.kind}" title="${c.words}">${c.text}${arrow ? html`<span aria-hidden="true">${arrow}</span>` : ''}${c.words ? html`<span class="visually-hidden"> (${c.words})</span>` : ''}</td>`;
}

/**
 * The change beside a row's value: from the area's first year with data to the shown year. Only
 * for a shown value; the page and the browser (after a year change) both call this.
 */
export function rowChange(stat: IndicatorStat, area: string, points: ChangePoint[], boundaryChanges: AreaBoundaryChange[]): Change | null {
  if (stat.status !== 'ok' || stat.value === null || stat.year === null) return null;
  return changeSince(catalogue, indicator(stat.indicator), area, points, boundaryChanges, stat.year);
}

/**
 * One indicator row. `spark` is the row's sparkline link (not year-dependent; the browser keeps the
 * node); `change` the change since the first year (src/lib/change.ts).
 */
export function indicatorRow(stat: IndicatorStat, ctx: WijkContext, spark = '', change: Change | null = null): Html {
  const ind = indicator(stat.indicator);
  const p = present(stat, ctx.level);
  const ok = stat.status === 'ok' && stat.value !== null;
  return html`<tr data-indicator="${ind.id}" data-year="${p.year}">
<th scope="row"><a href="${ctx.base}indicator/${ind.id}/${ctx.level === 'wijk' && ctx.code ? `?wijk=${ctx.code}` : ''}">${ind.label}</a>${ind.model ? html` <span class="tag" title="Modelschatting van RIVM, geen telling">schatting</span>` : ''}
<div class="small muted">${ind.unit}${p.year ? `, ${p.year}` : ''}${p.source ? html` · <span class="src">${p.source}</span>` : ''}${ok && stat.note ? html` · <span class="note">${stat.note}</span>` : ''}</div></th>
<td class="num val${p.absent ? ' absent' : ''}" data-value="${ok ? String(stat.value) : ''}"${p.absent ? html` title="${p.absent}"` : ''}>${p.absent ? p.absent.split(':')[0] : p.value}</td>
<td class="num city">${p.city}</td>
${comparisonCell(p)}
<td class="num rank hide-sm">${p.rank}</td>
<td class="verloop">${change ? html`<span class="change${change.comparable ? '' : ' nc'}">${change.text}</span>` : ''}${raw(spark || '<span class="spark"></span>')}</td>
</tr>`;
}

export const COMPARISON_HELP =
  't.o.v. stad: bij percentages en cijfers per inwoner een index (Rotterdam = 100); bij scores en schalen met een teken het verschil met Rotterdam; bij aantallen het aandeel van de stad, zonder oordeel. ▲ beter, ▼ slechter dan de stad.';

/** One factor's (or the context group's) table. */
export function indicatorTable(group: { id: string; label: string; ids: string[] }, stats: Map<string, IndicatorStat>, ctx: WijkContext, sparks: Map<string, string> = new Map(), changes: Map<string, Change | null> = new Map()): Html {
  return html`<table class="indicators" id="factor-${group.id}">
<caption>${group.label}</caption>
<thead><tr><th scope="col">Indicator</th><th class="num" scope="col">${ctx.areaName}</th><th class="num" scope="col">Rotterdam</th><th class="num" scope="col" title="${COMPARISON_HELP}">t.o.v. stad</th><th class="num hide-sm" scope="col" title="Plek onder de ${ctx.level === 'wijk' ? 'wijken' : 'gebieden'}: 1 = beste; bij context en aantallen 1 = hoogste of grootste">Plek</th><th scope="col" title="Verandering sinds het eerste jaar met een cijfer, en het verloop (open de grafiek)">Verloop</th></tr></thead>
<tbody>${group.ids.filter((id) => stats.has(id)).map((id) => indicatorRow(stats.get(id)!, ctx, sparks.get(id), changes.get(id) ?? null))}</tbody>
</table>`;
}


/**
 * The row's sparkline as a link to the indicator's full chart in the factor's trend panel, with
 * its first and last year as text ("2014 … 2024"). '' without a sparkline.
 */
export function sparkLink(id: string, svg: string, years: number[]): string {
  if (!svg || !years.length) return '';
  const [first, last] = [Math.min(...years), Math.max(...years)];
  return String(html`<a class="spark" href="#verloop-${id}" title="Grafiek met alle jaren, ${first}–${last}">${raw(svg)}<span class="yrs"><span>${first}</span><span>${last}</span></span></a>`);
}
