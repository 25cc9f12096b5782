// Big grids are exported by the engine: it streams the rows to a file, the console shows the count with a
// progress bar and a Cancel button, and saves the finished file; Cancel leaves no partial file behind.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { callApi, waitForRun } from './console-seed.ts';
import { bigCsv, idsyncJson } from './idsync-cli.ts';

const ROWS = 60_000;
const NAME = 'Export Test';

async function bigSpace(page: Page, home: string): Promise<void> {
  if ((await callApi(page, 'connectors.list', {})).some((c) => c.name === NAME)) return;
  const file = path.join(home, 'export-test.csv');
  fs.writeFileSync(file, bigCsv(ROWS));
  await callApi(page, 'connectors.create', { name: NAME, type: 'file', config: { format: 'csv', path: file, anchor: 'employeeID', objectType: 'person', dnTemplate: 'CN={employeeID},O=Export' } });
  const { runId } = await callApi(page, 'runs.start', { connector: NAME, profile: 'Full Import' });
  expect((await waitForRun(page, runId, 170_000)).status).toBe('success');
}

test('export a connector space of 60,000 objects: progress, Cancel, then the whole file', async ({ openConsole, page, served, snap }) => {
  test.setTimeout(300_000);
  await openConsole();
  await bigSpace(page, served.home);
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: NAME, exact: true }).click();
  await page.getByRole('button', { name: 'Search Connector Space' }).click();
  const dialog = page.getByRole('dialog', { name: `Search Connector Space: ${NAME}` });
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  const results = dialog.getByRole('region', { name: 'Connector space objects' });
  await expect(results.getByLabel('Connector space objects count')).toHaveText('60,000 items');
  const exportsDir = path.join(served.home, 'exports');
  const before = fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir) : [];

  await results.getByRole('button', { name: 'Export CSV' }).click();
  await expect(results.getByLabel('Export progress')).toHaveText(/^Exporting [\d,]+ of 60,000 rows…$/);
  await snap('console-export-progress');
  await results.getByRole('button', { name: 'Cancel export' }).click();
  await expect(results.getByLabel('Export result')).toHaveText(/^Export cancelled after [\d,]+ rows; the partial file was removed\.$/);
  expect((fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir) : []).filter((f) => !before.includes(f))).toEqual([]);

  const download = page.waitForEvent('download', { timeout: 120_000 });
  await results.getByRole('button', { name: 'Export CSV' }).click();
  const lines = fs.readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r\n/);
  expect(lines[0]).toBe('Distinguished Name,Object Type,Anchor,State,Pending Import,Pending Export,Error');
  expect(lines).toHaveLength(ROWS + 1);
  // Every object once: "CN=ANCHOR,O=Export",person,ANCHOR,…
  const anchors = lines.slice(1).map((l) => /^"CN=(\d+),O=Export",person,(\d+),/.exec(l)).map((m) => (m && m[1] === m[2] ? m[1] : null));
  expect(anchors.includes(null)).toBe(false);
  expect(new Set(anchors).size).toBe(ROWS);
  await expect(results.getByLabel('Export result')).toContainText(`Exported 60,000 rows to ${exportsDir}`);

  // The same export from the command line, into a file of one's choosing.
  const target = path.join(served.home, 'cli-export.csv');
  const cli = idsyncJson<{ done: number; file: string }>(served.home, ['cs', 'search', NAME, '--csv', target, '--quiet']);
  expect(cli).toMatchObject({ done: ROWS, file: target });
  expect(fs.readFileSync(target, 'utf8').trimEnd().split(/\r\n/)).toHaveLength(ROWS + 1);
});
