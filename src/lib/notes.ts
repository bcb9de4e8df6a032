// The remarks the data build attaches to observations (column `note`), in one place: the build
// writes them, and the method page finds the rows they mark by the same words.

/** A gebied or gemeente figure we added up from its wijken because the source gives none. */
export const SUMMED_NOTE = 'Som van de wijken: de bron geeft dit jaar geen cijfer voor dit gebied';

/** A rate whose numerator or denominator is such a sum. */
export const SUMMED_RATE_NOTE = 'Berekend uit sommen van de wijken: de bron geeft dit jaar geen cijfer voor dit gebied';

/** Every Rotterdam-Zuid figure that is a weighted mean of the three gebieden starts with this. */
export const ZUID_COMPUTED = 'Berekend uit de drie gebieden';

/** The end of every boundary remark. */
export const BOUNDARY_TAIL = 'vergelijk voorzichtig met eerdere jaren';

/** Start of the remark on a value the source gives but that stands out (scripts/pipeline/odd-values.ts). */
export const ODD_NOTE = 'Opvallend; zo gepubliceerd door de bron';

/** Append a remark to an observation's note. */
export function appendNote(note: string | null | undefined, extra: string): string {
  return note ? `${note}. ${extra}` : extra;
}
