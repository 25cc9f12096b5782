// The wizard's "Import settings from an Entra Connect server" path through the API service, against a private
// slapd and the Entra emulator, on the committed fabrikam export: the folder page's errors, the fixed directory
// list, Install in staging mode with the imported rules, and a later staging task that leaves the rules alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api.ts';
import { ApiService } from '../service/service.ts';
import { SyncEngine } from '../sync/engine.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { startSlapd, type SlapdInstance } from '../../e2e/env/slapd/index.ts';
import { startEntraEmulator, type EntraEmulator } from '../../e2e/env/entra-emulator/index.ts';
import { fixture } from '../migrate/test-exports.ts';
import { readAppliedSettings } from './applied-settings.ts';

let slapd: SlapdInstance;
let emu: EntraEmulator;
let home: string;
let service: ApiService;
const submit = (r: RequestOf<'wizard.submit'>) => service.dispatch('wizard.submit', r);
const entra = (): RequestOf<'wizard.submit'> => ({
  page: 'entra',
  entra: { tenantId: emu.tenantId, clientId: emu.clientId, authKind: 'secret', clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem },
});
const forest = (name = 'fabrikam.com', kind: 'ad' | 'openldap' = 'ad') => ({ name, kind, url: slapd.url, security: 'none' as const, bindDn: slapd.bindDn, password: slapd.password });

function rules(): { id: string; disabled: boolean }[] {
  const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
  try {
    return engine.store.rules.list().map((r) => ({ id: r.rule.id, disabled: r.rule.disabled }));
  } finally {
    engine.close();
  }
}

beforeAll(async () => {
  [slapd, emu] = await Promise.all([startSlapd(), startEntraEmulator()]);
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-wizard-import-'));
  service = new ApiService({ home, host: 'cli' });
});

afterAll(async () => {
  await service?.close();
  await Promise.all([slapd?.dispose(), emu?.stop()]);
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('wizard: import settings from an Entra Connect server', () => {
  it('reads the folder, starts the credential pages from it, and installs the imported configuration in staging mode', async () => {
    await service.dispatch('wizard.open', {});
    await submit({ page: 'welcome', licenseAccepted: true });
    let view = await submit({ page: 'express', path: 'import' });
    expect(view.page).toBe('import-settings');
    expect(view.steps.map((s) => s.id)).toEqual(['welcome', 'express', 'import-settings', 'entra', 'directories', 'ready', 'complete']);

    view = await submit({ page: 'import-settings', folder: fixture('missing-mv') });
    expect(view.page).toBe('import-settings');
    expect(view.issues[0]).toMatchObject({ severity: 'block', field: 'folder', message: expect.stringContaining('missing GlobalSettings/MV.xml') });

    view = await submit({ page: 'import-settings', folder: fixture('fabrikam') });
    expect(view.page).toBe('entra');
    expect(view.migration?.counts).toMatchObject({ rules: 14, customRules: 5 });
    // What the credential pages start from: the tenant, and each forest with the old server's DC and account.
    expect(view.migration?.connectors.map((c) => [c.kind, c.name, c.target, c.serverHint, c.loginHint])).toEqual([
      ['ad', 'fabrikam.com', 'fabrikam.com', 'ldaps://DC02.fabrikam.com', 'FABRIKAM\\MSOL_0f1e2d3c4b5a'],
      ['entra', 'fabrikam.onmicrosoft.com - AAD', 'fabrikam.onmicrosoft.com', null, 'Sync_FABRIKAM-SYNC01_9a8b7c6d5e4f@fabrikam.onmicrosoft.com'],
      ['unsupported', 'HR Database', null, null, null],
    ]);

    view = await submit(entra());
    expect(view.page).toBe('directories');
    expect(view.issues).toEqual([expect.objectContaining({ severity: 'warn', message: `The export is for tenant fabrikam.onmicrosoft.com; the configuration will use ${emu.tenantId}.` })]);

    view = await submit({ page: 'directories', directories: [forest(), forest('extra.example')] });
    expect(view.issues[0]?.message).toMatch(/^Directories cannot be added when importing: extra.example is not in the export/);
    view = await submit({ page: 'directories', directories: [forest('fabrikam.com', 'openldap')] });
    expect(view.issues[0]?.message).toBe('fabrikam.com is an Active Directory forest in the export; connect it as Active Directory');
    view = await submit({ page: 'directories', directories: [forest()] });
    expect(view.page).toBe('ready');
    // The test directory is not the exported forest: its naming context differs, which the page says.
    expect(view.issues.some((i) => i.severity === 'warn' && /has no naming context DC=fabrikam,DC=com/.test(i.message))).toBe(true);
    expect(view.ready).toEqual({ startSync: true, stagingMode: true });

    view = await submit({ page: 'ready', startSync: false, stagingMode: true });
    expect(view.page).toBe('complete');
    expect(view.apply.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'skipped']);
    expect(view.apply[2]).toMatchObject({ label: 'Import the synchronization rules', message: '14 rules' });
    expect(view.notes[0]).toMatch(/^Imported from FABRIKAM-SYNC01: 8 rules enabled, 4 disabled on import/);
    await service.dispatch('wizard.close', {});

    expect(rules()).toHaveLength(14);
    expect(new SettingsFile(home).load()).toMatchObject({ stagingModeEnabled: true, syncCycleEnabled: false, nextSyncCyclePolicyType: 'Initial' });
    expect(readAppliedSettings(home)?.importedFrom?.server).toBe('FABRIKAM-SYNC01');
    const record = await service.dispatch('migration.record', {});
    expect(record?.status).toBe('applied');
    expect(record?.markdown).toContain('# Migration from Entra Connect: FABRIKAM-SYNC01');
    const text = JSON.stringify(record) + fs.readFileSync(path.join(home, 'wizard-settings.json'), 'utf8');
    expect(text).not.toContain(emu.clientSecret);
  });

  it('on a later run, the staging task switches staging mode only, and rule-regenerating tasks warn first', async () => {
    const before = rules();
    await service.dispatch('wizard.open', {});
    let view = await submit({ page: 'tasks', task: 'customize' });
    expect(view.issues[0]).toMatchObject({ severity: 'warn', message: expect.stringContaining('re-creates the standard rules from IdSync\'s defaults') });
    await service.dispatch('wizard.back', {});
    view = await submit({ page: 'tasks', task: 'staging' });
    expect(view.issues).toEqual([]);
    view = await submit({ ...entra(), entra: { ...(entra() as { entra: object }).entra, clientSecret: '********' } } as RequestOf<'wizard.submit'>);
    expect(view.page).toBe('staging');
    await submit({ page: 'staging', stagingMode: false });
    view = await submit({ page: 'ready', startSync: false, stagingMode: false });
    expect(view.page).toBe('complete');
    await service.dispatch('wizard.close', {});
    expect(new SettingsFile(home).load().stagingModeEnabled).toBe(false);
    expect(rules()).toEqual(before);
  });

  it('previews an export without changing anything, and names a bad folder', async () => {
    const preview = await service.dispatch('migration.preview', { folder: fixture('fabrikam') });
    expect(preview.report.status).toBe('dry-run');
    await expect(service.dispatch('migration.preview', { folder: fixture('missing-mv') })).rejects.toThrow(/missing GlobalSettings\/MV\.xml/);
  });
});
