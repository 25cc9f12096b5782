// Connectors tab: properties, export, Search Connector Space by every scope, every object properties tab, preview and commit.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { HR, HR_SECRET, PEOPLE, callApi, seedHr } from './console-seed.ts';
import type { Page } from '@playwright/test';

async function openHr(page: Page) {
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: HR, exact: true }).click();
}

async function searchScope(page: Page, scope: string, text?: string) {
  const dialog = page.getByRole('dialog', { name: `Search Connector Space: ${HR}` });
  await dialog.getByRole('combobox', { name: 'Scope' }).click();
  await page.getByRole('option', { name: scope, exact: true }).click();
  if (text !== undefined) await dialog.getByRole('search').getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  return dialog;
}

test('connector properties and Export Connector', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await openHr(page);
  await page.getByRole('button', { name: 'Properties', exact: true }).click();
  const props = page.getByRole('dialog', { name: `Properties: ${HR}` });
  await props.getByRole('button', { name: 'Connectivity' }).click();
  await expect(props.getByRole('grid', { name: 'Connector configuration' })).toContainText('anchor');
  await snap('console-connectors-properties');
  await props.getByRole('button', { name: 'Close' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Connector', exact: true }).click();
  const doc = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as { format: string; name: string; type: string };
  expect(doc).toMatchObject({ format: 'idsync-connector', name: HR, type: 'file' });
});

test('search the connector space by each scope', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await openHr(page);
  await page.getByRole('button', { name: 'Search Connector Space' }).click();
  const count = (d: ReturnType<Page['getByRole']>) => d.getByLabel('Connector space objects count');
  let dialog = await searchScope(page, 'Subtree', 'OU=People,O=HR');
  await expect(count(dialog)).toHaveText(`${PEOPLE} items`);
  await snap('console-cs-search-subtree');
  dialog = await searchScope(page, 'RDN', 'CN=Person 1 Lee');
  await expect(count(dialog)).toHaveText('1 item');
  dialog = await searchScope(page, 'DN or Anchor', 'CN=Person 2 Garcia,OU=People,O=HR');
  await expect(count(dialog)).toHaveText('1 item');
  dialog = await searchScope(page, 'DN or Anchor', '1005');
  await expect(dialog.getByRole('grid', { name: 'Connector space objects' })).toContainText('CN=Person 5 Lee');
  // After a full synchronization nothing is pending and nothing failed; every person is a connector.
  for (const [scope, expected] of [
    ['Pending Import', '0 items'], ['Pending Export', '0 items'], ['Import Error', '0 items'], ['Synchronization Error', '0 items'],
    ['Export Error', '0 items'], ['Disconnectors', '0 items'], ['Connectors', `${PEOPLE} items`], ['Placeholders', '0 items'], ['Transient', '0 items'], ['All objects', `${PEOPLE} items`],
  ] as const) {
    dialog = await searchScope(page, scope);
    await expect(count(dialog), scope).toHaveText(expected);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
  }
  await snap('console-cs-search-all');
  // Attribute clauses, ANDed with the scope; the DN is one of the attributes.
  const clause = async (n: number, attribute: string, operator: string, value: string) => {
    await dialog.getByRole('button', { name: 'Add clause' }).click();
    await dialog.getByRole('combobox', { name: new RegExp(`^Clause ${n} Attribute`) }).click();
    await page.getByRole('option', { name: attribute, exact: true }).click();
    await dialog.getByRole('combobox', { name: new RegExp(`^Clause ${n} Operator`) }).click();
    await page.getByRole('option', { name: operator, exact: true }).click();
    await dialog.getByRole('textbox', { name: `Clause ${n} value` }).fill(value);
  };
  await clause(1, 'dn', 'Starts with', 'cn=person 1');
  await clause(2, 'displayName', 'Ends with', 'LEE');
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(count(dialog)).toHaveText('3 items');
  await expect(dialog.getByRole('grid', { name: 'Connector space objects' })).toContainText('CN=Person 17 Lee');
});

test('open every object properties tab, then generate and commit a preview', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await openHr(page);
  await page.getByRole('button', { name: 'Search Connector Space' }).click();
  const search = await searchScope(page, 'RDN', 'CN=Person 3 Nguyen');
  await search.getByRole('grid', { name: 'Connector space objects' }).getByRole('gridcell', { name: /^CN=Person 3 Nguyen/ }).click();
  await search.getByRole('button', { name: 'Properties', exact: true }).click();
  const cs = page.getByRole('dialog', { name: /Connector Space Object Properties/ });
  for (const tab of ['Import', 'Synchronization Error', 'Pending Export', 'Connectors', 'Lineage', 'Preview', 'Log']) {
    await cs.getByRole('tab', { name: tab, exact: true }).click();
    await expect(cs.getByRole('tabpanel')).toBeVisible();
    await snap(`console-cs-tab-${tab.toLowerCase().replace(/\s+/g, '-')}`);
  }
  await cs.getByRole('tab', { name: 'Lineage', exact: true }).click();
  await expect(cs.getByRole('grid', { name: 'Attribute contributions' }).getByRole('row', { name: /employeeID/ })).toContainText('In from HR - Person');
  await snap('console-cs-lineage-contributions');
  await cs.getByRole('tab', { name: 'Preview', exact: true }).click();
  await cs.getByRole('button', { name: 'Generate Preview' }).click();
  await expect(cs.getByRole('list', { name: 'Preview contents' })).toBeVisible();
  // The person is already projected, so the preview finds it joined.
  await cs.getByRole('button', { name: 'Join and Projection' }).click();
  await expect(cs.getByRole('region', { name: 'Join and Projection' })).toContainText('Action: already-joined');
  await snap('console-cs-preview');
  await cs.getByRole('button', { name: 'Commit Preview' }).click();
  await expect(cs.getByRole('status').filter({ hasText: 'Committed' })).toBeVisible();
  await snap('console-cs-preview-committed');
});

test('secrets stay masked in the properties view and in the exported connector file', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  const existing = await callApi(page, 'connectors.list', {});
  if (!existing.some((c) => c.name === 'Vault')) {
    await callApi(page, 'connectors.create', { name: 'Vault', type: 'test', config: { directory: `vault-${path.basename(served.home)}`, password: HR_SECRET } });
  }
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: 'Vault', exact: true }).click();
  await page.getByRole('button', { name: 'Properties', exact: true }).click();
  const props = page.getByRole('dialog', { name: 'Properties: Vault' });
  await props.getByRole('button', { name: 'Connectivity' }).click();
  const config = props.getByRole('grid', { name: 'Connector configuration' });
  await expect(config.getByRole('row', { name: /password/ })).toContainText('********');
  await expect(props).not.toContainText(HR_SECRET);
  await snap('console-connectors-secret-masked');
  await props.getByRole('button', { name: 'Close' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Connector', exact: true }).click();
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  expect(text).not.toContain(HR_SECRET);
  expect(JSON.parse(text)).toMatchObject({ name: 'Vault', config: { password: '********' } });
});
