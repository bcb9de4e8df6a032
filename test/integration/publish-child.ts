// Child process for test/integration/publish.test.ts: publishes a small versioned output and kills
// itself with SIGKILL (no clean-up handlers run) just before the named step, as a crash would.
// Usage: node --import tsx publish-child.ts <outDir> <storeDir> <crashBeforeStep|-> <label>
import { Publication, type PublishStep } from '../../scripts/pipeline/publish';
import { writeOutput } from './publish-output';

const [outDir, storeDir, crashAt, label] = process.argv.slice(2) as [string, string, PublishStep | '-', string];
const pub = Publication.begin({
  outDir,
  storeDir,
  beforeStep: (step) => {
    if (step === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
writeOutput(pub.dir, label);
pub.commit();
