// Metaverse Designer and Metaverse Search: add an attribute, a refused delete, precedence, a three-clause search, properties, CSV.
import fs from 'node:fs';
import { test, expect } from './fixtures.ts';
import { HR, seedHr } from './console-seed.ts';

test('add a metaverse attribute; deleting one a rule uses is refused with a reason; precedence lists the rule', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
  await page.getByRole('list', { name: 'Object type list' }).getByRole('button', { name: /^person/ }).click();
  const name = `costCenter${Date.now() % 100000}`;
  await page.getByRole('button', { name: 'Add Attribute' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Attribute to person' });
  await dialog.getByRole('textbox', { name: 'Attribute name' }).fill(name);
  await dialog.getByRole('checkbox', { name: 'Indexed' }).check();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  const grid = page.getByRole('grid', { name: 'Attributes of person' });
  await expect(grid.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  await snap('console-designer-attribute-added');
  await grid.getByRole('gridcell', { name: 'mail', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Precedence of mail' })).toContainText('In from HR - Person');
  await snap('console-designer-precedence');
  await page.getByRole('button', { name: 'Delete Attribute' }).click();
  await page.getByRole('dialog', { name: 'Delete Attribute' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /mail/ })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'mail', exact: true })).toBeVisible();
});

test('a rule of the precedence pane opens in the rules editor, by double-click or by its button', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
  await page.getByRole('list', { name: 'Object type list' }).getByRole('button', { name: /^person/ }).click();
  await page.getByRole('grid', { name: 'Attributes of person' }).getByRole('gridcell', { name: 'mail', exact: true }).click();
  const precedence = page.getByRole('grid', { name: 'Precedence of mail' });
  const open = page.getByRole('button', { name: 'Open in rules editor' });
  await expect(open).toBeDisabled();
  await precedence.getByRole('gridcell', { name: 'In from HR - Person', exact: true }).click();
  await open.click();
  const editor = page.getByRole('dialog', { name: 'Edit inbound synchronization rule: In from HR - Person' });
  await expect(editor.getByRole('textbox', { name: 'Name' })).toHaveValue('In from HR - Person');
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Synchronization Rules' })).toHaveAttribute('aria-selected', 'true');

  // Back returns to the designer; a double-click on the row opens the editor too.
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Metaverse Designer' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('list', { name: 'Object type list' }).getByRole('button', { name: /^person/ }).click();
  await page.getByRole('grid', { name: 'Attributes of person' }).getByRole('gridcell', { name: 'mail', exact: true }).click();
  await precedence.getByRole('gridcell', { name: 'In from HR - Person', exact: true }).dblclick();
  await expect(editor).toBeVisible();
  expect(new URL(page.url()).searchParams.get('rule')).toBeNull();
});

test('create a metaverse object type', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
  const name = `device${Date.now() % 100000}`;
  await page.getByRole('button', { name: 'Create Object Type' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Object Type' });
  // A name that exists is refused with the reason before anything is sent.
  await dialog.getByRole('textbox', { name: 'Object type name' }).fill('Person');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toContainText('The object type "Person" already exists');
  await dialog.getByRole('textbox', { name: 'Object type name' }).fill(name);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Object type list' }).getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
  await expect(page.getByRole('grid', { name: `Attributes of ${name}` })).toBeVisible();
  await snap('console-designer-object-type');
});

test('a three-clause metaverse search, object properties and CSV export of the results', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('combobox', { name: 'Scope by Object Type' }).click();
  await page.getByRole('option', { name: 'person' }).click();
  const clause = async (n: number, attribute: string, operator: string, value?: string) => {
    if (n > 1) await page.getByRole('button', { name: 'Add clause' }).click();
    await page.getByRole('combobox', { name: new RegExp(`^Clause ${n} Attribute`) }).click();
    await page.getByRole('option', { name: attribute, exact: true }).click();
    await page.getByRole('combobox', { name: new RegExp(`^Clause ${n} Operator`) }).click();
    await page.getByRole('option', { name: operator, exact: true }).click();
    if (value !== undefined) await page.getByRole('textbox', { name: `Clause ${n} value` }).fill(value);
  };
  // Smiths are every 4th person, managers every 3rd: persons 12, 24 and 36.
  await clause(1, 'sn', 'Starts with', 'Smi');
  await clause(2, 'title', 'Equals', 'Manager');
  await clause(3, 'mail', 'Is present');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByLabel('Search results count')).toHaveText('3 items');
  await snap('console-mv-search');
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Search results' }).getByRole('button', { name: 'Export CSV' }).click();
  const lines = fs.readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines[0]).toBe('displayName,sn,title,mail,Object Type,Object ID');
  expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['Person 12 Smith', 'Person 24 Smith', 'Person 36 Smith']);
  // Keyboard: Enter on a result opens its properties, as a double-click does.
  await page.getByRole('grid', { name: 'Search results' }).getByRole('gridcell', { name: 'Person 12 Smith' }).click();
  await page.keyboard.press('Enter');
  const mv = page.getByRole('dialog', { name: /Metaverse Object Properties/ });
  await expect(mv.getByRole('grid', { name: 'Metaverse attributes' })).toContainText(HR);
  await snap('console-mv-properties-attributes');
  await mv.getByRole('tab', { name: 'Connectors' }).click();
  await expect(mv.getByRole('grid', { name: 'Metaverse connectors' })).toContainText('CN=Person 12 Smith');
  await snap('console-mv-properties-connectors');
});
