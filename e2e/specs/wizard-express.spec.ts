// The installation wizard, express path, in the console against `idsync serve`, a directory (Samba AD where it can
// run, else slapd) and the Entra emulator: opening from Configure, the lock, cancel, each validation error, the
// device code sign-in, Install with the initial cycle, every directory user in Entra ID (Samba AD only: the default
// rules take users from Active Directory), and a later run's additional tasks. Screenshots of each page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { test as base, expect, type Page } from '@playwright/test';
import { artifactsDir } from './fixtures.ts';
import { callApi } from './console-seed.ts';
import { startServe, type ServedConsole } from '../env/idsync-serve.ts';
import { startEntraEmulator, type EntraEmulator } from '../env/entra-emulator/index.ts';
import { ldapAddFile, ldapAddText, peopleLdif, startSlapd, type SlapdInstance } from '../env/slapd/index.ts';
import { AD_BASE_DN, sambaAvailable, startSambaAd, type SambaAdInstance } from '../env/samba/index.ts';
import { writeLdif } from '../env/generate/ldif-out.ts';

interface Directory {
  readonly kind: 'ad' | 'openldap';
  readonly name: string;
  readonly url: string;
  /** Plain LDAP URL the test reads the directory through. */
  readonly readUrl: string;
  readonly security: 'LDAPS' | 'None (test labs only)';
  readonly bindDn: string;
  readonly password: string;
  readonly caPem?: string;
  readonly tlsServerName?: string;
  readonly suffix: string;
  readonly users: number;
  /** Why Samba AD could not be used, when this is the slapd fallback. */
  readonly fallbackReason?: string;
  stop(): Promise<void>;
}

const USERS = 5;
const TENANT = 'contoso.onmicrosoft.com - AAD';
let served: ServedConsole;
let emu: EntraEmulator;
let dir: Directory;
/** The initial cycle's report, one line per step, as the wizard showed it. */
let cycleLines: string[] = [];

const test = base.extend<{ snap: (name: string) => Promise<void> }>({
  snap: async ({ page }, use) => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(artifactsDir, `wizard-${name}.png`) });
    });
  },
});
test.describe.configure({ mode: 'serial' });

/** Samba AD with generated AD-flavoured users when it can run here, else slapd with inetOrgPersons. */
async function startDirectory(): Promise<Directory> {
  const samba = await sambaAvailable();
  if (samba.ok) {
    const dc: SambaAdInstance = await startSambaAd();
    try {
      const ldif = path.join(os.tmpdir(), `idsync-wizard-${process.pid}.ldif`);
      await writeLdif(ldif, { seed: 3, users: USERS, groupsPerUsers: 10, largeGroups: 0, domain: 'example.test', flavour: 'ad', suffix: AD_BASE_DN });
      await ldapAddFile({ url: dc.url, bindDn: dc.bindDn, password: dc.password }, ldif);
      fs.rmSync(ldif, { force: true });
    } catch (err) {
      await dc.stop();
      throw err;
    }
    return {
      kind: 'ad', name: 'example.test', url: dc.ldapsUrl, readUrl: dc.url, security: 'LDAPS', bindDn: dc.bindDn, password: dc.password, caPem: dc.caPem,
      tlsServerName: dc.tlsServerName, suffix: 'example.test', users: USERS, stop: () => dc.stop(),
    };
  }
  console.log(`Samba AD cannot run here (${samba.reason}); the express path runs against slapd`);
  const slapd: SlapdInstance = await startSlapd();
  await ldapAddText(slapd, peopleLdif(USERS, slapd.suffix));
  return {
    kind: 'openldap', name: 'example.com', url: slapd.url, readUrl: slapd.url, security: 'None (test labs only)', bindDn: slapd.bindDn, password: slapd.password,
    suffix: 'example.com', users: USERS, fallbackReason: samba.reason, stop: () => slapd.dispose(),
  };
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [emu, dir] = await Promise.all([startEntraEmulator(), startDirectory()]);
  served = await startServe();
});

test.afterAll(async () => {
  await served?.stop();
  await Promise.all([emu?.stop(), dir?.stop()]);
});

