import { defineConfig } from 'vitest/config';

// Projects so CI and developers can run one layer at a time; `npm test` runs all. The slow shared
// work (data build, site build, type check) runs once per run in the background, started by
// test/setup/background.ts before the first test; tests wait for it with test/shared.ts.
// Order (sequence.groupOrder): unit and integration tests first, two files at a time, while the
// data and site build run; then the browser tests on the built site, two files at a time, while
// the type check runs; then the type check's result.
// isolate: false runs a project's files in a worker without reloading every module per file: on
// two cores that halves the unit tests' time (no test file changes globals, env or module state).
const BACKGROUND = ['test/setup/background.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 180_000,
          hookTimeout: 900_000,
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 120_000,
          hookTimeout: 900_000,
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'typecheck',
          include: ['test/typecheck.test.ts'],
          globalSetup: BACKGROUND,
          testTimeout: 900_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
