// Playwright fixtures: a running `idsync serve` per test file, and a page signed in to it.
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startServe, repoRoot, type ServedConsole } from '../env/idsync-serve.ts';

export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

interface Fixtures {
  /** Opens the console with the token and waits for the engine state in the status bar. */
  openConsole: () => Promise<Page>;
  /** Saves a full-window screenshot under e2e/artifacts/. */
  snap: (name: string) => Promise<string>;
}

interface WorkerFixtures {
  served: ServedConsole;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  served: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const served = await startServe();
      await use(served);
      await served.stop();
    },
    { scope: 'worker' },
  ],
  openConsole: async ({ page, served }, use) => {
    await use(async () => {
      await page.goto(served.url);
      await expect(page.getByRole('tab', { name: 'Operations' })).toBeVisible();
      await expect(page.getByLabel('Engine state')).toContainText(/idle|running/);
      return page;
    });
  },
  snap: async ({ page }, use) => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await use(async (name) => {
      const file = path.join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    });
  },
});

export { expect };
