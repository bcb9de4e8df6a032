import { defineConfig } from 'vitest/config';
import { LayerSequencer } from './test/setup/sequencer';

// Projects so CI and developers can run one layer at a time; `npm test` runs all. The slow shared
// work (data build, site build, type check) runs once per run in the background, started by
// test/setup/background.ts before the first test; tests wait for it with test/shared.ts.
// All files share one queue of two workers, in the order unit, integration, browser, type check
// (test/setup/sequencer.ts): the data and site build run meanwhile, the type check after the site.
// isolate: false runs files in a worker without reloading every module per file: on two cores that
// halves the unit tests' time (no test file changes globals, env or module state).
const BACKGROUND = ['test/setup/background.ts'];
const SHARED = { isolate: false, maxWorkers: 2 } as const;

export default defineConfig({
  test: {
    sequence: { sequencer: LayerSequencer },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000, ...SHARED } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 180_000,
          hookTimeout: 900_000,
          ...SHARED,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 120_000,
          hookTimeout: 900_000,
          ...SHARED,
        },
      },
      { test: { name: 'typecheck', include: ['test/typecheck.test.ts'], globalSetup: BACKGROUND, testTimeout: 900_000, ...SHARED } },
    ],
  },
});
