// One indicator for all areas of a level: `<id>-<level>.csv` long (every year, with source per
// line), `<id>-<level>-breed.csv` wide (one column per year); `-international` for scripts.
import type { APIRoute } from 'astro';
import { CSV_HEADERS, longCsv, wideCsv } from '../../../lib/csv';
import { levelObservations } from '../../../lib/queries';
import { dataDb } from '../../../server/duckdb-node';
import { allIndicatorPaths } from '../../../server/indicator-data';

const VARIANTS = ['', '-international', '-breed', '-breed-international'];

export function getStaticPaths() {
  return allIndicatorPaths().flatMap(({ id, level }) =>
    VARIANTS.map((v) => ({ params: { file: `${id}-${level}${v}` }, props: { id, level, wide: v.includes('breed'), intl: v.includes('international') } })),
  );
}

export const GET: APIRoute = async ({ props }) => {
  const { id, level, wide, intl } = props as { id: string; level: string; wide: boolean; intl: boolean };
  const rows = await levelObservations(await dataDb(), id, level);
  const text = (wide ? wideCsv : longCsv)(rows, intl ? 'intl' : 'nl');
  return new Response(text, { headers: CSV_HEADERS });
};
