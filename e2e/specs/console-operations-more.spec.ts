// Operations beyond the list: sorting by the engine, a date range, durations, pages of up to 1,000 rows and
// jumping to a page, grouping by scheduler cycle, and a chart whose bars open the run by mouse or keyboard.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { HR, callApi, seedHr, waitForRun } from './console-seed.ts';
import { startServe } from '../env/idsync-serve.ts';
import { idsyncJson } from './idsync-cli.ts';
import type { ResponseOf } from '../../shared/api.ts';

/** At least `n` HR runs in the history (quick full imports of the 40 people). */
async function atLeastRuns(page: Page, n: number): Promise<number> {
  let total = (await callApi(page, 'runs.list', { connector: HR, limit: 1 })).total;
  while (total < n) {
    const { runId } = await callApi(page, 'runs.start', { connector: HR, profile: 'Full Import' });
    await waitForRun(page, runId);
    total++;
  }
  return total;
}

function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('sort by the engine, filter by start date, page through up to 1,000 rows and jump to a page', async ({ openConsole, page, served, snap }) => {
  test.setTimeout(180_000);
  await openConsole();
  await seedHr(page, served.home);
  const total = await atLeastRuns(page, 27);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: HR, exact: true }).click();
  const region = page.getByRole('region', { name: 'Run history' });
  const grid = region.getByRole('grid', { name: 'Run history' });
  const count = region.getByLabel('Run history count');
  await expect(count).toHaveText(`${total} items`);
  // Sorting happens on the engine: the first row after sorting by duration is the longest run of all pages.
  await grid.getByRole('columnheader', { name: 'Duration' }).click();
  const longest = (await callApi(page, 'operations.runs', { connector: HR, sort: { field: 'duration', direction: 'desc' }, limit: 1 })).items[0];
  await expect(grid.getByRole('row').nth(1)).toContainText(await page.evaluate((iso) => new Date(iso).toLocaleString(), longest.startedAt));
  await expect(grid.getByRole('columnheader', { name: 'Duration' })).toHaveAttribute('aria-sort', 'descending');
  await grid.getByRole('columnheader', { name: 'Start Time' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Start Time' })).toHaveAttribute('aria-sort', 'descending');
  // Pages: 25 rows, then page 2 by number, then 1,000 rows on one page.
  await region.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.getByRole('option', { name: '25', exact: true }).click();
  const shown = region.getByLabel('Run history rows shown');
  await expect(shown).toHaveText(`1–25 of ${total} · page 1 of 2`);
  await region.getByRole('textbox', { name: 'Page' }).fill('2');
  await region.getByRole('button', { name: 'Go to page' }).click();
  await expect(shown).toHaveText(`26–${total} of ${total} · page 2 of 2`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(total - 25 + 1));
  await region.getByRole('textbox', { name: 'Page' }).fill('9');
  await region.getByRole('button', { name: 'Go to page' }).click();
  await expect(region.getByText('There are 2 pages')).toBeVisible();
  await region.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.getByRole('option', { name: '1,000', exact: true }).click();
  await expect(shown).toHaveText(`1–${total} of ${total} · page 1 of 1`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));
  await snap('console-operations-paged');
  // A date range: nothing started tomorrow; everything started today.
  await page.getByLabel('Started from').fill(today(1));
  await expect(count).toHaveText('0 items');
  await page.getByLabel('Started from').fill(today());
  await page.getByLabel('Started to').fill(today());
  await expect(count).toHaveText(`${total} items`);
  await page.getByLabel('Started to').fill(today(-1));
  await expect(page.getByText('The end date is before the start date')).toBeVisible();
  await page.getByLabel('Started to').fill('');
  await page.getByLabel('Started from').fill('');
  await expect(grid.getByRole('columnheader', { name: 'Duration' })).toBeVisible();
  await expect(grid.getByRole('row').nth(1).getByRole('gridcell').nth(6)).toHaveText(/^\d+:\d{2}$/);
  const cli = idsyncJson<ResponseOf<'operations.runs'>>(served.home, ['runs', 'list', '--connector', HR, '--sort', 'duration:desc', '--limit', '1']);
  expect(cli.items[0].id).toBe(longest.id);
});

test('the chart has labelled axes and each run in it opens that run, by click or by keyboard', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  const chart = page.getByRole('figure', { name: 'Run history chart' });
  await expect(chart).toContainText('Objects');
  await expect(chart).toContainText('Run start (latest runs, oldest first)');
  const runs = (await callApi(page, 'operations.runs', { limit: 30 })).items;
  const sync = runs.find((r) => r.connector === HR && r.profile === 'Full Synchronization')!;
  const imp = runs.find((r) => r.connector === HR && r.profile === 'Full Import')!;
  const details = page.getByRole('region', { name: 'Run details' });
  await chart.getByRole('button', { name: new RegExp(`^Open run ${sync.id}: `) }).click();
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(`${HR} — Profile Name: Full Synchronization`);
  expect(new URL(page.url()).searchParams.get('run')).toBe(sync.id);
  const target = chart.getByRole('button', { name: new RegExp(`^Open run ${imp.id}: `) });
  // A native button: in the Tab order without a tabindex of its own.
  await expect(target).toHaveJSProperty('tabIndex', 0);
  await target.focus();
  await snap('console-operations-chart-focus');
  await page.keyboard.press('Enter');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(`${HR} — Profile Name: Full Import`);
});

test('runs of a scheduler cycle are grouped, and a cycle shows its runs', async ({ page, snap }) => {
  test.setTimeout(180_000);
  const fresh = await startServe();
  try {
    await page.goto(fresh.url);
    await seedHr(page, fresh.home);
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('menuitem', { name: 'Scheduler and staging…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scheduler and staging' });
    await dialog.getByRole('button', { name: 'Start delta cycle' }).click();
    await expect(dialog.getByRole('grid', { name: 'Recent cycles' })).toContainText('completed', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('switch', { name: 'Group by scheduler cycle' }).click();
    const cycles = page.getByRole('grid', { name: 'Scheduler cycles' });
    await expect(cycles.getByRole('row')).toHaveCount(2);
    await expect(cycles.getByRole('row').nth(1)).toContainText(HR);
    await cycles.getByRole('row').nth(1).getByRole('gridcell').first().click();
    const runs = page.getByRole('grid', { name: 'Run history' });
    await expect(page.getByLabel('Run history count')).toHaveText('3 items');
    await expect(runs).toContainText('scheduler');
    await expect(runs).not.toContainText('web');
    await snap('console-operations-cycles');
  } finally {
    await fresh.stop();
  }
});
