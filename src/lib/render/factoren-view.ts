// The factoren page's views, rendered by this one module at build time (the default view) and in
// the browser after a change (src/client/factoren.ts): the ranked associations with an outcome,
// a scatterplot with its fitted line and band, change against change, the model "beter / slechter
// dan verwacht", and the what-if for one wijk or gebied.
import * as Plot from '@observablehq/plot';
import { indicator } from '../catalogue';
import { formatValue, plural } from '../format';
import { html, raw, type Html } from './html';
import { associations, changeAssociations, changePair, model, sliderRange, whatIf, type BoundaryStep, type FactorData, type Model } from './factoren-data';
import { figureAttrs, sourcesOf } from './figure-meta';
import { ols, pearson } from '../stats';

export interface FactorState {
  /** 'wijk' or 'gebied'. */
  level: string;
  outcome: string;
  year: number;
  /** The indicator on the scatterplot's horizontal axis. */
  x: string;
  /** Model predictors (1–3). */
  factors: string[];
  /** The highlighted wijk or gebied (its code). */
  wijk: string | null;
  /** What-if changes, one per factor. */
  deltas: number[];
  /** Change against change: the earlier year (null: none chosen). */
  from: number | null;
}

/** The data of the chosen year, and for change against change that of the earlier year and the boundary changes. */
export interface FactorInput {
  d: FactorData;
  earlier?: FactorData | null;
  changes?: BoundaryStep[];
}

const nl = (v: number, digits = 2) => v.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (v: number, digits = 2) => (v > 0 ? '+' : v < 0 ? '−' : '') + nl(Math.abs(v), digits);
const fmt = (id: string, v: number) => formatValue(v, indicator(id).format);
const label = (id: string, d: FactorData) => `${indicator(id).label} (${d.years[id]})`;
/** "wijk"/"wijken" or "gebied"/"gebieden" for the level. */
export const nouns = (level: string): [string, string] => (level === 'gebied' ? ['gebied', 'gebieden'] : ['wijk', 'wijken']);
const count = (n: number, level: string) => plural(n, ...nouns(level));
const warning = (level: string) => `Samenhang tussen ${nouns(level)[1]}, geen oorzaak: zo verschillen ${nouns(level)[1]}, niet: zo verandert een ${nouns(level)[0]}.`;

/** The ranked list of associations with the outcome. */
export function renderAssociations(d: FactorData, s: FactorState): string {
  const list = associations(d, s.outcome);
  const ys = [...new Set(list.map((a) => a.year))].sort();
  const [, many] = nouns(d.level);
  return String(html`<p class="small muted">Uitkomst: <strong>${label(s.outcome, d)}</strong>, over de ${many}. Per indicator het cijfer uit ${d.year} of anders het dichtstbijzijnde jaar (hooguit één jaar ernaast; gebruikt: ${ys.join(', ')}). Gesorteerd op de sterkte van de samenhang (|r|). Met ruim 40 indicatoren zijn enkele sterke verbanden toeval; modelschattingen van het RIVM hangen onderling samen doordat ze uit hetzelfde model komen.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Samenhang met de uitkomst, scrollbaar"><table id="verbanden">
<thead><tr><th scope="col">Indicator (jaar)</th><th class="num" scope="col">Pearson r</th><th class="num" scope="col">95%-interval</th><th class="num" scope="col">Spearman ρ</th><th class="num" scope="col">${many[0]!.toUpperCase() + many.slice(1)} (n)</th><th scope="col"><span class="sr-only">Spreidingsdiagram</span></th></tr></thead>
<tbody>${list.map((a) => html`<tr data-id="${a.id}" data-r="${a.r ?? ''}" data-n="${a.n}"${a.id === s.x ? raw(' class="current"') : ''}>
<td>${label(a.id, d)}</td><td class="num">${a.r === null ? '–' : signed(a.r)}</td>
<td class="num">${a.interval ? `${signed(a.interval[0])} tot ${signed(a.interval[1])}` : '–'}</td>
<td class="num">${a.rho === null ? '–' : signed(a.rho)}</td>
<td class="num">${a.n}${a.small ? html` <abbr title="${`Minder dan 20 ${many}: onzeker`}">klein</abbr>` : ''}</td>
<td><button type="button" data-scatter="${a.id}" aria-label="${`Toon spreidingsdiagram ${indicator(a.id).label}`}">toon</button></td></tr>`)}</tbody>
</table></div>`);
}

