// The files a loader declares (Loader.folder + Loader.files), found on disk. A name may hold `*`
// (any characters, within its last path segment) and then stands for every matching file, at least one.
import fs from 'node:fs';
import path from 'node:path';
import { SourceError } from './types.ts';

/** `Kerncijfers_*.csv` → /^Kerncijfers_.*\.csv$/ (only `*` is special). */
export function namePattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * Paths relative to sourceDir of the files one declared name stands for, sorted; none found is a
 * SourceError naming the folder and the name.
 */
export function findFiles(sourceDir: string, folder: string, name: string): string[] {
  const rel = path.posix.join(folder, name);
  const dir = path.posix.dirname(rel);
  const base = path.posix.basename(rel);
  if (!base.includes('*')) {
    if (!fs.existsSync(path.join(sourceDir, rel))) throw new SourceError(rel, 'bestand ontbreekt');
    return [rel];
  }
  let names: string[];
  try {
    names = fs.readdirSync(path.join(sourceDir, dir));
  } catch (e) {
    throw new SourceError(dir, `map niet leesbaar: ${(e as Error).message}`);
  }
  const re = namePattern(base);
  const hits = names.filter((n) => re.test(n)).sort();
  if (!hits.length) throw new SourceError(dir, `geen bestand dat past op "${base}"`);
  return hits.map((n) => `${dir}/${n}`);
}

/** Every declared name that finds no file, as `folder/name`. */
export function missingFiles(sourceDir: string, folder: string, names: readonly string[]): string[] {
  return names.filter((n) => {
    try {
      findFiles(sourceDir, folder, n);
      return false;
    } catch {
      return true;
    }
  }).map((n) => path.posix.join(folder, n));
}

/**
 * The year a file name states: the one four-digit number 19xx/20xx in its base name that is not
 * part of a longer number (`Population85618_2023_Rotterdam.csv` → 2023). None, or two different
 * ones, is a SourceError: the loader cannot tell the year then.
 */
export function yearInName(file: string): number {
  const years = [...new Set([...path.posix.basename(file).matchAll(/(?<!\d)((?:19|20)\d\d)(?!\d)/g)].map((m) => Number(m[1])))];
  if (years.length !== 1) throw new SourceError(file, years.length ? `bestandsnaam noemt meer dan één jaar: ${years.join(', ')}` : 'bestandsnaam noemt geen jaar');
  return years[0]!;
}
