// The installation wizard, customized path, against slapd and the Entra emulator: user sign-in choices, OU filtering
// on the live container tree, identifying users, a pilot group, optional features and staging mode.
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { artifactsDir } from './fixtures.ts';
import { callApi } from './console-seed.ts';
import { startServe, type ServedConsole } from '../env/idsync-serve.ts';
import { startEntraEmulator, type EntraEmulator } from '../env/entra-emulator/index.ts';
import { ldapAddText, peopleLdif, startSlapd, type SlapdInstance } from '../env/slapd/index.ts';

let served: ServedConsole;
let emu: EntraEmulator;
let slapd: SlapdInstance;

const test = base.extend<{ snap: (name: string) => Promise<void> }>({
  snap: async ({ page }, use) => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(artifactsDir, `wizard-${name}.png`) });
    });
  },
});

test.beforeAll(async () => {
  [emu, slapd] = await Promise.all([startEntraEmulator(), startSlapd()]);
  await ldapAddText(slapd, peopleLdif(6, slapd.suffix));
  await ldapAddText(slapd, [
    `dn: ou=contractors,${slapd.suffix}\nobjectClass: organizationalUnit\nou: contractors\n`,
    `dn: cn=Pilot,ou=groups,${slapd.suffix}\nobjectClass: groupOfNames\ncn: Pilot\nmember: uid=user000001,ou=people,${slapd.suffix}\nmember: uid=user000002,ou=people,${slapd.suffix}\n`,
  ].join('\n'));
  served = await startServe();
});

test.afterAll(async () => {
  await served?.stop();
  await Promise.all([emu?.stop(), slapd?.dispose()]);
});

const validation = (page: Page) => page.getByRole('region', { name: 'Validation' });
const next = (page: Page, name = 'Next') => page.getByRole('button', { name, exact: true }).click();

