// End-to-end tests of the console in Debian's Chromium, against `idsync serve` (never a downloaded browser).
import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './env/chromium.ts';

export default defineConfig({
  testDir: './specs',
  outputDir: '../test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI, where a 2-core machine under load can miss a timing; a retried pass is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e-results.json' }]],
  globalSetup: './env/build-console.setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    viewport: { width: 1280, height: 720 },
    actionTimeout: 15_000,
    trace: 'off',
  },
});
