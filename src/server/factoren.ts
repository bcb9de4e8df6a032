// Build-time cache of the factoren data per year, so every wijk page reuses one query, and the
// default choice of the factoren page with its years taken from the data.
import { factorData, type FactorData } from '../lib/render/factoren-data';
import type { FactorState } from '../lib/render/factoren-view';
import { commonYears } from '../lib/queries';
import { dataDb } from './duckdb-node';

const cache = new Map<number, Promise<FactorData>>();

export function factorDataAt(year: number): Promise<FactorData> {
  let p = cache.get(year);
  if (!p) cache.set(year, (p = dataDb().then((db) => factorData(db, 'wijk', year))));
  return p;
}

/** The outcome and factors shown first; used by the factoren page and the wijk page's lines. */
const DEFAULT_CHOICE = { level: 'wijk', outcome: 'bijstand', x: 'laag_inkomen', factors: ['laag_inkomen', 'eenpersoons'] };

let defaults: Promise<FactorState> | undefined;

/** The default view: the latest year in which the outcome and its factors all have wijk values
 * (incomes per wijk end in 2017), compared with the first such year. */
export function defaultFactorState(): Promise<FactorState> {
  defaults ??= dataDb().then(async (db) => {
    const years = await commonYears(db, DEFAULT_CHOICE.level, [...new Set([DEFAULT_CHOICE.outcome, ...DEFAULT_CHOICE.factors])]);
    if (!years.length) throw new Error(`Geen jaar waarin ${DEFAULT_CHOICE.outcome} en ${DEFAULT_CHOICE.factors.join(', ')} alle drie een waarde per wijk hebben`);
    const year = years.at(-1)!;
    return { ...DEFAULT_CHOICE, year, wijk: null, deltas: DEFAULT_CHOICE.factors.map(() => 0), from: years[0] === year ? null : years[0]! };
  });
  return defaults;
}
