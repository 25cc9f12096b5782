// The Synchronization Rules Editor on the demo workspace, in Chromium, by roles and labels: a rule built from
// scratch (scoping, join, three transformations, an expression error fixed in place), its preview on one object,
// save, the "full synchronization required" marker on the connector until a full synchronization clears it, and
// the new value in Metaverse Search; "Try it" on an expression. The README's pictures are written on the way.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { docShot } from './rules-docs.ts';
import { repoRoot, startServe, type ServedConsole } from '../env/idsync-serve.ts';

const HR = 'HR feed (CSV)';
let served: ServedConsole;
let home: string;
let demoDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-rules-e2e-'));
  const demo = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'idsync'), '--home', home, 'demo', '--users', '200', '--json'], { cwd: repoRoot, encoding: 'utf8' });
  expect(demo.status, demo.stderr).toBe(0);
  demoDir = (JSON.parse(demo.stdout) as { directory: string }).directory;
  served = await startServe({ home });
});

test.afterAll(async () => {
  await served?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** Employee ids of the HR feed by employee type, read from the demo's CSV file. */
function hrIds(type: 'Employee' | 'Contractor'): string[] {
  const [header, ...lines] = fs.readFileSync(path.join(demoDir, 'hr-users.csv'), 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines.map((l) => l.split(',')).filter((c) => c[at('employeeType')] === type).map((c) => c[at('employeeId')]!);
}

async function openRules(page: Page) {
  await page.goto(served.url);
  await page.getByRole('tab', { name: 'Synchronization Rules' }).click();
  await expect(page.getByRole('grid', { name: 'Synchronization rules' })).toContainText('In from HR - Person');
}

/** Types into a free-text combobox and leaves it (Tab), closing its suggestions. */
async function pick(scope: Page | Locator, combobox: string, text: string) {
  const box = scope.getByRole('combobox', { name: combobox });
  await box.fill(text);
  await box.press('Tab');
}

async function choose(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('create a rule from scratch: scoping, join, three transformations with an expression error fixed in place; preview, save, full sync, Metaverse Search', async ({ page }) => {
  test.setTimeout(180_000);
  const contractor = hrIds('Contractor')[0]!;
  await openRules(page);
  await docShot(page, 'rules-list');
  await page.getByRole('button', { name: 'Add new rule' }).click();
  const editor = page.getByRole('dialog', { name: /Create inbound synchronization rule/ });

  await editor.getByRole('textbox', { name: 'Name' }).fill('In from HR - Contractor title');
  await editor.getByRole('textbox', { name: 'Description' }).fill('Marks contractors in their title');
  await choose(page, 'Connected System', HR);
  await pick(editor, 'Connected System Object Type', 'user');
  await choose(page, 'Metaverse Object Type', 'person');
  await choose(page, 'Link Type', 'Join');
  await editor.getByRole('textbox', { name: 'Precedence' }).fill('5');
  await docShot(page, 'rules-editor-description');

  await editor.getByRole('button', { name: 'Next' }).click();
  await editor.getByRole('button', { name: 'Add scoping group' }).click();
  await pick(editor, 'Group 1 clause 1 Attribute', 'employeeType');
  await expect(editor.getByRole('combobox', { name: 'Group 1 clause 1 Operator' })).toHaveText('EQUAL');
  await editor.getByRole('textbox', { name: 'Group 1 clause 1 Value' }).fill('Contractor');

  await editor.getByRole('button', { name: 'Next' }).click();
  await editor.getByRole('button', { name: 'Add join group' }).click();
  await pick(editor, 'Join group 1 clause 1 Source attribute', 'employeeId');
  await pick(editor, 'Join group 1 clause 1 Target attribute', 'employeeID');

  await editor.getByRole('button', { name: 'Next' }).click();
  for (let i = 0; i < 3; i++) await editor.getByRole('button', { name: 'Add transformation' }).click();
  await choose(page, 'Transformation 1 Flow type', 'Expression');
  await pick(editor, 'Transformation 1 Target attribute', 'title');
  const expression = editor.getByRole('textbox', { name: 'Transformation 1 expression' });
  // The closing parenthesis is missing: the parser's position is shown under the field and marked inline.
  await expression.fill('"Contractor: " & Trim([title]');
  const problems = editor.getByRole('list', { name: 'Problems of Transformation 1 expression' });
  await expect(problems).toContainText('Error at line 1, column 30');
  await expect(editor.locator('.cm-lintRange-error')).toHaveCount(1);
  await pick(editor, 'Transformation 2 Target attribute', 'department');
  await pick(editor, 'Transformation 2 Source', 'department');
  await choose(page, 'Transformation 3 Flow type', 'Constant');
  await pick(editor, 'Transformation 3 Target attribute', 'employeeType');
  await editor.getByRole('textbox', { name: 'Transformation 3 Constant' }).fill('Contractor');
  await docShot(page, 'rules-editor-expression-error');

  // Save refuses the whole rule and puts the engine's verdict on the field.
  await editor.getByRole('button', { name: 'Save' }).click();
  const verdict = editor.getByRole('alert', { name: 'Rule problems' });
  await expect(verdict).toContainText('1 problem: the rule was not saved');
  await expect(verdict).toContainText('attributeFlows[0].expression');
  await expect(editor.getByRole('tab', { name: 'Transformations, 1 problem' })).toBeVisible();

  // Fixed in place.
  await expression.fill('"Contractor: " & Trim([title])');
  await expect(problems).toBeHidden();
  await expect(verdict).toBeHidden();

  // Preview of the change on one contractor, side by side, before anything is saved.
  await editor.getByRole('button', { name: 'Preview change' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview the change on one object' });
  await pick(preview, 'Distinguished name', `CN=${contractor},OU=HR`);
  await preview.getByRole('button', { name: 'Preview', exact: true }).click();
  const compare = preview.getByRole('grid', { name: 'Rule change preview' });
  const titleRow = compare.getByRole('row').filter({ hasText: 'Import flow' }).filter({ has: page.getByRole('gridcell', { name: 'title', exact: true }) });
  await expect(titleRow).toContainText('Contractor: ');
  await expect(titleRow).toContainText('← In from HR - Contractor title');
  await expect(titleRow).toContainText('← In from HR - Person');
  await expect(compare.getByRole('row').filter({ hasText: 'In from HR - Contractor title' }).filter({ hasText: 'Scope' })).toContainText('in scope');
  await docShot(page, 'rules-preview-change');
  await preview.getByRole('button', { name: 'Close' }).click();

  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByText(`Saved "In from HR - Contractor title". Full synchronization required on ${HR}.`)).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Synchronization rules' });
  await expect(grid.getByRole('row').nth(1)).toContainText('In from HR - Contractor title');
  await expect(page.getByRole('region', { name: 'Full synchronization required' })).toContainText(`Full synchronization required on ${HR}`);

  // The marker in Connectors, until a full synchronization of the connector.
  await page.getByRole('tab', { name: 'Connectors' }).click();
  const connectors = page.getByRole('grid', { name: 'Connectors' });
  const hrRow = connectors.getByRole('row').filter({ hasText: HR });
  await expect(hrRow).toContainText('Full synchronization required');
  await docShot(page, 'rules-full-sync-required');
  await hrRow.getByRole('gridcell', { name: HR, exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const run = page.getByRole('dialog', { name: `Run Connector: ${HR}` });
  await run.getByRole('button', { name: /^Full Synchronization/ }).click();
  await run.getByRole('button', { name: 'OK' }).click();
  await expect(hrRow).not.toContainText('Full synchronization required', { timeout: 60_000 });
  await expect(hrRow).toContainText('Full Synchronization: ');

  // The contractors' new title in the metaverse.
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('combobox', { name: 'Scope by Object Type' }).click();
  await page.getByRole('option', { name: 'person' }).click();
  await page.getByRole('combobox', { name: /^Clause 1 Attribute/ }).click();
  await page.getByRole('option', { name: 'title', exact: true }).click();
  await page.getByRole('combobox', { name: /^Clause 1 Operator/ }).click();
  await page.getByRole('option', { name: 'Starts with', exact: true }).click();
  await page.getByRole('textbox', { name: 'Clause 1 value' }).fill('Contractor: ');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByLabel('Search results count')).toHaveText(`${hrIds('Contractor').length} items`);
});

test('"Try it" evaluates an expression on a connector space object and on a metaverse object', async ({ page }) => {
  const employee = hrIds('Employee')[0]!;
  await openRules(page);
  const grid = page.getByRole('grid', { name: 'Synchronization rules' });
  await grid.getByRole('gridcell', { name: 'In from HR - Person', exact: true }).dblclick();
  const editor = page.getByRole('dialog', { name: /Edit inbound synchronization rule: In from HR - Person/ });
  await editor.getByRole('tab', { name: 'Transformations' }).click();
  const mail = editor.getByRole('region', { name: 'Transformation 7' });
  await expect(mail.getByRole('textbox', { name: 'Transformation 7 expression' })).toHaveText('LCase(Trim([mail]))');
  await mail.getByRole('button', { name: 'Try it: Transformation 7 expression' }).click();
  const tryIt = mail.getByRole('region', { name: 'Try it: Transformation 7 expression' });
  await expect(tryIt.getByRole('combobox', { name: 'Connector' })).toHaveText(HR);
  await pick(tryIt, 'Distinguished name', `CN=${employee},OU=HR`);
  await tryIt.getByRole('button', { name: 'Evaluate' }).click();
  const result = tryIt.getByRole('region', { name: 'Try it result' });
  await expect(result.getByLabel('Result value')).toHaveText(new RegExp(`^[a-z.]+\\.${employee.replace(/^E/, '')}@demo\\.example$`));
  await expect(result).toContainText('[mail] = ');

  // The function reference inserts at the cursor; completion offers attributes after "[".
  await mail.getByRole('button', { name: 'Functions for Transformation 7 expression' }).click();
  const reference = page.getByRole('dialog', { name: 'Function reference' });
  await reference.getByRole('textbox', { name: 'Search functions' }).fill('Word');
  await expect(reference.getByRole('listitem', { name: 'Word' })).toContainText('Word(');
  await docShot(page, 'rules-function-reference');
  await reference.getByRole('button', { name: 'Close' }).click();
  const text = mail.getByRole('textbox', { name: 'Transformation 7 expression' });
  await text.fill('IIF(IsPresent([mail]), LCase([');
  await expect(page.getByRole('listbox')).toContainText('managerId');
  await page.keyboard.press('Escape');

  // An expression that stops the flow, tried on the metaverse object.
  await text.fill('IIF(IsPresent([mail]), IgnoreThisFlow, Error("no mail"))');
  await tryIt.getByRole('combobox', { name: 'Object kind' }).click();
  await page.getByRole('option', { name: 'Metaverse object' }).click();
  await pick(tryIt, 'Metaverse object', '1');
  await tryIt.getByRole('button', { name: 'Evaluate' }).click();
  await expect(result).toContainText('IgnoreThisFlow');
  await docShot(page, 'rules-try-it');

  // The rule as edited (not saved) on one object: scope, join, every transformation's value.
  await editor.getByRole('button', { name: 'Test on an object' }).click();
  const test = page.getByRole('dialog', { name: 'Test the rule on one object' });
  await pick(test, 'Distinguished name', `CN=${employee},OU=HR`);
  await test.getByRole('button', { name: 'Test', exact: true }).click();
  const outcome = test.getByRole('region', { name: 'Rule test result' });
  await expect(outcome.getByRole('alert', { name: 'Scope' })).toContainText(`CN=${employee},OU=HR: in scope (no scoping filter)`);
  await expect(outcome).toContainText('Join: Already joined');
  const values = outcome.getByRole('list', { name: 'Transformation values' });
  await expect(values).toContainText('mail ← IgnoreThisFlow');
  await expect(values).toContainText(`employeeID ← ${employee}`);
  await test.getByRole('button', { name: 'Close' }).click();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  // Nothing was saved.
  await grid.getByRole('gridcell', { name: 'In from HR - Person', exact: true }).click();
  await page.getByRole('button', { name: 'View' }).click();
  const view = page.getByRole('dialog', { name: /View inbound synchronization rule: In from HR - Person/ });
  await view.getByRole('tab', { name: 'Transformations' }).click();
  await expect(view.getByRole('textbox', { name: 'Transformation 7 expression' })).toHaveText('LCase(Trim([mail]))');
});

test('filters, search, precedence by attribute with reorder, export and CSV', async ({ page }) => {
  await openRules(page);
  const grid = page.getByRole('grid', { name: 'Synchronization rules' });
  await choose(page, 'Direction', 'Outbound');
  await expect(page.getByLabel('Synchronization rules count')).toHaveText('1 item');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('textbox', { name: 'Search rules' }).fill('marks contractors');
  await expect(page.getByLabel('Synchronization rules count')).toHaveText('1 item');
  await expect(grid).toContainText('In from HR - Contractor title');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  const csv = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Synchronization rules' }).getByRole('button', { name: 'Export CSV' }).click();
  const lines = fs.readFileSync(await (await csv).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines[0]).toBe('Name,Connector,Precedence,Connected System Object Type,Metaverse Object Type,Link Type,Direction,Disabled,Standard');
  expect(lines).toHaveLength(5);

  await grid.getByRole('gridcell', { name: 'In from HR - Contractor title', exact: true }).click();
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export rule' }).click();
  const doc = JSON.parse(fs.readFileSync(await (await json).path(), 'utf8')) as { format: string; syncRules: { name: string }[] };
  expect(doc.format).toBe('idsync-rules');
  expect(doc.syncRules.map((r) => r.name)).toEqual(['In from HR - Contractor title']);

  await page.getByRole('button', { name: 'Precedence' }).click();
  const prec = page.getByRole('dialog', { name: 'Precedence by metaverse attribute' });
  await pick(prec, 'Metaverse attribute', 'title');
  const rows = prec.getByRole('grid', { name: 'Precedence of title' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('In from HR - Contractor title');
  await expect(rows.nth(2)).toContainText('In from HR - Person');
  await docShot(page, 'rules-precedence');
  await rows.nth(2).getByRole('gridcell', { name: 'In from HR - Person', exact: true }).click();
  await prec.getByRole('button', { name: 'Move up' }).click();
  await expect(rows.nth(1)).toContainText('In from HR - Person');
  await expect(rows.nth(1)).toContainText('5');
  await prec.getByRole('button', { name: 'Move down' }).click();
  await expect(rows.nth(1)).toContainText('In from HR - Contractor title');
  await prec.getByRole('button', { name: 'Edit rule' }).click();
  await expect(page.getByRole('dialog', { name: /Edit inbound synchronization rule: In from HR - Person/ })).toBeVisible();
});

test('connector Properties show partitions, object types and attributes as lists, not JSON', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: 'Groups (JSON)', exact: true }).dblclick();
  const props = page.getByRole('dialog', { name: 'Properties: Groups (JSON)' });
  const pages = props.getByRole('list', { name: 'Property pages' });
  await pages.getByRole('button', { name: 'Partitions and Containers' }).click();
  await expect(props.getByRole('region', { name: 'Partitions', exact: true })).toContainText('default');
  await expect(props.getByText('Anchor attribute: groupId')).toBeVisible();
  await pages.getByRole('button', { name: 'Object Types' }).click();
  await expect(props.getByRole('list', { name: 'Object types', exact: true })).toContainText('group');
  await pages.getByRole('button', { name: 'Attributes' }).click();
  const attrs = props.getByRole('grid', { name: 'Attributes of group' });
  const members = attrs.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'members', exact: true }) });
  await expect(members).toContainText('Yes');
  await expect(attrs).toContainText('displayName');
  await docShot(page, 'connector-properties-attributes');
});
