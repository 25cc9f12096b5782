// `idsync rules …` and `idsync connector create|delete` as an administrator types them, on the demo workspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, runCli } from '../../sync/cli-bundle.ts';
import type { RuleTestResult, RulesDocument, RulesImportResult } from '../../../shared/model/rules-editor.ts';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';

const HR = 'HR feed (CSV)';
let cli: Awaited<ReturnType<typeof bundleCli>>;
let home: string;
const idsync = (...args: string[]) => runCli(cli.file, home, args);
const json = async <T>(...args: string[]): Promise<T> => {
  const r = await idsync(...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};

beforeAll(async () => {
  cli = await bundleCli();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-rules-cli-'));
  const demo = await idsync('demo', '--users', '40', '--json');
  expect(demo.code, demo.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  cli?.remove();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('idsync rules', () => {
  it('lists (filtered by connector and direction) and shows a rule by id or name', async () => {
    const all = await json<SyncRule[]>('rules', 'list');
    expect(all.map((r) => r.precedence)).toEqual([10, 20, 30]);
    expect((await json<SyncRule[]>('rules', 'list', '--direction', 'outbound')).map((r) => r.id)).toEqual(['demo-out-directory-user']);
    expect((await json<SyncRule[]>('rules', 'list', '--connector', HR)).map((r) => r.id)).toEqual(['demo-in-hr-person']);
    const shown = await idsync('rules', 'show', 'In from HR - Person');
    expect(shown.stdout).toContain('employeeId = employeeID');
    expect(shown.stdout).toContain('mail ← LCase(Trim([mail]))  (Expression, Update)');
    expect((await json<SyncRule>('rules', 'show', 'demo-in-hr-person')).name).toBe('In from HR - Person');
    const missing = await idsync('rules', 'show', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No sync rule "nope"');
  });

  it('tests a rule on a connector space object and an outbound rule on a metaverse object', async () => {
    const t = await json<RuleTestResult>('rules', 'test', 'demo-in-hr-person', '--object', `${HR}:CN=E10001,OU=HR`);
    expect(t.applies).toBe(true);
    expect(t.join.outcome).toBe('already-joined');
    expect(t.flows.find((f) => f.destination === 'uid')).toMatchObject({ outcome: 'values', values: ['e10001'] });
    const out = await json<RuleTestResult>('rules', 'test', 'Out to Directory - User', '--mv', t.join.linkedTo!);
    expect(out.scoping.groups[0]!.clauses[0]).toMatchObject({ attribute: 'employeeType', operator: 'EQUAL', holds: out.scoping.inScope });
    const wrong = await json<RuleTestResult>('rules', 'test', 'demo-in-groups-group', '--object', `${HR}:CN=E10001,OU=HR`);
    expect(wrong.applies).toBe(false);
    expect(wrong.reason).toContain('applies to Groups (JSON)');
    expect((await idsync('rules', 'test', 'demo-in-hr-person')).stderr).toContain('give --object CONNECTOR:DN or --mv ID');
  });

  it('exports rules to a file and imports them back; a refused import names the path of every problem and changes nothing', async () => {
    const file = path.join(home, 'hr-rule.json');
    expect((await idsync('rules', 'export', 'demo-in-hr-person', file)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as RulesDocument;
    expect(doc).toMatchObject({ format: 'idsync-rules', version: 1 });
    expect(doc.syncRules.map((r) => r.id)).toEqual(['demo-in-hr-person']);

    const bad = structuredClone(doc);
    bad.syncRules[0]!.precedence = 20;
    bad.syncRules[0]!.attributeFlows[6]!.expression = 'LCase(Trim([mail])';
    bad.syncRules.push({ ...structuredClone(doc.syncRules[0]!), id: 'second', precedence: 3, connector: { id: 'none', name: 'No such connector' } });
    const badFile = path.join(home, 'bad.json');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    const before = await json<SyncRule[]>('rules', 'list');
    const refused = await idsync('rules', 'import', badFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('was not imported, nothing changed (3 problems)');
    expect(refused.stderr).toMatch(/syncRules\[0\]\.attributeFlows\[6\]\.expression: .*line 1, column 19/);
    expect(refused.stderr).toContain('syncRules[0].precedence: "In from HR - Person": Precedence 20 is already used by rule "In from Groups - Group"');
    expect(refused.stderr).toContain('syncRules[1].connector: "In from HR - Person": No connector "No such connector"');
    expect(await json<SyncRule[]>('rules', 'list')).toEqual(before);
    const asJson = await idsync('rules', 'import', badFile, '--json');
    expect(asJson.code).toBe(1);
    expect((JSON.parse(asJson.stdout) as RulesImportResult).problems.map((p) => p.path)).toEqual(['syncRules[0].attributeFlows[6].expression', 'syncRules[0].precedence', 'syncRules[1].connector']);

    const changed = structuredClone(doc);
    changed.syncRules[0]!.description = 'Changed by import';
    changed.syncRules.push({ ...structuredClone(doc.syncRules[0]!), id: 'imported-copy', name: 'Imported copy', precedence: 7, disabled: true });
    fs.writeFileSync(file, JSON.stringify(changed));
    const ok = await json<RulesImportResult>('rules', 'import', file);
    expect(ok).toMatchObject({ ok: true, added: ['imported-copy'], replaced: ['demo-in-hr-person'], fullSyncRequired: [HR] });
    expect((await json<SyncRule>('rules', 'show', 'demo-in-hr-person')).description).toBe('Changed by import');
  });

  it('clones with a precedence and disables the original; enables, disables, swaps and deletes; marks and clears full synchronization', async () => {
    const c = await json<{ clone: SyncRule; original: SyncRule; fullSyncRequired: string[] }>('rules', 'clone', 'In from HR - Person', '--precedence', '5', '--disable-original');
    expect(c.clone).toMatchObject({ precedence: 5, name: 'In from HR - Person (custom)', clonedFrom: 'demo-in-hr-person', disabled: false });
    expect(c.original.disabled).toBe(true);
    expect(c.fullSyncRequired).toEqual([HR]);
    const clash = await idsync('rules', 'clone', 'demo-in-hr-person', '--precedence', '20');
    expect(clash.stderr).toContain('Precedence 20 is already used by rule "In from Groups - Group"');

    expect((await json<{ rule: SyncRule }>('rules', 'enable', 'demo-in-hr-person')).rule.disabled).toBe(false);
    expect((await json<{ rule: SyncRule }>('rules', 'disable', 'demo-in-hr-person')).rule.disabled).toBe(true);
    const swapped = await json<{ a: SyncRule; b: SyncRule }>('rules', 'swap', 'demo-in-groups-group', 'demo-out-directory-user');
    expect([swapped.a.precedence, swapped.b.precedence]).toEqual([30, 20]);

    const marks = await idsync('rules', 'full-sync-required');
    expect(marks.stdout).toContain(`${HR}: full synchronization required`);
    expect(marks.stdout).toContain('Rule "In from HR - Person" disabled');
    const run = await idsync('run', HR, 'Full Synchronization');
    expect(run.code, run.stderr).toBe(0);
    expect((await json<{ connector: string }[]>('rules', 'full-sync-required')).map((m) => m.connector)).not.toContain(HR);

    const del = await json<{ rule: SyncRule; fullSyncRequired: string[] }>('rules', 'delete', c.clone.id);
    expect(del.rule.id).toBe(c.clone.id);
    expect((await json<SyncRule[]>('rules', 'list')).some((r) => r.id === c.clone.id)).toBe(false);
  });

  it('refuses to delete a standard rule without --force', async () => {
    const file = path.join(home, 'standard.json');
    const doc = await json<RulesDocument>('rules', 'export', 'imported-copy');
    fs.writeFileSync(file, JSON.stringify({ ...doc, syncRules: [{ ...doc.syncRules[0], immutableTag: 'Microsoft.Test.001' }] }));
    expect((await idsync('rules', 'import', file)).code).toBe(0);
    const refused = await idsync('rules', 'delete', 'imported-copy');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is a standard rule (Microsoft.Test.001); disable it');
    expect((await idsync('rules', 'delete', 'imported-copy', '--force')).code).toBe(0);
  });

  it('adds a rule from flags (a problem is named with its field, nothing saved) and edits it', async () => {
    const flags = ['--name', 'In from HR - Sales filter', '--connector', HR, '--cs-type', 'user', '--mv-type', 'person', '--precedence', '50',
      '--scope', 'department EQUAL Sales AND title ISNOTNULL', '--join', 'employeeId=employeeID', '--flow', 'title <- Constant: Filtered', '--id', 'sales-filter'];
    const bad = await idsync('rules', 'add', ...flags, '--flow', 'givenName <- Expression: PCase([givenName]');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/The rule was not added \(1 problem\):\n {2}attributeFlows\[1\]\.expression: .*column 18/);
    expect((await json<SyncRule[]>('rules', 'list')).some((r) => r.id === 'sales-filter')).toBe(false);
    const added = await json<{ rule: SyncRule; fullSyncRequired: string[] }>('rules', 'add', ...flags, '--flow', 'givenName <- Expression: PCase([givenName])');
    expect(added.rule).toMatchObject({
      connector: { id: 'demo-hr', name: HR }, sourceObjectType: 'user', targetObjectType: 'person', linkType: 'Join',
      scopingFilter: [[{ attribute: 'department', operator: 'EQUAL', value: 'Sales' }, { attribute: 'title', operator: 'ISNOTNULL', value: '' }]],
      joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeID', caseSensitive: false }]],
    });
    expect(added.fullSyncRequired).toEqual([HR]);
    const edited = await json<{ rule: SyncRule }>('rules', 'edit', 'sales-filter', '--remove-flow', 'title', '--flow', 'department <- Direct: department', '--merge', 'department=replace', '--disabled');
    expect(edited.rule.attributeFlows.map((f) => [f.destination, f.flowType, f.mergeType])).toEqual([['givenName', 'Expression', 'Update'], ['department', 'Direct', 'Replace']]);
    expect(edited.rule.disabled).toBe(true);
    expect((await idsync('rules', 'edit', 'sales-filter', '--remove-flow', 'nope')).stderr).toContain('--remove-flow nope: the rule has no transformation to "nope"');
    expect((await idsync('rules', 'delete', 'sales-filter')).code).toBe(0);
  });

  it('adds a metaverse attribute for a custom flow (the Metaverse Designer from the command line)', async () => {
    const schema = await json<{ objectTypes: { name: string; attributes: string[] }[]; attributes: { name: string; type: string }[] }>('mv', 'add-attribute', 'costCenter', '--object-type', 'person');
    expect(schema.objectTypes.find((t) => t.name === 'person')?.attributes).toContain('costCenter');
    expect((await idsync('mv', 'add-attribute', 'x', '--type', 'text')).stderr).toContain('--type must be one of string, integer');
    const added = await json<{ rule: SyncRule }>('rules', 'add', '--name', 'In from HR - cost center', '--connector', HR, '--cs-type', 'user', '--mv-type', 'person', '--precedence', '60',
      '--flow', 'costCenter <- Expression: "CC-" & [department]');
    expect(added.rule.attributeFlows[0]).toMatchObject({ destination: 'costCenter', flowType: 'Expression' });
    expect((await idsync('rules', 'delete', added.rule.id)).code).toBe(0);
  });

  it('shows the precedence of a metaverse attribute', async () => {
    const rows = await json<{ ruleName: string; precedence: number }[]>('rules', 'precedence', 'title');
    expect(rows.map((r) => r.ruleName)).toEqual(expect.arrayContaining(['In from HR - Person', 'Out to Directory - User']));
  });
});

describe('idsync connector create|update|delete', () => {
  it('creates a file connector from --set settings, updates it (a full import is queued), refuses a delete without --yes, then deletes it and its rules', async () => {
    const csv = path.join(home, 'badges.csv');
    fs.writeFileSync(csv, 'badgeId,holder\nB1,E10001\n');
    const created = await json<{ name: string; runProfiles: { name: string }[] }>(
      'connector', 'create', 'Badges', '--type', 'file', '--set', 'format=csv', '--set', `path=${csv}`, '--set', 'anchor=badgeId', '--set', 'objectType=badge',
      '--set', 'attributes.holder.multiValued=false',
    );
    expect(created.runProfiles.map((p) => p.name)).toContain('Full Import');
    const bad = await idsync('connector', 'create', 'Broken', '--type', 'file', '--set', 'format=csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('path');
    const noSecret = await idsync('connector', 'create', 'Ldap', '--type', 'ldap', '--secret', 'password=IDSYNC_TEST_UNSET_VARIABLE');
    expect(noSecret.stderr).toContain('Environment variable IDSYNC_TEST_UNSET_VARIABLE (for password) is not set');

    const csv2 = path.join(home, 'badges-2.csv');
    fs.writeFileSync(csv2, 'badgeId,holder\nB2,E10002\n');
    const updated = await json<{ fullImportRequired: boolean; changed: string[] }>('connector', 'update', 'Badges', '--set', `path=${csv2}`, '--description', 'Door badges');
    expect(updated).toMatchObject({ fullImportRequired: true, changed: ['path'] });
    expect((await idsync('rules', 'full-sync-required')).stdout).toContain('Badges: full import required');
    expect((await idsync('connector', 'update', 'Badges', '--add', 'attributes=holder')).stderr).toContain('--add attributes: the setting is not a list');
    expect((await json<{ name: string; description: string }[]>('connector', 'list')).find((c) => c.name === 'Badges')?.description).toBe('Door badges');

    const doc = await json<RulesDocument>('rules', 'export', 'demo-in-groups-group');
    fs.writeFileSync(path.join(home, 'badge-rule.json'), JSON.stringify({ ...doc, syncRules: [{ ...doc.syncRules[0], id: 'badge-rule', name: 'In from Badges', precedence: 40, connector: { id: '', name: 'Badges' }, sourceObjectType: 'badge', joinRules: [], attributeFlows: [] }] }));
    expect((await idsync('rules', 'import', path.join(home, 'badge-rule.json'))).code).toBe(0);
    const unconfirmed = await idsync('connector', 'delete', 'Badges');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('1 sync rule(s) use it ("In from Badges")');
    const deleted = await json<{ rulesDeleted: string[] }>('connector', 'delete', 'Badges', '--yes', '--delete-rules');
    expect(deleted.rulesDeleted).toEqual(['In from Badges']);
    expect((await json<{ name: string }[]>('connector', 'list')).map((c) => c.name)).not.toContain('Badges');
  });
});
