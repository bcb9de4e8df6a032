// Every source loader, in the order the build runs them; the one list the build, the check of the
// source folder and the docs read. A new source is: its loader module (exporting a Loader, see
// types.ts), one line here, its entry in data/indicators.json `sources`, a fixture and a test.
import type { Loader } from './types.ts';
import { loader as kwbStatline } from './kwb-statline.ts';
import { populationLoader, politieLoader } from './kwb-extra.ts';
import { loader as kwb2024 } from './kwb-2024-csv.ts';
import { loader as kwbTransposed } from './kwb-transposed.ts';
import { loader2016 as wbk2016, loader2024 as wbk2024 } from './wijkbuurtkaart.ts';
import { loader as regio } from './gemeente-context.ts';
import { loader as rivm } from './rivm.ts';
import { loader as eenzaamheid } from './eenzaamheid.ts';
import { loader as leefbaarometer } from './leefbaarometer.ts';
import { loader as wijkprofiel } from './wijkprofiel.ts';
import { loader as cbsOdata } from './cbs-odata.ts';

export const LOADERS: readonly Loader[] = [
  kwbStatline,
  populationLoader,
  kwb2024,
  kwbTransposed,
  wbk2024,
  wbk2016,
  regio,
  politieLoader,
  rivm,
  eenzaamheid,
  leefbaarometer,
  wijkprofiel,
  cbsOdata,
];

export function loaderNamed(name: string): Loader {
  const l = LOADERS.find((x) => x.name === name);
  if (!l) throw new Error(`Geen lader "${name}"; wel: ${LOADERS.map((x) => x.name).join(', ')}`);
  return l;
}
