// A directory extension added from the console, as an administrator of Entra Connect would: a Samba AD domain set up
// with `idsync setup` and synchronized to the Entra ID emulator; in Synchronization Rules → Directory extensions, the
// extension application is set (a wrong one refused on its field), the AD attribute employeeType is picked from the
// directory's schema and synchronized to a new extension; a delta cycle started from the console writes every
// user's value to Entra ID. Needs Samba AD (the out-of-box rules take users from Active Directory only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { docShot } from './rules-docs.ts';
import { idsyncInBackground } from './idsync-cli.ts';
import { startServe, type ServedConsole } from '../env/idsync-serve.ts';
import { startEntraEmulator, type Application, type EntraEmulator } from '../env/entra-emulator/index.ts';
import { ldapAddFile } from '../env/slapd/index.ts';
import { AD_BASE_DN, sambaAvailable, startSambaAd, type SambaAdInstance } from '../env/samba/index.ts';
import { writeLdif } from '../env/generate/ldif-out.ts';
import { IdentitySet, type GenerateOptions } from '../env/generate/identities.ts';

const USERS: GenerateOptions = { seed: 17, users: 6, groupsPerUsers: 10, largeGroups: 0, domain: 'example.test' };
const FOREST = 'example.test';
let dc: SambaAdInstance | undefined;
let emu: EntraEmulator | undefined;
let served: ServedConsole | undefined;
let extensionApp: Application;
let dir = '';

test.describe.configure({ mode: 'serial' });
// Tall enough for the whole dialog in the README's picture.
test.use({ viewport: { width: 1280, height: 960 } });

/** Runs the command line against the console's data directory; fails the setup with its output. */
async function idsync(home: string, ...args: string[]): Promise<void> {
  const r = await idsyncInBackground(home, args);
  expect(r.code, `idsync ${args.join(' ')}: ${r.output}`).toBe(0);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const samba = await sambaAvailable();
  const missing = samba.ok ? null : `Samba AD cannot run here (${samba.reason}); the out-of-box rules provision users from Active Directory only`;
  if (missing) console.log(`Directory extension spec skipped: ${missing}`);
  test.skip(missing !== null, missing ?? '');
  [dc, emu] = await Promise.all([startSambaAd(), startEntraEmulator()]);
  emu.state.addDomain(FOREST);
  // The application that holds the extensions, owned by IdSync's app (Application.ReadWrite.OwnedBy).
  extensionApp = emu.state.addApplication({ displayName: 'Tenant Schema Extension App', owners: [emu.clientId] });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-ext-e2e-'));
  const ldif = path.join(dir, 'users.ldif');
  await writeLdif(ldif, { ...USERS, flavour: 'ad', suffix: AD_BASE_DN });
  await ldapAddFile({ url: dc.url, bindDn: dc.bindDn, password: dc.password }, ldif);
  const home = path.join(dir, 'home');
  fs.writeFileSync(path.join(dir, 'ad-ca.pem'), dc.caPem);
  fs.writeFileSync(path.join(dir, 'entra-ca.pem'), emu.caPem);
  process.env.IDSYNC_E2E_AD_PASSWORD = dc.password;
  process.env.IDSYNC_E2E_ENTRA_SECRET = emu.clientSecret;
  await idsync(home, 'setup', '--ad', dc.ldapsUrl, '--ad-ca-file', path.join(dir, 'ad-ca.pem'), '--tls-server-name', dc.tlsServerName, '--ad-name', FOREST,
    '--ad-bind-dn', dc.bindDn, '--ad-password-env', 'IDSYNC_E2E_AD_PASSWORD', '--ou', `OU=People,${AD_BASE_DN}`,
    '--entra-tenant', emu.tenantId, '--entra-client-id', emu.clientId, '--entra-secret-env', 'IDSYNC_E2E_ENTRA_SECRET', '--entra-name', 'contoso - AAD',
    '--authority-host', emu.authorityHost, '--graph-base-url', emu.graphBaseUrl, '--entra-ca-file', path.join(dir, 'entra-ca.pem'), '--no-initial-cycle', '--json');
  // The users are in Entra ID before the extension exists, as in a running installation.
  await idsync(home, 'cycle', '--initial', '--json');
  served = await startServe({ home });
});

