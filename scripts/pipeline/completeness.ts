// "Is this file complete?" Each loader declares, per file it reads, what the file must hold (the
// area codes of the year's CBS indeling, the wijken of the Wijkprofiel mapping, …) and what it
// found; the build checks every declaration once, after loading, and fails naming the file and
// what is missing. A file cut at a row boundary parses cleanly, so only this check catches it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { G4 } from './sources/types.ts';

/** What one file must hold, declared by its loader. Keys are codes ('BU05990110') or ids ('wijknr 71'). */
export interface Expected {
  /** The file (relative to the source folder), as in error messages. */
  file: string;
  /** Where the expectation comes from, e.g. 'CBS-indeling 2023'. */
  basis: string;
  /** Everything the file must have: key → name. */
  expected: ReadonlyMap<string, string>;
  /** The keys the file has. */
  found: ReadonlySet<string>;
  /** Also refuse Rotterdam codes (WK0599…/BU0599…) the basis does not know: a file of another indeling. */
  exact?: boolean;
}

/** Longest list of missing keys a message names; the rest is counted. */
const LIST_MAX = 30;

function list(items: string[]): string {
  const shown = items.slice(0, LIST_MAX).join(', ');
  return items.length > LIST_MAX ? `${shown} en nog ${items.length - LIST_MAX}` : shown;
}

/** "ontbreekt: BU05990110 (Stadsdriehoek), … (2 van de 91 volgens de CBS-indeling 2023)". */
export function missingDetail(missing: [string, string][], total: number, basis: string): string {
  const items = missing.map(([k, name]) => (name && name !== k ? `${k} (${name})` : k));
  return `ontbreekt: ${list(items)} (${missing.length} van de ${total} volgens ${basis})`;
}

export function missingMessage(file: string, missing: [string, string][], total: number, basis: string): string {
  return `${file}: ${missingDetail(missing, total, basis)}`;
}

/** Problems of one declaration, as message lines (none when complete). */
export function completenessProblems(e: Expected): string[] {
  const out: string[] = [];
  const missing = [...e.expected].filter(([k]) => !e.found.has(k));
  if (missing.length) out.push(missingMessage(e.file, missing, e.expected.size, e.basis));
  if (e.exact) {
    const unknown = [...e.found].filter((k) => /^(WK|BU)0599/.test(k) && !e.expected.has(k)).sort();
    if (unknown.length) out.push(`${e.file}: codes die niet in de ${e.basis} staan: ${list(unknown)} (bestand van een andere indeling?)`);
  }
  return out;
}

/** Every declaration checked; throws one error listing every incomplete file. */
export function checkCompleteness(all: readonly Expected[]): void {
  const problems = all.flatMap(completenessProblems);
  if (problems.length) throw new Error(`Onvolledige bronbestanden:\n  ${problems.join('\n  ')}`);
}

// ---- the CBS indeling per year (data/cbs-indeling.json) -------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const INDELING_FILE = path.join(ROOT, 'data/cbs-indeling.json');

export interface Indeling {
  jaren: number[];
  /** CBS wijken (Rotterdam: gebieden), code → name. */
  gebieden: Record<string, string>;
  /** CBS buurten (Rotterdam: wijken), code → name. */
  wijken: Record<string, string>;
}

let cache: Indeling[] | undefined;

export function indelingen(): Indeling[] {
  if (cache) return cache;
  const json = JSON.parse(fs.readFileSync(INDELING_FILE, 'utf8')) as { indelingen: Indeling[] };
  const years = new Set<number>();
  for (const i of json.indelingen) {
    for (const y of i.jaren) {
      if (years.has(y)) throw new Error(`${INDELING_FILE}: jaar ${y} staat in twee indelingen`);
      years.add(y);
    }
  }
  return (cache = json.indelingen);
}

/** The indeling of a year, or undefined when data/cbs-indeling.json does not know it. */
export function indelingOf(year: number): Indeling | undefined {
  return indelingen().find((i) => i.jaren.includes(year));
}

/** Rotterdam's wijken (CBS buurt codes) of a year's indeling, or undefined. */
export function wijkCodesOf(year: number): string[] | undefined {
  const i = indelingOf(year);
  return i && Object.keys(i.wijken);
}

export const NL_AND_G4: Record<string, string> = { NL: 'Nederland', ...G4 };

/** A part of an indeling block in data/cbs-indeling.json (Rotterdam's words for CBS wijken and buurten). */
export type IndelingPart = 'gebieden' | 'wijken';

/**
 * Declaration for a file that must hold the given parts of Rotterdam's CBS indeling of `year`,
 * plus the named other codes (NL, gemeenten). Throws when the indeling of that year is unknown.
 */
export function expectIndeling(
  file: string,
  year: number,
  found: Iterable<string>,
  parts: IndelingPart[],
  others: string[] = [],
  omit: string[] = [],
): Expected {
  const ind = indelingOf(year);
  if (!ind) throw new Error(`${file}: de CBS-indeling van ${year} staat niet in ${path.relative(ROOT, INDELING_FILE)}; voeg die toe om dit bestand te kunnen controleren`);
  const expected = new Map<string, string>();
  for (const c of others) expected.set(c, NL_AND_G4[c] ?? c);
  for (const p of parts) for (const [c, n] of Object.entries(ind[p])) expected.set(c, n);
  for (const c of omit) expected.delete(c);
  const basis = `CBS-indeling ${year}${omit.length ? ` zonder ${omit.join(', ')}` : ''}`;
  return { file, basis, expected, found: new Set(found), exact: true };
}

/** Kept area codes in a loader's values (and areas). */
export function areaCodes(r: { values: { area: string }[]; areas?: { code: string }[] }): Set<string> {
  const s = new Set(r.values.map((v) => v.area));
  for (const a of r.areas ?? []) s.add(a.code);
  return s;
}
