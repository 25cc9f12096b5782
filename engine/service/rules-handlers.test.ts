// The rules API on the demo workspace: validation by field, expression diagnostics at the parser's position,
// "Try it", a rule change previewed side by side, the connector schema, and the full-synchronization marks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiService } from './service.ts';
import type { SyncRuleInput } from '../../shared/model/sync-rules.ts';

const HR = 'HR feed (CSV)';
let service: ApiService;
let home: string;
const call = ((method: string, request: unknown) => service.dispatch(method, request)) as ApiService['dispatch'];

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-rules-api-'));
  service = new ApiService({ home, host: 'cli' });
  await service.dispatch('workspace.createDemo', { users: 30 });
}, 120_000);

afterAll(async () => {
  await service?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

const contractorRule = (overrides: Partial<SyncRuleInput> = {}): SyncRuleInput => ({
  id: 'contractor-title', name: 'In from HR - Contractor title', direction: 'Inbound', precedence: 5,
  connector: { id: 'demo-hr', name: HR }, sourceObjectType: 'user', targetObjectType: 'person', linkType: 'Join',
  scopingFilter: [[{ attribute: 'employeeType', operator: 'EQUAL', value: 'Contractor' }]],
  joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeID', caseSensitive: false }]],
  attributeFlows: [{ destination: 'title', sources: ['title'], flowType: 'Expression', expression: '"Contractor: " & Trim([title])' }],
  ...overrides,
});

describe('rules API', () => {
  it('reports every problem of a whole rule on its field, and warnings apart', async () => {
    const v = await call('rules.validate', {
      rule: contractorRule({
        precedence: 10,
        scopingFilter: [[{ attribute: 'userAccountControl', operator: 'ISBITSET', value: 'two' }]],
        attributeFlows: [
          { destination: 'title', sources: [], flowType: 'Expression', expression: 'Trim([title]' },
          { destination: 'title', sources: [], flowType: 'Direct' },
          { destination: 'nope', sources: ['x'], flowType: 'Direct' },
        ],
      }),
    });
    expect(v.problems.map((p) => p.path).sort()).toEqual([
      'attributeFlows[0].expression', 'attributeFlows[1].destination', 'attributeFlows[1].sources[0]', 'attributeFlows[2].destination', 'precedence', 'scopingFilter[0][0].value',
    ]);
    expect(v.problems.find((p) => p.path === 'attributeFlows[0].expression')?.message).toMatch(/line 1, column 13/);
    expect((await call('rules.validate', { rule: { name: '' } })).problems.map((p) => p.path)).toEqual(expect.arrayContaining(['id', 'name', 'direction']));
    const tagged = await call('rules.validate', { rule: contractorRule({ immutableTag: 'Microsoft.Made.Up' }) });
    expect(tagged.problems).toEqual([]);
    expect(tagged.warnings.map((w) => w.path)).toEqual(['immutableTag']);
    await expect(call('rules.save', contractorRule({ precedence: 10 }))).rejects.toMatchObject({ code: 'invalid-rule' });
  });

  it('warns when a rule uses an attribute its connector does not import', async () => {
    await call('connectors.create', { name: 'Lab', type: 'ldap', config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=sync,dc=lab', password: 'not-used', attributes: ['cn', 'mail', 'entryUUID'] } });
    const v = await call('rules.validate', {
      rule: contractorRule({
        id: 'lab', connector: { id: '', name: 'Lab' }, sourceObjectType: 'inetOrgPerson', precedence: 7, scopingFilter: [[{ attribute: 'ou', operator: 'EQUAL', value: 'Sales' }]],
        joinRules: [[{ csAttribute: 'mail', mvAttribute: 'mail', caseSensitive: false }]],
        attributeFlows: [{ destination: 'title', sources: ['title'], flowType: 'Direct' }, { destination: 'sn', sources: [], flowType: 'Expression', expression: 'Word([cn], 2, " ")' }],
      }),
    });
    expect(v.problems).toEqual([]);
    expect(v.warnings.map((w) => w.path)).toEqual(['scopingFilter[0][0].attribute', 'attributeFlows[0].sources[0]']);
    expect(v.warnings[0]!.message).toContain('Lab does not import "ou"');
    await call('connectors.delete', { connector: 'Lab', confirm: true });
  });

  it('checks expressions at the parser position against the source attributes, and lists the functions', async () => {
    const source = { kind: 'cs' as const, connector: HR, objectType: 'user' };
    const syntax = await call('expressions.check', { expression: 'Left([title], 3', source });
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatchObject({ severity: 'error', code: 'syntax', line: 1, column: 16, offset: 15 });
    const names = await call('expressions.check', { expression: 'LCase([Title]) & Lcase([sn])', source });
    expect(names.map((d) => [d.severity, d.code, d.column])).toEqual([['warning', 'unknown-attribute', 7], ['error', 'unknown-function', 18]]);
    expect(names[0]!.message).toContain('did you mean [title]');
    expect(await call('expressions.check', { expression: 'IIF(IsPresent([department]), [department], %Connector.Name%)', source })).toEqual([]);
    const fns = await call('expressions.functions', {});
    expect(fns.find((f) => f.name === 'Left')).toMatchObject({ category: 'Text', minArgs: 2, maxArgs: 2 });
    expect(fns.find((f) => f.name === 'Switch')?.maxArgs).toBeNull();
  });

  it('tries an expression on a connector space object and on a metaverse object', async () => {
    const cs = await call('expressions.try', { expression: 'Word([displayName], 1, " ") & "@" & %Connector.ID%', object: { kind: 'cs', connector: HR, dn: 'CN=E10001,OU=HR' } });
    expect(cs.outcome).toBe('values');
    expect(cs.values[0]).toMatch(/^[A-Z][a-z]+@demo-hr$/);
    expect(Object.keys(cs.object.read)).toEqual(['displayName']);
    const mvId = (await call('cs.get', { connector: HR, dn: 'CN=E10001,OU=HR' })).mvId!;
    expect(await call('expressions.try', { expression: 'IIF(IsPresent([managerEmployeeID]), IgnoreThisFlow, AuthoritativeNull)', object: { kind: 'mv', id: mvId } }))
      .toMatchObject({ outcome: 'authoritative-null' });
    expect(await call('expressions.try', { expression: 'Error("stop " & [uid])', object: { kind: 'mv', id: mvId } }))
      .toMatchObject({ outcome: 'error', error: { code: 'sync-rule-error-function-triggered', message: 'stop e10001' } });
    expect((await call('expressions.try', { expression: 'Left(', object: { kind: 'mv', id: mvId } })).error?.code).toBe('expression-syntax');
  });

  it('previews a rule change side by side on one object, changing nothing', async () => {
    const rows = await call('cs.search', { connector: HR, search: { scope: 'subtree', dn: 'OU=HR' }, limit: 200 });
    let dn: string | null = null;
    for (const row of rows.items) {
      const t = await call('rules.test', { id: 'demo-in-hr-person', object: { kind: 'cs', connector: HR, id: row.id } });
      if (t.flows.find((f) => f.destination === 'employeeType')?.values[0] === 'Contractor') dn = row.dn;
    }
    expect(dn, 'the demo has contractors').not.toBeNull();
    const p = await call('rules.preview', { rule: contractorRule(), connector: HR, dn: dn! });
    const title = (r: typeof p.current) => r.importFlows.find((f) => f.attribute === 'title');
    expect(title(p.current)?.ruleName).toBe('In from HR - Person');
    expect(title(p.edited)).toMatchObject({ ruleName: 'In from HR - Contractor title', changed: true });
    expect(String(title(p.edited)?.newValues[0])).toMatch(/^Contractor: /);
    expect(p.edited.scoping.find((s) => s.ruleId === 'contractor-title')?.inScope).toBe(true);
    expect((await call('rules.list', {})).some((r) => r.id === 'contractor-title')).toBe(false);
  });

  it('describes a connector: object types and attributes from its configuration, file and objects', async () => {
    const view = await call('connectors.schema', { connector: 'Groups (JSON)' });
    expect(view).toMatchObject({ type: 'file', anchor: 'groupId', note: null, partitions: [{ id: 'default' }] });
    const group = view.objectTypes.find((t) => t.name === 'group')!;
    expect(group.attributes.find((a) => a.name === 'members')).toMatchObject({ multiValued: true });
    expect(group.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['groupId', 'displayName', 'description']));
  });

  it('refuses rule changes while the wizard holds the engine, and reads go on', async () => {
    const release = service.context.lock.acquire('configuration wizard', 'wizard');
    try {
      await expect(call('rules.setDisabled', { id: 'demo-in-groups-group', disabled: true })).rejects.toMatchObject({ code: 'engine-busy' });
      await expect(call('rules.import', { document: { format: 'idsync-rules', version: 1, syncRules: [] } })).rejects.toMatchObject({ code: 'engine-busy' });
      expect((await call('rules.list', {})).find((r) => r.id === 'demo-in-groups-group')?.disabled).toBe(false);
    } finally {
      release();
    }
  });

  it('marks the connectors a change touches and clears the mark after a full synchronization', async () => {
    await call('rules.save', contractorRule());
    expect((await call('rules.fullSyncRequired', {})).map((m) => [m.connector, m.reasons])).toEqual([[HR, ['Rule "In from HR - Contractor title" added']]]);
    const scheduler = JSON.parse(fs.readFileSync(path.join(home, 'scheduler.json'), 'utf8')) as { connectorOverrides: Record<string, unknown> };
    expect(scheduler.connectorOverrides['demo-hr']).toEqual({ fullImportRequired: false, fullSyncRequired: true });
    // An outbound rule's change reaches the connectors that feed its metaverse type too.
    const out = await call('rules.setDisabled', { id: 'demo-out-directory-user', disabled: true });
    expect(out.fullSyncRequired.sort()).toEqual(['Directory (JSON)', HR]);
    await call('rules.setDisabled', { id: 'demo-out-directory-user', disabled: false });

    const { runId } = await call('runs.start', { connector: HR, profile: 'Full Synchronization' });
    for (let i = 0; i < 600 && (await call('runs.get', { runId })).status === 'in-progress'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await call('runs.get', { runId })).status).toBe('success');
    expect((await call('rules.fullSyncRequired', {})).map((m) => m.connector)).toEqual(['Directory (JSON)']);
    const found = await call('mv.search', { clauses: [{ attribute: 'title', operator: 'starts-with', value: 'Contractor: ' }] });
    expect(found.total).toBeGreaterThan(0);
  });
});