async function openConsole(page: Page): Promise<void> {
  await page.goto(served.url);
  await expect(page.getByRole('tab', { name: 'Operations' })).toBeVisible();
  await expect(page.getByLabel('Engine state')).toContainText(/idle|running/);
}

async function openWizard(page: Page) {
  await page.getByRole('button', { name: 'Configure', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'IdSync configuration wizard' });
  await expect(wizard.getByRole('navigation', { name: 'Wizard steps' })).toBeVisible();
  return wizard;
}

async function fillEntra(page: Page, secret: string): Promise<void> {
  await page.getByLabel('Tenant', { exact: true }).fill(emu.tenantId);
  await page.getByLabel('Application (client) ID').fill(emu.clientId);
  await page.getByRole('textbox', { name: 'Client secret' }).fill(secret);
  const endpoints = page.getByRole('button', { name: 'Endpoints and trust (other clouds, proxies)' });
  if ((await endpoints.getAttribute('aria-expanded')) !== 'true') await endpoints.click();
  await page.getByLabel('Authority host').fill(emu.authorityHost);
  await page.getByLabel('Microsoft Graph URL').fill(emu.graphBaseUrl);
  await page.getByLabel('Extra trusted CA (PEM)').fill(emu.caPem);
}

async function fillDirectory(page: Page, overrides: { url?: string; password?: string } = {}): Promise<void> {
  await page.getByLabel('Forest name').fill(dir.name);
  await page.getByLabel('Directory type').click();
  await page.getByRole('option', { name: dir.kind === 'ad' ? 'Active Directory' : 'OpenLDAP' }).click();
  await page.getByLabel('Server').fill(overrides.url ?? dir.url);
  await page.getByLabel('Connection security').click();
  await page.getByRole('option', { name: dir.security }).click();
  await page.getByLabel('Account').fill(dir.bindDn);
  await page.getByLabel('Password').fill(overrides.password ?? dir.password);
  if (dir.caPem) await page.getByLabel('Trusted CA (PEM, optional)').fill(dir.caPem);
  if (dir.tlsServerName) await page.getByLabel('Certificate host name (optional)').fill(dir.tlsServerName);
}

/** The AD users the wizard synchronizes (userPrincipalName → Base64 of mS-DS-ConsistencyGuid, the express source anchor). */
async function directoryUsers(): Promise<Record<string, string>> {
  const client = new Client({ url: dir.readUrl });
  try {
    await client.bind(dir.bindDn, dir.password);
    const { searchEntries } = await client.search(`OU=People,${AD_BASE_DN}`, {
      scope: 'sub', filter: '(&(objectCategory=person)(objectClass=user))', attributes: ['userPrincipalName', 'mS-DS-ConsistencyGuid'], explicitBufferAttributes: ['mS-DS-ConsistencyGuid'],
    });
    return Object.fromEntries(searchEntries.map((e) => [String(e.userPrincipalName).toLowerCase(), (e['mS-DS-ConsistencyGuid'] as Buffer).toString('base64')]));
  } finally {
    await client.unbind();
  }
}

const validation = (page: Page) => page.getByRole('region', { name: 'Validation' });
const next = (page: Page, name = 'Next') => page.getByRole('button', { name, exact: true }).click();

test('the console opens on its tabs; Configure opens the wizard, which holds the lock until Cancel changes nothing', async ({ page, snap }) => {
  await openConsole(page);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const before = await callApi(page, 'config.export', {});
  const wizard = await openWizard(page);
  await expect(wizard.getByRole('heading', { name: 'Welcome to IdSync' })).toBeVisible();
  await expect(page.getByText('Busy: Installation wizard')).toBeVisible();
  const status = await callApi(page, 'system.status', {});
  expect(status.lock).toMatchObject({ holder: 'Installation wizard', kind: 'wizard' });
  await expect(wizard.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await snap('welcome');
  await wizard.getByLabel('I agree to the license terms and privacy notice').check();
  await next(page, 'Continue');
  await expect(wizard.getByRole('heading', { name: 'Express Settings' })).toBeVisible();
  await snap('express');
  await wizard.getByRole('button', { name: 'Use express settings' }).click();
  await fillEntra(page, emu.clientSecret);
  await next(page);
  await expect(wizard.getByRole('heading', { name: 'Connect your directories' })).toBeVisible();
  await wizard.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await callApi(page, 'system.status', {})).lock).toBeNull();
  expect(await callApi(page, 'config.export', {})).toEqual(before);
  expect((await callApi(page, 'connectors.list', {})).length).toBe(0);
});

