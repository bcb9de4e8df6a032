// The data of an indicator page's year view, loaded through the Db interface: DuckDB in Node at
// build time, DuckDB-wasm in the browser. Kept apart from the renderer so the page's script loads
// Plot only with the first redraw.
import type { Db } from '../db';
import { cityValue, levelRanking, type LevelRankingRow } from '../queries';

export type IndicatorLevel = 'wijk' | 'gebied';

export type IndicatorRow = LevelRankingRow;

export interface IndicatorViewData {
  id: string;
  level: IndicatorLevel;
  year: number;
  rows: IndicatorRow[];
  city: number | null;
}

/** Every area of the level with its value, status and rank in `year`, and the city value. */
export async function indicatorViewData(db: Db, id: string, level: IndicatorLevel, year: number): Promise<IndicatorViewData> {
  const [rows, city] = await Promise.all([levelRanking(db, id, level, year), cityValue(db, id, year)]);
  return { id, level, year, rows, city };
}