interface Point {
  code: string;
  name: string;
  zuid: boolean;
  x: number;
  y: number;
}

/** A scatterplot of areas with a fitted line and its 95% band, the city, Zuid, a highlight and named outliers. */
function pairChart(rows: Point[], o: { xLabel: string; yLabel: string; aria: string; city: { x: number; y: number } | null; highlight: string | null; zero?: boolean; document?: Document }) {
  const fit = ols(rows.map((r) => r.y), [rows.map((r) => r.x)]);
  const { r, n } = pearson(rows.map((r) => r.x), rows.map((r) => r.y));
  const [x0, x1] = [Math.min(...rows.map((r) => r.x)), Math.max(...rows.map((r) => r.x))];
  const band = fit ? Array.from({ length: 41 }, (_, i) => {
    const x = x0 + ((x1 - x0) * i) / 40;
    const [lo, hi] = fit.confidenceInterval([x]);
    return { x, y: fit.predict([x]), lo, hi };
  }) : [];
  // Outliers: the four largest residuals, labelled by name.
  const outliers = fit ? [...rows].sort((a, b) => Math.abs(b.y - fit.predict([b.x])) - Math.abs(a.y - fit.predict([a.x]))).slice(0, 4) : [];
  const hl = rows.filter((row) => row.code === o.highlight);
  const edge = (x: number) => (x < x0 + 0.15 * (x1 - x0) ? 'start' : x > x0 + 0.85 * (x1 - x0) ? 'end' : 'middle');
  const group = (row: { zuid: boolean }) => (row.zuid ? 'Rotterdam-Zuid' : 'rest van de stad');
  const c = o.city;
  const chart = Plot.plot({
    document: o.document,
    width: 640,
    height: 440,
    grid: true,
    style: { fontSize: '12px' },
    x: { label: `${o.xLabel} →` },
    y: { label: `↑ ${o.yLabel}` },
    symbol: { domain: ['rest van de stad', 'Rotterdam-Zuid'], range: ['circle', 'diamond2'] },
    color: { domain: ['rest van de stad', 'Rotterdam-Zuid'], range: ['#2166ac', '#b35806'] },
    marks: [
      ...(o.zero ? [Plot.ruleX([0], { stroke: '#999' }), Plot.ruleY([0], { stroke: '#999' })] : []),
      Plot.areaY(band, { x: 'x', y1: 'lo', y2: 'hi', fill: '#59636e', fillOpacity: 0.18 }),
      Plot.line(band, { x: 'x', y: 'y', stroke: '#59636e' }),
      ...(c ? [Plot.ruleX([c.x], { stroke: '#333', strokeDasharray: '4 3' }), Plot.ruleY([c.y], { stroke: '#333', strokeDasharray: '4 3' })] : []),
      ...(c ? [Plot.text([c], { x: 'x', y: 'y', text: () => 'Rotterdam', dx: 4, dy: -8, textAnchor: 'start', fill: '#333' })] : []),
      Plot.dot(rows, { x: 'x', y: 'y', stroke: group, symbol: group, r: 4, strokeWidth: 1.5 }),
      // Names near the left or right edge run inwards, so they are never cut off.
      ...(['start', 'middle', 'end'] as const).map((anchor) =>
        Plot.text(outliers.filter((p) => p.code !== o.highlight && edge(p.x) === anchor), { x: 'x', y: 'y', text: 'name', dy: -9, fill: '#333', textAnchor: anchor }),
      ),
      Plot.dot(hl, { x: 'x', y: 'y', r: 9, stroke: '#000', strokeWidth: 2.5 }),
      // The highlighted name points inwards, so it is never cut off at the plot's edge.
      Plot.text(hl, { x: 'x', y: 'y', text: 'name', dx: hl[0] && hl[0].x > (x0 + x1) / 2 ? -13 : 13, textAnchor: hl[0] && hl[0].x > (x0 + x1) / 2 ? 'end' : 'start', fontWeight: 'bold', fill: '#000', stroke: '#fff', strokeWidth: 3, paintOrder: 'stroke' }),
    ],
  });
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', o.aria);
  for (const el of chart.querySelectorAll('[aria-label]')) if (el !== chart) el.removeAttribute('aria-label');
  const legend = (chart as unknown as { legend(n: string, o: object): Element | undefined }).legend('symbol', { swatchSize: 16, style: { fontSize: '14px' } });
  return { svg: chart.outerHTML, legend: legend?.outerHTML ?? '', fit, r, n, hl: hl[0] };
}