test.afterAll(async () => {
  delete process.env.IDSYNC_E2E_AD_PASSWORD;
  delete process.env.IDSYNC_E2E_ENTRA_SECRET;
  await served?.stop();
  await Promise.all([emu?.stop(), dc?.stop()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Types into a free-text combobox and picks the suggestion of that exact name. */
async function suggest(page: Page, combobox: string, typed: string, option: string) {
  await page.getByRole('combobox', { name: combobox }).fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('add a flow of employeeType to a new directory extension; a delta cycle writes every user\'s value to Entra ID', async ({ page }) => {
  test.setTimeout(240_000);
  const extension = `extension_${extensionApp.appId.replace(/-/g, '')}_employeeType`;
  const set = new IdentitySet(USERS);
  const expected = Object.fromEntries(Array.from({ length: set.users }, (_, i) => set.userAt(i)).map((u) => [u.userPrincipalName.toLowerCase(), u.employeeType]));
  const entraValues = () => Object.fromEntries(emu!.state.list('user').map((u) => [String(u.props.userPrincipalName).toLowerCase(), u.props[extension] ?? null]));
  // Provisioned by the initial cycle, without the extension.
  expect(entraValues()).toEqual(Object.fromEntries(Object.keys(expected).map((upn) => [upn, null])));

  await page.goto(served!.url);
  await page.getByRole('tab', { name: 'Synchronization Rules' }).click();
  await page.getByRole('button', { name: 'Directory extensions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Directory extensions' });
  await expect(dialog.getByRole('combobox', { name: 'Entra ID connector' })).toHaveText('contoso - AAD');
  await expect(dialog).toContainText('contoso - AAD has no extension application yet');
  await expect(dialog).toContainText('idsync entra extension list');

  // The extension application: a value that is no GUID, then one the tenant does not know, each refused on the field.
  const appId = dialog.getByRole('textbox', { name: 'Application (client) ID' });
  const use = dialog.getByRole('button', { name: 'Use this application' });
  await appId.fill('Tenant Schema Extension App');
  await expect(dialog.getByText('An Application (client) ID is a GUID')).toBeVisible();
  await expect(use).toBeDisabled();
  await appId.fill('00000000-0000-4000-8000-000000000000');
  await expect(dialog).toContainText('Command line: idsync entra extension app 00000000-0000-4000-8000-000000000000');
  await use.click();
  await expect(dialog.getByText(/no application with appId 00000000-0000-4000-8000-000000000000 in the tenant/)).toBeVisible();
  await appId.fill(extensionApp.appId);
  await use.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'uses Tenant' })).toContainText(`contoso - AAD uses Tenant Schema Extension App (${extensionApp.appId})`);
  await expect(dialog.getByRole('heading', { name: `Extension application: Tenant Schema Extension App (${extensionApp.appId})` })).toBeVisible();
  const registered = dialog.getByRole('grid', { name: 'Registered directory extensions' });
  await expect(registered).toBeVisible();

  // The flow: the attribute from the directory's schema, a new String extension for users.
  const flow = dialog.getByRole('region', { name: 'Add a flow' });
  await expect(flow.getByRole('combobox', { name: 'Source connector' })).toHaveText(FOREST);
  await suggest(page, 'Source attribute', 'employeeTy', 'employeeType');
  await expect(flow).toContainText(extension);
  await expect(flow).toContainText(`Command line: idsync entra extension add employeeType --from ${FOREST} --type String --targets User`);
  await flow.getByRole('button', { name: 'Add flow' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'now flows to' })).toContainText(
    `${FOREST} employeeType now flows to ${extension} (registered now) through "In from AD - User DirectoryExtension" and "Out to AAD - User DirectoryExtension"`);
  await expect(registered.getByRole('row').filter({ hasText: extension })).toContainText('String');
  expect(emu!.state.directory.applications.definitionFor('user', extension)).toMatchObject({ dataType: 'String', isMultiValued: false });
  await docShot(page, 'rules-directory-extensions');

  // The same name for groups is refused before anything is written, in the form's alert.
  await flow.getByRole('combobox', { name: 'Object type' }).click();
  await page.getByRole('option', { name: 'Group', exact: true }).click();
  await flow.getByRole('button', { name: 'Add flow' }).click();
  await expect(flow.getByRole('alert')).toContainText(`${extension} is registered for User objects only`);
  expect(emu!.state.directory.applications.definitionFor('group', extension)).toBeUndefined();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('grid', { name: 'Synchronization rules' })).toContainText('Out to AAD - User DirectoryExtension');

  // A delta cycle from the console: the forest's import is a full one (it now imports employeeType), then the export.
  await page.getByRole('button', { name: 'Tools' }).click();
  await page.getByRole('menuitem', { name: 'Scheduler and staging…' }).click();
  const scheduler = page.getByRole('dialog', { name: 'Scheduler and staging' });
  await scheduler.getByRole('button', { name: 'Start delta cycle' }).click();
  const cycle = scheduler.getByRole('grid', { name: 'Recent cycles' }).getByRole('row').filter({ hasText: 'Delta' });
  await expect(cycle.getByRole('gridcell', { name: 'completed', exact: true })).toBeVisible({ timeout: 120_000 });
  expect(entraValues()).toEqual(expected);
});
