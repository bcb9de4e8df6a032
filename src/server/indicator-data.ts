// Data for the indicator pages at build time: the years an indicator has at a level and the view
// of the latest one, through the same loader the browser uses for another year.
import { catalogue, indicator, type Indicator } from '../lib/catalogue';
import { indicatorYears } from '../lib/queries';
import { indicatorViewData, type IndicatorLevel, type IndicatorViewData } from '../lib/render/indicator-data';
import { dataDb } from './duckdb-node';
import { spreadData, type SpreadData } from '../lib/render/spread-view';

/** All years of every area of the level, with Rotterdam and Rotterdam-Zuid (the trend section). */
export async function indicatorSpread(id: string, level: IndicatorLevel): Promise<SpreadData> {
  return spreadData(await dataDb(), id, level);
}

export type { IndicatorLevel };

export function levelsFor(ind: Indicator): IndicatorLevel[] {
  return (['wijk', 'gebied'] as const).filter((l) => !ind.levels || ind.levels.includes(l));
}

export async function indicatorView(id: string, level: IndicatorLevel): Promise<{ years: number[]; view: IndicatorViewData | null }> {
  const db = await dataDb();
  const years = await indicatorYears(db, id, level);
  const year = years.at(-1);
  return { years, view: year === undefined ? null : await indicatorViewData(db, id, level, year) };
}

export function allIndicatorPaths() {
  return catalogue.indicators.flatMap((ind) => levelsFor(ind).map((level) => ({ id: ind.id, level })));
}

export { indicator };