const unitOf = (id: string) => `${indicator(id).label}: ${indicator(id).unit}`;
/** The unit of a change: a percentage changes in procentpunten. */
const changeUnit = (id: string) => `${indicator(id).label}: verschil ${indicator(id).unit === '%' ? 'in procentpunten' : `(${indicator(id).unit})`}`;

/** Scatterplot of the outcome against one indicator: fitted line with 95% band, city, Zuid, highlight, outliers. */
export function renderScatter(d: FactorData, s: FactorState, env: { document?: Document } = {}): string {
  const { outcome: yId, x: xId } = s;
  const [one, many] = nouns(d.level);
  const rows = d.areas
    .filter((a) => d.values[xId]?.[a.code] !== undefined && d.values[yId]?.[a.code] !== undefined)
    .map((a) => ({ ...a, x: d.values[xId][a.code], y: d.values[yId][a.code] }));
  const cx = d.city[xId];
  const cy = d.city[yId];
  const { svg, legend, fit, r, n, hl } = pairChart(rows, {
    xLabel: label(xId, d),
    yLabel: label(yId, d),
    aria: `Spreidingsdiagram: ${indicator(yId).label} tegen ${indicator(xId).label} per ${one}`,
    city: cx !== undefined && cy !== undefined ? { x: cx, y: cy } : null,
    highlight: s.wijk,
    document: env.document,
  });
  const slope = fit?.coefficients[0];
  const who = hl ? html` Omcirkeld: <strong>${hl.name}</strong>.` : '';
  const years = [...new Set([d.years[xId], d.years[yId]])].filter((y) => y !== undefined).sort();
  const meta = figureAttrs({
    title: `${indicator(yId).label} tegen ${indicator(xId).label}, per ${one}`,
    unit: `${unitOf(yId)}; ${unitOf(xId)}`,
    source: sourcesOf([{ id: yId, year: d.years[yId] }, { id: xId, year: d.years[xId] }].filter((p) => p.year !== undefined)),
    year: years.join(' en '),
  });
  return String(html`<figure id="scatter" data-x="${xId}" data-y="${yId}"${meta}><div class="legend">${raw(legend)}</div>${raw(svg)}
<figcaption class="small">r = <strong data-r>${r === null ? '–' : signed(r)}</strong> over <span data-n>${count(n, d.level)}</span>.${slope ? ` Rechte lijn: per eenheid ${indicator(xId).label.toLowerCase()} ${signed(slope.estimate, 3)} (95%-interval ${signed(slope.low, 3)} tot ${signed(slope.high, 3)}); de grijze band is het 95%-interval van de lijn.` : ''} Stippellijnen: Rotterdam als geheel. Met naam: de vier ${many} die het verst van de lijn liggen.${who}</figcaption></figure>`);
}

const span = (ys: [number, number]) => `${ys[0]}–${ys[1]}`;

