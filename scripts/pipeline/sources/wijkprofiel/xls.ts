// The OBI xls files of the Wijkprofiel: the index sheets `SI|FI-subj|FI-obj|VI <year>` (2014 and
// 2016, unrounded) and the Context2015 sheet with the inhabitants that weigh 'deel' wijken.
// Read with the shared xlsx helpers (SheetJS, the one npm reader of BIFF8 .xls).
import * as XLSX from 'xlsx';
import { SourceError } from '../types.ts';
import { readWorkbook } from '../xlsx.ts';
import {
  columnsOf, COPY, H_GEBIED, H_WIJKNR, isBlankCells, parseComponentValue, parseValue, parseWijknr, PARTS, text, uniqueColumn,
  type IndexRow, type IndexTable, type Part,
} from './columns.ts';

/** Folder in the open-data root. */
export const WIJKPROFIEL_DIR = 'rotterdam_wijkprofiel';
export const WIJKPROFIEL_XLS = `${WIJKPROFIEL_DIR}/Datastructuur wijkprofiel vulling 2016_definitief 03022016_Basis voor gebieden.xls`;
export const CONTEXT_XLS = `${WIJKPROFIEL_DIR}/Context2015 voor website_totaal 25012016.xls`;
export const CONTEXT_SHEET = 'Totaal contextindicatoren';

const H_NAAM = 'BUURT85';

export interface ContextWijk {
  wijknr: number;
  naam: string;
  gebied: string;
  /** 'Aantal inwoners' at 1-1-2015. */
  inwoners: number;
}

function sheetRows(wb: XLSX.WorkBook, sheet: string, file: string): unknown[][] {
  const ws = wb.Sheets[sheet];
  if (!ws) throw new SourceError(file, `blad "${sheet}" ontbreekt (bladen: ${wb.SheetNames.join(', ')})`);
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
}

/** The years with all four index sheets (`SI 2014`, …, `VI 2014`), from the sheet names. */
export function xlsYears(wb: XLSX.WorkBook): number[] {
  const years = new Set(wb.SheetNames.map((n) => /^(?:SI|VI|FI-obj|FI-subj) (\d{4})$/.exec(n)?.[1]).filter((y) => y !== undefined).map(Number));
  return [...years].filter((y) => PARTS.every((p) => wb.SheetNames.includes(`${p} ${y}`))).sort();
}

/** Reads one index sheet (`SI 2014`, `FI-obj 2016`, …) of the OBI xls. */
export function readXlsIndexSheet(wb: XLSX.WorkBook, part: Part, year: number, file: string): IndexTable {
  const sheet = `${part} ${year}`;
  const where = `${file} [blad ${sheet}]`;
  const rows = sheetRows(wb, sheet, where);
  if (rows.length < 3) throw new SourceError(where, 'blad heeft geen kop- en omschrijvingsregel');
  const sheetYear = rows[0]?.[1];
  if (sheetYear !== year && text(sheetYear) !== String(year)) {
    throw new SourceError(where, `jaar in cel B1 is ${JSON.stringify(sheetYear)}, verwacht ${year}`, 1);
  }
  const headers = rows[1]!.map(text);
  const descriptions = rows[2]!.map(text);
  const iGebied = uniqueColumn(headers, H_GEBIED, where, 2);
  const iWijk = uniqueColumn(headers, H_WIJKNR, where, 2);
  const iNaam = uniqueColumn(headers, H_NAAM, where, 2);
  const cols = columnsOf(part).map((c) => {
    const i = uniqueColumn(headers, c.code, where, 2);
    if (descriptions[i] !== c.label) {
      throw new SourceError(where, `omschrijving (rij 3) is "${descriptions[i]}", verwacht "${c.label}"`, 3, c.code);
    }
    return { ...c, i };
  });
  const out: IndexRow[] = [];
  for (let r = 3; r < rows.length; r++) {
    const cells = rows[r]!;
    if (isBlankCells(cells)) continue;
    const row = r + 1;
    const values = new Map<string, number | null>();
    for (const c of cols) {
      const v = c.kind ? parseComponentValue(cells[c.i], c.kind, where, row, c.code) : parseValue(cells[c.i], where, row, c.code);
      values.set(c.copy ? `${COPY}${c.variable}` : c.variable, v);
    }
    out.push({ wijknr: parseWijknr(cells[iWijk], where, row), naam: text(cells[iNaam]), gebied: text(cells[iGebied]), row, values });
  }
  return { file: where, year, part, rows: out };
}

/** Inhabitants at 1-1-2015 per Wijkprofiel wijknr (all 86 rows: wijken, gebieden, Rotterdam). */
export async function loadWijkprofielContext2015(sourceDir: string): Promise<Map<number, ContextWijk>> {
  const wb = await readWorkbook(sourceDir, CONTEXT_XLS);
  const where = `${CONTEXT_XLS} [blad ${CONTEXT_SHEET}]`;
  const rows = sheetRows(wb, CONTEXT_SHEET, where);
  const headers = (rows[1] ?? []).map(text);
  const iWijk = uniqueColumn(headers, 'wijknr', where, 2);
  const iNaam = uniqueColumn(headers, H_NAAM, where, 2);
  const iGebied = uniqueColumn(headers, 'Gebied', where, 2);
  const iInw = uniqueColumn(headers, 'Aantal inwoners', where, 2);
  const out = new Map<number, ContextWijk>();
  for (let r = 2; r < rows.length; r++) {
    const cells = rows[r]!;
    if (isBlankCells(cells)) continue;
    const row = r + 1;
    const wijknr = parseWijknr(cells[iWijk], where, row);
    const inwoners = parseValue(cells[iInw], where, row, 'Aantal inwoners');
    if (inwoners === null || inwoners < 0) throw new SourceError(where, 'aantal inwoners ontbreekt', row, 'Aantal inwoners');
    if (out.has(wijknr)) throw new SourceError(where, `wijknr ${wijknr} komt twee keer voor`, row, 'wijknr');
    out.set(wijknr, { wijknr, naam: text(cells[iNaam]), gebied: text(cells[iGebied]), inwoners });
  }
  return out;
}
