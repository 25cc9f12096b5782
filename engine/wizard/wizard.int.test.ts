// The wizard session through the API service, against a private slapd and the Entra emulator: the lock, cancel
// writing nothing, each page's validation, apply, and the additional tasks of a later run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api.ts';
import { SECRET_MASK } from '../../shared/model/connectors.ts';
import { ApiService } from '../service/service.ts';
import { exportConfig } from '../config/config-export.ts';
import { SyncEngine } from '../sync/engine.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { startSlapd, ldapAddText, peopleLdif, type SlapdInstance } from '../../e2e/env/slapd/index.ts';
import { generateClientCertificate, startEntraEmulator, type EntraEmulator } from '../../e2e/env/entra-emulator/index.ts';
import { randomUUID } from 'node:crypto';
import { readAppliedSettings } from './applied-settings.ts';

let slapd: SlapdInstance;
let emu: EntraEmulator;
let home: string;
let service: ApiService;

const submit = (r: RequestOf<'wizard.submit'>) => service.dispatch('wizard.submit', r);

function entra(secret: string): RequestOf<'wizard.submit'> {
  return {
    page: 'entra',
    entra: { tenantId: emu.tenantId, clientId: emu.clientId, authKind: 'secret', clientSecret: secret, authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem },
  };
}

function directory(password: string, url = slapd.url) {
  return { name: 'example.com', kind: 'openldap' as const, url, security: 'none' as const, bindDn: slapd.bindDn, password };
}

/** The configuration as the store holds it (secrets masked). */
function configNow(): string {
  const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
  try {
    return JSON.stringify(exportConfig(engine));
  } finally {
    engine.close();
  }
}

beforeAll(async () => {
  [slapd, emu] = await Promise.all([startSlapd(), startEntraEmulator()]);
  await ldapAddText(slapd, peopleLdif(5, slapd.suffix));
  await ldapAddText(slapd, `dn: ou=pilot,${slapd.suffix}\nobjectClass: organizationalUnit\nou: pilot\n\ndn: cn=Pilot,ou=groups,${slapd.suffix}\nobjectClass: groupOfNames\ncn: Pilot\nmember: uid=user000001,ou=people,${slapd.suffix}\nmember: uid=user000002,ou=people,${slapd.suffix}\n`);
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-wizard-'));
  service = new ApiService({ home, host: 'cli' });
});