/** Change against change: the outcome's change against every other indicator's, and the scatter of the chosen pair. */
export function renderChange(input: FactorInput, s: FactorState, env: { document?: Document } = {}): string {
  const { d, earlier, changes = [] } = input;
  const [one, many] = nouns(d.level);
  if (s.from === null || !earlier) return String(html`<p>Kies een eerder jaar om veranderingen te vergelijken.</p>`);
  const list = changeAssociations(earlier, d, s.outcome, changes);
  const pair = changePair(earlier, d, s.x, s.outcome, changes);
  const Y = indicator(s.outcome);
  const X = indicator(s.x);
  if (!list.length) return String(html`<p id="verandering-leeg">${Y.label} is niet in twee verschillende jaren gemeten rond ${s.from} en ${s.year}. Kies andere jaren.</p>`);
  const excluded = new Set(list.flatMap((p) => p.excluded));
  const table = html`<div class="scroll" tabindex="0" role="region" aria-label="Verandering tegen verandering, scrollbaar"><table id="veranderingen">
<caption class="small">Verandering van ${Y.label.toLowerCase()} tegen de verandering van elke andere indicator, over de ${many}; de jaren staan erbij.</caption>
<thead><tr><th scope="col">Indicator (jaren)</th><th class="num" scope="col">r van de veranderingen</th><th class="num" scope="col">${many[0]!.toUpperCase() + many.slice(1)} (n)</th><th scope="col"><span class="sr-only">Spreidingsdiagram</span></th></tr></thead>
<tbody>${list.map((p) => html`<tr data-id="${p.x}" data-r="${p.r ?? ''}" data-n="${p.n}"${p.x === s.x ? raw(' class="current"') : ''}><td>${indicator(p.x).label} (${span(p.yearsX)})</td><td class="num">${p.r === null ? '–' : signed(p.r)}</td><td class="num">${p.n}${p.small ? html` <abbr title="${`Minder dan 20 ${many}: onzeker`}">klein</abbr>` : ''}</td><td><button type="button" data-scatter="${p.x}" aria-label="${`Toon verandering tegen verandering ${indicator(p.x).label}`}">toon</button></td></tr>`)}</tbody></table></div>`;
  let figure: Html | string = html`<p id="verandering-paar">${X.label} is niet in twee verschillende jaren gemeten rond ${s.from} en ${s.year}; kies in de tabel een indicator om zijn veranderingen te zien.</p>`;
  if (pair && pair.rows.length >= 3) {
    const { svg, legend, hl } = pairChart(pair.rows, {
      xLabel: `Verandering ${X.label.toLowerCase()} ${span(pair.yearsX)}`,
      yLabel: `Verandering ${Y.label.toLowerCase()} ${span(pair.yearsY)}`,
      aria: `Spreidingsdiagram: verandering van ${Y.label} tegen verandering van ${X.label} per ${one}`,
      city: pair.city,
      highlight: s.wijk,
      zero: true,
      document: env.document,
    });
    const meta = figureAttrs({
      title: `Verandering ${Y.label.toLowerCase()} tegen verandering ${X.label.toLowerCase()}, per ${one}`,
      unit: `${changeUnit(s.outcome)}; ${changeUnit(s.x)}`,
      source: sourcesOf([...pair.yearsY.map((year) => ({ id: s.outcome, year })), ...pair.yearsX.map((year) => ({ id: s.x, year }))]),
      year: [...new Set([...pair.yearsX, ...pair.yearsY])].sort().join(', '),
    });
    figure = html`<figure id="change-scatter" data-x="${s.x}" data-y="${s.outcome}" data-r="${pair.r ?? ''}" data-n="${pair.n}"${meta}><div class="legend">${raw(legend)}</div>${raw(svg)}
<figcaption class="small">r = <strong data-r>${pair.r === null ? '–' : signed(pair.r)}</strong> over <span data-n>${count(pair.n, d.level)}</span>: verandering van ${X.label.toLowerCase()} (${span(pair.yearsX)}) tegen verandering van ${Y.label.toLowerCase()} (${span(pair.yearsY)}).${pair.excluded.length ? ` Weggelaten wegens een grenswijziging tussen ${Math.min(pair.yearsX[0], pair.yearsY[0])} en ${Math.max(pair.yearsX[1], pair.yearsY[1])}: ${pair.excluded.join(', ')}.` : ''} Stippellijnen: de verandering van Rotterdam als geheel. Met naam: de vier ${many} die het verst van de lijn liggen.${hl ? html` Omcirkeld: <strong>${hl.name}</strong>.` : ''}</figcaption></figure>`;
  }
  return String(html`<p class="small muted">Gaat een ${one} waar de ene indicator meer verandert, ook mee in de andere? Per indicator de verandering tussen het cijfer rond ${s.from} en rond ${s.year} (elk het dichtstbijzijnde jaar, hooguit één ernaast). Alleen ${many} zonder grenswijziging tussen de twee jaren${excluded.size ? ` (${plural(excluded.size, one, many)} weggelaten)` : ''}; indicatoren die niet in twee verschillende jaren zijn gemeten, ontbreken. Ook dit is samenhang, geen oorzaak.</p>
${figure}
${table}`);
}

function coefTable(m: Model, level: string): Html {
  const f = m.fit;
  return html`<div class="scroll" tabindex="0" role="region" aria-label="Coëfficiënten van het model, scrollbaar"><table id="coefficienten"><caption>Het model: ${indicator(m.outcome).label} ≈ constante + Σ coëfficiënt × factor. R² = <span data-r2>${nl(f.r2)}</span>, n = ${count(f.n, level)}.</caption>
<thead><tr><th scope="col">Factor</th><th class="num" scope="col">Coëfficiënt</th><th class="num" scope="col">95%-interval</th></tr></thead>
<tbody>${m.factors.map((id, i) => html`<tr data-id="${id}" data-coef="${f.coefficients[i].estimate}"><td>${indicator(id).label} (${indicator(id).unit})</td><td class="num">${signed(f.coefficients[i].estimate, 3)}</td><td class="num">${signed(f.coefficients[i].low, 3)} tot ${signed(f.coefficients[i].high, 3)}</td></tr>`)}
<tr><td>constante</td><td class="num">${signed(f.intercept.estimate, 3)}</td><td class="num">${signed(f.intercept.low, 3)} tot ${signed(f.intercept.high, 3)}</td></tr></tbody></table></div>`;
}

