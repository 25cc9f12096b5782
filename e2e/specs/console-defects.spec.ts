// What used to mislead an administrator: selection acting on the wrong row, empty chosen columns, runs of
// other processes that stayed invisible, a stopped import called a connector failure, a phantom attribute
// row, and error texts that repeat themselves.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { HR, callApi, seedHr, waitForRun } from './console-seed.ts';
import { bigCsv, idsync, idsyncInBackground } from './idsync-cli.ts';

/** A second connector (an empty one) next to HR, so lists have two rows to choose from. */
async function addVault(page: Page, home: string): Promise<void> {
  if ((await callApi(page, 'connectors.list', {})).some((c) => c.name === 'Vault')) return;
  await callApi(page, 'connectors.create', { name: 'Vault', type: 'test', config: { directory: `vault-${path.basename(home)}` } });
}

/** A file connector over `rows` people, slow enough to watch (and stop) while it imports. */
async function addBig(page: Page, home: string, rows = 40_000): Promise<void> {
  if ((await callApi(page, 'connectors.list', {})).some((c) => c.name === 'Big')) return;
  const file = path.join(home, 'big.csv');
  fs.writeFileSync(file, bigCsv(rows));
  await callApi(page, 'connectors.create', { name: 'Big', type: 'file', config: { format: 'csv', path: file, anchor: 'employeeID', objectType: 'person', dnTemplate: 'CN={employeeID},O=Big' } });
}

test('a plain click selects exactly one connector and Run opens for it; Ctrl-click extends and Run refuses with a reason', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await addVault(page, served.home);
  await page.getByRole('tab', { name: 'Connectors' }).click();
  const grid = page.getByRole('grid', { name: 'Connectors' });
  await grid.getByRole('gridcell', { name: HR, exact: true }).click();
  await grid.getByRole('gridcell', { name: 'Vault', exact: true }).click();
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(1);
  await expect(grid.getByRole('row', { name: /Vault/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Run Connector: Vault' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Run Connector: Vault' }).getByRole('button', { name: 'Cancel' }).click();
  await grid.getByRole('gridcell', { name: HR, exact: true }).click({ modifiers: ['Control'] });
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: '2 connectors are selected' })).toContainText('choose one');
});

test('the run details follow the clicked run, and the precedence pane the clicked attribute', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: HR }).click();
  const grid = page.getByRole('grid', { name: 'Run history' });
  const details = page.getByRole('region', { name: 'Run details' });
  await grid.getByRole('gridcell', { name: 'Full Synchronization' }).first().click();
  await expect(details.getByRole('heading', { level: 2 })).toContainText('Full Synchronization');
  await grid.getByRole('gridcell', { name: 'Full Import' }).last().click();
  await expect(details.getByRole('heading', { level: 2 })).toContainText('Profile Name: Full Import');
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(1);

  await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
  await page.getByRole('list', { name: 'Object type list' }).getByRole('button', { name: /^person/ }).click();
  const attrs = page.getByRole('grid', { name: 'Attributes of person' });
  await attrs.getByRole('gridcell', { name: 'mail', exact: true }).click();
  await attrs.getByRole('gridcell', { name: 'title', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Precedence of title' })).toContainText('In from HR - Person');
  await expect(page.getByRole('button', { name: 'Delete Attribute' })).toBeEnabled();
});

test('chosen columns are filled in metaverse search results and their CSV, and connector space search has attribute columns', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('textbox', { name: 'Clause 1 value' }).fill('');
  await page.getByRole('combobox', { name: /^Clause 1 Attribute/ }).click();
  await page.getByRole('option', { name: /^employeeID/ }).click();
  await page.getByRole('textbox', { name: 'Clause 1 value' }).fill('1012');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const results = page.getByRole('region', { name: 'Search results' });
  await results.getByRole('button', { name: 'Column Settings…' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'givenName' }).click();
  await page.keyboard.press('Escape');
  await expect(results.getByRole('grid').getByRole('gridcell', { name: 'Person12', exact: true })).toBeVisible();
  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Export CSV' }).click();
  const lines = fs.readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines[0].split(',')).toContain('givenName');
  expect(lines[1].split(',')[lines[0].split(',').indexOf('givenName')]).toBe('Person12');

  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: HR, exact: true }).click();
  await page.getByRole('button', { name: 'Search Connector Space' }).click();
  const dialog = page.getByRole('dialog', { name: `Search Connector Space: ${HR}` });
  await dialog.getByRole('combobox', { name: 'Scope' }).click();
  await page.getByRole('option', { name: 'DN or Anchor', exact: true }).click();
  await dialog.getByRole('search').getByRole('textbox').fill('1007');
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  const found = dialog.getByRole('region', { name: 'Connector space objects' });
  await found.getByRole('button', { name: 'Column Settings…' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'mail' }).click();
  await page.keyboard.press('Escape');
  await expect(found.getByRole('grid').getByRole('gridcell', { name: 'p7@example.test' })).toBeVisible();
});

