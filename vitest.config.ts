import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (`*.test.ts`); integration tests needing servers are `*.int.test.ts`.
export default defineConfig({
  test: {
    include: ['{shared,engine,electron,renderer,e2e,build}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', 'e2e/specs/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // IDSYNC_TEST_STORE=postgres: the stores of the run live in one private PostgreSQL server (IDSYNC_STORE).
    globalSetup: process.env.IDSYNC_TEST_STORE === 'postgres' ? ['e2e/env/postgres/vitest-global-setup.ts'] : [],
  },
});
