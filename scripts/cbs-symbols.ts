// Why a CBS figure is missing. TypedDataSet gives null for every cell without a number; the
// UntypedDataSet of the same rows still has the symbol StatLine shows there, and the table's own
// legend (TableInfos.Description, "Verklaring van symbolen") says what each symbol means:
// - KWB tables since 2014 (e.g. 85984NED): "niets (blanco): het cijfer kan op logische gronden
//   niet voorkomen" and ". : het cijfer is onbekend, onvoldoende betrouwbaar of geheim";
// - older tables (e.g. 80137ned): ". : onbekend" and a separate "x : geheim".
// A null keeps status 'geheim' only where its symbol's legend line says geheim; a blank or a
// symbol that only means "onbekend" becomes 'ontbreekt' (what the hand-downloaded CSV loaders make
// of the same empty cell). A table without a legend gets CBS's current standard legend.

export type NullStatus = 'geheim' | 'ontbreekt';

/** CBS's current standard legend, for tables whose Description has none. */
export const STANDARD_LEGEND: Record<string, string> = {
  '': 'het cijfer kan op logische gronden niet voorkomen',
  '.': 'het cijfer is onbekend, onvoldoende betrouwbaar of geheim',
};

/**
 * The symbol legend of a TableInfos.Description: symbol → explanation. The blank symbol is ''
 * ("niets (blanco)", "lege cel"). Empty when the text has no "Verklaring … symbolen" block.
 */
export function parseLegend(description: string | null | undefined): Record<string, string> {
  const text = (description ?? '').replace(/\r\n?/g, '\n');
  const start = text.search(/verklaring van (de )?(in de tabel gebruikte )?symbolen\s*:/i);
  if (start < 0) return {};
  const out: Record<string, string> = {};
  let seen = false;
  for (const raw of text.slice(start).split('\n').slice(1)) {
    const line = raw.replace(/\t/g, ' ');
    if (!line.trim()) {
      if (seen && Object.keys(out).length) break; // blank line after the list ends it
      continue;
    }
    const m = /^\s*(niets \(blanco\)|lege cel|\S{1,8}(?: \(\S+\))?)\s+:\s*(.+)$/i.exec(line);
    if (!m) {
      // a continuation of the previous explanation (indented), or the end of the legend
      if (/^\s{4,}\S/.test(line) && seen) continue;
      if (seen) break;
      continue;
    }
    seen = true;
    const sym = /^(niets \(blanco\)|lege cel)$/i.test(m[1]!) ? '' : m[1]!;
    out[sym] = m[2]!.trim();
  }
  return out;
}

/** The status of a null cell with this (trimmed) untyped symbol, or undefined when the legend does not know it. */
export function statusOfSymbol(symbol: string, legend: Record<string, string>): NullStatus | undefined {
  if (symbol === '') return 'ontbreekt';
  const text = legend[symbol];
  if (text === undefined) return undefined;
  return /geheim/i.test(text) ? 'geheim' : 'ontbreekt';
}