test('a run started from the command line appears in Operations without Refresh, and the status bar says the engine is busy', async ({ openConsole, page, served }) => {
  test.setTimeout(180_000);
  await openConsole();
  await seedHr(page, served.home);
  await addBig(page, served.home);
  const count = page.getByLabel('Run history count');
  await expect(count).toHaveText(/^\d+ items?$/);
  const before = Number((await count.textContent())!.split(' ')[0]);
  const cli = idsyncInBackground(served.home, ['run', 'Big', 'Full Import', '--quiet']);
  await expect(page.getByLabel('Engine state')).toContainText('running');
  await expect(page.getByLabel('Engine activity')).toContainText('Big: Full Import');
  await expect(count).toHaveText(`${before + 1} items`);
  const newest = page.getByRole('grid', { name: 'Run history' }).getByRole('row').nth(1);
  await expect(newest).toContainText('Big');
  await expect(newest).toContainText('cli');
  expect((await cli).code).toBe(0);
  await expect(newest.getByLabel(/^Status: Completed/)).toBeVisible();
  await expect(page.getByLabel('Engine state')).toContainText('idle');
});

test('stopping a Full Import is recorded as stopped by an operator, not as a connector failure', async ({ openConsole, page, served }) => {
  test.setTimeout(180_000);
  await openConsole();
  await seedHr(page, served.home);
  await addBig(page, served.home);
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: 'Big', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run Connector: Big' });
  await dialog.getByRole('button', { name: /^Full Import/ }).click();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const last = (await callApi(page, 'runs.list', { connector: 'Big', limit: 1 })).items[0];
  const run = await waitForRun(page, last.id);
  expect(run.status).toBe('stopped-user-termination-from-ui');
  await page.getByRole('tab', { name: 'Operations' }).click();
  const newest = page.getByRole('grid', { name: 'Run history' }).getByRole('row').nth(1);
  await expect(newest.getByLabel('Status: Stopped by an operator (console) (stopped-user-termination-from-ui)')).toBeVisible();
});

test('metaverse properties show no phantom sourceAnchor row when nothing provisions to the cloud', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('grid', { name: 'Search results' }).getByRole('gridcell', { name: 'Person 1 Lee' }).dblclick();
  const mv = page.getByRole('dialog', { name: /Metaverse Object Properties/ });
  const grid = mv.getByRole('grid', { name: 'Metaverse attributes' });
  await expect(grid).toContainText('employeeID');
  await expect(grid.getByRole('gridcell', { name: 'sourceAnchor' })).toHaveCount(0);
  await expect(mv).not.toContainText('nothing provisions to the cloud');
  await expect(mv.getByLabel('Metaverse attributes count')).toHaveText('6 items');
});

test('a run with unreadable rows reads as completed with discovery errors, and each error names the file once', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  if (!(await callApi(page, 'connectors.list', {})).some((c) => c.name === 'Broken')) {
    const csv = path.join(served.home, 'broken.csv');
    fs.writeFileSync(csv, 'employeeID,displayName,sn\n1,Ann,Lee\n1,Bob,Kim\n,NoAnchor,X\n2,Cid,Ok\n');
    await callApi(page, 'connectors.create', { name: 'Broken', type: 'file', config: { format: 'csv', path: csv, anchor: 'employeeID', objectType: 'person', dnTemplate: 'CN={displayName},O=Broken' } });
  }
  idsync(served.home, ['run', 'Broken', 'Full Import', '--quiet']);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: 'Broken' }).click();
  const details = page.getByRole('region', { name: 'Run details' });
  await expect(details.getByLabel(/^Status: Completed with discovery errors/).first()).toBeVisible();
  await expect(details).not.toContainText('Stopped early');
  await details.getByRole('row', { name: /duplicate-object/ }).getByRole('button', { name: '1' }).click();
  const list = page.getByRole('dialog', { name: /^Object Details: duplicate-object/ });
  const row = list.getByRole('grid', { name: 'Object details' }).getByRole('row', { name: /broken\.csv:3/ });
  await expect(row).toContainText('the anchor appears more than once');
  expect(((await row.textContent()) ?? '').split('broken.csv').length - 1).toBe(1);
});
