// Loader for the Gemeente Rotterdam Wijkprofiel (OBI): the sociale, fysieke and veiligheidsindex per
// Rotterdam "wijk" (its own numbering, e.g. 71 Tarwewijk), per gebied (4000-4013) and for the city (5000),
// mapped to CBS codes through the committed table data/wijkprofiel-gebieden.csv.
//
// sourceDir is the open-data root (as for every loader); the files are in its folder `rotterdam_wijkprofiel/`
// (PROVENANCE sections 6 and 9). `files` in the result are relative to sourceDir.
//   - The years with all four sheets `SI|FI-subj|FI-obj|VI <year>` in the OBI xls (2014, 2016; unrounded
//     values) come from there (wijkprofiel/xls.ts): row 0 = year (column B) and group codes, row 1 =
//     header codes, row 2 = Dutch descriptions (not data), data from row 3 (86 rows, followed by empty
//     formatted rows). `Labels` is the fifth sheet.
//   - Every other year of the CSVs in csv_2014_2016_2018/ (2018; rounded integers) comes from those
//     (wijkprofiel/csv.ts), and must have all four parts. The 2014/2016 CSVs are not read: the xls has
//     the same figures unrounded (checked in the integration test); there is no 2016 si CSV (it was a
//     mislabelled copy of 2018).
// The column layout is in wijkprofiel/columns.ts, the mapping table in wijkprofiel/mapping.ts.
//
// Which column is which index (checked against the row-2 descriptions of the xls and the CSV headers):
//
//   variable          xls sheet   xls code  xls row-2 description / CSV header   CSV file
//   SI                SI          SI        Sociale Index                         si
//   SI subjectief     SI          SIs       Sociale Index subjectief              si
//   SI objectief      SI          SIo       Sociale Index objectief               si
//   FI                FI-obj      FI        Fysieke Index                         fi_obj
//   FI objectief      FI-obj      FIo       Fysieke Index -objectief              fi_obj
//   FI subjectief     FI-subj     FIs       Fysieke Index -subjectief             fi_subj
//   VI                VI          VI        Veiligheidsindex                      vi
//   VI subjectief     VI          VIs       Veiligheidsindex -subjectief          vi
//   VI objectief      VI          VIo       Veiligheidsindex -objectief           vi
//   VI <thema> subj.  VI          VIs1..5   Diefstal-/Geweld-/Inbraak-/Vandalisme-subjectief, Overlast subjectief
//   VI <thema> obj.   VI          VIo1..5   Diefstal-/Geweld-/Inbraak-/Vandalisme-objectief, Overlast objectief
//
// Besides the indices, the component measurements in COMPONENT_COLUMNS (wijkprofiel/columns.ts): the
// registration-based figures (income, education, work, early deaths, housing, police registrations)
// and a few survey questions, under their xls code as variable. In the xls a percentage is a fraction
// (0.669), in the CSV a text with `%` (67%); both come out as 0-100. They map to CBS codes exactly like
// the indices (samengevoegd: the value of the whole Wijkprofiel wijk on each buurt, with note and unit).
//
// Both FI sheets (and both FI CSVs) carry FI, FIs and FIo; the loader reads FI and FIo from FI-obj and FIs
// from FI-subj, and requires the copies in the other sheet/file to be identical (they are, in all years).
// The codes alone are ambiguous across sheets (`Ms`/`Mo` mean Meedoen in SI but Milieu in FI), so xls
// columns are found by code AND checked against their row-2 description.
//
// Mapping (data/wijkprofiel-gebieden.csv, keyed on wijknr, never on name: Delfshaven, Overschie,
// Feijenoord, Pernis and Rozenburg are both a wijk and a gebied):
//   gelijk        -> the value on that one code;
//   samengevoegd  -> the same value on each CBS buurt of the group, with a note;
//   deel          -> several Wijkprofiel wijken in one CBS buurt: mean weighted by the inhabitants at
//                    1-1-2015 of those wijken (Context2015 xls), with a note; missing if any part is missing.
// Wijkprofiel rows whose wijknr is not in the table are returned in `unmapped` (not thrown).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { missingDetail, type Expected } from '../completeness.ts';
import { SourceError, type Loader, type LoadResult, type SourceArea, type SourceValue } from './types.ts';
import { findFiles } from './files.ts';
import { readWorkbook } from './xlsx.ts';
import { ALL_COLUMNS, COPY, H_WIJKNR, PARTS, type IndexTable } from './wijkprofiel/columns.ts';
import { CONTEXT_XLS, loadWijkprofielContext2015, readXlsIndexSheet, WIJKPROFIEL_DIR, WIJKPROFIEL_XLS, xlsYears, type ContextWijk } from './wijkprofiel/xls.ts';
import { CSV_DIR, CSV_FILES, indexCsvFile, indexCsvOf, parseIndexCsv } from './wijkprofiel/csv.ts';
import { readWijkprofielMapping, WIJKPROFIEL_MAPPING, type WijkprofielMapping } from './wijkprofiel/mapping.ts';

