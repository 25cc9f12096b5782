// Operations and Connectors tabs: honest states without data, running a profile, drilling from a counter to an object, CSV export.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { HR, PEOPLE, callApi, seedHr, waitForRun } from './console-seed.ts';

const TABS = ['Operations', 'Connectors', 'Metaverse Designer', 'Metaverse Search'];

test('every tab shows its data or an honest message, and never crashes', async ({ openConsole, page, snap }) => {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await openConsole();
  for (const name of TABS) {
    await page.getByRole('tab', { name }).click();
    const panel = page.getByRole('tabpanel', { name });
    await expect(panel.getByRole('grid').or(panel.getByRole('alert')).or(panel.getByRole('status')).or(panel.getByRole('search')).first()).toBeVisible();
    await snap(`console-state-${name.toLowerCase().replace(/\s+/g, '-')}`);
  }
  expect(crashes).toEqual([]);
});

test('run a profile from Connectors and watch it finish in Operations', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: HR, exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Run Connector: ${HR}` });
  await dialog.getByRole('button', { name: /^Full Import/ }).click();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('tab', { name: 'Operations' }).click();
  const grid = page.getByRole('grid', { name: 'Run history' });
  const newest = grid.getByRole('row').nth(1);
  await expect(newest).toContainText(HR);
  await expect(newest).toContainText('Full Import');
  // Re-importing an unchanged file ends cleanly.
  await expect(newest.getByLabel(/^Status: Completed/)).toBeVisible({ timeout: 60_000 });
  await snap('console-operations-run-finished');
});

test('drill from the Adds counter to an object, its run-time snapshot and its current state', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: HR }).click();
  const grid = page.getByRole('grid', { name: 'Run history' });
  // The oldest HR run is the seeding Full Import, which added every person: oldest first, it is the first row.
  await grid.getByRole('columnheader', { name: 'Start Time' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Start Time' })).toHaveAttribute('aria-sort', 'ascending');
  await grid.getByRole('row').nth(1).getByRole('gridcell', { name: 'Full Import' }).click();
  await page.getByRole('region', { name: 'Run details' }).getByRole('row', { name: /^Adds/ }).getByRole('button', { name: String(PEOPLE) }).click();
  const list = page.getByRole('dialog', { name: /^Object Details: Adds/ });
  await expect(list.getByLabel('Object details count')).toHaveText(`${PEOPLE} items`);
  await snap('console-operations-drilldown');
  await list.getByRole('button', { name: /^CN=Person 1 / }).click();
  const snapshot = page.getByRole('dialog', { name: /^Object at run time/ });
  await expect(snapshot.getByRole('grid', { name: 'Attributes at run time' })).toContainText('employeeID');
  await snap('console-operations-snapshot');
  await snapshot.getByRole('button', { name: 'Current state' }).click();
  const cs = page.getByRole('dialog', { name: /Connector Space Object Properties/ });
  await expect(cs).toContainText('CN=Person 1 ');
  await snap('console-operations-current-state');
});

test('export the run history grid to CSV', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Run history' }).getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines[0]).toBe('Name,Profile Name,Status,Result code,Start Time,End Time,Duration,Adds / Updates / Deletes / Errors,Started by');
  // The file holds the whole result, one line per run the grid counts.
  const total = Number((await page.getByLabel('Run history count').textContent())!.split(' ')[0]);
  expect(total).toBeGreaterThanOrEqual(2);
  expect(lines).toHaveLength(total + 1);
  expect(lines.some((l) => l.startsWith(`${HR},Full Import,Completed,success,`))).toBe(true);
});

test('filter the run history by status and connector', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  const count = page.getByLabel('Run history count');
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: HR }).click();
  const runs = (await callApi(page, 'runs.list', { connector: HR })).total;
  const all = `${runs} ${runs === 1 ? 'item' : 'items'}`;
  await expect(count).toHaveText(all);
  // Every HR run succeeded: none has errors, all count as succeeded.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Errors' }).click();
  await expect(count).toHaveText('0 items');
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Succeeded' }).click();
  await expect(count).toHaveText(all);
});

test('a run with errors: plain status, the error list, the failing objects and their messages', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  if (!(await callApi(page, 'connectors.list', {})).some((c) => c.name === 'Broken')) {
    const csv = path.join(served.home, 'broken.csv');
    // Row 3 repeats an anchor, row 4 has none.
    fs.writeFileSync(csv, 'employeeID,displayName,sn\n1,Ann,Lee\n1,Bob,Kim\n,NoAnchor,X\n2,Cid,Ok\n');
    await callApi(page, 'connectors.create', { name: 'Broken', type: 'file', config: { format: 'csv', path: csv, anchor: 'employeeID', objectType: 'person', dnTemplate: 'CN={displayName},O=Broken' } });
  }
  const { runId } = await callApi(page, 'runs.start', { connector: 'Broken', profile: 'Full Import' });
  await waitForRun(page, runId);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: 'Broken' }).click();
  const details = page.getByRole('region', { name: 'Run details' });
  await expect(details.getByLabel(/^Status: Completed with discovery errors/).first()).toBeVisible();
  await expect(details.getByLabel('Connection status')).toContainText('could not be read');
  await details.getByRole('row', { name: /^duplicate-object/ }).getByRole('button', { name: '1' }).click();
  const list = page.getByRole('dialog', { name: /^Object Details: duplicate-object/ });
  await expect(list.getByRole('grid', { name: 'Object details' })).toContainText('the anchor appears more than once');
  await snap('console-operations-error-objects');
  await list.getByRole('grid', { name: 'Object details' }).getByRole('button', { name: /broken\.csv/ }).click();
  const snapshot = page.getByRole('dialog', { name: /^Object at run time/ });
  await expect(snapshot.getByRole('alert')).toContainText('duplicate-object');
  await expect(snapshot.getByRole('button', { name: 'Current state' })).toBeDisabled();
  await snap('console-operations-error-snapshot');
});

test('Clear Runs asks for confirmation before deleting anything', async ({ openConsole, page, snap }) => {
  await openConsole();
  await page.getByRole('button', { name: 'Clear Runs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear Runs' });
  await dialog.getByRole('button', { name: 'Clear…' }).click();
  await expect(dialog).toContainText(/cannot be restored/);
  await snap('console-operations-clear-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('Clear Runs deletes only runs that ended before the chosen date', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  const before = (await callApi(page, 'runs.list', {})).total;
  await page.getByRole('button', { name: 'Clear Runs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear Runs' });
  await dialog.getByLabel('Clear runs ended before').fill('2000-01-01');
  await dialog.getByRole('button', { name: 'Clear…' }).click();
  await expect(dialog).toContainText('Delete runs that ended before 2000-01-01?');
  await dialog.getByRole('button', { name: 'Delete runs' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deleted 0 runs.');
  expect((await callApi(page, 'runs.list', {})).total).toBe(before);
});

test('copy several rows of a grid to the clipboard, and chart the run history', async ({ openConsole, page, served, context, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
  const grid = page.getByRole('grid', { name: 'Run history' });
  // Click one row, Ctrl-click another: two rows are selected.
  await grid.getByRole('row').nth(1).getByRole('gridcell').first().click();
  await grid.getByRole('row').nth(2).getByRole('gridcell').first().click({ modifiers: ['Control'] });
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(2);
  await page.getByRole('region', { name: 'Run history' }).getByRole('button', { name: 'Copy rows' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Name\tProfile Name\t/);
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).trim().split('\n');
  expect(lines).toHaveLength(3);
  const columns = lines[0].split('\t').length;
  expect(lines.slice(1).every((l) => l.split('\t').length === columns)).toBe(true);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Run history chart' })).toBeVisible();
  await snap('console-operations-chart');
});