/** The model and the ranked residuals: which wijken do better or worse than expected. */
export function renderModel(d: FactorData, s: FactorState): string {
  const m = model(d, s.outcome, s.factors);
  if (!m) return String(html`<p>Met deze keuze is geen model te schatten (te weinig ${nouns(d.level)[1]} met alle cijfers, of de uitkomst zelf als factor).</p>`);
  const dir = indicator(s.outcome).direction;
  const word = (row: Model['rows'][number]) =>
    dir === 'neutral' ? (row.residual > 0 ? 'hoger dan verwacht' : 'lager dan verwacht') : row.better > 0 ? 'beter dan verwacht' : 'slechter dan verwacht';
  const [one, many] = nouns(d.level);
  return String(html`${coefTable(m, d.level)}
<p class="small muted">Verwacht = wat het model geeft voor een ${one} met deze factoren. Het 95%-voorspelinterval zegt hoe ver een ${one} er gewoonlijk vanaf ligt; alleen buiten dat interval (★) is het verschil opvallend.${dir === 'neutral' ? ' Deze uitkomst is niet goed of slecht: hoger of lager.' : ''}</p>
${dir === 'neutral' ? '' : html`<div class="tops"><div><h3>Doet het beter dan verwacht</h3><ol>${m.rows.slice(0, 5).map((row) => html`<li>${row.name}: ${fmt(s.outcome, row.actual)}, verwacht ${fmt(s.outcome, row.expected)}${row.outside ? ' ★' : ''}</li>`)}</ol></div>
<div><h3>Doet het slechter dan verwacht</h3><ol>${[...m.rows].reverse().slice(0, 5).map((row) => html`<li>${row.name}: ${fmt(s.outcome, row.actual)}, verwacht ${fmt(s.outcome, row.expected)}${row.outside ? ' ★' : ''}</li>`)}</ol></div></div>`}
<details${s.wijk ? raw(' open') : ''}><summary>Alle ${count(m.rows.length, d.level)}, van beter naar slechter dan verwacht</summary>
<div class="scroll" tabindex="0" role="region" aria-label="${`${many[0]!.toUpperCase() + many.slice(1)} gerangschikt van beter naar slechter dan verwacht, scrollbaar`}"><table id="residuen">
<thead><tr><th scope="col">${one[0]!.toUpperCase() + one.slice(1)}</th><th class="num" scope="col">Werkelijk</th><th class="num" scope="col">Verwacht</th><th class="num" scope="col">95%-voorspelinterval</th><th class="num" scope="col">Verschil</th><th scope="col">Oordeel</th></tr></thead>
<tbody>${m.rows.map((row) => html`<tr data-area="${row.code}"${row.code === s.wijk ? raw(' class="current"') : ''}><td>${row.name}${row.zuid ? ' (Zuid)' : ''}</td><td class="num">${fmt(s.outcome, row.actual)}</td><td class="num">${fmt(s.outcome, row.expected)}</td><td class="num">${fmt(s.outcome, row.interval[0])} – ${fmt(s.outcome, row.interval[1])}</td><td class="num">${signed(row.residual, 1)}</td><td>${word(row)}${row.outside ? ' ★' : ''}</td></tr>`)}</tbody>
</table></div></details>`);
}

/** The what-if output for one wijk (replaced on every slider move). */
export function renderWhatIfResult(d: FactorData, s: FactorState): string {
  const m = model(d, s.outcome, s.factors);
  const w = m && s.wijk ? whatIf(m, d, s.wijk, s.deltas) : null;
  if (!m || !w) return String(html`<p>Kies een ${nouns(d.level)[0]} met cijfers voor alle factoren.</p>`);
  const diff = w.after - w.before;
  return String(html`<p id="whatif-result" data-before="${w.before}" data-after="${w.after}">Het model verwacht voor deze ${nouns(d.level)[0]} nu <strong>${fmt(s.outcome, w.before)}</strong>; met de gekozen verschuiving <strong data-expected>${fmt(s.outcome, w.after)}</strong> ${indicator(s.outcome).unit} (verschil ${signed(diff, 2)}: de coëfficiënten maal de verschuivingen; 95%-voorspelinterval ${fmt(s.outcome, w.interval[0])} – ${fmt(s.outcome, w.interval[1])}).</p>
<p class="small"><strong>${warning(d.level)}</strong> Het is wat een ${nouns(d.level)[0]} met zulke factoren gemiddeld laat zien, geen voorspelling van wat beleid hier oplevert.</p>`);
}

