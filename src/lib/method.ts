// What the method page (/methode/) says, derived from the catalogue and the data build, never
// from a hand list: the table of every source year, the comparison rule per scale, the files
// published, and the build's list of summed figures, boundary changes and odd values.
import type { Catalogue, Indicator, Scale, Series } from './catalogue';

/** A weight variable in words: "Huishoudens totaal [aantal]" and "aantal_huishoudens" are both
 * "huishoudens"; "oppervlakte_land_in_ha" is "oppervlakte land". */
export function weightWords(variable: string): string {
  return variable
    .replace(/\s*\[[^\]]*\]$/, '')
    .replaceAll('_', ' ')
    .toLowerCase()
    .replace(/^aantal /, '')
    .replace(/ totaal$/, '')
    .replace(/ in ha$/, '')
    .trim();
}

/** One source year: its table id (or name) and the link to it. */
export interface TableRef { year: number; table: string; url: string }

/** Every year of a series with the table of that year, in year order. */
export function tableRefs(cat: Catalogue, s: Series): TableRef[] {
  const src = cat.sources[s.source];
  return [...s.years].sort((a, b) => a - b).map((year) => {
    const table = src.tables[String(year)];
    if (!table) throw new Error(`data/indicators.json: bron "${s.source}" heeft geen tabel voor ${year}`);
    return { year, table, url: src.url.replace('{table}', table) };
  });
}

/** Consecutive years that share a table and link ("2012, 2016, 2020: 50090NED") are one group. */
export function groupTableRefs(refs: TableRef[]): { years: number[]; table: string; url: string }[] {
  const out: { years: number[]; table: string; url: string }[] = [];
  for (const r of refs) {
    const last = out.at(-1);
    if (last && last.table === r.table && last.url === r.url) last.years.push(r.year);
    else out.push({ years: [r.year], table: r.table, url: r.url });
  }
  return out;
}

export interface ScaleRule { id: 'index' | 'difference' | 'share' | 'context'; title: string; text: string; indicators: Indicator[] }

/**
 * The comparison with the city per catalogue scale (src/lib/compare.ts), with the indicators
 * under each. Rates and scores without a direction (context) are listed apart: they are compared
 * but never judged. Counts are never judged.
 */
export function scaleRules(cat: Catalogue): ScaleRule[] {
  const judged = (scale: Scale) => cat.indicators.filter((i) => i.scale === scale && i.direction !== 'neutral');
  return [
    { id: 'index', title: 'Percentages, cijfers per 1.000 inwoners en gemiddelden: index', text: 'De waarde van het gebied gedeeld door die van Rotterdam, maal 100. Boven of onder 100 is beter of slechter naar gelang de richting van de indicator; binnen 5 punten van 100 heet het gelijk aan de stad.', indicators: judged('rate') },
    { id: 'difference', title: 'Scores en schalen met een teken: verschil', text: 'Het verschil met Rotterdam in de eenheid van de indicator (bijvoorbeeld +0,13 of −12 indexpunten). Een index zou hier niets betekenen: een schaal rond 0 of een indexscore laat zich niet delen. Een verschil dat afgerond 0 is, heet gelijk.', indicators: judged('score') },
    { id: 'share', title: 'Aantallen: deel van de stad, zonder oordeel', text: 'Hoeveel procent van het Rotterdamse aantal in het gebied woont of voorkomt. Een aantal zegt hoe groot een gebied is, niet hoe goed het gaat: geen kleur, geen beter of slechter; in ranglijsten staat het grootste bovenaan.', indicators: cat.indicators.filter((i) => i.scale === 'count') },
    { id: 'context', title: 'Context: vergelijken zonder oordeel', text: 'Indicatoren zonder richting (wie er wonen, hoe er gewoond wordt) krijgen een index of verschil zoals hierboven, maar "hoger" of "lager" is hier geen oordeel.', indicators: cat.indicators.filter((i) => i.scale !== 'count' && i.direction === 'neutral') },
  ];
}

/** What each published file holds. A file the build writes without an entry here is still listed. */
export const FILE_DESCRIPTIONS: Record<string, string> = {
  'observations.parquet': 'gebied, indicator, jaar, waarde, status en toelichting (ook: grenswijzigingen, opvallende waarden, sommen van wijken)',
  'areas.parquet': 'codes, namen, niveau en bovenliggend gebied',
  'indicators.parquet': 'de indicatoren met eenheid, schaal en richting',
  'scores.parquet': 'z-scores, plek in de ranglijst en aantal vergeleken gebieden per gebied, indicator en jaar',
  'boundaries.json': 'grenzen van gebieden en wijken (TopoJSON, WGS84)',
  'manifest.json': 'bouwdatum, aantallen rijen, jaren, bronnen, en de lijsten op deze pagina (sommen, grenswijzigingen, opvallende waarden)',
};

/** The files the data build published (manifest `files`) plus the manifest itself. */
export function publishedFiles(manifestFiles: string[]): { file: string; description: string | null }[] {
  const files = manifestFiles.includes('manifest.json') ? manifestFiles : [...manifestFiles, 'manifest.json'];
  return files.map((file) => ({ file, description: FILE_DESCRIPTIONS[file] ?? null }));
}

// ---- The build's own findings, written to manifest.json as `derived` (scripts/pipeline/derived-summary.ts).

export interface DerivedBoundaryChange {
  area: string;
  name: string;
  from: number;
  to: number;
  basis: 'cbs' | 'oppervlakte';
  haBefore: number | null;
  haAfter: number | null;
  inhabitantsBefore: number | null;
  inhabitantsAfter: number | null;
}

export interface DerivedOddValue {
  area: string;
  name: string;
  indicator: string;
  label: string;
  year: number;
  reason: string;
}

export interface DerivedSummed {
  indicator: string;
  label: string;
  year: number;
  /** Names of the areas whose figure is a sum of their wijken (or made from such sums). */
  areas: string[];
  city: boolean;
}

export interface DerivedSummary {
  rules: { areaChangeShare: number; areaChangeMinHa: number; oddFence: number; oddJump: number; oddCountFactor: number; minCount: number };
  boundaryChanges: DerivedBoundaryChange[];
  oddValues: DerivedOddValue[];
  summed: DerivedSummed[];
}
