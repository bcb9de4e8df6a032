// A story's visuals prerendered at build time with the site's chart modules in their projector
// sizes (src/lib/charts/*: projector presets). Each returns the chart markup, the words a screen
// reader hears, and the source line(s) with the year of every figure.
import { catalogue, indicator, seriesFor, type Indicator } from '../lib/catalogue';
import { formatInteger, formatValue } from '../lib/format';
import { sqlString } from '../lib/db';
import { cityValue, levelValues, series, CITY } from '../lib/queries';
import type { CheckedVisual, StoryEnv } from '../lib/story';
import { choroplethParts } from '../lib/charts/map';
import { ranking } from '../lib/charts/ranking';
import { diagonalScatterParts, scatterParts, type ScatterRow } from '../lib/charts/scatter';
import { trendLines, type TrendReference } from '../lib/charts/trend';
import { factsVersusFeeling, type WijkprofielRow } from '../lib/charts/wijkprofiel';
import { mapScale } from '../lib/render/map-scale';
import { escapeHtml } from '../lib/render/html';
import context from '../../data/context-figures.json';
import { dataDb } from './duckdb-node';
import { chartDocument, loadBoundaries } from './site-data';

export interface RenderedVisual {
  kind: CheckedVisual['kind'];
  /** Chart (or big number) markup, with its legend where it has one. */
  html: string;
  /** Source lines, each naming publisher, table and year(s). */
  sources: string[];
}

/** Projector canvas of a chart: drawn at the size it is shown at on a 1920 × 1080 screen. */
export const SLIDE_CHART = { width: 1760, height: 620 } as const;

type ContextFigure = (typeof context.figures)[number];
const contextFigure = (id: string) => context.figures.find((f) => f.id === id)! as ContextFigure & { at?: number };

const MONTHS = ['jan.', 'feb.', 'maart', 'april', 'mei', 'juni', 'juli', 'aug.', 'sept.', 'okt.', 'nov.', 'dec.'];
/** "2020-09" → "sept. 2020"; "2022" stays. */
function peildatum(p: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(p);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : p;
}

/** A policy figure is never CBS data: its own words and its own source. */
function contextSource(f: ContextFigure): string {
  return `${f.description} (${peildatum(f.peildatum)}): beleidscijfer, geen CBS-telling. Bron: ${f.source}`;
}

/** "Bron: CBS, Kerncijfers wijken en buurten 2014, 2015 en 2024 (…)": one line per source. */
export function sourcesFor(ind: Indicator, years: number[]): string[] {
  const bySource = new Map<string, number[]>();
  for (const y of [...new Set(years)].sort()) {
    const s = seriesFor(ind, y);
    if (s) bySource.set(s.source, [...(bySource.get(s.source) ?? []), y]);
  }
  return [...bySource].map(([id, ys]) => {
    const s = catalogue.sources[id]!;
    const tables = [...new Set(ys.map((y) => s.tables[String(y)]).filter((t) => t && /^\d+NED$/.test(t)))];
    const list = ys.length > 1 ? `${ys.slice(0, -1).join(', ')} en ${ys.at(-1)}` : String(ys[0]);
    return `Bron: ${s.publisher}, ${s.title}, ${list}${tables.length ? ` (${tables.join(', ')})` : ''}${s.modelEstimate ? '; modelschattingen, geen tellingen' : ''}`;
  });
}

const fmt = (ind: Indicator) => (v: number) => formatValue(v, ind.format);
const zuidCodes = new Set(catalogue.zuid.gebieden);

