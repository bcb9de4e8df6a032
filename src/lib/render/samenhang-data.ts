// The data of the samenhang page's pair view (two indicators per wijk), through the Db interface:
// DuckDB in Node at build time, DuckDB-wasm in the browser. Kept apart from the renderer so the
// page's script loads Plot only with the first redraw.
import { catalogue } from '../catalogue';
import type { Db } from '../db';
import { correlations, latestYears, pairValues } from '../queries';

export interface PairData {
  x: string;
  y: string;
  rows: { area: string; name: string; x: number; y: number; zuid: boolean }[];
  /** The latest year with values per wijk of each indicator (the views use that year). */
  years: { x: number | null; y: number | null };
  r: number | null;
}

export async function pairData(db: Db, x: string, y: string): Promise<PairData> {
  const rows = await pairValues(db, 'wijk', x, y, catalogue.zuid.gebieden);
  const years = new Map((await latestYears(db, 'wijk', [x, y])).map((r) => [r.indicator, r.year]));
  const r = x === y ? 1 : (await correlations(db, 'wijk', [x, y]))[0]?.r ?? null;
  return { x, y, rows, years: { x: years.get(x) ?? null, y: years.get(y) ?? null }, r };
}
