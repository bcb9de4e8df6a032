// The shapes of the published data (public/data/*.parquet), shared by build, pages and browser.

export type Level = 'land' | 'gemeente' | 'stadsdeel' | 'gebied' | 'wijk';

/** Why a value is absent. 'te weinig inwoners': left out of rates below the catalogue threshold. */
export type ObservationStatus = 'ok' | 'geheim' | 'ontbreekt' | 'niet van toepassing' | 'te weinig inwoners';

export interface Area {
  code: string;
  name: string;
  level: Level;
  /** Gebied for a wijk, gemeente for a gebied; null for the top levels. */
  parent: string | null;
  /** Years in which the code occurs in CBS Kerncijfers wijken en buurten. */
  years: number[];
}

export interface Observation {
  area: string;
  indicator: string;
  year: number;
  source: string;
  value: number | null;
  status: ObservationStatus;
  note: string | null;
  /**
   * The unit the source measured when that is not the area itself: a Wijkprofiel wijk spanning
   * several CBS buurten ('WP38') gives each of them the same value; peer groups count it once.
   */
  unit?: string | null;
}

/** Dutch words for levels as Rotterdam uses them: a CBS buurt is a wijk, a CBS wijk a gebied. */
export const LEVEL_LABEL: Record<Level, string> = {
  land: 'land',
  gemeente: 'gemeente',
  stadsdeel: 'stadsdeel',
  gebied: 'gebied',
  wijk: 'wijk',
};

export const STATUS_LABEL: Record<Exclude<ObservationStatus, 'ok'>, string> = {
  geheim: 'geheim (CBS houdt dit cijfer geheim of het is te onbetrouwbaar)',
  ontbreekt: 'ontbreekt in de bron',
  'niet van toepassing': 'niet van toepassing',
  'te weinig inwoners': 'te weinig inwoners voor een betrouwbaar cijfer',
};

export function levelOf(code: string): Level {
  if (code === 'NL') return 'land';
  if (code.startsWith('GM')) return 'gemeente';
  if (code.startsWith('WK')) return 'gebied';
  if (code.startsWith('BU')) return 'wijk';
  return 'stadsdeel';
}

/** BU05991086 → WK059910; WK059910 → GM0599. */
export function parentOf(code: string): string | null {
  if (code.startsWith('BU')) return `WK${code.slice(2, 8)}`;
  if (code.startsWith('WK')) return `GM${code.slice(2, 6)}`;
  return null;
}
