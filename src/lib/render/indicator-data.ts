// The data of an indicator page's year view, loaded through the Db interface: DuckDB in Node at
// build time, DuckDB-wasm in the browser. Kept apart from the renderer so the page's script loads
// Plot only with the first redraw.
import { sqlString, type Db } from '../db';
import type { ObservationStatus } from '../model';
import { CITY } from '../queries';

export type IndicatorLevel = 'wijk' | 'gebied';

export interface IndicatorRow {
  area: string;
  name: string;
  value: number | null;
  status: ObservationStatus | null;
  /** Precomputed in scores.parquet: 1 = best (judged) or highest (context, counts). */
  rank: number | null;
  peers: number | null;
}

export interface IndicatorViewData {
  id: string;
  level: IndicatorLevel;
  year: number;
  rows: IndicatorRow[];
  city: number | null;
}

/** Every area of the level with its value, status and rank in `year`, and the city value. */
export async function indicatorViewData(db: Db, id: string, level: IndicatorLevel, year: number): Promise<IndicatorViewData> {
  const ind = sqlString(id);
  const y = Math.trunc(year);
  const rows = await db.query<IndicatorRow>(
    `SELECT a.code AS area, a.name, o.value, o.status, s.rank, s.peers FROM areas a
     LEFT JOIN observations o ON o.area = a.code AND o.indicator = ${ind} AND o.year = ${y}
     LEFT JOIN scores s ON s.area = a.code AND s.indicator = ${ind} AND s.year = ${y} AND s.level = a.level
     WHERE a.level = ${sqlString(level)} ORDER BY a.code`,
  );
  const city = (await db.query<{ value: number | null }>(
    `SELECT value FROM observations WHERE area = '${CITY}' AND indicator = ${ind} AND year = ${y} AND status = 'ok'`,
  ))[0]?.value ?? null;
  return { id, level, year, rows, city };
}