afterAll(async () => {
  await service?.close();
  await Promise.all([slapd?.dispose(), emu?.stop()]);
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('installation wizard session', () => {
  it('holds the engine lock and suspends the scheduler while open; cancel changes nothing', async () => {
    const before = configNow();
    const view = await service.dispatch('wizard.open', {});
    expect(view.page).toBe('welcome');
    expect((await service.dispatch('system.status', {})).lock?.holder).toBe('Installation wizard');
    expect(new SettingsFile(home).load().schedulerSuspended).toBe(true);
    await submit({ page: 'welcome', licenseAccepted: true });
    await submit({ page: 'express', path: 'express' });
    await submit(entra(emu.clientSecret));
    await service.dispatch('wizard.cancel', {});
    expect((await service.dispatch('system.status', {})).lock).toBeNull();
    expect(new SettingsFile(home).load().schedulerSuspended).toBe(false);
    expect(configNow()).toBe(before);
    expect(readAppliedSettings(home)).toBeNull();
  });

  it('does not open while a run holds the engine lock, and names the holder', async () => {
    const release = service.context.lock.acquire('Full Import on example.com', 'run');
    try {
      await expect(service.dispatch('wizard.open', {})).rejects.toThrow(/busy: Full Import on example\.com \(run\)/);
      expect(new SettingsFile(home).load().schedulerSuspended).toBe(false);
    } finally {
      release();
    }
  });

  it('validates each page with a readable message and never returns or logs a secret', async () => {
    await service.dispatch('wizard.open', {});
    let view = await submit({ page: 'welcome', licenseAccepted: false });
    expect(view.issues[0]?.message).toMatch(/Accept the license/);
    await submit({ page: 'welcome', licenseAccepted: true });
    view = await submit({ page: 'express', path: 'express' });
    expect(view.page).toBe('entra');

    view = await submit(entra('wrong-secret-value'));
    expect(view.page).toBe('entra');
    expect(view.issues[0]?.message).toMatch(/Cannot sign in to Microsoft Entra ID/);
    view = await submit(entra(emu.clientSecret));
    expect(view.page).toBe('directories');
    expect(view.entra?.clientSecret).toBe(SECRET_MASK);
    expect(view.domains.map((d) => d.id)).toContain('contoso.onmicrosoft.com');

    view = await submit({ page: 'directories', directories: [directory('not-the-password')] });
    expect(view.issues[0]?.message).toMatch(/example\.com: .*credentials refused/i);
    view = await submit({ page: 'directories', directories: [directory(slapd.password, 'ldap://127.0.0.1:1')] });
    expect(view.issues[0]?.message).toMatch(/connection failed|ECONNREFUSED/i);
    view = await submit({ page: 'directories', directories: [directory(slapd.password)] });
    expect(view.directories[0]?.password).toBe(SECRET_MASK);
    // The users' suffix example.com is not a tenant domain, so express shows the sign-in page.
    expect(view.page).toBe('upn-suffixes');
    expect(view.upnSuffixes).toEqual([{ suffix: 'example.com', entraDomain: null, state: 'Not Added', users: 5 }]);
    view = await submit({ page: 'upn-suffixes', upnAttribute: 'userPrincipalName', continueWithoutVerified: false });
    expect(view.issues[0]).toMatchObject({ severity: 'block', message: expect.stringMatching(/example\.com \(Not Added\)/) });

    emu.state.directory.domains.push({ id: 'example.com', isDefault: false, isInitial: false, isVerified: true });
    view = await service.dispatch('wizard.refreshDomains', {});
    expect(view.upnSuffixes[0]?.state).toBe('Verified');
    view = await submit({ page: 'upn-suffixes', upnAttribute: 'userPrincipalName', continueWithoutVerified: false });
    expect(view.page).toBe('ready');

    const text = JSON.stringify(view) + JSON.stringify(await service.dispatch('system.recentLogs', { limit: 500 }));
    expect(text).not.toContain(emu.clientSecret);
    // The directory password ("secret" in the test server) appears nowhere but as the credential kind's name.
    expect(text.replaceAll('"authKind":"secret"', '')).not.toContain(`"${slapd.password}"`);
    await service.dispatch('wizard.cancel', {});
  });

  it('signs in with a certificate; a key that does not match is refused; the key never comes back', async () => {
    const cert = generateClientCertificate('idsync wizard');
    const clientId = randomUUID();
    const certEmu = await startEntraEmulator({ clients: [{ clientId, certificatePem: cert.certificatePem, roles: ['Directory.Read.All'] }] });
    try {
      await service.dispatch('wizard.open', {});
      await submit({ page: 'welcome', licenseAccepted: true });
      await submit({ page: 'express', path: 'express' });
      const page = (pair: { certificatePem: string; privateKeyPem: string }): RequestOf<'wizard.submit'> => ({
        page: 'entra',
        entra: { tenantId: certEmu.tenantId, clientId, authKind: 'certificate', ...pair, authorityHost: certEmu.authorityHost, graphBaseUrl: certEmu.graphBaseUrl, caPem: certEmu.caPem },
      });
      const other = generateClientCertificate('someone else');
      let view = await submit(page({ certificatePem: cert.certificatePem, privateKeyPem: other.privateKeyPem }));
      expect(view.issues[0]).toMatchObject({ field: 'privateKeyPem', message: expect.stringMatching(/does not belong to the certificate/) });
      view = await submit(page(other));
      expect(view.issues[0]?.message).toMatch(/Cannot sign in to Microsoft Entra ID/);
      view = await submit(page(cert));
      expect(view.page).toBe('directories');
      expect(view.entra?.privateKeyPem).toBe(SECRET_MASK);
      expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    } finally {
      await service.dispatch('wizard.cancel', {});
      await certEmu.stop();
    }
  });

  it('applies the customized path with OU filtering and a pilot group', async () => {
    await service.dispatch('wizard.open', {});
    await submit({ page: 'welcome', licenseAccepted: true });
    await submit({ page: 'express', path: 'custom' });
    let view = await submit({ page: 'user-sign-in', signInMethod: 'password-hash-sync' });
    expect(view.issues[0]?.message).toMatch(/not available/);
    await submit({ page: 'user-sign-in', signInMethod: 'do-not-configure' });
    await submit(entra(emu.clientSecret));
    await submit({ page: 'directories', directories: [directory(slapd.password)] });
    view = await submit({ page: 'upn-suffixes', upnAttribute: 'userPrincipalName' });
    expect(view.page).toBe('ou-filtering');
    const trees = await service.dispatch('wizard.containers', { directory: 'example.com' });
    const names = trees.flatMap((t) => t.containers.map((c) => c.name));
    expect(names).toEqual(expect.arrayContaining(['people', 'groups', 'pilot']));
    view = await submit({ page: 'ou-filtering', ouFilters: [{ directory: 'example.com', mode: 'selected', included: [] }] });
    expect(view.issues[0]?.message).toMatch(/select at least one/);
    const included = [`ou=people,${slapd.suffix}`, `ou=groups,${slapd.suffix}`];
    view = await submit({ page: 'ou-filtering', ouFilters: [{ directory: 'example.com', mode: 'selected', included }] });
    expect(view.page).toBe('identifying');
    view = await submit({ page: 'identifying', identifying: { userMatching: 'unique', sourceAnchor: 'attribute', sourceAnchorAttribute: 'mail' } });
    expect(view.issues[0]?.message).toMatch(/mail cannot be the source anchor/);
    await submit({ page: 'identifying', identifying: { userMatching: 'unique', sourceAnchor: 'ms-DS-ConsistencyGuid' } });
    view = await submit({ page: 'filtering', mode: 'group', groups: [{ directory: 'example.com', name: 'Nobody' }] });
    expect(view.issues[0]?.message).toMatch(/"Nobody" was not found in example\.com/);
    view = await submit({ page: 'filtering', mode: 'group', groups: [{ directory: 'example.com', name: 'Pilot' }] });
    expect(view.page).toBe('features');
    expect(view.filtering.groups[0]).toMatchObject({ dn: `cn=Pilot,ou=groups,${slapd.suffix}`, directMembers: 2 });
    view = await submit({ page: 'features', enabled: ['delete-threshold', 'password-writeback'] });
    expect(view.issues[0]?.message).toMatch(/Password writeback: Not available/);
    view = await submit({ page: 'features', enabled: ['delete-threshold'] });
    expect(view.page).toBe('ready');
    view = await submit({ page: 'ready', startSync: false, stagingMode: true });
    expect(view.issues).toEqual([]);
    expect(view.page).toBe('complete');
    expect(view.apply.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'skipped']);
    expect((await service.dispatch('system.status', {})).lock).toBeNull();

    const doc = JSON.parse(configNow()) as { connectors: { name: string; type: string; config: Record<string, unknown>; deleteThreshold: number | null }[]; syncRules: unknown[] };
    expect(doc.connectors.map((c) => c.type).sort()).toEqual(['entra', 'ldap']);
    const ldap = doc.connectors.find((c) => c.type === 'ldap')!;
    expect(ldap.config.password).toBe(SECRET_MASK);
    expect(ldap.config.includeContainers).toEqual(included);
    expect(JSON.stringify(ldap.config.objectTypes)).toContain('user000001');
    expect(doc.connectors.find((c) => c.type === 'entra')).toMatchObject({ name: 'contoso.onmicrosoft.com - AAD', deleteThreshold: 500 });
    expect(doc.syncRules.length).toBeGreaterThan(10);
    expect(fs.readFileSync(path.join(home, 'idsync.sqlite')).includes(Buffer.from(emu.clientSecret))).toBe(false);
    const settings = new SettingsFile(home).load();
    expect(settings).toMatchObject({ stagingModeEnabled: true, syncCycleEnabled: false, schedulerSuspended: false });
    await service.dispatch('wizard.close', {});
  });

  it('offers the additional tasks on a later run and keeps the fixed choices', async () => {
    let view = await service.dispatch('wizard.open', {});
    expect(view.mode).toBe('maintenance');
    expect(view.page).toBe('tasks');
    expect(view.tasks.find((t) => t.id === 'privacy')?.available).toBe(false);
    expect(view.fixed.map((f) => f.choice)).toEqual(expect.arrayContaining(['Source anchor', 'Group filtering']));
    view = await submit({ page: 'tasks', task: 'staging' });
    expect(view.page).toBe('entra');
    expect(view.entra?.clientSecret).toBe(SECRET_MASK);
    view = await submit({ page: 'entra', entra: { ...view.entra!, clientSecret: SECRET_MASK } });
    expect(view.issues).toEqual([]);
    expect(view.page).toBe('staging');
    await submit({ page: 'staging', stagingMode: false });
    view = await submit({ page: 'ready', startSync: false, stagingMode: false });
    expect(view.page).toBe('complete');
    expect(readAppliedSettings(home)?.stagingMode).toBe(false);
    // The pilot scope survives a later run that does not touch it.
    const after = JSON.parse(configNow()) as { connectors: { type: string; config: Record<string, unknown> }[] };
    expect(JSON.stringify(after.connectors.find((c) => c.type === 'ldap')?.config.objectTypes)).toContain('user000002');
    await service.dispatch('wizard.close', {});

    expect((await service.dispatch('wizard.open', {})).page).toBe('tasks');
    view = await submit({ page: 'tasks', task: 'refresh-schema' });
    expect(view.page).toBe('schema-refresh');
    view = await submit({ page: 'schema-refresh', directories: [] });
    expect(view.issues[0]?.message).toMatch(/Select at least one directory/);
    const rulesBefore = JSON.parse(configNow()).syncRules as { id: string }[];
    view = await submit({ page: 'schema-refresh', directories: ['example.com'] });
    expect(view.page).toBe('ready');
    view = await submit({ page: 'ready', startSync: false, stagingMode: false });
    expect(view.apply[2]?.status).toBe('done');
    // Regenerated rules keep their ids: a refresh replaces them in place.
    expect((JSON.parse(configNow()).syncRules as { id: string }[]).map((r) => r.id).sort()).toEqual(rulesBefore.map((r) => r.id).sort());
    await service.dispatch('wizard.close', {});

    view = await service.dispatch('wizard.open', {});
    await submit({ page: 'tasks', task: 'customize' });
    await submit({ page: 'entra', entra: { ...view.entra!, clientSecret: SECRET_MASK } });
    view = await submit({ page: 'directories', directories: [directory(SECRET_MASK)] });
    expect(view.issues).toEqual([]);
    await submit({ page: 'ou-filtering', ouFilters: view.ouFilters });
    view = await submit({ page: 'filtering', mode: 'group', groups: [{ directory: 'example.com', name: 'Pilot' }] });
    expect(view.page).toBe('features');
    await service.dispatch('wizard.back', {});
    await service.dispatch('wizard.cancel', {});
  });

  it('tests the Entra ID sign-in before it applies a later run that did not show the Entra page', async () => {
    // The app's secret in the store no longer works (rotated in the tenant): a schema refresh must not finish on it.
    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    const stored = engine.store.connectors.list().find((c) => c.type === 'entra')!;
    engine.updateConnector(stored.id, { config: { ...stored.config, auth: { kind: 'secret', clientSecret: 'rotated-away' } } });
    engine.close();
    const before = configNow();
    await service.dispatch('wizard.open', {});
    await submit({ page: 'tasks', task: 'refresh-schema' });
    await submit({ page: 'schema-refresh', directories: ['example.com'] });
    const view = await submit({ page: 'ready', startSync: false, stagingMode: false });
    expect(view.page).toBe('ready');
    expect(view.issues).toEqual([{ field: 'entra', severity: 'block', message: expect.stringMatching(/^Cannot sign in to Microsoft Entra ID, nothing was changed: .*invalid_client: AADSTS7000215/) }]);
    expect(JSON.stringify(view)).not.toContain('rotated-away');
    expect(configNow()).toBe(before);
    await service.dispatch('wizard.cancel', {});
  });
});
