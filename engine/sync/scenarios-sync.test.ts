// Acceptance scenarios of spec §16.2–16.4 and §16.8 (inbound sync, precedence, provisioning, rules).
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRuleInput } from '../../shared/model/sync-rules.ts';
import { memoryDirectory } from '../connectors/test-connector/index.ts';
import { addPerson, createFixture, hrInboundRule, ldapOutboundRule, type Fixture } from './test-fixture.ts';

let fx: Fixture;
afterEach(() => fx?.close());

const HR = 1;
const LDAP = 2;

function mvOf(anchor: string, connector = HR) {
  const cs = fx.engine.store.cs.byAnchor(connector, anchor)!;
  return cs.mvId === null ? null : fx.engine.store.mv.get(cs.mvId);
}

function rule(overrides: Partial<SyncRuleInput>): SyncRuleInput {
  return hrInboundRule({ joinRules: [], linkType: 'Join', attributeFlows: [], ...overrides });
}

async function importAndSync(connector = 'hr') {
  await fx.run(connector, 'Full Import');
  return fx.run(connector, 'Delta Synchronization');
}

/** An inbound rule from the LDAP connector joining on employeeNumber. */
function ldapInbound(overrides: Partial<SyncRuleInput> = {}): SyncRuleInput {
  return {
    id: 'in-ldap', name: 'In from LDAP', direction: 'Inbound', precedence: 30, connector: { id: 'ldap', name: 'ldap' },
    sourceObjectType: 'inetOrgPerson', targetObjectType: 'person', linkType: 'Join',
    joinRules: [[{ csAttribute: 'employeeNumber', mvAttribute: 'employeeId', caseSensitive: false }]], attributeFlows: [], ...overrides,
  };
}