export async function renderVisual(v: CheckedVisual, env: StoryEnv): Promise<RenderedVisual> {
  const db = await dataDb();
  const document = chartDocument();
  const name = (code: string) => env.areas.get(code)?.name ?? code;

  switch (v.kind) {
    case 'getal': {
      if ('context' in v) {
        const f = contextFigure(v.context);
        return {
          kind: 'getal',
          html: `<div class="getal"><p class="getal-waarde">${formatInteger(f.value)}</p><p class="getal-wat">${escapeHtml(f.description)} (${escapeHtml(peildatum(f.peildatum))})</p></div>`,
          sources: [contextSource(f)],
        };
      }
      const ind = indicator(v.indicator);
      const rows = await db.query<{ value: number }>(
        `SELECT value FROM observations WHERE indicator = ${sqlString(v.indicator)} AND area = ${sqlString(v.area)} AND year = ${v.year} AND status = 'ok'`,
      );
      const value = rows[0]!.value;
      const estimate = ind.model ? ' (schatting)' : '';
      return {
        kind: 'getal',
        html: `<div class="getal"><p class="getal-waarde">${escapeHtml(formatValue(value, ind.format))}</p><p class="getal-wat">${escapeHtml(ind.label)}${estimate}, ${escapeHtml(ind.unit)}, ${escapeHtml(name(v.area))}, ${v.year}</p></div>`,
        sources: sourcesFor(ind, [v.year]),
      };
    }
    case 'lijn': {
      const ind = indicator(v.indicator);
      const pts = (await series(db, v.areas)).filter((p) => p.indicator === v.indicator && p.status === 'ok' && p.value !== null);
      const lines = v.areas.map((code) => ({ name: name(code), points: pts.filter((p) => p.area === code).map((p) => ({ year: p.year, value: p.value! })) }));
      const figures = v.context.map(contextFigure);
      const refs: TrendReference[] = figures.map((f) => {
        const m = /^(\d{4})-(\d{2})/.exec(f.peildatum);
        const text = `${f.kind === 'ambitie' ? 'Ambitie' : f.area} ${peildatum(f.peildatum)}: ${formatInteger(f.value)} ${f.unit} (beleidscijfer)`;
        // A dated measurement is a point in time; an ambition is a level for the whole period.
        return m ? { value: f.value, text, at: Number(m[1]) + (Number(m[2]) - 0.5) / 12 } : { value: f.value, text };
      });
      const years = [...new Set(pts.map((p) => p.year))].filter((y) => y >= v.years[0] && y <= v.years[1]);
      const label = `${ind.label} (${ind.unit}), ${v.years[0]}–${v.years[1]}: ` + lines.map((l) => `${l.name} ${l.points.filter((p) => p.year >= v.years[0] && p.year <= v.years[1]).map((p) => `${p.year} ${fmt(ind)(p.value)}`).join(', ')}`).join('; ') +
        (refs.length ? `. Beleidscijfers: ${refs.map((r) => r.text).join('; ')}` : '');
      return {
        kind: 'lijn',
        html: trendLines(lines, { document, label, yLabel: `${ind.unit}${ind.model ? ' (schatting)' : ''}`, years: v.years, format: fmt(ind), references: refs, ...SLIDE_CHART }),
        sources: [...sourcesFor(ind, years), ...figures.map(contextSource)],
      };
    }
    case 'staaf': {
      const ind = indicator(v.indicator);
      const all = (await levelValues(db, v.indicator, v.level, v.year)).filter((r) => r.status === 'ok' && r.value !== null);
      const parents = new Map((await db.query<{ code: string; parent: string | null }>(`SELECT code, parent FROM areas`)).map((a) => [a.code, a.parent]));
      const chosen = v.areas.length ? all.filter((r) => v.areas.includes(r.area)) : [...all].sort((a, b) => b.value! - a.value!).slice(0, v.top);
      const city = await cityValue(db, v.indicator, v.year);
      const onZuid = (code: string) => zuidCodes.has(code) || zuidCodes.has(parents.get(code) ?? '');
      const rows = chosen.map((r) => ({ name: r.name, value: r.value!, highlight: onZuid(r.area) }));
      const f = fmt(ind);
      const svg = ranking(rows, {
        document, size: 'projector', width: SLIDE_CHART.width, direction: 'neutral', format: f, city,
        cityLabel: city === null ? undefined : `Rotterdam ${f(city)}`,
        unit: `${ind.unit}${ind.model ? ' (schatting)' : ''}, ${v.year}`,
        label: `${ind.label} per ${v.level}, ${v.year}, hoogste eerst: ${rows.map((r) => `${r.name} ${f(r.value)}${r.highlight ? ' (Zuid)' : ''}`).join('; ')}${city === null ? '' : `; Rotterdam ${f(city)}`}`,
      });
      const key = rows.some((r) => r.highlight) ? '<p class="sleutel"><span class="swatch zuid"></span> op Rotterdam-Zuid <span class="swatch rest"></span> elders in de stad</p>' : '';
      return { kind: 'staaf', html: key + svg, sources: sourcesFor(ind, [v.year]) };
    }
    case 'kaart': {
      const ind = indicator(v.indicator);
      const rows = await levelValues(db, v.indicator, v.level, v.year);
      const values = rows.map((r) => ({ code: r.area, name: r.name, value: r.status === 'ok' ? r.value : null, label: r.status === 'ok' ? `${formatValue(r.value, ind.format)} ${ind.unit}` : 'geen cijfer' }));
      // The legend in the indicator's own unit (not an index), so the room reads numbers it knows.
      const colour = mapScale(ind, values.map((x) => x.value), null, v.year);
      const city = await cityValue(db, v.indicator, v.year);
      const { map, legend } = choroplethParts(loadBoundaries(), v.level, values, {
        document, colour, size: 'projector', width: 1080, height: SLIDE_CHART.height,
        label: `Kaart: ${ind.label} per ${v.level} in ${v.year}, in ${ind.unit}; donkerder is hoger. Rotterdam: ${formatValue(city, ind.format)}.`,
      });
      return {
        kind: 'kaart',
        html: `<div class="kaart">${map}<div class="legenda"><p><strong>${escapeHtml(colour.title)}</strong></p>${legend}<p>Rotterdam: ${escapeHtml(formatValue(city, ind.format))}</p><p class="klein">Haven, Rozenburg en Hoek van Holland vallen buiten beeld.</p></div></div>`,
        sources: sourcesFor(ind, [v.year]),
      };
    }
    case 'spreiding': {
      const x = indicator(v.x);
      const y = indicator(v.y);
      const raw = await db.query<{ area: string; name: string; x: number; y: number; parent: string | null }>(
        `SELECT a.code AS area, a.name, a.parent, ox.value AS x, oy.value AS y FROM areas a
         JOIN observations ox ON ox.area = a.code AND ox.indicator = ${sqlString(v.x)} AND ox.year = ${v.xYear} AND ox.status = 'ok'
         JOIN observations oy ON oy.area = a.code AND oy.indicator = ${sqlString(v.y)} AND oy.year = ${v.yYear} AND oy.status = 'ok'
         WHERE a.level = ${sqlString(v.level)} ORDER BY a.name`,
      );
      // Wijkprofiel wijken spanning several CBS buurten give each the same point: show it once.
      const groups = new Map<string, typeof raw>();
      for (const r of raw) groups.set(`${r.x}|${r.y}`, [...(groups.get(`${r.x}|${r.y}`) ?? []), r]);
      const rows: ScatterRow[] = [...groups.values()].map((g) => ({
        name: g.map((r) => r.name).join(' / '), x: g[0]!.x, y: g[0]!.y,
        zuid: g.some((r) => zuidCodes.has(r.area) || zuidCodes.has(r.parent ?? '')),
      }));
      const est = (i: Indicator) => (i.model ? ', schatting' : '');
      const xLabel = `${x.label} (${x.unit}, ${v.xYear}${est(x)}) →`;
      const yLabel = `↑ ${y.label} (${y.unit}, ${v.yYear}${est(y)})`;
      let priority: (r: ScatterRow) => number;
      let parts: { svg: string; legend: string };
      const label = `Spreidingsdiagram per ${v.level}: ${x.label} (${v.xYear}) tegen ${y.label} (${v.yYear}), ${rows.length} punten`;
      if (v.diagonal) {
        priority = (r) => Math.abs(r.y - r.x);
        const all = rows.flatMap((r) => [r.x, r.y]);
        const pad = (Math.max(...all) - Math.min(...all)) * 0.05;
        const domain: [number, number] = [Math.floor((Math.min(...all) - pad) / 10) * 10, Math.ceil((Math.max(...all) + pad) / 10) * 10];
        parts = diagonalScatterParts(rows, { document, size: 'projector', ...SLIDE_CHART, domain, xLabel, yLabel, label: `${label}. Boven de stippellijn is ${y.label} hoger dan ${x.label}.`, labelPriority: priority, maxLabels: v.labels });
      } else {
        // Name the wijken furthest from the fitted line.
        const n = rows.length;
        const mx = rows.reduce((s, r) => s + r.x, 0) / n;
        const my = rows.reduce((s, r) => s + r.y, 0) / n;
        const b = rows.reduce((s, r) => s + (r.x - mx) * (r.y - my), 0) / rows.reduce((s, r) => s + (r.x - mx) ** 2, 0);
        priority = (r) => Math.abs(r.y - (my + b * (r.x - mx)));
        parts = scatterParts(rows, { document, size: 'projector', ...SLIDE_CHART, xLabel, yLabel, label: `${label}, met de best passende rechte lijn. Samenhang, geen oorzaak.`, labelPriority: priority, maxLabels: v.labels });
      }
      return { kind: 'spreiding', html: `<div class="legenda-boven">${parts.legend}</div>${parts.svg}`, sources: [...new Set([...sourcesFor(x, [v.xYear]), ...sourcesFor(y, [v.yYear])])] };
    }
    case 'wijkprofiel': {
      const obj = indicator(`wp_${v.index}_obj`);
      const pts = (await series(db, [v.area])).filter((p) => p.status === 'ok' && p.value !== null && (p.indicator === `wp_${v.index}_obj` || p.indicator === `wp_${v.index}_subj`));
      const rows: WijkprofielRow[] = pts.map((p) => ({ year: p.year, kind: p.indicator.endsWith('_obj') ? 'feiten' : 'beleving', value: p.value! }));
      const label = obj.label.replace(/, feiten$/, '');
      const { svg, legend } = factsVersusFeeling(rows, {
        document, size: 'projector',
        label: `${label} van ${name(v.area)}: feiten tegenover beleving per jaar (100 = Rotterdam 2014): ${rows.map((r) => `${r.year} ${r.kind} ${formatInteger(r.value)}`).join(', ')}`,
      });
      return { kind: 'wijkprofiel', html: `<div class="legenda-boven">${legend}</div>${svg}`, sources: sourcesFor(obj, rows.map((r) => r.year)) };
    }
  }
}

export { CITY };
