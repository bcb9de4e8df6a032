// Data for the indicator pages: every area of one level for one indicator and year.
import { catalogue, indicator, type Indicator } from '../lib/catalogue';
import { indicatorYears, levelValues, CITY } from '../lib/queries';
import { dataDb } from './duckdb-node';

export type IndicatorLevel = 'wijk' | 'gebied';

export function levelsFor(ind: Indicator): IndicatorLevel[] {
  return (['wijk', 'gebied'] as const).filter((l) => !ind.levels || ind.levels.includes(l));
}

export async function indicatorView(id: string, level: IndicatorLevel) {
  const ind = indicator(id);
  const db = await dataDb();
  const years = await indicatorYears(db, id, level);
  const year = years.at(-1) ?? null;
  const rows = year === null ? [] : await levelValues(db, id, level, year);
  const city = year === null ? null : ((await db.query<{ value: number | null }>(
    `SELECT value FROM observations WHERE area = '${CITY}' AND indicator = '${id}' AND year = ${year}`,
  ))[0]?.value ?? null);
  return { ind, years, year, rows, city };
}

export function allIndicatorPaths() {
  return catalogue.indicators.flatMap((ind) => levelsFor(ind).map((level) => ({ id: ind.id, level })));
}
