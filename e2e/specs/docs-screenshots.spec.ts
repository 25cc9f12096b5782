// The README's pictures: the console on the demo workspace (docs/screenshots with IDSYNC_UPDATE_DOCS=1; see docs-dir.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { startServe } from '../env/idsync-serve.ts';
import { idsync } from './idsync-cli.ts';
import { DOCS_SCREENSHOTS } from './docs-dir.ts';

const DOCS = DOCS_SCREENSHOTS;

async function shot(page: Page, snap: (name: string) => Promise<string>, name: string): Promise<void> {
  // Dialogs fade in: the picture is taken once every transition has ended.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || !Number.isFinite(Number(a.effect?.getComputedTiming().endTime))));
  const file = await snap(`docs-${name}`);
  fs.mkdirSync(DOCS, { recursive: true });
  fs.copyFileSync(file, path.join(DOCS, `${name}.png`));
}

test('the console on the demo workspace, for the README', async ({ page, snap }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 860 });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-docs-'));
  idsync(home, ['demo', '--users', '1000', '--json']);
  const served = await startServe({ home });
  try {
    await page.goto(served.url);
    // Operations: the chart, the history, and the HR synchronization's statistics.
    await page.getByRole('button', { name: 'Chart', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Run history' });
    await grid.getByRole('row', { name: /^HR feed \(CSV\) Full Synchronization/ }).getByRole('gridcell').first().click();
    await expect(page.getByRole('region', { name: 'Run details' }).getByRole('heading', { level: 2 })).toContainText('Full Synchronization');
    await shot(page, snap, 'operations');
    await page.getByRole('button', { name: 'Chart', exact: true }).click();

    await page.getByRole('tab', { name: 'Connectors' }).click();
    await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: 'HR feed (CSV)', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Run details' })).toBeVisible();
    await shot(page, snap, 'connectors');

    // The documented review of pending exports, with an attribute column.
    await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: 'Directory (JSON)', exact: true }).click();
    await page.getByRole('button', { name: 'Search Connector Space' }).click();
    const cs = page.getByRole('dialog', { name: 'Search Connector Space: Directory (JSON)' });
    await cs.getByRole('combobox', { name: 'Scope' }).click();
    await page.getByRole('option', { name: 'Pending Export', exact: true }).click();
    await cs.getByRole('button', { name: 'Search', exact: true }).click();
    await cs.getByRole('button', { name: 'Column Settings…' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'title' }).click();
    await page.keyboard.press('Escape');
    // The column holds the directory's value now; the Pending Export tab shows what the export will change.
    await expect(cs.getByRole('columnheader', { name: 'title' })).toBeVisible();
    await shot(page, snap, 'console-cs-search-columns');
    await cs.getByRole('grid', { name: 'Connector space objects' }).getByRole('row').nth(1).dblclick();
    const props = page.getByRole('dialog', { name: /Connector Space Object Properties/ });
    await props.getByRole('tab', { name: 'Pending Export', exact: true }).click();
    await expect(props.getByRole('grid', { name: 'Pending export attributes' })).toBeVisible();
    await shot(page, snap, 'console-cs-pending-export');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
    await page.getByRole('list', { name: 'Object type list' }).getByRole('button', { name: /^person/ }).click();
    await page.getByRole('grid', { name: 'Attributes of person' }).getByRole('gridcell', { name: 'mail', exact: true }).click();
    await expect(page.getByRole('grid', { name: 'Precedence of mail' })).toBeVisible();
    await shot(page, snap, 'metaverse-designer');

    await page.getByRole('tab', { name: 'Metaverse Search' }).click();
    await page.getByRole('combobox', { name: 'Scope by Object Type' }).click();
    await page.getByRole('option', { name: 'person' }).click();
    await page.getByRole('combobox', { name: /^Clause 1 Attribute/ }).click();
    await page.getByRole('option', { name: 'title', exact: true }).click();
    await page.getByRole('combobox', { name: /^Clause 1 Operator/ }).click();
    await page.getByRole('option', { name: 'Starts with', exact: true }).click();
    await page.getByRole('textbox', { name: 'Clause 1 value' }).fill('Senior');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('region', { name: 'Search results' });
    for (const column of ['department', 'mail']) {
      await results.getByRole('button', { name: 'Column Settings…' }).click();
      await page.getByRole('menuitemcheckbox', { name: column }).click();
      await page.keyboard.press('Escape');
    }
    await expect(results.getByRole('grid')).toContainText('@demo.example');
    await shot(page, snap, 'metaverse-search');

    // Global search and the journey of a promoted employee (a title change waiting for export).
    const promoted = results.getByRole('grid').getByRole('row').nth(1).getByRole('gridcell').first();
    const name = (await promoted.textContent())!;
    const box = page.getByRole('textbox', { name: 'Find identity' });
    await box.fill(name);
    await box.press('Enter');
    await expect(page.getByRole('dialog', { name: /^Identities matching/ }).getByRole('grid', { name: 'Identities found' })).toContainText(name);
    await shot(page, snap, 'console-global-search');
    await page.getByRole('dialog', { name: /^Identities matching/ }).getByRole('grid').getByRole('row', { name: /Metaverse/ }).first().dblclick();
    const journey = page.getByRole('dialog', { name: 'Object journey' });
    await expect(journey.getByRole('grid', { name: 'Pending changes' })).toContainText('Senior');
    await shot(page, snap, 'console-journey');
    await journey.getByRole('button', { name: 'Close' }).click();

    for (const [item, title, file] of [['Statistics…', 'Statistics', 'console-statistics'], ['Scheduler and staging…', 'Scheduler and staging', 'console-scheduler']] as const) {
      await page.getByRole('button', { name: 'Tools' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog.getByRole('grid').first()).toBeVisible();
      await shot(page, snap, file);
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
  } finally {
    await served.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
