// Spread over time: on an indicator page, every area of the level as a thin grey line, the band
// between the 10th and 90th percentile of those areas per year as context, Rotterdam and
// Rotterdam-Zuid emphasised and one chosen area highlighted. Lines and band join only consecutive
// measurements (segments.ts): years without data stay empty. One colour scale for all marks; the
// legend is drawn from it (spreadLegend).
import * as Plot from '@observablehq/plot';
import { quantile } from 'd3';
import { dash, font, palette } from './defaults';
import { render, roundGeometry, type ChartDoc, type ChartSpec } from './render';
import { labelledYears, segments } from './segments';

export const spreadDefaults = {
  /** Drawn narrow: a phone shows it at ~340 px with 9 px text; a desktop scales it up to 640. */
  width: 480,
  height: 280,
  margin: { top: 18, right: 12, bottom: 26, left: 44 },
  fontSize: 13,
  /** The band: 10th to 90th percentile of the areas with a value that year. */
  band: { lo: 0.1, hi: 0.9, fill: palette.bar, fillOpacity: 0.45, loneWidth: 10 },
  /** Fewer areas than this in a year: no band (a percentile of a handful says little). */
  minAreas: 5,
  other: { stroke: palette.gap, strokeWidth: 0.8 },
  zuid: { stroke: palette.zuid, strokeWidth: 2, dash: dash.ambition, r: 2.5 },
  city: { stroke: palette.ink, strokeWidth: 2, dash: dash.city, r: 2.5 },
  chosen: { stroke: palette.accent, strokeWidth: 3, r: 3.5 },
};

export interface SpreadLine { code: string; name: string; points: { year: number; value: number | null }[] }

export interface SpreadOptions {
  label: string;
  /** "wijken" or "gebieden": named in the legend. */
  many: string;
  step: number;
  format: (v: number) => string;
  /** Axis ticks (default: format). */
  tickFormat?: (v: number) => string;
  unit: string;
  city?: SpreadLine;
  zuid?: SpreadLine;
  /** Code of the highlighted area, if any. */
  chosen?: string;
  width?: number;
  height?: number;
}

/** Per year with enough areas: the 10th and 90th percentile (d3.quantile, linear interpolation). */
export function bandOf(lines: SpreadLine[], minAreas = spreadDefaults.minAreas, lo = spreadDefaults.band.lo, hi = spreadDefaults.band.hi) {
  const byYear = new Map<number, number[]>();
  for (const l of lines) for (const p of l.points) if (p.value !== null && Number.isFinite(p.value)) (byYear.get(p.year) ?? byYear.set(p.year, []).get(p.year)!).push(p.value);
  return [...byYear]
    .filter(([, v]) => v.length >= minAreas)
    .map(([year, v]) => {
      const s = v.sort((a, b) => a - b);
      return { year, lo: quantile(s, lo)!, hi: quantile(s, hi)!, n: s.length };
    })
    .sort((a, b) => a.year - b.year);
}

/** Legend names, in drawing order; the scale's domain. */
function keys(opts: SpreadOptions, chosenName?: string) {
  return {
    band: `middelste 80% van de ${opts.many} (10e tot 90e percentiel)`,
    other: `elk van de ${opts.many}`,
    zuid: opts.zuid?.name,
    city: opts.city?.name,
    chosen: chosenName,
  };
}

