// `npm run typecheck` (astro sync, tsc --noEmit over src/scripts/test, astro check for the .astro
// files) as part of `npm test`. It runs in the background from the start of the run
// (test/setup/background.ts); this test waits for it and shows the errors if it failed.
import { describe, expect, it } from 'vitest';
import { stage } from './shared';

describe('npm run typecheck', () => {
  it('astro sync, tsc --noEmit and astro check report no errors', async () => {
    const seconds = await stage('typecheck');
    expect(seconds).toBeGreaterThan(0);
  });
});
