// "Citeer": a ready citation per view, in the form the issue asks for:
// Bron: CBS, Kerncijfers wijken en buurten 2017 (83765NED), bewerking Wijkbeeld Rotterdam,
// geraadpleegd op 27 november 2026, https://…
import { sourceLine } from './catalogue';

export interface SourceRef { source: string; year: number }

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

/** The sources of a view, each source and year once, in catalogue order of first appearance. */
export function citationSources(refs: SourceRef[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of [...refs].sort((a, b) => a.source.localeCompare(b.source) || a.year - b.year)) {
    const line = sourceLine(r.source, r.year).replace(/^Bron: /, '');
    if (!line || seen.has(line)) continue;
    seen.add(line);
    parts.push(line);
  }
  return parts.join('; ');
}

export function citation(refs: SourceRef[], date: Date, url: string): string {
  const sources = citationSources(refs);
  return `Bron: ${sources || 'zie de bronnen per tabel'}, bewerking Wijkbeeld Rotterdam, geraadpleegd op ${dateFormat.format(date)}, ${url}`;
}