test('customized path with OU filtering, a pilot group and staging mode', async ({ page, snap }) => {
  test.setTimeout(120_000);
  await page.goto(served.url);
  await expect(page.getByLabel('Engine state')).toContainText(/idle|running/);
  await page.getByRole('button', { name: 'Configure', exact: true }).click();
  const wizard = page.getByRole('dialog', { name: 'IdSync configuration wizard' });
  await wizard.getByLabel('I agree to the license terms and privacy notice').check();
  await next(page, 'Continue');
  await wizard.getByRole('button', { name: 'Customize' }).click();

  await expect(wizard.getByRole('heading', { name: 'User Sign-In' })).toBeVisible();
  await expect(wizard.getByRole('radio', { name: 'Password Hash Synchronization' })).toBeDisabled();
  await expect(wizard.getByRole('radio', { name: 'Do not configure' })).toBeChecked();
  await snap('user-sign-in');
  await next(page);

  await wizard.getByLabel('Tenant', { exact: true }).fill(emu.tenantId);
  await wizard.getByLabel('Application (client) ID').fill(emu.clientId);
  await wizard.getByRole('textbox', { name: 'Client secret' }).fill(emu.clientSecret);
  await wizard.getByRole('button', { name: 'Endpoints and trust (other clouds, proxies)' }).click();
  await wizard.getByLabel('Authority host').fill(emu.authorityHost);
  await wizard.getByLabel('Microsoft Graph URL').fill(emu.graphBaseUrl);
  await wizard.getByLabel('Extra trusted CA (PEM)').fill(emu.caPem);
  await next(page);

  await wizard.getByLabel('Forest name').fill('example.com');
  await wizard.getByLabel('Directory type').click();
  await page.getByRole('option', { name: 'OpenLDAP' }).click();
  await wizard.getByLabel('Server').fill(slapd.url);
  await wizard.getByLabel('Connection security').click();
  await page.getByRole('option', { name: 'None (test labs only)' }).click();
  await wizard.getByLabel('Account').fill(slapd.bindDn);
  await wizard.getByLabel('Password').fill(slapd.password);
  await wizard.getByRole('button', { name: 'Test connection' }).click();
  await expect(wizard.getByText(/Connected to .* as cn=admin/)).toBeVisible();
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Microsoft Entra sign-in configuration' })).toBeVisible();
  await wizard.getByLabel('Continue without matching all UPN suffixes to verified domains').check();
  await next(page);
  await expect(wizard.getByRole('heading', { name: 'Domain and OU filtering' })).toBeVisible();
  await expect(validation(page)).toContainText('example.com (Not Added)');

  await wizard.getByRole('radio', { name: 'Sync selected domains and OUs' }).check();
  const tree = wizard.getByRole('group', { name: 'Containers' });
  await expect(tree.getByText('contractors')).toBeVisible();
  await next(page);
  await expect(validation(page)).toContainText('select at least one domain or OU');
  await tree.getByLabel(`ou=people,${slapd.suffix}`).check();
  await tree.getByLabel(`ou=groups,${slapd.suffix}`).check();
  await snap('ou-filtering');
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Uniquely identifying your users' })).toBeVisible();
  await wizard.getByRole('radio', { name: 'Choose a specific attribute' }).check();
  await wizard.getByLabel('Source anchor attribute').fill('mail');
  await next(page);
  await expect(validation(page)).toContainText('mail cannot be the source anchor');
  await snap('identifying-error');
  await wizard.getByRole('radio', { name: /Let IdSync manage the source anchor/ }).check();
  await snap('identifying');
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Filter users and devices' })).toBeVisible();
  await wizard.getByRole('radio', { name: /Synchronize selected users and devices/ }).check();
  await wizard.getByLabel('Group in example.com').fill('Nobody');
  await next(page);
  await expect(validation(page)).toContainText('The group "Nobody" was not found in example.com');
  await wizard.getByLabel('Group in example.com').fill('Pilot');
  await snap('filtering');
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Optional features' })).toBeVisible();
  await expect(wizard.getByRole('checkbox', { name: 'Prevent accidental deletes' })).toBeChecked();
  await expect(wizard.getByRole('checkbox', { name: 'Password writeback' })).toBeDisabled();
  await expect(wizard.getByText('Not available: needs the password reset relay service')).toBeVisible();
  await snap('features');
  await next(page);

  await expect(wizard.getByRole('heading', { name: 'Ready to configure' })).toBeVisible();
  await expect(wizard.getByRole('list', { name: 'Summary' })).toContainText(`Pilot group: example.com: cn=Pilot,ou=groups,${slapd.suffix}`);
  await wizard.getByLabel('Enable staging mode: import and synchronize, but export nothing').check();
  await next(page, 'Install');
  await expect(wizard.getByRole('heading', { name: 'Configuration complete' })).toBeVisible();
  const cycle = wizard.getByLabel('Start the initial synchronization cycle');
  await expect(cycle).toContainText('Initial cycle', { timeout: 60_000 });
  // Staging mode leaves the exports out of the cycle.
  await expect(cycle).not.toContainText('Export on');
  await expect(wizard.getByText('Staging mode is on: imports and synchronization run, nothing is exported.')).toBeVisible();
  await wizard.getByRole('button', { name: 'Exit' }).click();

  const doc = await callApi(page, 'config.export', {});
  const ldap = doc.connectors.find((c) => c.type === 'ldap')!;
  expect(ldap.config.includeContainers).toEqual([`ou=people,${slapd.suffix}`, `ou=groups,${slapd.suffix}`]);
  expect(ldap.config.password).toBe('********');
  const people = await callApi(page, 'cs.search', { connector: 'example.com', limit: 100 } as never) as { items: { dn: string; objectType: string }[] };
  const persons = people.items.filter((o) => o.objectType === 'inetOrgPerson').map((o) => o.dn.toLowerCase()).sort();
  expect(persons).toEqual([`uid=user000001,ou=people,${slapd.suffix}`, `uid=user000002,ou=people,${slapd.suffix}`]);
  expect(emu.state.writeLog.length).toBe(0);
});