describe('§16.2 inbound scope, join and projection', () => {
  it('S-14 projection needs a value in a join attribute', async () => {
    fx = createFixture();
    fx.hr.add('employeeId=x,o=hr', 'person', { displayName: ['No Id'] }, 'hr-x');
    const r = await importAndSync();
    expect(fx.engine.store.mv.count()).toBe(0);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-x')!.state).toBe('disconnector.normal');
    expect(r.steps[0].counters.counters['disconnector-remains']).toBe(1);
  });

  it('S-15 join groups are tried in order and a group matches only one object', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule({
      attributeFlows: [{ destination: 'employeeId', sources: ['employeeId'], flowType: 'Direct' }, { destination: 'accountName', sources: ['sAMAccountName'], flowType: 'Direct' }],
    }));
    fx.hr.add('a,o=hr', 'person', { employeeId: ['7'] }, 'm1');
    fx.hr.add('b,o=hr', 'person', { employeeId: ['70'], sAMAccountName: ['jdoe'] }, 'm2');
    fx.hr.add('c,o=hr', 'person', { employeeId: ['71'], sAMAccountName: ['jdoe'] }, 'm3');
    await importAndSync();
    expect(fx.engine.store.mv.count()).toBe(3);
    // A second source joins: G1 finds M1.
    fx.engine.saveRule(ldapInbound({ joinRules: [[{ csAttribute: 'employeeNumber', mvAttribute: 'employeeId', caseSensitive: false }], [{ csAttribute: 'uid', mvAttribute: 'accountName', caseSensitive: false }]], linkType: 'Provision' }));
    fx.ldap.add('uid=jdoe,dc=x', 'inetOrgPerson', { employeeNumber: ['7'], uid: ['jdoe'] }, 'l1');
    fx.ldap.add('uid=jdoe2,dc=x', 'inetOrgPerson', { employeeNumber: ['8'], uid: ['jdoe'] }, 'l2');
    await importAndSync('ldap');
    expect(mvOf('l1', LDAP)!.id).toBe(mvOf('m1')!.id);
    // G1 finds none, G2 finds two: no join, so the Provision rule projects a new object.
    const l2 = mvOf('l2', LDAP)!;
    expect([mvOf('m2')!.id, mvOf('m3')!.id]).not.toContain(l2.id);
    expect(fx.engine.store.mv.count()).toBe(4);
  });

  it('S-16 two in-scope rules with different join criteria are a sync error', async () => {
    fx = createFixture();
    fx.engine.saveRule(rule({ id: 'other-join', name: 'Other join', precedence: 5, joinRules: [[{ csAttribute: 'displayName', mvAttribute: 'displayName', caseSensitive: false }]] }));
    addPerson(fx.hr, '1');
    const r = await importAndSync();
    expect(r.status).toBe('completed-sync-errors');
    expect(r.steps[0].counters.errors['join-rules-conflict']).toBe(1);
    const cs = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    expect(cs.errors.sync?.code).toBe('join-rules-conflict');
    expect(cs.mvId).toBeNull();
    expect(fx.engine.store.mv.count()).toBe(0);
  });

  it('S-17 a join is evaluated once: a changed join attribute keeps the link', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule());
    fx.engine.saveRule(ldapInbound({ attributeFlows: [{ destination: 'mail', sources: ['mail'], flowType: 'Direct' }] }));
    addPerson(fx.hr, '1');
    await importAndSync();
    fx.ldap.add('uid=a,dc=x', 'inetOrgPerson', { employeeNumber: ['1'], mail: ['a@x'] }, 'l1');
    await importAndSync('ldap');
    const mvId = mvOf('l1', LDAP)!.id;
    fx.ldap.modify('l1', { employeeNumber: ['999'], mail: ['b@x'] });
    await fx.run('ldap', 'Delta Import');
    await fx.run('ldap', 'Delta Synchronization');
    expect(mvOf('l1', LDAP)!.id).toBe(mvId);
    expect(fx.engine.store.mv.get(mvId)!.attrs.mail).toEqual(['b@x']);
  });

  it('S-18 the linking rule leaving scope disconnects the object and deletes the MV object and its provisioned targets', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule({ scopingFilter: [[{ attribute: 'department', operator: 'EQUAL', value: 'Sales' }]] }));
    fx.engine.saveRule(ldapOutboundRule());
    addPerson(fx.hr, '1', { department: 'Sales' });
    await importAndSync();
    await fx.run('ldap', 'Export');
    await fx.run('ldap', 'Full Import');
    expect(fx.engine.store.mv.count()).toBe(1);
    fx.hr.modify('hr-1', { department: ['HR'] });
    await fx.run('hr', 'Delta Import');
    const r = await fx.run('hr', 'Delta Synchronization');
    expect(r.steps[0].counters.counters['connector-filtered-remove-mv']).toBe(1);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-1')!.state).toBe('disconnector.filtered');
    expect(fx.engine.store.mv.count()).toBe(0);
    const target = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(target.pendingExport?.op).toBe('delete');
    await fx.run('ldap', 'Export');
    expect(fx.ldap.entries.size).toBe(0);
  });

  it('S-19 an object matching an MV object already joined from the same connector is refused as ambiguous', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    await importAndSync();
    fx.hr.add('employeeId=1b,o=hr', 'person', { employeeId: ['1'] }, 'hr-9');
    const r = await importAndSync();
    expect(r.steps[0].counters.errors['ambiguous-join']).toBe(1);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-9')!.mvId).toBeNull();
    expect(fx.engine.store.cs.linkedTo(mvOf('hr-1')!.id).filter((c) => c.connector === HR)).toHaveLength(1);
  });
});

