// CSV downloads in two dialects: "nl" opens right in Dutch Excel (UTF-8 BOM, `;`, decimal comma),
// "intl" is for scripts (`,`, decimal point, no BOM). Quoting is d3-dsv's, not hand-written.
import { dsvFormat } from 'd3';
import { catalogue, indicator, seriesFor, sourceLine, type Format } from './catalogue';
import { decimalsOf } from './format';

export type CsvDialect = 'nl' | 'intl';

/** One observation as a CSV line: area, indicator, year, value, and where it comes from. */
export interface CsvObservation {
  area: string;
  name: string;
  level: string;
  indicator: string;
  year: number;
  value: number | null;
  status: string;
  note: string | null;
}

export const LONG_HEADER = [
  'gebiedscode', 'gebied', 'niveau', 'indicator', 'omschrijving', 'eenheid', 'jaar',
  'waarde', 'waarde_onafgerond', 'status', 'toelichting', 'bron', 'tabel', 'licentie',
] as const;

/** A number in the dialect: rounded to `decimals` (as the site shows it) or unrounded (null). */
export function csvNumber(value: number | null | undefined, dialect: CsvDialect, decimals: number | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  // Unrounded still drops binary noise (0.1 + 0.2): 12 significant digits is far beyond any source.
  const s = decimals === null ? String(Number(value.toPrecision(12))) : value.toFixed(decimals);
  const clean = s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
  return dialect === 'nl' ? clean.replace('.', ',') : clean;
}

/** Rows (first row = header) as CSV text in the dialect, CRLF line ends, BOM for "nl". */
export function formatCsv(rows: string[][], dialect: CsvDialect): string {
  const text = dsvFormat(dialect === 'nl' ? ';' : ',').formatRows(rows);
  return (dialect === 'nl' ? '\uFEFF' : '') + text.replaceAll('\n', '\r\n') + '\r\n';
}

/** Long form: one line per area, indicator and year, with source, table, licence and status. */
export function longCsv(obs: CsvObservation[], dialect: CsvDialect): string {
  return [...longCsvChunks(obs, dialect)].join('');
}

/**
 * The long form in pieces of `size` lines, joined equal to longCsv: the whole dataset of a large
 * build (2,7 million lines at a hundred times the areas) is longer than a JavaScript string may be.
 */
export function* longCsvChunks(obs: CsvObservation[], dialect: CsvDialect, size = 20_000): Generator<string> {
  let rows: string[][] = [[...LONG_HEADER]];
  let first = true;
  const flush = () => {
    const text = formatCsv(rows, dialect);
    // Only the first piece carries the BOM.
    const piece = first ? text : text.replace(/^\uFEFF/, '');
    first = false;
    rows = [];
    return piece;
  };
  for (const o of obs) {
    const ind = indicator(o.indicator);
    const s = seriesFor(ind, o.year);
    const src = s ? catalogue.sources[s.source] : undefined;
    rows.push([
      o.area, o.name, o.level, ind.id, ind.label, ind.unit, String(o.year),
      csvNumber(o.value, dialect, decimalsOf(ind.format as Format)),
      csvNumber(o.value, dialect, null),
      o.status, o.note ?? '',
      s ? sourceLine(s.source, o.year) : '',
      s ? (src?.tables[String(o.year)] ?? '') : '',
      src?.licence ?? '',
    ]);
    if (rows.length >= size) yield flush();
  }
  if (rows.length || first) yield flush();
}

/** Wide form (the indicator page's view): one line per area, one column per year (rounded). */
export function wideCsv(obs: CsvObservation[], dialect: CsvDialect): string {
  const years = [...new Set(obs.map((o) => o.year))].sort((a, b) => a - b);
  const byArea = new Map<string, { name: string; values: Map<number, CsvObservation> }>();
  for (const o of obs) {
    const a = byArea.get(o.area) ?? { name: o.name, values: new Map() };
    a.values.set(o.year, o);
    byArea.set(o.area, a);
  }
  const ids = [...new Set(obs.map((o) => o.indicator))];
  if (ids.length > 1) throw new Error(`wideCsv: one indicator expected, got ${ids.join(', ')}`);
  const ind = ids.length ? indicator(ids[0]) : null;
  const d = ind ? decimalsOf(ind.format as Format) : 1;
  const sources = ind ? [...new Set(years.map((y) => { const s = seriesFor(ind, y); return s ? sourceLine(s.source, y) : ''; }).filter(Boolean))] : [];
  const rows: string[][] = [['gebiedscode', 'gebied', ...years.map(String), 'eenheid', 'bronnen']];
  for (const [code, a] of byArea) {
    rows.push([code, a.name, ...years.map((y) => csvNumber(a.values.get(y)?.value, dialect, d)), ind?.unit ?? '', sources.join(' | ')]);
  }
  return formatCsv(rows, dialect);
}

export const CSV_HEADERS = { 'Content-Type': 'text/csv; charset=utf-8' };
