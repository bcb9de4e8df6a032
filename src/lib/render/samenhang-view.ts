// The samenhang page's views. The pair view (scatterplot, legend and sentence) is rendered by this
// one module at build time and in the browser after a pair change (src/client/samenhang.ts); the
// matrix and the strongest pairs are rendered here at build time only.
import { catalogue, indicator } from '../catalogue';
import { formatValue, plural } from '../format';
import { correlationMatrix } from '../charts/matrix';
import { scatterParts } from '../charts/scatter';
import { figureAttrs, sourcesOf } from './figure-meta';
import { html, raw } from './html';
import type { PairData } from './samenhang-data';

const fmtR = (v: number | null) => formatValue(v, 'signed');

/** The scatterplot with its legend, and the sentence with r, the number of wijken and the years. */
export function renderPair(d: PairData, env: { document?: Document } = {}): string {
  const X = indicator(d.x);
  const Y = indicator(d.y);
  const { svg, legend } = scatterParts(d.rows, {
    document: env.document,
    label: `Spreidingsdiagram: ${X.label} tegen ${Y.label} per wijk`,
    xLabel: `${X.label} (${X.unit}, ${d.years.x})`,
    yLabel: `${Y.label} (${Y.unit}, ${d.years.y})`,
  });
  const years =
    d.years.x === d.years.y
      ? html`Beide cijfers zijn uit ${d.years.x}.`
      : html`<strong>Let op:</strong> de twee cijfers komen uit verschillende jaren: horizontaal uit ${d.years.x}, verticaal uit ${d.years.y}.`;
  const meta = figureAttrs({
    title: `${Y.label} tegen ${X.label}, per wijk`,
    unit: `${X.label}: ${X.unit}; ${Y.label}: ${Y.unit}`,
    source: sourcesOf([{ id: d.y, year: d.years.y }, { id: d.x, year: d.years.x }].filter((p): p is { id: string; year: number } => p.year !== null)),
    year: [...new Set([d.years.x, d.years.y].filter((y) => y !== null))].sort().join(' en '),
  });
  return String(html`<figure data-first-chart id="scatter"${meta}><div class="legend">${raw(legend)}</div>${raw(svg)}</figure>
<p id="paar-uitleg">Correlatie <strong data-r>${fmtR(d.r)}</strong> over <span data-n>${plural(d.rows.length, 'wijk', 'wijken')}</span>. ${years} Een correlatie van +1 of −1 is een perfecte rechte lijn, 0 is geen samenhang. Wijken met minder dan ${catalogue.minInwoners} inwoners tellen niet mee.</p>`);
}

export interface MatrixInput {
  cells: { a: string; b: string; r: number | null; n: number }[];
  /** Indicator ids in matrix order, with the year each one uses. */
  order: string[];
  years: Map<string, number>;
  document?: Document;
  base: string;
}

const labelOf = (years: Map<string, number>) => (id: string) => `${indicator(id).label} (${years.get(id)})`;

/** All pairs as a matrix; says which years it combines. */
export function renderMatrix(m: MatrixInput): string {
  const label = labelOf(m.years);
  const labels = new Map(m.order.map((id) => [id, label(id)]));
  const { svg, legend } = correlationMatrix(m.cells, labels, {
    document: m.document,
    order: m.order,
    label: 'Correlatiematrix van de indicatoren over de Rotterdamse wijken; elk vakje noemt de correlatiecoëfficiënt',
  });
  const ys = [...new Set(m.order.map((id) => m.years.get(id)!))].sort((a, b) => a - b);
  const mixed = ys.length > 1
    ? html`De matrix combineert cijfers uit ${ys.length} jaren (${ys[0]}–${ys.at(-1)}): per indicator het laatste jaar met cijfers per wijk, tussen haakjes achter de naam.`
    : html`Alle cijfers zijn uit ${ys[0]}.`;
  return String(html`<p class="small muted">${mixed} Positief (+): gaan samen omhoog; negatief (−): de een omhoog als de ander omlaag. Bronnen: CBS, RIVM/GGD (modelschattingen), Politie; zie de <a href="${m.base}indicator/">indicatoren</a>.</p>
<div class="legend"><p class="small"><strong>Correlatie r, afgerond op één decimaal</strong></p>${raw(legend)}</div>
<div class="scroll matrix" tabindex="0" role="region" aria-label="Correlatiematrix, scrollbaar">${raw(svg)}</div>`);
}

/** The strongest pairs (at least 20 wijken) as a table, each indicator with its year. */
export function renderStrongest(cells: MatrixInput['cells'], years: Map<string, number>, count = 8): string {
  const label = labelOf(years);
  const strongest = cells.filter((c) => c.r !== null && c.n >= 20).sort((a, b) => Math.abs(b.r!) - Math.abs(a.r!)).slice(0, count);
  // Scrollable on a phone: focusable, so the keyboard can scroll it too.
  return String(html`<div class="scroll" tabindex="0" role="region" aria-label="Sterkste verbanden, scrollbaar"><table>
  <thead><tr><th scope="col">Indicator</th><th scope="col">en</th><th class="num" scope="col">Correlatie</th><th class="num" scope="col">Wijken</th></tr></thead>
  <tbody>${strongest.map((c) => html`<tr><td>${label(c.a)}</td><td>${label(c.b)}</td><td class="num">${fmtR(c.r)}</td><td class="num">${c.n}</td></tr>`)}</tbody>
</table></div>`);
}
