// The importer on the committed test exports: custom rules (a quote in a name, precedence 162), a clone of a
// standard rule, a standard rule edited in place, version drift, an extra OU exclusion, a UTF-16 connector file,
// an unsupported connector kind, a missing MV.xml, a damaged rule file, and applying (with and without credentials).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportConfig } from '../config/config-export.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { SyncEngine } from '../sync/engine.ts';
import { readAppliedSettings } from '../wizard/applied-settings.ts';
import { applyMigration, MigrationApplyError } from './apply-migration.ts';
import type { MigrationCredentials } from './credentials.ts';
import { planMigration } from './migration-plan.ts';
import { readMigrationRecord } from './migration-record.ts';
import { ExportFolderError, readServerExport } from './read-export.ts';
import { fixture, importsDn } from './test-exports.ts';

const FABRIKAM = fixture('fabrikam');
const CREDENTIALS: MigrationCredentials = {
  directories: [{ url: 'ldaps://dc02.fabrikam.com', bindDn: 'svc-sync@fabrikam.com', password: 'Dir-pa55' }],
  entra: { clientId: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', auth: { kind: 'secret', clientSecret: 'App-s3cret' } },
};

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-migrate-'));
  dirs.push(d);
  return d;
}
function withEngine<T>(home: string, fn: (e: SyncEngine) => T): T {
  const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
  try {
    return fn(engine);
  } finally {
    engine.close();
  }
}

describe('reading an export', () => {
  it('reads UTF-8 and UTF-16 files alike, and MigrateSettings.ps1 metadata', () => {
    const x = readServerExport(FABRIKAM);
    expect(x.encodings).toEqual({ 'utf-8': 17, 'utf-16le': 2 });
    expect(x.layout).toBe('migrate-settings');
    const aad = x.connectors.find((c) => c.category === 'Extensible2' && /Azure/.test(c.subtype))!;
    expect(aad.name).toBe('fabrikam.onmicrosoft.com - AAD');
    expect(aad.parameters.find((p) => p.name === 'UserName')?.value).toBe('Sync_FABRIKAM-SYNC01_9a8b7c6d5e4f@fabrikam.onmicrosoft.com');
    expect(x.policyMetadata?.['deploymentMetadata.hostName']).toBe('FABRIKAM-SYNC01');
  });

  it('names the missing part of an incomplete folder', () => {
    expect(() => readServerExport(fixture('missing-mv'))).toThrow(ExportFolderError);
    expect(() => readServerExport(fixture('missing-mv'))).toThrow(/missing GlobalSettings\/MV\.xml/);
    expect(() => readServerExport(fixture('no-such-export'))).toThrow(/no-such-export: no such folder/);
  });

  it('refuses a JSON settings file and says how to export the XML folder', () => {
    const file = path.join(tempDir(), 'Exported-SynchronizationPolicy-20240229.json');
    fs.writeFileSync(file, '{"policyMetadata":{}}');
    expect(() => readServerExport(file)).toThrow(/JSON settings file; IdSync reads the XML folder that Get-ADSyncServerConfiguration writes/);
  });

  it('sets a damaged rule file aside, names its position, and reads the others', () => {
    const copy = path.join(tempDir(), 'export');
    fs.cpSync(FABRIKAM, copy, { recursive: true });
    const broken = path.join(copy, 'SynchronizationRules', 'SynchronizationRule_{2b3c4d5e-0000-4000-8000-000000000002}.xml');
    fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace('</direction>', '</directon>'));
    const plan = planMigration(copy);
    expect(plan.rules).toHaveLength(13);
    const bad = plan.report.rules.find((r) => r.ruleId === '')!;
    expect(bad.reasons[0]).toMatch(/SynchronizationRule_\{2b3c4d5e-0000-4000-8000-000000000002\}\.xml: line \d+, column \d+/);
    expect(plan.report.warnings.some((w) => w.code === 'unreadable-rule')).toBe(true);
  });
});

