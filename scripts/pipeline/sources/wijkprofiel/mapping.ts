// data/wijkprofiel-gebieden.csv: Wijkprofiel wijknummers → CBS codes, keyed on wijknr (never on
// name: Delfshaven, Overschie, Feijenoord, Pernis and Rozenburg are both a wijk and a gebied).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_PATTERN, SourceError } from '../types.ts';
import { isBlankRow, readCsvRows } from '../csv.ts';
import { text } from './columns.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The committed mapping table the build uses. */
export const WIJKPROFIEL_MAPPING = path.join(ROOT, 'data/wijkprofiel-gebieden.csv');

export type Relatie = 'gelijk' | 'samengevoegd' | 'deel';
export const RELATIES: readonly Relatie[] = ['gelijk', 'samengevoegd', 'deel'];
export const MAPPING_COLUMNS = ['wijknr', 'wijkprofiel_naam', 'cbs_codes', 'relatie', 'toelichting'] as const;

export interface WijkprofielMapping {
  wijknr: number;
  naam: string;
  codes: string[];
  relatie: Relatie;
  toelichting: string;
  /** 1-based line in the mapping CSV. */
  line: number;
}

/** Reads and validates the mapping table. */
export async function readWijkprofielMapping(mappingCsvPath: string): Promise<WijkprofielMapping[]> {
  const file = mappingCsvPath;
  const [head, ...records] = readCsvRows(await readFile(mappingCsvPath, 'utf8'), file, ',').filter((r) => !isBlankRow(r.fields));
  const header = head?.fields.map(text) ?? [];
  if (header.join(',') !== MAPPING_COLUMNS.join(',')) {
    throw new SourceError(file, `kopregel is "${header.join(',')}", verwacht "${MAPPING_COLUMNS.join(',')}"`, 1);
  }
  const out: WijkprofielMapping[] = [];
  const byNr = new Map<number, number>();
  const codeOwner = new Map<string, WijkprofielMapping>();
  for (const { fields, line } of records) {
    if (fields.length !== MAPPING_COLUMNS.length) {
      throw new SourceError(file, `${fields.length} velden, verwacht ${MAPPING_COLUMNS.length}`, line);
    }
    const [nrText, naam, codesText, relatieText, toelichting] = fields.map(text) as [string, string, string, string, string];
    if (!/^\d+$/.test(nrText)) throw new SourceError(file, `wijknr "${nrText}" is geen geheel getal`, line, 'wijknr');
    const wijknr = Number(nrText);
    if (byNr.has(wijknr)) throw new SourceError(file, `wijknr ${wijknr} staat ook op regel ${byNr.get(wijknr)}`, line, 'wijknr');
    byNr.set(wijknr, line);
    if (naam === '') throw new SourceError(file, 'lege naam', line, 'wijkprofiel_naam');
    const codes = codesText.split('+').map((c) => c.trim());
    for (const c of codes) {
      if (!CODE_PATTERN.test(c)) throw new SourceError(file, `"${c}" is geen CBS-code`, line, 'cbs_codes');
    }
    if (new Set(codes).size !== codes.length) throw new SourceError(file, `dubbele code in "${codesText}"`, line, 'cbs_codes');
    if (!(RELATIES as readonly string[]).includes(relatieText)) {
      throw new SourceError(file, `relatie "${relatieText}" is niet een van ${RELATIES.join(', ')}`, line, 'relatie');
    }
    const relatie = relatieText as Relatie;
    if (relatie === 'samengevoegd' ? codes.length < 2 : codes.length !== 1) {
      throw new SourceError(
        file,
        `relatie ${relatie} vraagt ${relatie === 'samengevoegd' ? 'twee of meer codes' : 'precies één code'}, gevonden ${codes.length}`,
        line,
        'cbs_codes',
      );
    }
    const m: WijkprofielMapping = { wijknr, naam, codes, relatie, toelichting, line };
    for (const c of codes) {
      const other = codeOwner.get(c);
      // Only 'deel' rows may share a code, and only with other 'deel' rows.
      if (other && !(other.relatie === 'deel' && relatie === 'deel')) {
        throw new SourceError(file, `code ${c} is ook toegewezen aan wijknr ${other.wijknr} (regel ${other.line})`, line, 'cbs_codes');
      }
      codeOwner.set(c, m);
    }
    out.push(m);
  }
  if (out.length === 0) throw new SourceError(file, 'geen regels');
  return out;
}