export { ALL_COLUMNS, COMPONENT_COLUMNS, INDEX_COLUMNS, parseComponentValue, parseValue, type ComponentColumn, type ComponentKind, type IndexColumn, type IndexRow, type IndexTable, type Part } from './wijkprofiel/columns.ts';
export { CONTEXT_SHEET, CONTEXT_XLS, loadWijkprofielContext2015, readXlsIndexSheet, WIJKPROFIEL_DIR, WIJKPROFIEL_XLS, type ContextWijk } from './wijkprofiel/xls.ts';
export { CSV_DIR, decodeText, parseIndexCsv } from './wijkprofiel/csv.ts';
export { MAPPING_COLUMNS, readWijkprofielMapping, RELATIES, WIJKPROFIEL_MAPPING, type Relatie, type WijkprofielMapping } from './wijkprofiel/mapping.ts';

export const SOURCE = 'wijkprofiel';

export interface UnmappedWijk {
  wijknr: number;
  naam: string;
  gebied: string;
  /** Files (relative to sourceDir, with sheet for the xls) in which the row occurs. */
  files: string[];
}

export interface WijkprofielResult extends LoadResult {
  /** Wijkprofiel rows whose wijknr is not in the mapping table; the build prints these. */
  unmapped: UnmappedWijk[];
}

// ---------------------------------------------------------------------------------------------------
// Merging the four parts of one year

interface YearRow {
  wijknr: number;
  naam: string;
  gebied: string;
  files: string[];
  values: Map<string, number | null>;
}

/**
 * Joins the SI/FI-obj/FI-subj/VI tables of one year on wijknr, checks that each part has the same wijken
 * with the same names, and that the FI copies in the other FI part are identical.
 */
