// The README's pictures: each tab of the console on the demo workspace (copied to docs/screenshots/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { repoRoot, startServe } from '../env/idsync-serve.ts';

test('every tab of the console on the demo workspace', async ({ page, snap }) => {
  test.setTimeout(180_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-docs-'));
  const demo = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'idsync'), '--home', home, 'demo', '--users', '1000', '--json'], { cwd: repoRoot, encoding: 'utf8' });
  expect(demo.status, demo.stderr).toBe(0);
  const served = await startServe({ home });
  try {
    await page.goto(served.url);
    await page.getByRole('tab', { name: 'Operations' }).click();
    await expect(page.getByRole('tabpanel', { name: 'Operations' }).getByRole('grid').first()).toBeVisible();
    await expect(page.getByText('Delta Synchronization').first()).toBeVisible();
    await snap('docs-operations');
    await page.getByRole('tab', { name: 'Connectors' }).click();
    await expect(page.getByText('HR feed (CSV)').first()).toBeVisible();
    await snap('docs-connectors');
    await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
    await expect(page.getByText('person').first()).toBeVisible();
    await snap('docs-metaverse-designer');
    await page.getByRole('tab', { name: 'Metaverse Search' }).click();
    const search = page.getByRole('tabpanel', { name: 'Metaverse Search' });
    await search.getByRole('button', { name: /^Search$/ }).click();
    await expect(search.getByRole('grid').first()).toBeVisible();
    await snap('docs-metaverse-search');
  } finally {
    await served.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
