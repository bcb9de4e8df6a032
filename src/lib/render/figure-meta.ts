// What a downloaded chart carries (src/client/figure-download.ts draws it into the SVG and PNG):
// title, unit, source and year, set by the view that renders the figure as data-* attributes.
import { indicator, seriesFor, sourceLine } from '../catalogue';
import { escapeHtml, raw, type Html } from './html';

export interface FigureMeta {
  title: string;
  unit?: string;
  /** "Bron: …" (one or more sources, "; " between). */
  source?: string;
  /** The year or years shown, as text ("2017", "2014 en 2017"). */
  year?: string;
}

/** The source lines of indicators in given years, each once: "Bron: CBS, … 2017 (83765NED); RIVM, …". */
export function sourcesOf(refs: { id: string; year: number }[]): string {
  const lines: string[] = [];
  for (const { id, year } of refs) {
    const s = seriesFor(indicator(id), year);
    const line = s ? sourceLine(s.source, year).replace(/^Bron: /, '') : '';
    if (line && !lines.includes(line)) lines.push(line);
  }
  return lines.length ? `Bron: ${lines.join('; ')}` : '';
}

/** ` data-fig-title="…" data-fig-unit="…" data-fig-source="…" data-fig-year="…"` for a <figure>. */
export function figureAttrs(m: FigureMeta): Html {
  const parts = Object.entries({ title: m.title, unit: m.unit, source: m.source, year: m.year })
    .filter(([, v]) => v)
    .map(([k, v]) => ` data-fig-${k}="${escapeHtml(v!)}"`);
  return raw(parts.join(''));
}
