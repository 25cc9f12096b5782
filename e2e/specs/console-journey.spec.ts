// Global search and the object journey: one box finds an identity by mail, anchor, DN or name across every
// connector space and the metaverse, and its journey shows the whole identity; the CLI finds the same.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { HR, seedHr } from './console-seed.ts';
import { idsyncJson } from './idsync-cli.ts';
import type { ResponseOf } from '../../shared/api.ts';

async function find(page: Page, text: string) {
  const box = page.getByRole('search', { name: 'Find an identity' }).getByRole('textbox', { name: 'Find identity' });
  await box.fill(text);
  await box.press('Enter');
  return page.getByRole('dialog', { name: `Identities matching “${text}”` });
}

test('find a person by mail, open the journey, and keep it across reload and Back', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  const hits = await find(page, 'p7@example.test');
  const grid = hits.getByRole('grid', { name: 'Identities found' });
  await expect(grid.getByRole('row', { name: /Metaverse/ })).toContainText('Person 7 Nguyen');
  await expect(grid.getByRole('row', { name: new RegExp(`^Person 7 Nguyen ${HR}`) })).toContainText('mail = p7@example.test');
  await expect(hits.getByLabel('Identities found count')).toHaveText('2 items');
  const cli = idsyncJson<ResponseOf<'search.global'>>(served.home, ['search', 'p7@example.test']);
  expect(cli.items.map((h) => h.kind).sort()).toEqual(['cs', 'mv']);
  await snap('console-global-search');
  await grid.getByRole('row', { name: /Metaverse/ }).dblclick();
  const journey = page.getByRole('dialog', { name: 'Object journey' });
  await expect(journey.getByRole('grid', { name: 'Joined objects' })).toContainText('CN=Person 7 Nguyen,OU=People,O=HR');
  await expect(journey.getByRole('grid', { name: 'Runs that touched it' })).toContainText('Full Import');
  await expect(journey.getByRole('grid', { name: 'Runs that touched it' })).toContainText('Full Synchronization');
  await expect(journey.getByRole('region', { name: 'Pending changes' })).toContainText('Nothing is pending');
  await expect(journey.getByRole('region', { name: 'Errors' })).toContainText('No import, synchronization or export error');
  await snap('console-object-journey');
  expect(new URL(page.url()).searchParams.get('journey')).toMatch(/^mv:\d+$/);
  await page.reload();
  await expect(page.getByRole('dialog', { name: 'Object journey' }).getByRole('grid', { name: 'Joined objects' })).toContainText('CN=Person 7 Nguyen');
  await page.goBack();
  await expect(page.getByRole('dialog', { name: 'Object journey' })).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Identities matching “p7@example.test”' })).toBeVisible();
});

test('the same box finds by anchor, by DN and by part of a name', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  let hits = await find(page, '1011');
  await expect(hits.getByRole('grid', { name: 'Identities found' }).getByRole('row', { name: new RegExp(HR) })).toContainText('anchor = 1011');
  await hits.getByRole('button', { name: 'Close' }).click();
  hits = await find(page, 'CN=Person 11 Nguyen,OU=People,O=HR');
  await expect(hits.getByRole('grid', { name: 'Identities found' })).toContainText('dn = CN=Person 11 Nguyen,OU=People,O=HR');
  await hits.getByRole('button', { name: 'Close' }).click();
  hits = await find(page, 'person 2');
  // Person 2 and Persons 20–29, each in the metaverse and in HR.
  await expect(hits.getByLabel('Identities found count')).toHaveText('22 items');
  await expect(hits.getByRole('grid', { name: 'Identities found' })).toContainText('displayName contains: Person 2');
  // The journey of a connector space object opens from its row, the button follows the row last clicked.
  await hits.getByRole('grid', { name: 'Identities found' }).getByRole('row', { name: /Person 23/ }).first().click();
  await hits.getByRole('button', { name: 'Open journey' }).click();
  await expect(page.getByRole('dialog', { name: 'Object journey' }).getByRole('grid', { name: 'Joined objects' })).toContainText('CN=Person 23 Nguyen');
});
