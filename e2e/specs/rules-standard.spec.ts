// Standard rules behave as in Entra Connect: on the configuration `idsync setup` creates (a directory in slapd, the
// Entra ID emulator), Edit on a standard rule warns and offers to disable it and edit a clone at a custom
// precedence; the saved clone is compared with its original, which stays, disabled.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { docShot } from './rules-docs.ts';
import { repoRoot, startServe, type ServedConsole } from '../env/idsync-serve.ts';
import { startEntraEmulator, type EntraEmulator } from '../env/entra-emulator/index.ts';
import { ldapAddText, peopleLdif, startSlapd, type SlapdInstance } from '../env/slapd/index.ts';

const JOIN = 'In from AD - User Join';
let emu: EntraEmulator;
let slapd: SlapdInstance;
let served: ServedConsole;
let home: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [emu, slapd] = await Promise.all([startEntraEmulator(), startSlapd({ tls: true })]);
  await ldapAddText(slapd, peopleLdif(5, slapd.suffix));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-rules-std-'));
  const ca = path.join(home, 'entra-ca.pem');
  fs.writeFileSync(ca, emu.caPem);
  const directoryCa = path.join(home, 'slapd-ca.pem');
  fs.writeFileSync(directoryCa, slapd.caPem!);
  // Asynchronously: the emulator answers the sign-in from this process.
  const setup = await run([
    '--home', home, 'setup', '--ad', slapd.ldapsUrl!, '--ad-ca-file', directoryCa, '--ad-flavour', 'openldap', '--ad-name', 'example.com',
    '--ad-bind-dn', slapd.bindDn, '--ad-password-env', 'IDSYNC_E2E_AD_PASSWORD', '--entra-tenant', emu.tenantId, '--entra-client-id', emu.clientId,
    '--entra-secret-env', 'IDSYNC_E2E_ENTRA_SECRET', '--authority-host', emu.authorityHost, '--graph-base-url', emu.graphBaseUrl, '--entra-ca-file', ca,
    '--no-initial-cycle', '--json',
  ], { IDSYNC_E2E_AD_PASSWORD: slapd.password, IDSYNC_E2E_ENTRA_SECRET: emu.clientSecret });
  expect(setup.status, setup.stderr).toBe(0);
  served = await startServe({ home });
});

test.afterAll(async () => {
  await served?.stop();
  await Promise.all([emu?.stop(), slapd?.dispose()]);
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** Runs bin/idsync to the end without blocking this process. */
function run(args: readonly string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'idsync'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

test('Edit on a standard rule disables it and edits a clone; the diff shows the clone against its original', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('tab', { name: 'Synchronization Rules' }).click();
  await page.getByRole('combobox', { name: 'Standard or custom', exact: true }).click();
  await page.getByRole('option', { name: 'standard', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Synchronization rules' });
  await expect(grid).toContainText(JOIN);
  await docShot(page, 'rules-standard-list');
  await page.getByRole('textbox', { name: 'Search rules' }).fill('User Join');
  const original = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: JOIN, exact: true }) });
  await expect(original).toContainText('Microsoft.InfromADUserJoin');
  await original.getByRole('gridcell', { name: JOIN, exact: true }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();

  const prompt = page.getByRole('dialog', { name: 'Edit a standard rule' });
  await expect(prompt).toContainText(`"${JOIN}" is a standard rule`);
  await expect(prompt.getByRole('textbox', { name: 'Precedence of the clone' })).toHaveValue('99');
  await prompt.getByRole('textbox', { name: 'Precedence of the clone' }).fill('100');
  await expect(prompt).toContainText(`Precedence 100 is used by "${JOIN}"`);
  await prompt.getByRole('button', { name: '95' }).click();
  await docShot(page, 'rules-standard-prompt');
  await prompt.getByRole('button', { name: 'Disable the original and edit a clone' }).click();

  const editor = page.getByRole('dialog', { name: `Edit inbound synchronization rule: ${JOIN} (custom)` });
  await expect(editor).toContainText(`This is a clone of the standard rule "${JOIN}"`);
  await expect(editor.getByRole('textbox', { name: 'Tag' })).toHaveValue('');
  await expect(editor.getByRole('textbox', { name: 'Precedence' })).toHaveValue('95');
  // The customization Microsoft documents for this rule: change the join (here: a last join group on mail).
  await editor.getByRole('tab', { name: 'Join rules' }).click();
  const groups = await editor.getByRole('region', { name: /^Join group \d+$/ }).count();
  expect(groups).toBeGreaterThan(0);
  await editor.getByRole('button', { name: 'Add join group' }).click();
  const n = groups + 1;
  for (const [field, value] of [['Source attribute', 'mail'], ['Target attribute', 'mail']] as const) {
    const box = editor.getByRole('combobox', { name: `Join group ${n} clause 1 ${field}` });
    await box.fill(value);
    await box.press('Tab');
  }
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByText(`Saved "${JOIN} (custom)"`)).toBeVisible();

  // The original stays, disabled; the clone is custom, at 95.
  await expect(original).toContainText('Yes');
  await page.getByRole('combobox', { name: 'Standard or custom', exact: true }).click();
  await page.getByRole('option', { name: 'custom', exact: true }).click();
  const clone = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: `${JOIN} (custom)`, exact: true }) });
  await expect(clone).toContainText('95');
  await expect(page.getByRole('region', { name: 'Full synchronization required' })).toContainText('Full synchronization required on example.com');
  await clone.getByRole('gridcell', { name: `${JOIN} (custom)`, exact: true }).click();
  await page.getByRole('button', { name: 'Compare with original' }).click();
  const diff = page.getByRole('dialog', { name: `Compare "${JOIN} (custom)" with "${JOIN}"` });
  await expect(diff.getByRole('status', { name: 'Comparison summary' })).toContainText(`"${JOIN}" is disabled.`);
  const rows = diff.getByRole('grid', { name: 'Rule differences' });
  await expect(rows.getByRole('row').filter({ hasText: `Group ${n}` })).toContainText('mail = mail');
  await expect(rows.getByRole('row').filter({ hasText: `Group ${n}` })).toContainText('added');
  await expect(rows.getByRole('row').filter({ hasText: 'Precedence' })).toContainText('95');
  await expect(rows.getByRole('row').filter({ hasText: 'Tag' })).toContainText('Microsoft.InfromADUserJoin');
  await expect(rows.getByRole('row').filter({ hasText: 'Disabled' })).toHaveCount(1);
  await docShot(page, 'rules-diff');
});
