// The Wijkprofiel index columns (which header is which index in the xls and the CSVs), the row and
// table shapes both readers return, and the cell rules they share.
import { SourceError } from '../types.ts';

export type Part = 'SI' | 'FI-obj' | 'FI-subj' | 'VI';
/** CSV file name part per xls sheet prefix; also the four parts every year must have. */
export const CSV_PART: Record<Part, string> = { SI: 'si', 'FI-obj': 'fi_obj', 'FI-subj': 'fi_subj', VI: 'vi' };
export const PARTS = Object.keys(CSV_PART) as Part[];

export interface IndexColumn {
  variable: string;
  part: Part;
  /** Header code in the xls (row 1). */
  code: string;
  /** Row-2 description in the xls = header in the CSV (compared after trimming). */
  label: string;
}

const THEMES = [
  ['diefstal', 'Diefstal-subjectief', 'Diefstal-objectief'],
  ['geweld', 'Geweld-subjectief', 'Geweld-objectief'],
  ['inbraak', 'Inbraak-subjectief', 'Inbraak-objectief'],
  ['vandalisme', 'Vandalisme-subjectief', 'Vandalisme-objectief'],
  ['overlast', 'Overlast subjectief', 'Overlast objectief'],
] as const;

/** The index columns emitted, in output order. */
export const INDEX_COLUMNS: readonly IndexColumn[] = [
  { variable: 'SI', part: 'SI', code: 'SI', label: 'Sociale Index' },
  { variable: 'SI subjectief', part: 'SI', code: 'SIs', label: 'Sociale Index subjectief' },
  { variable: 'SI objectief', part: 'SI', code: 'SIo', label: 'Sociale Index objectief' },
  { variable: 'FI', part: 'FI-obj', code: 'FI', label: 'Fysieke Index' },
  { variable: 'FI objectief', part: 'FI-obj', code: 'FIo', label: 'Fysieke Index -objectief' },
  { variable: 'FI subjectief', part: 'FI-subj', code: 'FIs', label: 'Fysieke Index -subjectief' },
  { variable: 'VI', part: 'VI', code: 'VI', label: 'Veiligheidsindex' },
  { variable: 'VI subjectief', part: 'VI', code: 'VIs', label: 'Veiligheidsindex -subjectief' },
  { variable: 'VI objectief', part: 'VI', code: 'VIo', label: 'Veiligheidsindex -objectief' },
  ...THEMES.flatMap(([theme, subj, obj], i): IndexColumn[] => [
    { variable: `VI ${theme} subjectief`, part: 'VI', code: `VIs${i + 1}`, label: subj },
    { variable: `VI ${theme} objectief`, part: 'VI', code: `VIo${i + 1}`, label: obj },
  ]),
];

/**
 * What a component column measures, and so how its cells are written: 'percent' is a fraction 0-1
 * in the xls and a text with a `%` sign in the CSV (both emitted as a percentage, 0-100);
 * 'per1000' is a number per 1.000 inhabitants or addresses, the same in both.
 */
export type ComponentKind = 'percent' | 'per1000';

export interface ComponentColumn extends IndexColumn {
  kind: ComponentKind;
  /** A question of the survey (enquête) rather than a registration. */
  survey: boolean;
}

/**
 * The component measurements emitted besides the indices. The variable is the xls header code;
 * the label is the row-2 description = CSV header (identical in 2014, 2016 and 2018, and in the
 * `Labels` sheet). Registrations first; the few survey questions are marked as such.
 */
