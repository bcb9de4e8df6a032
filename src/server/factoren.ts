// Build-time cache of the factoren data per year, so every wijk page reuses one query.
import { factorData, type FactorData } from '../lib/render/factoren-data';
import { dataDb } from './duckdb-node';

const cache = new Map<number, Promise<FactorData>>();

export function factorDataAt(year: number): Promise<FactorData> {
  let p = cache.get(year);
  if (!p) cache.set(year, (p = dataDb().then((db) => factorData(db, 'wijk', year))));
  return p;
}
