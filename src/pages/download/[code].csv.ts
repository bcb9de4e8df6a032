// Every observation of one area as CSV, one line per indicator and year, with source, table,
// licence and status: `<code>.csv` for Dutch Excel, `<code>-international.csv` for scripts.
import type { APIRoute } from 'astro';
import { CSV_HEADERS, longCsv } from '../../lib/csv';
import { areaObservations } from '../../lib/queries';
import { dataDb } from '../../server/duckdb-node';
import { pageSample } from '../../server/page-sample';
import { allAreas } from '../../server/site-data';

export async function getStaticPaths() {
  const codes = pageSample((await allAreas()).filter((a) => a.level !== 'land')).map((a) => a.code);
  return codes.flatMap((code) => [{ params: { code } }, { params: { code: `${code}-international` } }]);
}

export const GET: APIRoute = async ({ params }) => {
  const intl = params.code!.endsWith('-international');
  const code = params.code!.replace(/-international$/, '');
  const rows = await areaObservations(await dataDb(), [code]);
  return new Response(longCsv(rows, intl ? 'intl' : 'nl'), { headers: CSV_HEADERS });
};