describe('§16.3 precedence and flow semantics', () => {
  it('S-24 NULL lets a lower-precedence rule contribute', async () => {
    fx = createFixture();
    fx.engine.saveRule(rule({ id: 'r5', name: 'R5', precedence: 5, attributeFlows: [{ destination: 'title', flowType: 'Expression', expression: 'IIF([x]="1","Boss",NULL)' }] }));
    addPerson(fx.hr, '1', { title: 'Dev' });
    addPerson(fx.hr, '2', { title: 'Dev', x: '1' });
    await importAndSync();
    expect(mvOf('hr-1')!.attrs.title).toEqual(['Dev']);
    expect(mvOf('hr-2')!.attrs.title).toEqual(['Boss']);
  });

  it('S-25 AuthoritativeNull removes the value and blocks lower precedence; the target value is removed', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1', { title: 'secret' });
    await importAndSync();
    await fx.run('ldap', 'Export');
    fx.engine.saveRule(rule({ id: 'r5', name: 'R5', precedence: 5, attributeFlows: [{ destination: 'title', flowType: 'Expression', expression: 'AuthoritativeNull' }] }));
    await fx.run('hr', 'Full Synchronization');
    expect(mvOf('hr-1')!.attrs.title).toBeUndefined();
    const target = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(target.pendingExport?.changes.title).toEqual([]);
  });

  it('S-27 when every contributor yields NULL the attribute is removed (and recalled outbound)', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1', { title: 'IT' });
    await importAndSync();
    fx.hr.modify('hr-1', { title: [] });
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(mvOf('hr-1')!.attrs.title).toBeUndefined();
  });

  it('S-28 Merge and MergeCaseInsensitive across connectors', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule());
    const merge = (mergeType: 'Merge' | 'MergeCaseInsensitive') => {
      fx.engine.saveRule(rule({ id: 'r-hr-proxy', name: 'HR proxy', precedence: 25, attributeFlows: [{ destination: 'proxyAddresses', sources: ['proxyAddresses'], flowType: 'Direct', mergeType }] }));
      fx.engine.saveRule(ldapInbound({ attributeFlows: [{ destination: 'proxyAddresses', sources: ['proxyAddresses'], flowType: 'Direct', mergeType }] }));
    };
    merge('MergeCaseInsensitive');
    fx.hr.add('employeeId=1,o=hr', 'person', { employeeId: ['1'], proxyAddresses: ['SMTP:bob@contoso.com'] }, 'hr-1');
    fx.ldap.add('uid=b,dc=x', 'inetOrgPerson', { employeeNumber: ['1'], proxyAddresses: ['smtp:bob@contoso.com', 'smtp:b@x'] }, 'l1');
    await importAndSync();
    await importAndSync('ldap');
    expect(mvOf('hr-1')!.attrs.proxyAddresses).toEqual(['SMTP:bob@contoso.com', 'smtp:b@x']);
    merge('Merge');
    await fx.run('ldap', 'Full Synchronization');
    expect(mvOf('hr-1')!.attrs.proxyAddresses).toHaveLength(3);
    expect(mvOf('hr-1')!.contrib.proxyAddresses).toHaveLength(3);
  });

  it('S-29 mixing Update and Merge flows is a sync error and leaves the attribute unchanged', async () => {
    fx = createFixture();
    fx.engine.saveRule(rule({ id: 'r-hr-proxy', name: 'HR proxy', precedence: 40, attributeFlows: [{ destination: 'title', sources: ['title'], flowType: 'Direct', mergeType: 'Merge' }] }));
    addPerson(fx.hr, '1', { title: 'Dev' });
    const r = await importAndSync();
    expect(r.status).toBe('completed-sync-errors');
    expect(fx.engine.store.mv.count()).toBe(0);
  });

  it('S-30 an apply-once flow is part of the initial add only', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule());
    fx.engine.saveRule(ldapOutboundRule({ attributeFlows: [...ldapOutboundRule().attributeFlows!, { destination: 'userPassword', flowType: 'Constant', expression: 'Initial#1', executeOnce: true }] }));
    addPerson(fx.hr, '1');
    await importAndSync();
    const target = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(target.pendingExport?.changes.userPassword).toEqual(['Initial#1']);
    await fx.run('ldap', 'Export');
    await fx.run('ldap', 'Full Import');
    fx.ldap.modify(target.anchor ?? fx.ldap.byDn('uid=u1,ou=people,dc=example')!.anchor, { userPassword: [] });
    fx.hr.modify('hr-1', { title: ['New'] });
    await fx.run('ldap', 'Delta Import');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    const after = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(after.pendingExport?.changes.title).toEqual(['New']);
    expect(after.pendingExport?.changes.userPassword).toBeUndefined();
  });

  it('S-31 Error() fails the object with sync-rule-error-function-triggered and changes nothing', async () => {
    fx = createFixture();
    fx.engine.saveRule(rule({ id: 'r5', name: 'R5', precedence: 5, attributeFlows: [{ destination: 'accountName', flowType: 'Expression', expression: 'IIF(IsPresent([sAMAccountName]),[sAMAccountName],Error("AccountName is not present"))' }] }));
    addPerson(fx.hr, '1');
    const r = await importAndSync();
    expect(r.status).toBe('completed-sync-errors');
    const cs = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    expect(cs.errors.sync).toMatchObject({ code: 'sync-rule-error-function-triggered', message: 'AccountName is not present' });
    expect(cs.pendingImport?.op).toBe('add');
    expect(fx.engine.store.mv.count()).toBe(0);
    expect(fx.engine.store.cs.count(LDAP, 'all')).toBe(0);
  });

  it('S-26 IgnoreThisFlow keeps the target value until the condition holds', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule({ attributeFlows: [...hrInboundRule().attributeFlows!, ...['cloudSOA', 'cloudHash'].map((a) => ({ destination: a, sources: [a], flowType: 'Direct' as const }))] }));
    fx.engine.saveRule(ldapOutboundRule({
      attributeFlows: [
        { destination: 'dn', sources: ['targetDn'], flowType: 'Direct' },
        { destination: 'safeSendersHash', flowType: 'Expression', expression: 'IIF([cloudSOA] = "True",[cloudHash],IgnoreThisFlow)' },
      ],
    }));
    fx.ldap.add('uid=u1,ou=people,dc=example', 'inetOrgPerson', { safeSendersHash: ['H0'] }, 'l1');
    await importAndSync('ldap');
    addPerson(fx.hr, '1', { cloudSOA: 'False', cloudHash: 'H1' });
    await importAndSync();
    const cs = fx.engine.store.cs.byAnchor(LDAP, 'l1')!;
    expect(cs.mvId).not.toBeNull();
    expect(cs.pendingExport).toBeNull();
    fx.hr.modify('hr-1', { cloudSOA: ['True'] });
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.byAnchor(LDAP, 'l1')!.pendingExport?.changes.safeSendersHash).toEqual(['H1']);
  });

  it('S-32 ImportedValue reads only values confirmed by an import', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule({ attributeFlows: [...hrInboundRule().attributeFlows!, { destination: 'wantedProxy', sources: ['proxy'], flowType: 'Direct' }] }));
    fx.engine.saveRule(ldapOutboundRule({ attributeFlows: [{ destination: 'dn', sources: ['targetDn'], flowType: 'Direct' }, { destination: 'proxyAddresses', sources: ['wantedProxy'], flowType: 'Direct' }] }));
    fx.engine.saveRule(ldapInbound({ joinRules: [], attributeFlows: [{ destination: 'proxyAddresses', flowType: 'Expression', expression: 'ImportedValue("proxyAddresses")' }] }));
    fx.ldap.add('uid=u1,ou=people,dc=example', 'inetOrgPerson', { proxyAddresses: ['P1'] }, 'l1');
    await importAndSync('ldap');
    fx.hr.add('employeeId=1,o=hr', 'person', { employeeId: ['1'], targetDn: ['uid=u1,ou=people,dc=example'], proxy: ['P1', 'P2'] }, 'hr-1');
    await importAndSync();
    expect(fx.engine.store.cs.byAnchor(LDAP, 'l1')!.pendingExport?.changes.proxyAddresses).toEqual(['P1', 'P2']);
    await fx.run('ldap', 'Full Synchronization');
    expect(mvOf('hr-1')!.attrs.proxyAddresses).toEqual(['P1']);
    await fx.run('ldap', 'Export');
    await fx.run('ldap', 'Delta Import');
    await fx.run('ldap', 'Delta Synchronization');
    expect(mvOf('hr-1')!.attrs.proxyAddresses).toEqual(['P1', 'P2']);
  });

  it('S-34 a function applied to a multi-valued attribute applies per value', async () => {
    fx = createFixture();
    fx.engine.saveRule(rule({ id: 'r5', name: 'R5', precedence: 5, attributeFlows: [{ destination: 'proxyAddresses', flowType: 'Expression', expression: 'IIF(InStr([proxyAddresses],"SIP:")=1,NULL,[proxyAddresses])' }] }));
    fx.hr.add('employeeId=1,o=hr', 'person', { employeeId: ['1'], targetDn: ['uid=1'], proxyAddresses: ['SMTP:a@x', 'SIP:a@x'] }, 'hr-1');
    await importAndSync();
    expect(mvOf('hr-1')!.attrs.proxyAddresses).toEqual(['SMTP:a@x']);
  });
});

