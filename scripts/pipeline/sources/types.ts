// The one shape every source loader returns. Loaders know their file format; they do not know
// the indicator catalogue. The catalogue (data/indicators.json) names, per indicator and year,
// which source + variable it reads, so a new year or source never needs page code.

import type { Expected } from '../completeness.ts';

/** Why a value is (or is not) there. A missing value is never turned into 0. */
export type Status = 'ok' | 'geheim' | 'ontbreekt' | 'niet van toepassing';

export interface SourceValue {
  /** Source id as used in the catalogue, e.g. 'kwb' , 'kwb2024', 'rivm', 'wijkprofiel'. */
  source: string;
  /** Reference year of the figure. */
  year: number;
  /** CBS code, trimmed: 'NL', 'GM0599', 'WK059901', 'BU05990110'. */
  area: string;
  /** The variable as the source names it, normalised (trimmed, StatLine '|' stripped). */
  variable: string;
  value: number | null;
  /** 'ok' exactly when value is a number. */
  status: Status;
  /** Optional remark shown with the value, e.g. how a Wijkprofiel wijk maps to CBS buurten. */
  note?: string;
  /** The unit measured when several areas share one value (a merged Wijkprofiel wijk: 'WP38'). */
  unit?: string;
}

/** An area as one source names it in one year; the build merges these into the areas table. */
export interface SourceArea {
  code: string;
  name: string;
  year: number;
  source: string;
}

export interface LoadResult {
  values: SourceValue[];
  areas: SourceArea[];
  /** Files read, relative to the source folder, for the manifest. */
  files: string[];
  /** What each file must hold (scripts/pipeline/completeness.ts); the build checks it after loading. */
  expected?: Expected[];
}

/**
 * A source loader describes itself; sources/index.ts lists them all, and the build, the check of the
 * source folder and the docs read that list. Publisher, title and licence are not repeated here:
 * they are those of the catalogue source (data/indicators.json `sources.<id>`) named in `sources`.
 */
export interface Loader {
  /** Short name in logs, errors and tests: 'kwb-statline'. */
  name: string;
  /** The source ids its values carry (catalogue keys: 'kwb', 'rivm', …). */
  sources: readonly string[];
  /** Its folder in the open-data root. */
  folder: string;
  /** The files it reads, relative to `folder`; `*` stands for any characters and must match at least one file. */
  files: readonly string[];
  /**
   * Downloads that fill in what the hand-downloaded files lack: read only when the folder is there,
   * and only for the (source, year) pairs that no other loader gives.
   */
  fillsGaps?: boolean;
  load(sourceDir: string): Promise<LoadResult>;
}

/** Bad input: always names the file and, where known, the row (1-based line) and column. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    const where = [file, row !== undefined ? `rij ${row}` : '', column !== undefined ? `kolom "${column}"` : '']
      .filter(Boolean)
      .join(', ');
    super(`${where}: ${detail}`);
    this.name = 'SourceError';
  }
}

/** CBS code patterns; national rows ('NL00' in KWB, 'NL01' in RIVM) become 'NL'. */
export const CODE_PATTERN = /^(NL|GM\d{4}|WK\d{6}|BU\d{8})$/;

/** The gemeenten we keep besides Rotterdam: G4 comparison. */
export const G4 = { GM0599: 'Rotterdam', GM0363: 'Amsterdam', GM0518: "'s-Gravenhage", GM0344: 'Utrecht' } as const;

/** True for codes the dashboard keeps: NL, the G4 gemeenten, and Rotterdam's wijken and buurten. */
export function isKeptArea(code: string): boolean {
  return code === 'NL' || code in G4 || code.startsWith('WK0599') || code.startsWith('BU0599');
}
