import { defineConfig } from 'vitest/config';

/**
 * Test projects. The server tests run twice: on embedded PGlite and on a real PostgreSQL server that
 * the suite starts itself (or DATABASE_URL). scripts/test.mjs picks the projects this machine can run.
 */
const serverTests = ['apps/server/test/**/*.test.ts'];
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['packages/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts'], testTimeout: 150_000 } },
      {
        test: {
          name: 'server-pglite',
          include: serverTests,
          env: { RDPLAN_TEST_DB: 'pglite', NODE_ENV: 'test' },
          // The migrated template database is made once per run, not once per test file.
          globalSetup: ['apps/server/test/support/global-pglite.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server-postgres',
          include: serverTests,
          env: { RDPLAN_TEST_DB: 'postgres', NODE_ENV: 'test' },
          globalSetup: ['apps/server/test/support/global-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/support/global-server.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