test('express path: each validation error, device code sign-in, Install and the initial cycle', async ({ page, snap }) => {
  test.setTimeout(180_000);
  await openConsole(page);
  const wizard = await openWizard(page);
  await wizard.getByLabel('I agree to the license terms and privacy notice').check();
  await next(page, 'Continue');
  await wizard.getByRole('button', { name: 'Use express settings' }).click();

  await fillEntra(page, 'not-the-client-secret');
  await wizard.getByRole('button', { name: 'Sign in with a device code' }).click();
  const code = wizard.getByLabel('User code');
  await expect(code).toHaveText(/\w+/);
  await expect(wizard.getByLabel('Device code')).toContainText('/devicelogin');
  await code.scrollIntoViewIfNeeded();
  await snap('entra-device-code');
  expect(emu.state.approveDeviceCode((await code.textContent())!, 'admin@contoso.onmicrosoft.com')).toBe(true);
  await expect(wizard.getByText('Signed in as admin@contoso.onmicrosoft.com')).toBeVisible();
  await next(page);
  await expect(validation(page)).toContainText('Cannot sign in to Microsoft Entra ID');
  await snap('entra-wrong-secret');
  await wizard.getByRole('textbox', { name: 'Client secret' }).fill(emu.clientSecret);
  await snap('entra');
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Connect your directories' })).toBeVisible();
  await fillDirectory(page, { password: 'not-the-password' });
  await wizard.getByRole('button', { name: 'Test connection' }).click();
  await expect(wizard.getByRole('alert').filter({ hasText: /credentials refused/i }).first()).toBeVisible();
  await next(page);
  await expect(validation(page)).toContainText(/credentials refused/i);
  await snap('directories-wrong-password');
  await fillDirectory(page, { url: dir.kind === 'ad' ? 'ldaps://127.0.0.1:1' : 'ldap://127.0.0.1:1' });
  await next(page);
  await expect(validation(page)).toContainText(/connection failed/i);
  await snap('directories-unreachable');
  await fillDirectory(page);
  await snap('directories');
  await next(page);

  // The users' UPN suffix is not a domain of the tenant yet.
  await expect(wizard.getByRole('heading', { name: 'Microsoft Entra sign-in configuration' })).toBeVisible();
  const suffixes = wizard.getByRole('table', { name: 'UPN suffixes' });
  await expect(suffixes).toContainText(`${dir.suffix}`);
  await expect(suffixes).toContainText('Not Added');
  await next(page);
  await expect(validation(page)).toContainText(`${dir.suffix} (Not Added)`);
  await snap('upn-suffixes-unverified');
  emu.state.directory.domains.push({ id: dir.suffix, isDefault: false, isInitial: false, isVerified: true });
  await wizard.getByRole('button', { name: 'Refresh domain states' }).click();
  await expect(suffixes).toContainText('Verified');
  await snap('upn-suffixes');
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Ready to configure' })).toBeVisible();
  await expect(wizard.getByLabel('Start the synchronization process when configuration completes')).toBeChecked();
  await snap('ready');
  const text = await page.content();
  expect(text).not.toContain(emu.clientSecret);
  expect(text).not.toContain(dir.password);
  await next(page, 'Install');

  await expect(wizard.getByRole('heading', { name: 'Configuration complete' })).toBeVisible();
  const cycle = wizard.getByLabel('Start the initial synchronization cycle');
  await expect(cycle).toContainText(/Initial cycle (completed|completed-with-errors|stopped)/, { timeout: 120_000 });
  cycleLines = (await cycle.innerText()).split('\n').map((l) => l.trim());
  expect(cycleLines).toEqual(expect.arrayContaining([
    'Start the initial synchronization cycle: done', `Full Import on ${dir.name}: success`, `Full Synchronization on ${dir.name}: success`, 'Initial cycle completed',
  ]));
  await expect(wizard.getByRole('navigation', { name: 'Wizard steps' })).toContainText('Configuration complete');
  await snap('complete');
  const logs = JSON.stringify(await callApi(page, 'system.recentLogs', { limit: 2000 }));
  expect(logs).toContain('configuration applied');
  expect(logs).not.toContain(emu.clientSecret);
  expect(logs).not.toContain(dir.password);
  await wizard.getByRole('button', { name: 'Exit' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const connectors = await callApi(page, 'connectors.list', {});
  expect(connectors.map((c) => c.name).sort()).toEqual([TENANT, dir.name].sort());
  const imported = connectors.find((c) => c.name === dir.name)!;
  expect(imported.objectCount).toBeGreaterThanOrEqual(dir.users);
  const exported = JSON.stringify(await callApi(page, 'config.export', {}));
  expect(exported).not.toContain(emu.clientSecret);
  expect(exported).not.toContain(`"${dir.password}"`);
});

test('the initial cycle puts every directory user in Entra ID, with its source anchor as onPremisesImmutableId', async () => {
  // The default rules are Entra Connect's: they project and provision users of Active Directory only (an
  // inetOrgPerson of OpenLDAP has no objectSid, objectGUID or sAMAccountName to join, anchor or name it by).
  const why = `needs Samba AD, which cannot run here (${dir.fallbackReason}); the slapd fallback's users never reach Entra ID`;
  if (dir.kind !== 'ad') console.log(`skipped: ${why}`);
  test.skip(dir.kind !== 'ad', why);
  expect(cycleLines).toContain(`Export on ${TENANT}: success`);
  const inDirectory = await directoryUsers();
  expect(Object.keys(inDirectory)).toHaveLength(dir.users);
  const inEntra = emu.state.list('user').filter((u) => !u.deleted);
  expect(Object.fromEntries(inEntra.map((u) => [String(u.props.userPrincipalName).toLowerCase(), u.props.onPremisesImmutableId]))).toEqual(inDirectory);
});

test('run again: the additional tasks, the fixed choices, view and export, staging mode', async ({ page, snap }) => {
  await openConsole(page);
  const wizard = await openWizard(page);
  await expect(wizard.getByRole('heading', { name: 'Additional tasks' })).toBeVisible();
  await expect(wizard.getByRole('radio', { name: 'Privacy settings' })).toBeDisabled();
  await expect(wizard.getByRole('table', { name: 'Choices that cannot change' })).toContainText('Source anchor');
  await expect(wizard.getByRole('table', { name: 'Choices that cannot change' })).toContainText('Group filtering cannot be turned on after installation');
  await snap('tasks');
  await wizard.getByRole('radio', { name: 'View or export current configuration' }).check();
  await next(page);
  const current = wizard.getByRole('table', { name: 'Current configuration' });
  await expect(current).toContainText('contoso.onmicrosoft.com - AAD');
  await expect(current).toContainText(dir.name);
  await wizard.getByRole('button', { name: 'Export Settings' }).click();
  await expect(wizard.getByText(/Settings exported to .*Applied-SynchronizationPolicy-.*\.json/)).toBeVisible();
  await snap('view-config');
  await wizard.getByRole('button', { name: 'Previous' }).click();

  await wizard.getByRole('radio', { name: 'Configure staging mode' }).check();
  await next(page);
  await expect(wizard.getByRole('heading', { name: 'Connect to Microsoft Entra ID' })).toBeVisible();
  // The stored secret is shown masked and kept when sent back unchanged.
  await expect(wizard.getByRole('textbox', { name: 'Client secret' })).toHaveValue('********');
  await next(page);
  await expect(wizard.getByRole('heading', { name: 'Configure staging mode' })).toBeVisible();
  await wizard.getByLabel('Enable staging mode').check();
  await snap('staging');
  await next(page);
  await wizard.getByLabel('Start the synchronization process when configuration completes').uncheck();
  await next(page, 'Configure');
  await expect(wizard.getByText('Staging mode is on: imports and synchronization run, nothing is exported.')).toBeVisible();
  await wizard.getByRole('button', { name: 'Exit' }).click();
  const settings = JSON.parse(fs.readFileSync(path.join(served.home, 'scheduler.json'), 'utf8')) as { stagingModeEnabled: boolean; schedulerSuspended: boolean };
  expect(settings).toMatchObject({ stagingModeEnabled: true, schedulerSuspended: false });
});
