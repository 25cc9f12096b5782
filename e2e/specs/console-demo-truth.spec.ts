// The demo workspace told truthfully: statistics without raw counter names and with thousands separators,
// directory holograms that match what the demo exported, and banners that follow runs of other processes
// (last: it changes the HR feed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { startServe, type ServedConsole } from '../env/idsync-serve.ts';
import { callApi } from './console-seed.ts';
import { idsync, idsyncJson } from './idsync-cli.ts';

const DIRECTORY = 'Directory (JSON)';
const HR = 'HR feed (CSV)';
let served: ServedConsole;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-demo-truth-'));
  idsync(home, ['demo', '--users', '1000', '--json']);
  served = await startServe({ home });
});

test.afterAll(async () => {
  await served?.stop();
});

test('statistics use plain labels and thousands separators', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: HR }).click();
  const grid = page.getByRole('grid', { name: 'Run history' });
  await grid.getByRole('gridcell', { name: 'Full Synchronization' }).first().click();
  const details = page.getByRole('region', { name: 'Run details' });
  const outbound = details.getByRole('region', { name: `Outbound synchronization: ${DIRECTORY}` });
  await expect(outbound).toBeVisible();
  await expect(details).not.toContainText(/\b(connector|disconnector|provisioned|stage|export)-[a-z-]+\b/);
  await expect(details.getByRole('row', { name: /^Projections/ })).toContainText('1,000');
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('combobox', { name: 'Scope by Object Type' }).click();
  await page.getByRole('option', { name: 'person' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByLabel('Search results count')).toHaveText(/^1,\d{3} items$/);
});

test('the directory holds what the demo exported: pending changes are differences, and a full synchronization adds none', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(served.url);
  const before = await callApi(page, 'cs.search', { connector: DIRECTORY, search: { scope: 'pending-export', ops: ['add', 'update', 'delete'] }, limit: 1 });
  const imports = await callApi(page, 'cs.search', { connector: DIRECTORY, search: { scope: 'pending-import' }, limit: 1 });
  expect(imports.total).toBe(0);
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: DIRECTORY, exact: true }).click();
  await page.getByRole('button', { name: 'Search Connector Space' }).click();
  const dialog = page.getByRole('dialog', { name: `Search Connector Space: ${DIRECTORY}` });
  await dialog.getByRole('combobox', { name: 'Scope' }).click();
  await page.getByRole('option', { name: 'Pending Export', exact: true }).click();
  await dialog.getByRole('checkbox', { name: 'Add' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Delete' }).uncheck();
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  await dialog.getByRole('grid', { name: 'Connector space objects' }).getByRole('row').nth(1).dblclick();
  const cs = page.getByRole('dialog', { name: /Connector Space Object Properties/ });
  await cs.getByRole('tab', { name: 'Pending Export', exact: true }).click();
  const title = cs.getByRole('grid', { name: 'Pending export attributes' }).getByRole('row', { name: /^title/ });
  await expect(title).toContainText('replace');
  await expect(title).not.toContainText(/^title\s*add/);
  await expect(cs.getByRole('grid', { name: 'Pending export attributes' }).getByRole('row')).toHaveCount(2);
  await cs.getByRole('button', { name: 'Close' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  // A full synchronization right after the demo finds nothing new to export.
  const sync = idsyncJson<{ status: string }>(served.home, ['run', HR, 'Full Synchronization', '--quiet']);
  expect(sync.status).toBe('success');
  const after = await callApi(page, 'cs.search', { connector: DIRECTORY, search: { scope: 'pending-export', ops: ['add', 'update', 'delete'] }, limit: 1 });
  expect(after.total).toBe(before.total);
});

test('the deletes banner appears when a run of another process leaves more deletes than the threshold', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(served.url);
  const pending = await callApi(page, 'deletes.setThreshold', { connector: DIRECTORY, threshold: null });
  // The threshold allows what is pending now; the next leavers go beyond it.
  await callApi(page, 'deletes.setThreshold', { connector: DIRECTORY, threshold: pending.pendingDeletes });
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: `Export to ${DIRECTORY} is blocked` });
  await expect(page.getByLabel('Engine state')).toContainText('idle');
  await expect(banner).toBeHidden();
  const file = path.join(served.home, 'demo', 'hr-users.csv');
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  // Ten employees leave: their rows go from the feed.
  const leavers = lines.slice(1).filter((l) => l.endsWith(',Employee')).slice(0, 10);
  fs.writeFileSync(file, `${lines.filter((l) => !leavers.includes(l)).join('\n')}\n`);
  idsync(served.home, ['run', HR, 'Full Import', '--quiet']);
  idsync(served.home, ['run', HR, 'Delta Synchronization', '--quiet']);
  await expect(banner).toContainText(`${pending.pendingDeletes + 10} pending deletes exceed the deletion threshold of ${pending.pendingDeletes}`);
  await callApi(page, 'deletes.setThreshold', { connector: DIRECTORY, threshold: null });
});