export function spreadSpec(lines: SpreadLine[], opts: SpreadOptions): ChartSpec | null {
  const d = spreadDefaults;
  const chosen = lines.find((l) => l.code === opts.chosen);
  const k = keys(opts, chosen?.name);
  const seg = (l: SpreadLine, key: string) => segments(l.points, opts.step).map((p) => ({ ...p, name: l.name, key, z: `${l.code}:${p.segment}` }));
  const others = lines.filter((l) => l !== chosen).flatMap((l) => seg(l, k.other));
  if (!others.length && !chosen) return null;
  const band = bandOf(lines);
  const bandRows = segments(band.map((b) => ({ ...b, value: b.lo })), opts.step).map((b) => ({ ...b, key: k.band }));
  const refs = [
    ...(opts.zuid ? seg(opts.zuid, k.zuid!) : []),
    ...(opts.city ? seg(opts.city, k.city!) : []),
  ];
  const mine = chosen ? seg(chosen, k.chosen!) : [];
  const all = [...others, ...refs, ...mine];
  const years = all.map((r) => r.year);
  const [lo, hi] = [Math.min(...years), Math.max(...years)];
  const pad = Math.max(0.4, (hi - lo) * 0.03);
  const width = opts.width ?? d.width;
  const labelled = labelledYears(years, lo - pad, hi + pad, width - d.margin.left - d.margin.right, 34, opts.step);
  const domain = [k.band, k.other, k.zuid, k.city, k.chosen].filter((x): x is string => !!x);
  const colour: Record<string, string> = { [k.band]: d.band.fill, [k.other]: d.other.stroke };
  if (k.zuid) colour[k.zuid] = d.zuid.stroke;
  if (k.city) colour[k.city] = d.city.stroke;
  if (k.chosen) colour[k.chosen] = d.chosen.stroke;
  const title = (r: { name: string; year: number; value: number }) => `${r.name} ${r.year}: ${opts.format(r.value)} ${opts.unit}`;
  const refLine = (rows: typeof refs, st: { stroke: string; strokeWidth: number; dash: string }, cls: string) =>
    Plot.line(rows, { x: 'year', y: 'value', z: 'z', stroke: 'key', strokeWidth: st.strokeWidth, strokeDasharray: st.dash, className: cls });
  return {
    width,
    height: opts.height ?? d.height,
    marginTop: d.margin.top, marginRight: d.margin.right, marginBottom: d.margin.bottom, marginLeft: d.margin.left,
    style: { fontSize: `${d.fontSize}px`, overflow: 'visible' },
    x: { domain: [lo - pad, hi + pad] },
    y: { nice: true, grid: true, ticks: 5, tickFormat: opts.tickFormat ?? opts.format, label: opts.unit, labelAnchor: 'top' },
    color: { domain, range: domain.map((n) => colour[n]) },
    marks: [
      Plot.axisX({ ticks: [...new Set(years)], tickFormat: (y: number) => (labelled.has(y) ? String(y) : ''), tickSize: 3, label: null }),
      Plot.areaY(bandRows, { x: 'year', y1: 'lo', y2: 'hi', z: 'segment', fill: 'key', fillOpacity: d.band.fillOpacity, className: 'spread-band' }),
      // A year without a neighbour to join (2024 after 2017) still shows its band, as a bar.
      Plot.ruleX(bandRows.filter((b) => bandRows.filter((c) => c.segment === b.segment).length === 1), {
        x: 'year', y1: 'lo', y2: 'hi', stroke: 'key', strokeOpacity: d.band.fillOpacity, strokeWidth: d.band.loneWidth, className: 'spread-band-lone',
      }),
      Plot.line(others, { x: 'year', y: 'value', z: 'z', stroke: 'key', strokeWidth: d.other.strokeWidth, className: 'spread-area' }),
      refLine(refs.filter((r) => r.key === k.zuid), d.zuid, 'spread-zuid'),
      refLine(refs.filter((r) => r.key === k.city), d.city, 'spread-city'),
      Plot.line(mine, { x: 'year', y: 'value', z: 'z', stroke: 'key', strokeWidth: d.chosen.strokeWidth, className: 'spread-chosen' }),
      Plot.dot(refs, { x: 'year', y: 'value', fill: 'key', r: d.city.r, title }),
      Plot.dot(mine, { x: 'year', y: 'value', fill: 'key', r: d.chosen.r, title }),
    ],
    ariaLabel: opts.label,
  };
}

/** SVG markup and legend HTML; null without any line. */
export function spread(lines: SpreadLine[], opts: SpreadOptions & ChartDoc): { svg: string; legend: string } | null {
  const spec = spreadSpec(lines, opts);
  if (!spec) return null;
  const chart = render(spec, opts);
  const chosen = lines.find((l) => l.code === opts.chosen);
  return { svg: roundGeometry(chart.outerHTML), legend: spreadLegend(chart, keys(opts, chosen?.name)) };
}

/** Legend items from the chart's own colour scale: a swatch for the band, a line for the rest. */
export function spreadLegend(chart: Element, k: ReturnType<typeof keys>): string {
  const d = spreadDefaults;
  const scale = (chart as unknown as { scale(n: string): { apply(v: string): string } | undefined }).scale('color');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const c = (name: string, fallback: string) => scale?.apply(name) ?? fallback;
  const line = (name: string, st: { stroke: string; strokeWidth: number; dash?: string }) =>
    `<span class="key"><svg width="24" height="10" aria-hidden="true"><line x1="1" y1="5" x2="23" y2="5" stroke="${c(name, st.stroke)}" stroke-width="${st.strokeWidth}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/></svg>${esc(name)}</span>`;
  return [
    `<span class="key"><svg width="24" height="10" aria-hidden="true"><rect width="24" height="10" fill="${c(k.band, d.band.fill)}" fill-opacity="${d.band.fillOpacity}"/></svg>${esc(k.band)}</span>`,
    line(k.other, d.other),
    k.zuid ? line(k.zuid, d.zuid) : '',
    k.city ? line(k.city, d.city) : '',
    k.chosen ? line(k.chosen, d.chosen) : '',
  ].filter(Boolean).join(' ');
}