function mergeParts(tables: IndexTable[]): YearRow[] {
  const byNr = new Map<number, YearRow>();
  const first = tables[0];
  for (const t of tables) {
    const seen = new Set<number>();
    const notInFirst: [string, string][] = [];
    for (const r of t.rows) {
      if (seen.has(r.wijknr)) throw new SourceError(t.file, `wijknr ${r.wijknr} komt twee keer voor`, r.row, H_WIJKNR);
      seen.add(r.wijknr);
      let y = byNr.get(r.wijknr);
      if (!y) {
        if (t !== first) {
          notInFirst.push([`wijknr ${r.wijknr}`, r.naam]);
          continue;
        }
        y = { wijknr: r.wijknr, naam: r.naam, gebied: r.gebied, files: [], values: new Map() };
        byNr.set(r.wijknr, y);
      } else if (y.naam !== r.naam) {
        throw new SourceError(t.file, `wijknr ${r.wijknr} heet hier "${r.naam}", in ${first.file} "${y.naam}"`, r.row);
      }
      y.files.push(t.file);
      for (const [k, v] of r.values) y.values.set(k, v);
    }
    // A part cut short misses wijken the others have: name all of them, whichever part is short.
    if (notInFirst.length) throw new SourceError(first.file, missingDetail(notInFirst, t.rows.length, `de wijken in ${t.file}`));
    const missing = [...byNr.values()].filter((y) => !seen.has(y.wijknr)).map((y): [string, string] => [`wijknr ${y.wijknr}`, y.naam]);
    if (missing.length) throw new SourceError(t.file, missingDetail(missing, byNr.size, `de wijken in ${first.file}`));
  }
  for (const y of byNr.values()) {
    for (const [k, copy] of [...y.values]) {
      if (!k.startsWith(COPY)) continue;
      const variable = k.slice(COPY.length);
      const v = y.values.get(variable);
      if (v !== copy && !(v !== null && copy !== null && v !== undefined && Math.abs(v - copy) < 1e-9)) {
        throw new SourceError(
          y.files.join(' / '),
          `${variable} van wijknr ${y.wijknr} verschilt tussen FI-obj (${v}) en FI-subj (${copy})`,
        );
      }
      y.values.delete(k);
    }
  }
  return [...byNr.values()];
}

// ---------------------------------------------------------------------------------------------------
// The loader

function fmt(n: number): string {
  return n.toLocaleString('nl-NL');
}

/**
 * Reads the four parts of every year: the years the xls has all four sheets of from there, every
 * other year the CSVs name from the CSVs (then all four must be there). A new year is new files.
 */
export async function readWijkprofielYears(sourceDir: string): Promise<{ years: Map<number, YearRow[]>; files: string[] }> {
  const files: string[] = [WIJKPROFIEL_XLS];
  const wb = await readWorkbook(sourceDir, WIJKPROFIEL_XLS);
  const fromXls = xlsYears(wb);
  const years = new Map<number, YearRow[]>();
  for (const year of fromXls) {
    years.set(year, mergeParts(PARTS.map((p) => readXlsIndexSheet(wb, p, year, WIJKPROFIEL_XLS))));
  }
  const csvYears = [...new Set(findFiles(sourceDir, CSV_DIR, CSV_FILES).map((f) => indexCsvOf(f)?.year))]
    .filter((y): y is number => y !== undefined && !fromXls.includes(y))
    .sort();
  for (const year of csvYears) {
    const tables: IndexTable[] = [];
    for (const p of PARTS) {
      const rel = indexCsvFile(year, p);
      files.push(rel);
      let buf: Buffer;
      try {
        buf = await readFile(path.join(sourceDir, rel));
      } catch (e) {
        throw new SourceError(rel, `bestand niet leesbaar (de andere delen van ${year} staan er wel): ${(e as Error).message}`);
      }
      tables.push(parseIndexCsv(buf, rel, p, year));
    }
    years.set(year, mergeParts(tables));
  }
  return { years, files };
}

/**
 * Loads the Wijkprofiel index values of every year and maps them to CBS codes.
 * Areas: the Wijkprofiel name of every 'gelijk' row (samengevoegd/deel wijken name no CBS area).
 */
