import { defineConfig } from 'vitest/config';

// Projects so CI and developers can run one layer at a time; `npm test` runs all. The slow shared
// work (data build, site build, type check) runs once per run in the background, started by
// test/setup/background.ts before the first test; tests wait for it with test/shared.ts.
// groupOrder: unit tests first (meanwhile the data build runs), then the integration tests (the site
// build still running), then the browser tests on the built site, then the type check's result.
const BACKGROUND = ['test/setup/background.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000, sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 180_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 120_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'typecheck',
          include: ['test/typecheck.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 900_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
