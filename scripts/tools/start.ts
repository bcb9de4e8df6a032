// npm start: serve dist/ on 127.0.0.1 and build what is missing or stale and can be built.
// Without the raw data folder a finished build is still served; a failed rebuild leaves the
// previous build in place (the swap is atomic), and that one is served.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, dataIsBuilt, dataIsStale, siteIsBuilt, siteIsStale } from './build';
import { keepServingOnErrors, listenOrExit } from './serve';
import { resolveSourceDir } from '../pipeline/source-dir';

export type StartPlan = { build: false; note?: string } | { build: true; sourceDir: string | null; note?: string } | { error: string };

export interface StartState {
  /** The raw data folder, or why it cannot be used. */
  source: string | Error;
  siteBuilt: boolean;
  siteStale: boolean;
  dataBuilt: boolean;
  dataStale: (sourceDir: string) => boolean;
}

export function planStart(s: StartState): StartPlan {
  if (typeof s.source === 'string') return s.siteStale || s.dataStale(s.source) ? { build: true, sourceDir: s.source } : { build: false };
  const why = s.source.message;
  if (s.dataBuilt && (!s.siteBuilt || s.siteStale)) {
    return { build: true, sourceDir: null, note: `${why}\nDe site wordt gebouwd uit de bestaande data in public/data.` };
  }
  if (s.siteBuilt) return { build: false, note: `${why}\nDe bestaande build in dist/ wordt geserveerd (niet getoetst aan nieuwere brondata).` };
  return { error: `${why}\nEr is ook nog geen build in dist/ om te serveren.` };
}

async function main(): Promise<void> {
  let source: string | Error;
  try {
    source = resolveSourceDir();
  } catch (e) {
    source = e as Error;
  }
  const plan = planStart({ source, siteBuilt: siteIsBuilt(), siteStale: siteIsStale(), dataBuilt: dataIsBuilt(), dataStale: dataIsStale });
  if ('error' in plan) {
    console.error(plan.error);
    process.exit(1);
  }
  if (plan.note) console.log(plan.note);
  // Listen first: a taken port is reported at once, and during a build the previous build (if
  // any) is already served; the new one replaces it atomically when it is complete.
  keepServingOnErrors();
  const { server, url } = await listenOrExit(path.resolve('dist'), 'npm start');
  if (plan.build) {
    console.log(`Wijkbeeld Rotterdam luistert op ${url}; de site wordt eerst gebouwd${siteIsBuilt() ? ' (tot dan de vorige build)' : ''}…`);
    try {
      await buildSite({ sourceDir: plan.sourceDir });
    } catch (e) {
      console.error((e as Error).message);
      if (!siteIsBuilt()) {
        server.close();
        process.exit(1);
      }
      console.error('De build is mislukt; de vorige build in dist/ wordt geserveerd.');
    }
  }
  console.log(`Wijkbeeld Rotterdam draait op ${url}  (stoppen: Ctrl+C)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
