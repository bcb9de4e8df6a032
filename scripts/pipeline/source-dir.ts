// Where the raw open data lives: --source DIR, else OPENDATA_DIR, else ../shared/opendata. The
// folder must hold every file the loaders (sources/index.ts) and the boundaries declare; what is
// missing is named before anything is read.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BOUNDARY_FILES, BOUNDARY_FOLDER } from './boundaries';
import { LOADERS } from './sources/index';
import { missingFiles } from './sources/files';

export const DEFAULT_SOURCE_DIR = '../shared/opendata';

/** Per folder, the files the build needs there (optional downloads, such as cbs_odata, excluded). */
export function requiredFiles(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (folder: string, files: readonly string[]) => out.set(folder, [...new Set([...(out.get(folder) ?? []), ...files])]);
  for (const l of LOADERS) if (!l.fillsGaps) add(l.folder, l.files);
  add(BOUNDARY_FOLDER, Object.values(BOUNDARY_FILES).map((f) => path.posix.relative(BOUNDARY_FOLDER, f)));
  return out;
}

/** The value of --source in argv, if given; the command's other options are its own business. */
export function sourceOption(argv: string[]): string | undefined {
  const { values } = parseArgs({ args: argv, options: { source: { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values.source === 'string' ? values.source : undefined;
}

export function resolveSourceDir(argv = process.argv.slice(2), env = process.env, cwd = process.cwd()): string {
  const option = sourceOption(argv);
  const given = option ?? env.OPENDATA_DIR;
  const dir = path.resolve(cwd, given ?? DEFAULT_SOURCE_DIR);
  const how = given ? (option ? '--source' : 'OPENDATA_DIR') : 'de standaardmap';
  const required = requiredFiles();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(
      `Bronmap niet gevonden: ${dir} (via ${how}). Geef een map met de open data via --source MAP of OPENDATA_DIR; ` +
        `verwacht worden de mappen ${[...required.keys()].join(', ')}.`,
    );
  }
  const absent = [...required].flatMap(([folder, files]) => (fs.existsSync(path.join(dir, folder)) ? missingFiles(dir, folder, files) : [`${folder}/`]));
  if (absent.length) throw new Error(`Bronmap ${dir} mist: ${absent.join(', ')}.`);
  return dir;
}