describe('§16.4 provisioning and §16.8 rules', () => {
  it('S-37 provisioning reverse-joins an existing disconnector with the target DN', async () => {
    fx = createFixture();
    fx.ldap.add('uid=u1,ou=people,dc=example', 'inetOrgPerson', { cn: ['User 1'], sn: ['Sn1'] }, 'l1');
    await fx.run('ldap', 'Full Import');
    await fx.run('ldap', 'Delta Synchronization');
    addPerson(fx.hr, '1');
    const r = await importAndSync();
    expect(r.steps[0].counters.outbound.ldap['connector-flow']).toBe(1);
    const cs = fx.engine.store.cs.byAnchor(LDAP, 'l1')!;
    expect(cs.mvId).toBe(mvOf('hr-1')!.id);
    expect(Object.keys(cs.pendingExport!.changes).sort()).toEqual(['departmentNumber', 'employeeNumber']);
    expect(fx.engine.store.cs.count(LDAP, 'all')).toBe(1);
  });

  it('outbound join links an existing target object by attribute when the DN differs', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule());
    fx.engine.saveRule(ldapOutboundRule({ joinRules: [[{ csAttribute: 'employeeNumber', mvAttribute: 'employeeId', caseSensitive: false }]] }));
    fx.ldap.add('uid=legacy1,ou=old,dc=example', 'inetOrgPerson', { employeeNumber: ['1'], cn: ['Legacy'] }, 'l1');
    await fx.run('ldap', 'Full Import');
    await fx.run('ldap', 'Delta Synchronization');
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    await importAndSync();
    const joined = fx.engine.store.cs.byAnchor(LDAP, 'l1')!;
    expect(joined.mvId).toBe(mvOf('hr-1')!.id);
    expect(joined.link).toMatchObject({ dir: 'out', owned: true });
    // The provisioning rule's dn renames the joined object to its target DN.
    expect(joined.pendingExport).toMatchObject({ op: 'update', newDn: 'uid=u1,ou=people,dc=example' });
    expect(fx.engine.store.cs.count(LDAP, 'all')).toBe(2);
    // The source changes its mind before the export: the rules give back the current DN, so no rename is left queued.
    fx.hr.modify('hr-1', { targetDn: ['uid=legacy1,ou=old,dc=example'] });
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.byAnchor(LDAP, 'l1')!.pendingExport?.newDn).toBeUndefined();
  });

  it('S-38 and S-39 an outbound scoping filter deprovisions owned targets and keeps the MV object', async () => {
    fx = createFixture(false);
    fx.engine.saveRule(hrInboundRule());
    fx.engine.saveRule(ldapOutboundRule({ scopingFilter: [[{ attribute: 'department', operator: 'NOTEQUAL', value: 'NoSync' }]] }));
    addPerson(fx.hr, '1', { department: 'Sales' });
    addPerson(fx.hr, '2', { department: 'NoSync' });
    await importAndSync();
    expect(fx.engine.store.cs.count(LDAP, 'all')).toBe(1);
    await fx.run('ldap', 'Export');
    fx.hr.modify('hr-1', { department: ['NoSync'] });
    await fx.run('hr', 'Delta Import');
    const r = await fx.run('hr', 'Delta Synchronization');
    expect(r.steps[0].counters.outbound.ldap['provisioned-disconnect']).toBe(1);
    expect(fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!.pendingExport?.op).toBe('delete');
    expect(mvOf('hr-1')).not.toBeNull();
  });

  it('S-40 deleting the MV object deletes provisioned targets only', async () => {
    fx = createFixture();
    fx.engine.createConnector({ id: 'app', name: 'app', type: 'test', config: { directory: `app-${fx.dir}` } });
    fx.engine.saveRule(ldapInbound({ id: 'in-app', name: 'In from app', connector: { id: 'app', name: 'app' } }));
    const app = memoryDirectory(`app-${fx.dir}`);
    app.add('uid=other,dc=x', 'inetOrgPerson', { employeeNumber: ['1'] }, 'a1');
    addPerson(fx.hr, '1');
    await importAndSync();
    await importAndSync('app');
    const mvId = mvOf('hr-1')!.id;
    expect(mvOf('a1', 3)!.id).toBe(mvId);
    await fx.run('ldap', 'Export');
    fx.hr.remove('hr-1');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.mv.count()).toBe(0);
    expect(fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!.pendingExport?.op).toBe('delete');
    const joined = fx.engine.store.cs.byAnchor(3, 'a1')!;
    expect(joined.state).toBe('disconnector.normal');
    expect(joined.pendingExport).toBeNull();
  });

  it('deleting a connector recalls its contributions and deletes what only it kept alive', async () => {
    fx = createFixture();
    fx.engine.saveRule(ldapInbound({ attributeFlows: [{ destination: 'mail', sources: ['mail'], flowType: 'Direct' }] }));
    addPerson(fx.hr, '1');
    await importAndSync();
    fx.ldap.add('uid=u1,ou=people,dc=example', 'inetOrgPerson', { employeeNumber: ['1'], mail: ['a@x'] }, 'l1');
    await importAndSync('ldap');
    const mvId = mvOf('hr-1')!.id;
    expect(fx.engine.store.mv.get(mvId)!.attrs.mail).toEqual(['a@x']);
    fx.engine.deleteConnector('ldap');
    expect(fx.engine.store.mv.get(mvId)!.attrs.mail).toBeUndefined();
    fx.engine.deleteConnector('hr');
    expect(fx.engine.store.mv.count()).toBe(0);
  });

  it('S-66 precedenceBefore inserts the rule and shifts the others', () => {
    fx = createFixture();
    const saved = fx.engine.saveRule(rule({ id: 'custom', name: 'Custom', precedence: 0, precedenceBefore: 'in-hr-person' }));
    expect(saved.precedence).toBe(10);
    const list = fx.engine.store.rules.list().map((r) => [r.rule.id, r.rule.precedence]);
    expect(list).toEqual([['custom', 10], ['in-hr-person', 11], ['out-ldap-person', 21]]);
    expect(() => fx.engine.saveRule(rule({ id: 'dup', name: 'Dup', precedence: 11 }))).toThrow(/already used/);
  });

  it('S-67 a disabled rule no longer contributes and its values are recalled', async () => {
    fx = createFixture();
    fx.engine.saveRule(rule({ id: 'r-extra', name: 'Extra', precedence: 40, attributeFlows: [{ destination: 'location', sources: ['l'], flowType: 'Direct' }] }));
    addPerson(fx.hr, '1', { l: 'Paris' });
    await importAndSync();
    expect(mvOf('hr-1')!.attrs.location).toEqual(['Paris']);
    fx.engine.saveRule({ ...fx.engine.store.rules.get('r-extra')!.rule, disabled: true });
    await fx.run('hr', 'Full Synchronization');
    expect(mvOf('hr-1')!.attrs.location).toBeUndefined();
  });

  it('S-68 a rule change reaches unchanged objects only with a full synchronization', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    await importAndSync();
    fx.engine.saveRule(rule({ id: 'r-extra', name: 'Extra', precedence: 40, attributeFlows: [{ destination: 'location', flowType: 'Constant', expression: 'HQ' }] }));
    await fx.run('hr', 'Delta Synchronization');
    expect(mvOf('hr-1')!.attrs.location).toBeUndefined();
    await fx.run('hr', 'Full Synchronization');
    expect(mvOf('hr-1')!.attrs.location).toEqual(['HQ']);
  });
});
