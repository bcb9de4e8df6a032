// Where the raw open data lives: --source DIR, else OPENDATA_DIR, else ../shared/opendata.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_SOURCE_DIR = '../shared/opendata';

/** Folders the build reads; each must exist in the source folder. */
export const EXPECTED_FOLDERS = [
  'cbs_kwb_rotterdam_2014_2018',
  'cbs_kwb_rotterdam_2023_85618NED_population',
  'cbs_kwb_2024_85984NED',
  'cbs_kwb_rotterdam_2025_86165NED',
  'cbs_wijkbuurtkaart_2024_rijnmond',
  'cbs_wijkbuurtkaart_2016_nl',
  'cbs_gemeente_context',
  'politie_misdrijven_buurt_2023',
  'rivm_gezondheid_wijk_buurt',
  'leefbaarometer_2016',
  'rotterdam_wijkprofiel',
];

export function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

export function resolveSourceDir(argv = process.argv.slice(2), env = process.env, cwd = process.cwd()): string {
  const given = argValue(argv, '--source') ?? env.OPENDATA_DIR;
  const dir = path.resolve(cwd, given ?? DEFAULT_SOURCE_DIR);
  const how = given ? (argValue(argv, '--source') ? '--source' : 'OPENDATA_DIR') : 'de standaardmap';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(
      `Bronmap niet gevonden: ${dir} (via ${how}). Geef een map met de open data via --source MAP of OPENDATA_DIR; ` +
        `verwacht worden de mappen ${EXPECTED_FOLDERS.join(', ')}.`,
    );
  }
  const absent = EXPECTED_FOLDERS.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (absent.length) throw new Error(`Bronmap ${dir} mist: ${absent.join(', ')}.`);
  return dir;
}

/** Newest modification time of any file under dir (for "is the build output stale?"). */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}
