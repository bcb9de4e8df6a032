// The whole dataset as a zipped CSV set, built once at build time: every observation (long, Dutch
// Excel and international), the areas and the data dictionary.
import type { APIRoute } from 'astro';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { catalogue } from '../../lib/catalogue';
import { formatCsv, longCsvChunks } from '../../lib/csv';
import { decimalsOf } from '../../lib/format';
import { dataDb } from '../../server/duckdb-node';

/** A fixed date keeps the zip byte-identical between builds of the same data. */
const MTIME = new Date('2026-01-01T00:00:00Z');

export const GET: APIRoute = async () => {
  const db = await dataDb();
  const obs = await db.query<{ area: string; name: string; level: string; indicator: string; year: number; value: number | null; status: string; note: string | null }>(
    `SELECT o.area, a.name, a.level, o.indicator, o.year, o.value, o.status, o.note
     FROM observations o JOIN areas a ON a.code = o.area ORDER BY o.indicator, a.code, o.year`,
  );
  const areas = await db.query<{ code: string; name: string; level: string; parent: string | null }>(`SELECT code, name, level, parent FROM areas ORDER BY code`);
  const areaRows = (d: 'nl' | 'intl') => formatCsv([['gebiedscode', 'gebied', 'niveau', 'ligt_in'], ...areas.map((a) => [a.code, a.name, a.level, a.parent ?? ''])], d);
  const dict = (d: 'nl' | 'intl') => formatCsv([
    ['indicator', 'omschrijving', 'definitie', 'eenheid', 'decimalen', 'richting', 'bronnen_en_jaren'],
    ...catalogue.indicators.map((i) => [i.id, i.label, i.definition, i.unit, String(decimalsOf(i.format)), i.direction,
      i.series.map((s) => `${catalogue.sources[s.source].publisher}, ${catalogue.sources[s.source].title}: ${s.years.join(' ')}`).join(' | ')]),
  ], d);
  const files: [string, Iterable<string>][] = [
    ['LEESMIJ.txt', ['Wijkbeeld Rotterdam: alle cijfers als CSV.\r\n*-excel.csv: voor Nederlandse Excel (puntkomma, decimale komma, UTF-8 met BOM).\r\n*-international.csv: komma en decimale punt, zonder BOM, voor scripts.\r\nBron en licentie staan per regel in waarnemingen-*.csv.\r\n']],
    ['waarnemingen-excel.csv', longCsvChunks(obs, 'nl')],
    ['waarnemingen-international.csv', longCsvChunks(obs, 'intl')],
    ['gebieden-excel.csv', [areaRows('nl')]],
    ['gebieden-international.csv', [areaRows('intl')]],
    ['indicatoren-excel.csv', [dict('nl')]],
    ['indicatoren-international.csv', [dict('intl')]],
  ];
  // Streamed piece by piece: the whole CSV never exists as one string (too long at 100× the data).
  const parts: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failed = err;
    else parts.push(data);
  });
  for (const [name, pieces] of files) {
    const file = new ZipDeflate(name, { level: 9 });
    file.mtime = MTIME;
    zip.add(file);
    for (const piece of pieces) file.push(strToU8(piece));
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failed) throw failed;
  return new Response(new Blob(parts as BlobPart[]), { headers: { 'Content-Type': 'application/zip' } });
};
