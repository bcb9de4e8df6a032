// Every observation of one area as CSV, one line per indicator and year, with source and licence.
import type { APIRoute } from 'astro';
import { indicator, seriesFor, sourceLine, catalogue } from '../../lib/catalogue';
import { series } from '../../lib/queries';
import { dataDb } from '../../server/duckdb-node';
import { allAreas } from '../../server/site-data';

export async function getStaticPaths() {
  return (await allAreas()).filter((a) => a.level !== 'land').map((a) => ({ params: { code: a.code } }));
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[";\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const GET: APIRoute = async ({ params }) => {
  const code = params.code!;
  const area = (await allAreas()).find((a) => a.code === code)!;
  const rows = await series(await dataDb(), [code]);
  const lines = [['gebiedscode', 'gebied', 'indicator', 'omschrijving', 'eenheid', 'jaar', 'waarde', 'status', 'toelichting', 'bron', 'licentie'].join(';')];
  for (const r of rows) {
    const ind = indicator(r.indicator);
    const s = seriesFor(ind, r.year);
    const src = s ? catalogue.sources[s.source] : undefined;
    lines.push([area.code, area.name, ind.id, ind.label, ind.unit, r.year, r.value, r.status, r.note ?? '', s ? sourceLine(s.source, r.year) : '', src?.licence ?? ''].map(cell).join(';'));
  }
  lines.push(`# Wijkbeeld Rotterdam. Decimaalteken: punt. Lege waarde: zie status. Bronnen: zie kolom bron.`);
  return new Response(lines.join('\r\n') + '\r\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