export async function loadWijkprofiel(sourceDir: string, mappingCsvPath: string): Promise<WijkprofielResult> {
  const mapping = await readWijkprofielMapping(mappingCsvPath);
  const byNr = new Map(mapping.map((m) => [m.wijknr, m]));
  const { years, files } = await readWijkprofielYears(sourceDir);

  const needsContext = mapping.some((m) => m.relatie === 'deel');
  const context = needsContext ? await loadWijkprofielContext2015(sourceDir) : new Map<number, ContextWijk>();
  if (needsContext) files.push(CONTEXT_XLS);

  const values: SourceValue[] = [];
  const areas: SourceArea[] = [];
  const unmapped = new Map<number, UnmappedWijk>();

  for (const [year, rows] of years) {
    const deelGroups = new Map<string, { m: WijkprofielMapping; row: YearRow }[]>();
    for (const row of rows) {
      const m = byNr.get(row.wijknr);
      if (!m) {
        const u = unmapped.get(row.wijknr) ?? { wijknr: row.wijknr, naam: row.naam, gebied: row.gebied, files: [] };
        u.files.push(...row.files.filter((f) => !u.files.includes(f)));
        unmapped.set(row.wijknr, u);
        continue;
      }
      if (m.relatie === 'deel') {
        const code = m.codes[0];
        deelGroups.set(code, [...(deelGroups.get(code) ?? []), { m, row }]);
        continue;
      }
      const note =
        m.relatie === 'samengevoegd'
          ? `Wijkprofiel-wijk ${m.naam} (${m.wijknr}) omvat ${m.codes.join(' + ')}; elke buurt krijgt de waarde van de hele Wijkprofiel-wijk`
          : undefined;
      if (m.relatie === 'gelijk') areas.push({ code: m.codes[0], name: row.naam, year, source: SOURCE });
      for (const code of m.codes) {
        for (const c of ALL_COLUMNS) {
          const value = row.values.get(c.variable) ?? null;
          values.push({
            source: SOURCE,
            year,
            area: code,
            variable: c.variable,
            value,
            status: value === null ? 'ontbreekt' : 'ok',
            ...(note ? { note, unit: `WP${m.wijknr}` } : {}),
          });
        }
      }
    }
    for (const [code, parts] of deelGroups) {
      const weights = parts.map(({ m }) => {
        const w = context.get(m.wijknr);
        if (!w) throw new SourceError(CONTEXT_XLS, `geen inwonertal voor wijknr ${m.wijknr} (${m.naam}), nodig voor ${code}`);
        return w.inwoners;
      });
      const total = weights.reduce((a, b) => a + b, 0);
      const note =
        `Bevolkingsgewogen gemiddelde van Wijkprofiel-wijken ` +
        parts.map(({ m }, i) => `${m.naam} (${m.wijknr}, ${fmt(weights[i])} inw.)`).join(' en ') +
        ` die samen CBS-buurt ${code} vormen; gewichten: inwoners 1-1-2015 (Context2015)`;
      for (const c of ALL_COLUMNS) {
        const vs = parts.map(({ row }) => row.values.get(c.variable) ?? null);
        const value =
          vs.some((v) => v === null) || total <= 0 ? null : vs.reduce<number>((s, v, i) => s + (v as number) * weights[i], 0) / total;
        values.push({ source: SOURCE, year, area: code, variable: c.variable, value, status: value === null ? 'ontbreekt' : 'ok', note });
      }
    }
  }
  // Complete = every wijk of the mapping table in every year (all four parts of a year agree, mergeParts).
  const expectedNrs = new Map(mapping.map((m) => [`wijknr ${m.wijknr}`, m.naam]));
  const expected: Expected[] = [...years].map(([year, rows]) => ({
    file: [...new Set(rows.flatMap((r) => r.files))].join(' + ') || `Wijkprofiel ${year}`,
    basis: path.basename(mappingCsvPath),
    expected: expectedNrs,
    found: new Set(rows.map((r) => `wijknr ${r.wijknr}`)),
  }));
  return { values, areas, files, unmapped: [...unmapped.values()], expected };
}

export const loader: Loader = {
  name: 'wijkprofiel',
  sources: [SOURCE],
  folder: WIJKPROFIEL_DIR,
  files: [WIJKPROFIEL_XLS, CONTEXT_XLS, `${CSV_DIR}/${CSV_FILES}`].map((f) => f.slice(WIJKPROFIEL_DIR.length + 1)),
  load: (sourceDir) => loadWijkprofiel(sourceDir, WIJKPROFIEL_MAPPING),
};
