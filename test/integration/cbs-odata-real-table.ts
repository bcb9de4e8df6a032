// The real 85984NED table for the OData tests (PROVENANCE §1): its real TableInfos and
// DataProperties, and rows built from the two real 2024 StatLine CSVs joined by row number (all
// 18,310 areas; topics the CSVs lack are null with '.'), typed and untyped, with a WijkenEnBuurten
// dimension whose rows carry CBS's fields.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseLabel, parseCbsNumber, readCsvRows } from '../../scripts/sources/csv.ts';
import type { DataProperty } from '../../scripts/sources/cbs-odata.ts';
import { KWB2024_HERKOMST_FILE, KWB2024_MAIN_FILE } from '../../scripts/sources/kwb-2024-csv.ts';
import type { ServedTable } from '../unit/cbs-odata/odata-server.ts';
import { geoRow } from '../unit/cbs-odata/fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dir = path.resolve(repoRoot, process.env.OPENDATA_DIR ?? '../shared/opendata');
const META = path.join(dir, 'cbs_kwb_2024_85984NED');

const readArray = (f: string) => JSON.parse(fs.readFileSync(path.join(META, f), 'utf8')) as Record<string, unknown>[];

/** 'Topic/Sub/Title (unit)' as the StatLine CSV header spells it, from DataProperties. */
function csvTitles(props: DataProperty[]): Map<string, string> {
  const byId = new Map(props.map((p) => [p.ID, p]));
  const out = new Map<string, string>();
  for (const p of props) {
    if (p.Type !== 'Topic') continue;
    const segs = [p.Title!];
    for (let id = p.ParentID; id !== null && id !== undefined; id = byId.get(id)!.ParentID) segs.unshift(byId.get(id)!.Title!);
    out.set(normaliseLabel(`${segs.join('/')} (${p.Unit})`), p.Key);
  }
  return out;
}

/** The served table: real metadata, rows from the two real CSVs joined by row number. */
export function realTable(): { table: ServedTable; mappedColumns: number } {
  const props = readArray('85984NED_DataProperties.json') as unknown as DataProperty[];
  const titles = csvTitles(props);
  const topics = props.filter((p) => p.Type === 'Topic');
  const files = [KWB2024_MAIN_FILE, KWB2024_HERKOMST_FILE].map((f) => readCsvRows(fs.readFileSync(path.join(dir, f), 'utf8'), f));
  const columns = files.map((rows) =>
    rows[0]!.fields.map((h, i) => {
      if (i === 0) return 'name';
      const key = titles.get(normaliseLabel(h));
      if (!key) throw new Error(`CSV-kolom "${h}" niet gevonden in DataProperties`);
      return key;
    }),
  );
  const [main, extra] = files as [ReturnType<typeof readCsvRows>, ReturnType<typeof readCsvRows>];
  const dimension: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [];
  const untyped: Record<string, unknown>[] = [];
  for (let i = 1; i < main.length; i++) {
    if (main[i]!.fields.length < 2) continue;
    const row: Record<string, unknown> = { ID: i - 1 };
    // Untyped: CBS's text; '.' for the topics the CSVs lack, the CSV's own symbol ('.' or blank) otherwise.
    const text: Record<string, unknown> = { ID: i - 1 };
    for (const t of topics) {
      row[t.Key] = null;
      text[t.Key] = t.Datatype === 'String' ? '' : '       .';
    }
    let name = '';
    [main[i]!, extra[i]!].forEach((r, f) => {
      r.fields.forEach((v, c) => {
        const key = columns[f]![c]!;
        const dp = topics.find((t) => t.Key === key);
        if (key === 'name') name = v.trim();
        else if (dp!.Datatype === 'String') row[key] = text[key] = v;
        else {
          row[key] = parseCbsNumber(v, 'csv', r.line, key).value;
          text[key] = row[key] === null ? v.trim().padStart(8) : String(row[key]).padStart(8);
        }
      });
    });
    row.WijkenEnBuurten = text.WijkenEnBuurten = row.Codering_3;
    dimension.push({ ...geoRow(String(row.Codering_3).trim(), name), Key: row.Codering_3 });
    data.push(row);
    untyped.push(text);
  }
  return {
    table: { tableInfos: readArray('85984NED_TableInfos.json'), dataProperties: props as unknown as Record<string, unknown>[], dimensions: { WijkenEnBuurten: dimension }, data, untyped },
    mappedColumns: columns.flat().length - 2,
  };
}