export const COMPONENT_COLUMNS: readonly ComponentColumn[] = (
  [
    // SI, capaciteiten-objectief (Co): income, education, health, work
    ['SI', 'HuishoudensMetLaagInkomen_p', '% bewoners met een laag huishoudinkomen', 'percent', false],
    ['SI', 'Bijstandsontvangers_p', '% huishoudens met een bijstandsuitkering', 'percent', false],
    ['SI', 'schuldhulpstand_p', '% bewoners (18 jr en ouder) met schulddienstverlening', 'percent', false],
    ['SI', 'Leelringenhavovwo_p', '% leerlingen in 3e klas havo/vwo', 'percent', false],
    ['SI', 'VSV', '% schoolverlaters (18 t/m 22 jr) zonder startkwalificatie', 'percent', false],
    ['SI', 'geen_startkwal_p', '% bewoners (23 t/m 64 jr) zonder startkwalificatie', 'percent', false],
    ['SI', 'overlijden_p', '% sterfgevallen voor het 65-ste levensjaar', 'percent', false],
    ['SI', 'arbeidsongeschikt_p', '% bewoners (15 t/m 64 jr) met een arbeidsongeschikheidsuitkering', 'percent', false],
    ['SI', 'Ongediplomeerden_p', '% ongediplomeerde bewoners (18 jr en ouder)', 'percent', false],
    // SI, meedoen-objectief (Mo): school and work of young people and adults
    ['SI', 'studenten_p', '% schoolgaande en studerende jongeren (18 t/m 22 jr)', 'percent', false],
    ['SI', 'werkenden18_22_p', '% werkende jongeren (18 t/m 22 jr)', 'percent', false],
    ['SI', 'nww18_22_p', '% werkzoekende jongeren (18 t/m 22 jr) zonder baan', 'percent', false],
    ['SI', 'werkenden23_64_p', '% bewoners (23 t/m 64 jr) met werk', 'percent', false],
    ['SI', 'nww23_64_p', '% werkzoekende bewoners (23 t/m 64 jr) zonder baan', 'percent', false],
    // SI, capaciteiten-subjectief (Cs): survey questions
    ['SI', 'MoeilijkRondkomen_p', '% bewoners dat zegt met het huishoudinkomen moelijk rond te kunnen komen', 'percent', true],
    ['SI', 'MoeiteMetSpreken_p', '% bewoners dat zegt moeite te hebben met het spreken van Nederlands', 'percent', true],
    // FI-obj, vastgoed-objectief (VGo)
    ['FI-obj', 'p_leegstand', '% leegstaande woningen', 'percent', false],
    ['FI-obj', 'p_overbezet', '% woningen met overbezetting', 'percent', false],
    ['FI-obj', 'p_risfundtotaal', '% woningen in funderingsrisicogebied', 'percent', false],
    // VI, objective (police registrations per 1.000)
    ['VI', 'mis111norm', 'Aantal misdrijven van Inbraak woning per duizend adressen', 'per1000', false],
    ['VI', 'mis145norm', 'Aantal misdrijven van Mishandeling per duizend inwoners', 'per1000', false],
    ['VI', 'mis221norm', 'Aantal misdrijven van Vernieling cq zaakbeschadiging per duizend inwoners', 'per1000', false],
  ] as const
).map(([part, code, label, kind, survey]) => ({ variable: code, part, code, label, kind, survey }));

/** Every variable the loader emits: the indices, then the components. */
export const ALL_COLUMNS: readonly (IndexColumn & { kind?: ComponentKind })[] = [...INDEX_COLUMNS, ...COMPONENT_COLUMNS];

/** Copies that must equal the column we read: [part holding the copy, code, label, variable]. */
const FI_COPIES: readonly [Part, string, string, string][] = [
  ['FI-subj', 'FI', 'Fysieke Index', 'FI'],
  ['FI-subj', 'FIo', 'Fysieke Index -objectief', 'FI objectief'],
  ['FI-obj', 'FIs', 'Fysieke Index -subjectief', 'FI subjectief'],
];

/** Prefix of the key under which a copy's value is kept until mergeParts compares it. */
export const COPY = 'copy:';

/** The columns of `part` the loader reads, incl. the FI copies (stored as `copy:<variable>`, compared in mergeParts). */
export function columnsOf(part: Part): { variable: string; code: string; label: string; copy: boolean; kind?: ComponentKind }[] {
  return [
    ...ALL_COLUMNS.filter((c) => c.part === part).map((c) => ({ ...c, copy: false })),
    ...FI_COPIES.filter(([p]) => p === part).map(([, code, label, variable]) => ({ variable, code, label, copy: true })),
  ];
}

