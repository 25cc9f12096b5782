// Staging mode and prevent-accidental-deletes as the console shows them: banners, the staging report and the
// blocked export with its pending deletes, CSV and "approve this once".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { repoRoot, startServe, type ServedConsole } from '../env/idsync-serve.ts';
import { callApi } from './console-seed.ts';

let served: ServedConsole;

test.beforeAll(() => {
  // The demo leaves pending deletes in the directory: leavers of the HR feed's second day are deprovisioned.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-policy-'));
  const demo = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'idsync'), '--home', home, 'demo', '--users', '600', '--json'], { cwd: repoRoot, encoding: 'utf8' });
  expect(demo.status, demo.stderr).toBe(0);
  return startServe({ home }).then((s) => (served = s));
});

test.afterAll(async () => {
  await served?.stop();
});

test('a blocked export shows a banner, its pending deletes as CSV, and can be approved once', async ({ page, snap }) => {
  await page.goto(served.url);
  const before = await callApi(page, 'deletes.setThreshold', { connector: 'Directory (JSON)', threshold: 1 });
  expect(before.pendingDeletes).toBeGreaterThan(1);
  expect(before.blocked).toBe(true);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Export to Directory (JSON) is blocked' });
  await expect(banner).toContainText(`${before.pendingDeletes} pending deletes exceed the deletion threshold of 1`);
  await banner.getByRole('button', { name: 'Review deletes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pending deletes: Directory (JSON)' });
  await expect(dialog.getByRole('grid', { name: 'Pending deletes' })).toBeVisible();
  await snap('policy-pending-deletes');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file!, 'utf8');
  expect(csv.trim().split('\n').length).toBe(before.pendingDeletes + 1);
  await dialog.getByRole('button', { name: 'Approve this once' }).click();
  await dialog.getByRole('button', { name: /Confirm: approve \d+ deletes once/ }).click();
  await expect(banner).toBeHidden();
  const after = await callApi(page, 'deletes.list', { connector: 'Directory (JSON)' });
  expect(after.blocked).toBe(false);
  expect(after.approval?.pendingDeletes).toBe(before.pendingDeletes);
});

test('staging mode shows a banner and the report of what would be exported', async ({ page, snap }) => {
  await page.goto(served.url);
  await callApi(page, 'staging.set', { enabled: true });
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Staging mode is on' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'What would be exported' }).click();
  const dialog = page.getByRole('dialog', { name: 'What the next export would send' });
  await expect(dialog).toContainText(/Directory \(JSON\): \d+ adds, \d+ updates, \d+ deletes/);
  await expect(dialog.getByRole('grid', { name: 'Staging report' })).toBeVisible();
  await snap('policy-staging-report');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download CSV (OMODT/AMODT)' }).click();
  expect(fs.readFileSync((await (await download).path())!, 'utf8')).toContain('OMODT');
  await callApi(page, 'staging.set', { enabled: false });
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Staging mode is on' })).toBeHidden();
});
