import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A file whose first lines say `// @module-tag slow` is skipped by
    // `npx vitest run --project server --tags-filter='!slow'`; npm test and CI run everything.
    tags: [{ name: 'slow', description: 'API suites that take a minute or more on the 2-core machine' }],
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'tests/integration/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
          // Migrates one template database per run; every createTestApp() opens a copy of it.
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are heavy; two cores, two workers.
          maxWorkers: 2,
          // Each worker imports the app once and runs its files one after another, instead of
          // importing the whole server again for every file (that import was ~40% of the CPU of
          // a run). Files share no state but the module cache: every test app has its own
          // database copy, and no test mocks modules or stubs globals. `--isolate` restores a
          // fresh module graph per file when hunting a leak between files.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A click that lands while an antd list is still animating open is occasionally lost;
          // a flow that fails twice in a row is a real failure.
          retry: 1,
        },
      },
    ],
  },
});