describe('planning the fabrikam export', () => {
  const plan = planMigration(FABRIKAM);
  const rule = (name: string) => plan.report.rules.find((r) => r.name === name)!;
  const stored = (name: string) => plan.rules.find((r) => r.name === name)!;

  it('keeps every rule in precedence order, custom rules as they are', () => {
    expect(plan.report.rules.map((r) => r.precedence)).toEqual([20, 30, 40, 50, 100, 102, 104, 110, 111, 112, 113, 114, 115, 162]);
    const quoted = stored("Custom: In from AD - Only sync Users with extensionAttribute10 = 'cloud'");
    expect(quoted).toMatchObject({ disabled: false, precedence: 20, description: 'Users the cloud team marked', scopingFilter: [[{ attribute: 'extensionAttribute10', operator: 'NOTEQUAL', value: 'cloud' }]] });
    expect(quoted.connector).toEqual({ id: '1a2b3c4d-0000-4000-8000-00000000000a', name: 'fabrikam.com' });
    expect(rule('Custom: Out to AAD - User department from company')).toMatchObject({ enabled: false, disabledBy: 'customer' });
  });

  it('keeps a custom rule at precedence 162 there, warns, and disables it while its metaverse attribute is missing', () => {
    expect(rule('Custom: In from AD - User employeeType')).toMatchObject({ precedence: 162, enabled: false, disabledBy: 'idsync', standard: false });
    expect(rule('Custom: In from AD - User employeeType').reasons[0]).toMatch(/^Custom: In from AD - User employeeType: it needs metaverse attribute employeeType/);
    expect(plan.report.warnings.find((w) => w.code === 'R7')?.message).toMatch(/precedence 162/);
    expect(plan.report.schemaAdditions).toEqual([{ attribute: 'employeeType', objectType: 'person', rules: ['Custom: In from AD - User employeeType'], added: false }]);
    const added = planMigration(FABRIKAM, { addMissingAttributes: true });
    expect(added.rules.find((r) => r.name === 'Custom: In from AD - User employeeType')!.disabled).toBe(false);
    expect(added.schema.attributes.find((a) => a.name === 'employeeType')).toEqual({ name: 'employeeType', type: 'string', multiValued: false, indexed: false });
    expect(added.schema.objectTypes.find((t) => t.name === 'person')!.attributes).toContain('employeeType');
  });

  it('finds the clone of a standard rule and what was edited, and keeps the original disabled', () => {
    expect(rule('In from AD - User Common Cloned').comparison).toBe('clone');
    const diff = plan.report.diffs.find((d) => d.rule === 'In from AD - User Common Cloned')!;
    expect(diff).toMatchObject({ kind: 'clone', reference: 'In from AD - User Common (Microsoft.InfromADUserCommon.004)' });
    expect(diff.differences.map((d) => d.field)).toEqual(['flow displayName']);
    expect(diff.summary).toMatch(/the original is disabled/);
    expect(rule('In from AD - User Common')).toMatchObject({ enabled: false, disabledBy: 'customer', comparison: 'same' });
    expect(stored('In from AD - User Common').disabled).toBe(true);
  });

  it('lists a standard rule edited in place as a customer change, and another tag version as version drift', () => {
    const edited = plan.report.diffs.find((d) => d.rule === 'Out to AAD - User Join')!;
    expect(edited.kind).toBe('customer-change');
    expect(edited.differences).toEqual([expect.objectContaining({ field: 'scope', exported: expect.stringContaining('employeeType NOTEQUAL Contractor') })]);
    // The edit is carried into the Graph-adapted rule.
    expect(stored('Out to AAD - User Join').scopingFilter.flat()).toContainEqual({ attribute: 'employeeType', operator: 'NOTEQUAL', value: 'Contractor' });
    const drift = plan.report.diffs.find((d) => d.rule === 'In from AD - Group Join')!;
    expect(drift.kind).toBe('version-drift');
    expect(drift.summary).toMatch(/^version drift \(tag \.007 vs \.003\)/);
    expect(plan.report.counts).toMatchObject({ changedStandardRules: 1, versionDrift: 1, customRules: 5, standardRules: 9 });
  });

  it('lists the unsupported connector and keeps its rule, disabled with the reason', () => {
    const hr = plan.report.connectors.find((c) => c.name === 'HR Database')!;
    expect(hr).toMatchObject({ kind: 'unsupported', connectorId: null, subtype: 'Generic SQL (Microsoft)' });
    expect(plan.report.warnings.find((w) => w.code === 'R1')?.subject).toBe('HR Database');
    expect(rule('In from HR - Person Join')).toMatchObject({ enabled: false, disabledBy: 'idsync' });
    expect(rule('In from HR - Person Join').reasons[0]).toBe('In from HR - Person Join: its connector "HR Database" (Extensible2, Generic SQL (Microsoft)) is of a kind IdSync does not support');
    expect(plan.connectors.find((c) => c.name === 'HR Database')?.type).toBeNull();
  });

  it('turns the OU tree into the connector scope, with the extra exclusion', () => {
    const ad = plan.connectors.find((c) => c.kind === 'ad')!;
    expect(ad.config).toMatchObject({
      baseDns: ['DC=fabrikam,DC=com'],
      includeContainers: ['OU=Staff,DC=fabrikam,DC=com', 'OU=Service Desk,DC=fabrikam,DC=com'],
      excludeContainers: ['OU=Leavers,OU=Staff,DC=fabrikam,DC=com'],
    });
    expect(importsDn(ad.config, 'CN=Ann,OU=Sales,OU=Staff,DC=fabrikam,DC=com')).toBe(true);
    expect(importsDn(ad.config, 'CN=Desk,OU=Service Desk,DC=fabrikam,DC=com')).toBe(true);
    expect(importsDn(ad.config, 'CN=Bob,OU=Leavers,OU=Staff,DC=fabrikam,DC=com')).toBe(false);
    expect(importsDn(ad.config, 'CN=Administrator,CN=Users,DC=fabrikam,DC=com')).toBe(false);
  });

  it('carries run profiles it can run (custom ones too), settings, and nothing of the old server\'s progress', () => {
    const ad = plan.connectors.find((c) => c.kind === 'ad')!;
    expect(ad.runProfiles.map((p) => p.name)).toEqual(['Full Import', 'Delta Import', 'Full Synchronization', 'Delta Synchronization', 'Export', 'Import and Sync']);
    expect(ad.runProfiles[5]!.steps).toEqual([{ type: 'full-import', partition: 'DC=fabrikam,DC=com' }, { type: 'delta-sync', partition: 'DC=fabrikam,DC=com' }]);
    expect(plan.report.connectors[0]!.notes.some((n) => n.startsWith('Run profile "Stage to file" is not carried'))).toBe(true);
    expect(plan.connectors.find((c) => c.kind === 'entra')).toMatchObject({ config: { tenantId: 'fabrikam.onmicrosoft.com' }, deleteThreshold: 300 });
    expect(plan.scheduler).toMatchObject({ customizedSyncCycleInterval: '01:00:00', purgeRunHistoryInterval: '14.00:00:00', stagingModeEnabled: true, nextSyncCyclePolicyType: 'Initial' });
    expect(plan.report.warnings.some((w) => w.subject === 'Password hash synchronization')).toBe(true);
    const text = JSON.stringify(plan);
    expect(text).not.toContain('AAECAwQFBgcICQoLDA0ODw==');
    expect(text).not.toContain('AQIDBAUGBwg=');
    expect(plan.report.connectors.flatMap((c) => c.discarded)).toEqual(expect.arrayContaining([
      'DirSync cookie of DC=fabrikam,DC=com (the first import is a full import)', 'Entra watermark of partition default (the first import is a full import)',
    ]));
  });
});

