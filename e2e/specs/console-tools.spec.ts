// Tools → Statistics and Scheduler and staging: what the CLI shows (stats, scheduler get/set/suspend/resume,
// staging), in the console; and the console's place kept in the URL (tab, query, dialog, Back, reload).
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { HR, PEOPLE, seedHr } from './console-seed.ts';
import { startServe } from '../env/idsync-serve.ts';
import { idsyncJson } from './idsync-cli.ts';
import type { ResponseOf } from '../../shared/api.ts';

async function tool(page: Page, name: string) {
  await page.getByRole('button', { name: 'Tools' }).click();
  await page.getByRole('menuitem', { name }).click();
}

test('Statistics counts each connector space as the CLI does', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await tool(page, 'Statistics…');
  const dialog = page.getByRole('dialog', { name: 'Statistics' });
  const row = dialog.getByRole('grid', { name: 'Connector statistics' }).getByRole('row', { name: new RegExp(`^${HR} `) });
  const cells = row.getByRole('gridcell');
  // Connector, Type, Objects, Connectors, Explicit connectors, Disconnectors, …
  await expect(cells.nth(2)).toHaveText(String(PEOPLE));
  await expect(cells.nth(3)).toHaveText(String(PEOPLE));
  await expect(cells.nth(5)).toHaveText('0');
  const [cli] = idsyncJson<ResponseOf<'stats.connectors'>>(served.home, ['stats', HR]);
  expect(cli).toMatchObject({ connector: HR, total: PEOPLE, connectors: PEOPLE, disconnectors: { normal: 0 } });
  await snap('console-statistics');
  expect(new URL(page.url()).searchParams.get('tool')).toBe('statistics');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('scheduler settings, suspension, the next cycle, staging and the host holder, as the CLI sees them', async ({ page, snap }) => {
  test.setTimeout(120_000);
  const fresh = await startServe();
  try {
    await page.goto(fresh.url);
    await seedHr(page, fresh.home);
    await tool(page, 'Scheduler and staging…');
    const dialog = page.getByRole('dialog', { name: 'Scheduler and staging' });
    await expect(dialog.getByRole('status', { name: 'Next cycle' })).toHaveText(/^Next cycle: (Delta|Initial) at .+ \(in \d+ min\)\.$/);
    await expect(dialog.getByLabel('Host lock holder')).toContainText(`held by web (process ${fresh.process.pid} `);
    await dialog.getByLabel('Customized sync cycle interval').fill('01:00:00');
    await dialog.getByRole('button', { name: 'Save scheduler settings' }).click();
    await expect(dialog.getByText('Saved: the effective interval is 01:00:00.')).toBeVisible();
    let cli = idsyncJson<ResponseOf<'scheduler.get'>>(fresh.home, ['scheduler', 'get']);
    expect(cli).toMatchObject({ CustomizedSyncCycleInterval: '01:00:00', CurrentlyEffectiveSyncCycleInterval: '01:00:00' });
    await dialog.getByRole('switch', { name: 'Scheduler suspended' }).click();
    await expect(dialog.getByRole('switch', { name: 'Scheduler suspended' })).toBeChecked();
    await expect(dialog.getByRole('status', { name: 'Next cycle' })).toHaveText('The scheduler is suspended: no cycle starts until it is resumed.');
    expect(idsyncJson<ResponseOf<'scheduler.get'>>(fresh.home, ['scheduler', 'get']).SchedulerSuspended).toBe(true);
    // The CLI resumes it; the console hears of the change without a reload.
    idsyncJson(fresh.home, ['scheduler', 'resume']);
    await expect(dialog.getByRole('switch', { name: 'Scheduler suspended' })).not.toBeChecked();
    await dialog.getByRole('switch', { name: 'Staging mode' }).click();
    await expect(dialog.getByRole('switch', { name: 'Staging mode' })).toBeChecked();
    cli = idsyncJson<ResponseOf<'scheduler.get'>>(fresh.home, ['scheduler', 'get']);
    expect(cli.StagingModeEnabled).toBe(true);
    await snap('console-scheduler');
    await dialog.getByRole('button', { name: 'Show the staging report' }).click();
    await expect(page.getByRole('dialog', { name: 'What the next export would send' })).toBeVisible();
    await page.getByRole('dialog', { name: 'What the next export would send' }).getByRole('button', { name: 'Close' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // Behind the dialog the page was hidden; now the staging banner shows.
    const banner = page.getByRole('alert').filter({ hasText: 'Staging mode is on' });
    await expect(banner).toBeVisible();
    idsyncJson(fresh.home, ['staging', 'disable']);
    await expect(banner).toBeHidden();
  } finally {
    await fresh.stop();
  }
});

test('the tab, the metaverse query and an open dialog live in the URL: reload, Back and switching tabs keep them', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('combobox', { name: /^Clause 1 Attribute/ }).click();
  await page.getByRole('option', { name: 'sn', exact: true }).click();
  await page.getByRole('textbox', { name: 'Clause 1 value' }).fill('Lee');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const count = page.getByLabel('Search results count');
  await expect(count).toHaveText('10 items');
  // Another tab and back: the query and its results are still there.
  await page.getByRole('tab', { name: 'Operations' }).click();
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await expect(page.getByRole('textbox', { name: 'Clause 1 value' })).toHaveValue('Lee');
  await expect(count).toHaveText('10 items');
  // A reload keeps the place; the URL opens it in another tab too (a new tab presents the console's token once:
  // the token lives in each tab's session storage, never in a cookie).
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Metaverse Search' })).toHaveAttribute('aria-selected', 'true');
  await expect(count).toHaveText('10 items');
  const link = new URL(page.url());
  link.searchParams.set('token', served.token);
  const other = await page.context().newPage();
  await other.goto(link.toString());
  await expect(other.getByLabel('Search results count')).toHaveText('10 items');
  await other.close();
  // A dialog opened from the Connectors tab is in the URL too; Back closes it, Forward opens it again.
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: HR, exact: true }).click();
  await page.getByRole('button', { name: 'Search Connector Space' }).click();
  const dialog = page.getByRole('dialog', { name: `Search Connector Space: ${HR}` });
  await expect(dialog).toBeVisible();
  await page.goBack();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Connectors' })).toHaveAttribute('aria-selected', 'true');
  await page.goForward();
  await expect(dialog).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Metaverse Search' })).toHaveAttribute('aria-selected', 'true');
});

test('dialog grids fill their dialog and no grid shows row checkboxes', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('grid', { name: 'Search results' }).getByRole('gridcell', { name: 'Person 1 Lee' }).dblclick();
  const mv = page.getByRole('dialog', { name: /Metaverse Object Properties/ });
  const grid = mv.getByRole('grid', { name: 'Metaverse attributes' });
  await expect(grid).toBeVisible();
  const panel = (await mv.getByRole('tabpanel').boundingBox())!;
  const box = (await grid.boundingBox())!;
  expect(box.height).toBeGreaterThan(panel.height * 0.75);
  expect(box.width).toBeGreaterThan(panel.width * 0.95);
  await expect(page.getByRole('checkbox', { name: /Select (row|all rows)/ })).toHaveCount(0);
  await mv.getByRole('button', { name: 'Close' }).click();
  for (const tab of ['Operations', 'Connectors', 'Metaverse Designer']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel', { name: tab }).getByRole('grid').first()).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /Select (row|all rows)/ })).toHaveCount(0);
  }
});