/** Sliders per factor for the chosen wijk, with the result. */
export function renderWhatIf(d: FactorData, s: FactorState): string {
  const name = d.areas.find((a) => a.code === s.wijk)?.name;
  if (!name) return String(html`<p>Kies hierboven een ${nouns(d.level)[0]} om de knoppen te gebruiken.</p>`);
  return String(html`<p>Verschuif een factor voor <strong>${name}</strong> en zie wat het model verwacht.</p>
<div class="sliders">${s.factors.map((id, i) => {
    const { max, step } = sliderRange(d, id);
    const v = d.values[id]?.[s.wijk!];
    const delta = s.deltas[i] ?? 0;
    return html`<div class="slider"><label for="knop-${i}">${indicator(id).label} (${indicator(id).unit}): nu ${v === undefined ? '–' : fmt(id, v)}, verschuiving</label>
<input type="range" id="knop-${i}" data-index="${i}" min="${-max}" max="${max}" step="${step}" value="${delta}" aria-valuetext="${signed(delta, 1)} ${indicator(id).unit}"> <output for="knop-${i}">${signed(delta, 1)}</output></div>`;
  })}</div>
<div id="whatif-output" aria-live="polite">${raw(renderWhatIfResult(d, s))}</div>`);
}

/** Every view of the page, keyed by the id of the element it fills. */
export function renderViews(input: FactorInput, s: FactorState, env: { document?: Document } = {}): Record<string, string> {
  const { d } = input;
  return {
    'verbanden-view': renderAssociations(d, s),
    'scatter-view': renderScatter(d, s, env),
    'change-view': renderChange(input, s, env),
    'model-view': renderModel(d, s),
    'whatif-view': renderWhatIf(d, s),
  };
}

/** The outcomes the wijk page sums up, each with the factors of its simple model. */
export const WIJK_OUTCOMES: { outcome: string; factors: string[] }[] = [
  { outcome: 'bijstand', factors: ['laag_inkomen', 'eenpersoons'] },
  { outcome: 'ervaren_gezondheid', factors: ['laag_inkomen', 'oud'] },
  { outcome: 'eenzaam', factors: ['laag_inkomen', 'eenpersoons'] },
];

/** One line per outcome for a wijk page: actual against expected, with a link to the factoren view. */
export function renderWijkLines(d: FactorData, code: string, base: string): string {
  const items = WIJK_OUTCOMES.flatMap(({ outcome, factors }) => {
    const m = model(d, outcome, factors);
    const row = m?.rows.find((r) => r.code === code);
    if (!m || !row) return [];
    const verdict = !row.outside ? 'zoals verwacht' : row.better > 0 ? 'beter dan verwacht' : 'slechter dan verwacht';
    const href = `${base}factoren/?uitkomst=${outcome}&jaar=${d.year}&x=${factors[0]}&factoren=${factors.join(',')}&wijk=${code}`;
    return [html`<li><strong>${indicator(outcome).label} (${d.years[outcome]})</strong>: ${fmt(outcome, row.actual)}, verwacht ${fmt(outcome, row.expected)} (95%-voorspelinterval ${fmt(outcome, row.interval[0])} – ${fmt(outcome, row.interval[1])}) uit ${factors.map((f) => indicator(f).label.toLowerCase()).join(' en ')}: <strong>${verdict}</strong>. <a href="${href}">Bekijk</a></li>`];
  });
  if (!items.length) return '';
  return String(html`<section aria-labelledby="h-verwacht" id="verwacht"><h2 id="h-verwacht">Beter of slechter dan verwacht?</h2>
<p class="small muted">Vergeleken met wijken met dezelfde inkomens en huishoudens (een eenvoudig model over alle wijken). Samenhang tussen wijken, geen oorzaak.</p><ul>${items}</ul></section>`);
}