describe('applying an import', () => {
  it('waits for credentials without configuring anything, then applies in staging mode', () => {
    const home = tempDir();
    const waiting = withEngine(home, (e) => applyMigration(e, home, planMigration(FABRIKAM), { directories: [] }));
    expect(waiting.status).toBe('credentials-needed');
    expect(waiting.report.connectors.filter((c) => c.kind !== 'unsupported').map((c) => c.credentials)).toEqual(['needed', 'needed']);
    expect(waiting.report.steps[0]).toMatch(/^Give the directory account for fabrikam.com/);
    withEngine(home, (e) => expect(e.store.connectors.list()).toEqual([]));
    const record = readMigrationRecord(home)!;
    expect(record.status).toBe('credentials-needed');

    const done = withEngine(home, (e) => applyMigration(e, home, record.plan, CREDENTIALS));
    expect(done.status).toBe('applied');
    expect(done.connectors.map((c) => `${c.action} ${c.name}`)).toEqual(['created fabrikam.com', 'created fabrikam.onmicrosoft.com - AAD']);
    withEngine(home, (e) => {
      expect(e.store.connectors.list().map((c) => c.id)).toEqual(['1a2b3c4d-0000-4000-8000-00000000000a', '1a2b3c4d-0000-4000-8000-0000000000aa']);
      expect(e.store.rules.list()).toHaveLength(14);
      expect(e.connector('fabrikam.com').config).toMatchObject({ url: 'ldaps://dc02.fabrikam.com', security: 'ldaps', password: 'Dir-pa55' });
    });
    expect(new SettingsFile(home).load()).toMatchObject({ stagingModeEnabled: true, nextSyncCyclePolicyType: 'Initial' });
    expect(readAppliedSettings(home)).toMatchObject({ stagingMode: true, importedFrom: { server: 'FABRIKAM-SYNC01' }, identifying: { sourceAnchor: 'objectGUID', userMatching: 'objectSid' } });
    const files = ['migration.json', 'migration-report.md', 'wizard-settings.json', 'scheduler.json'].map((f) => fs.readFileSync(path.join(home, f), 'utf8')).join('\n');
    expect(files).not.toContain('Dir-pa55');
    expect(files).not.toContain('App-s3cret');
  });

  it('gives the same configuration when the same folder is imported twice (stored credentials are kept)', () => {
    const home = tempDir();
    withEngine(home, (e) => applyMigration(e, home, planMigration(FABRIKAM), CREDENTIALS));
    const first = withEngine(home, (e) => exportConfig(e));
    const again = withEngine(home, (e) => applyMigration(e, home, planMigration(FABRIKAM), { directories: [] }));
    expect(again.status).toBe('applied');
    expect(again.report.connectors.filter((c) => c.kind !== 'unsupported').map((c) => c.credentials)).toEqual(['stored', 'stored']);
    const second = withEngine(home, (e) => exportConfig(e));
    expect(second).toEqual(first);
    expect(second.syncRules).toHaveLength(14);
    withEngine(home, (e) => expect(e.connector('fabrikam.com').config.password).toBe('Dir-pa55'));
  });

  it('refuses a data directory that holds another configuration, and bad credentials, changing nothing', () => {
    const home = tempDir();
    withEngine(home, (e) => e.createConnector({ name: 'HR file', type: 'test', config: { directory: 'd' } }));
    expect(() => withEngine(home, (e) => applyMigration(e, home, planMigration(FABRIKAM), CREDENTIALS))).toThrow(MigrationApplyError);
    expect(() => withEngine(home, (e) => applyMigration(e, home, planMigration(FABRIKAM), CREDENTIALS))).toThrow(/already holds another configuration \(connector "HR file"\)/);
    const empty = tempDir();
    const bad = { ...CREDENTIALS, entra: { ...CREDENTIALS.entra!, clientId: 'not-a-guid' } };
    expect(() => withEngine(empty, (e) => applyMigration(e, empty, planMigration(FABRIKAM), bad))).toThrow(/fabrikam.onmicrosoft.com - AAD: clientId: must be the application \(client\) id/);
    const unknown = { directories: [{ connector: 'contoso.com', url: 'ldaps://dc', bindDn: 'x', password: 'y' }] };
    expect(() => withEngine(empty, (e) => applyMigration(e, empty, planMigration(FABRIKAM), unknown))).toThrow(/No directory named "contoso.com" in the export/);
    withEngine(empty, (e) => expect(e.store.connectors.list()).toEqual([]));
    expect(readMigrationRecord(empty)).toBeNull();
  });
});