export const H_GEBIED = 'naam gebied (voormalig deelgemeente)';
export const H_WIJKNR = 'wijknr';

/** One data row of an index table, values keyed by variable. */
export interface IndexRow {
  wijknr: number;
  naam: string;
  gebied: string;
  /** 1-based row in the sheet / line in the CSV. */
  row: number;
  values: Map<string, number | null>;
}

export interface IndexTable {
  file: string;
  year: number;
  part: Part;
  rows: IndexRow[];
}

const NUMBER_TEXT = /^-?\d+(,\d+)?%?$/;

/**
 * A Wijkprofiel value: a number (xls), or text such as `81`, `1,60%`, `0,32` (CSV: decimal comma, an
 * optional `%` sign that is dropped, so `67%` -> 67). Empty -> null. Anything else -> SourceError.
 * A `.` is rejected rather than guessed (decimal point or thousands separator?); the files have none.
 */
export function parseValue(raw: unknown, file: string, row: number, column: string): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new SourceError(file, `waarde ${raw} is geen eindig getal`, row, column);
    return raw;
  }
  if (typeof raw !== 'string') throw new SourceError(file, `onverwachte waarde ${JSON.stringify(raw)}`, row, column);
  const text = raw.trim();
  if (text === '') return null;
  if (!NUMBER_TEXT.test(text)) throw new SourceError(file, `waarde "${raw}" is geen getal`, row, column);
  return Number(text.replace('%', '').replace(',', '.'));
}

const PERCENT_TEXT = /^\d+(,\d+)?%$/;
const PLAIN_TEXT = /^\d+(,\d+)?$/;

/**
 * A component cell. xls: a number, for 'percent' a fraction 0-1 (the sheets never write 67 for 67%),
 * emitted ×100. CSV: text, for 'percent' with its `%` sign (`67%`, `1,60%`), for 'per1000' without.
 * Empty -> null. A cell in the other form is refused, not guessed: a share read as a rate is off by 100.
 */
export function parseComponentValue(
  raw: unknown, kind: ComponentKind, file: string, row: number, column: string,
): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) throw new SourceError(file, `waarde ${raw} is geen getal van 0 of meer`, row, column);
    if (kind === 'percent') {
      if (raw > 1) throw new SourceError(file, `waarde ${raw} is geen fractie tussen 0 en 1 (een percentage staat in het xls als fractie)`, row, column);
      return raw * 100;
    }
    return raw;
  }
  if (typeof raw !== 'string') throw new SourceError(file, `onverwachte waarde ${JSON.stringify(raw)}`, row, column);
  const t = raw.trim();
  if (t === '') return null;
  if (kind === 'percent' && !PERCENT_TEXT.test(t)) throw new SourceError(file, `waarde "${raw}" is geen percentage (verwacht bijv. 67% of 1,60%)`, row, column);
  if (kind === 'per1000' && !PLAIN_TEXT.test(t)) throw new SourceError(file, `waarde "${raw}" is geen getal per 1.000 (verwacht bijv. 12 of 4,9)`, row, column);
  return Number(t.replace('%', '').replace(',', '.'));
}

export function parseWijknr(raw: unknown, file: string, row: number): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n <= 0) {
    throw new SourceError(file, `wijknr ${JSON.stringify(raw)} is geen positief geheel getal`, row, H_WIJKNR);
  }
  return n;
}

/** A cell as trimmed text ('' for null/undefined). */
export function text(raw: unknown): string {
  return raw === null || raw === undefined ? '' : String(raw).trim();
}

export function isBlankCells(cells: readonly unknown[]): boolean {
  return cells.every((c) => text(c) === '');
}

/** Index of the one header equal to `name` (trimmed); error when absent or repeated. */
export function uniqueColumn(headers: readonly string[], name: string, file: string, row: number): number {
  const hits = headers.flatMap((h, i) => (h === name ? [i] : []));
  if (hits.length === 0) throw new SourceError(file, `kolom ontbreekt in de kopregel`, row, name);
  if (hits.length > 1) throw new SourceError(file, `kolom komt ${hits.length} keer voor in de kopregel`, row, name);
  return hits[0]!;
}
