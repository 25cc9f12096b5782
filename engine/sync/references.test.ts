import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRuleInput } from '../../shared/model/sync-rules.ts';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';

let fx: Fixture;
afterEach(() => fx?.close());

const GROUP_IN: SyncRuleInput = {
  id: 'in-hr-group', name: 'In from HR - Group', direction: 'Inbound', precedence: 11, connector: { id: 'hr', name: 'hr' },
  sourceObjectType: 'group', targetObjectType: 'group', linkType: 'Provision', joinRules: [[{ csAttribute: 'cn', mvAttribute: 'cn' }]],
  attributeFlows: [{ destination: 'cn', sources: ['cn'], flowType: 'Direct' }, { destination: 'member', sources: ['member'], flowType: 'Direct' }],
};
const GROUP_OUT: SyncRuleInput = {
  id: 'out-ldap-group', name: 'Out to LDAP - Group', direction: 'Outbound', precedence: 21, connector: { id: 'ldap', name: 'ldap' },
  sourceObjectType: 'group', targetObjectType: 'groupOfNames', linkType: 'Provision',
  attributeFlows: [{ destination: 'dn', flowType: 'Expression', expression: '"cn=" & [cn] & ",ou=groups,dc=example"' }, { destination: 'member', sources: ['member'], flowType: 'Direct' }],
};

const ref = (dn: string) => ({ dn });
const targetGroup = () => fx.engine.store.cs.byDn(2, 'cn=staff,ou=groups,dc=example')!;
const members = () => (targetGroup().pendingExport?.changes.member ?? []).map((v) => (typeof v === 'object' && 'ref' in v ? v.ref : v));

function groupFixture(): Fixture {
  fx = createFixture();
  fx.engine.saveRule(GROUP_IN);
  fx.engine.saveRule(GROUP_OUT);
  return fx;
}

describe('references converge within one run', () => {
  it('a new group whose members are all new people gets every member in the same synchronization (forward references)', async () => {
    groupFixture();
    // The group comes first in the connector space, its members after it.
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [ref('employeeId=1,o=hr'), ref('employeeId=2,o=hr')] }, 'g-staff');
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Full Import');
    const sync = await fx.run('hr', 'Full Synchronization');
    expect(sync.status).toBe('success');
    expect(members()).toEqual(['uid=u1,ou=people,dc=example', 'uid=u2,ou=people,dc=example']);
    const exp = await fx.run('ldap', 'Export');
    expect(exp.status).toBe('success');
    expect(fx.ldap.byDn('cn=staff,ou=groups,dc=example')!.attributes.member).toEqual([ref('uid=u1,ou=people,dc=example'), ref('uid=u2,ou=people,dc=example')]);
  });

  it('a member that arrives later (a placeholder until then) is added by the one delta synchronization that brings it', async () => {
    groupFixture();
    addPerson(fx.hr, '1');
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [ref('employeeId=1,o=hr'), ref('employeeId=2,o=hr')] }, 'g-staff');
    await fx.run('hr', 'Full Import');
    const first = await fx.run('hr', 'Delta Synchronization');
    expect(members()).toEqual(['uid=u1,ou=people,dc=example']);
    expect(first.steps[0].counters.counters['unresolved-reference']).toBe(1);
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(members()).toEqual(['uid=u1,ou=people,dc=example', 'uid=u2,ou=people,dc=example']);
  });

  it('a reference follows a rename of the referenced object in the target, in the same run', async () => {
    groupFixture();
    addPerson(fx.hr, '1');
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [ref('employeeId=1,o=hr')] }, 'g-staff');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    await fx.run('ldap', 'Export');
    await fx.run('ldap', 'Full Import');
    await fx.run('ldap', 'Delta Synchronization');
    expect(fx.engine.store.cs.count(2, 'pending-export')).toBe(0);
    // Person 1's target name changes; the group (whose source did not change) must follow.
    fx.hr.modify('hr-1', { targetDn: ['uid=u1-renamed,ou=people,dc=example'] });
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.byAnchor(2, fx.ldap.byDn('uid=u1,ou=people,dc=example')!.anchor)!.pendingExport?.newDn).toBe('uid=u1-renamed,ou=people,dc=example');
    expect(members()).toEqual(['uid=u1-renamed,ou=people,dc=example']);
  });

  it('a reference to an object that left the connector space is removed in the same run (never left dangling)', async () => {
    groupFixture();
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [ref('employeeId=1,o=hr'), ref('employeeId=2,o=hr')] }, 'g-staff');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    await fx.run('ldap', 'Export');
    await fx.run('ldap', 'Full Import');
    await fx.run('ldap', 'Delta Synchronization');
    // Person 2 is deleted in HR; the group's own member list in HR still names it (no referential integrity).
    fx.hr.remove('hr-2');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(members()).toEqual(['uid=u1,ou=people,dc=example']);
    await fx.run('ldap', 'Export');
    expect(fx.ldap.byDn('cn=staff,ou=groups,dc=example')!.attributes.member).toEqual([ref('uid=u1,ou=people,dc=example')]);
    expect(fx.ldap.byDn('uid=u2,ou=people,dc=example')).toBeUndefined();
  });

  it('a reference flow whose values all fail to resolve contributes nothing, so a lower-precedence placeholder member applies', async () => {
    groupFixture();
    fx.engine.saveRule({
      id: 'out-ldap-group-empty', name: 'Out to LDAP - Group placeholder member', direction: 'Outbound', precedence: 90, connector: { id: 'ldap', name: 'ldap' },
      sourceObjectType: 'group', targetObjectType: 'groupOfNames', linkType: 'Join',
      attributeFlows: [{ destination: 'member', flowType: 'Expression', expression: 'CRef("cn=nobody,dc=example")' }],
    });
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [ref('employeeId=9,o=hr')] }, 'g-staff');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    expect(members()).toEqual(['cn=nobody,dc=example']);
    addPerson(fx.hr, '9');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(members()).toEqual(['uid=u9,ou=people,dc=example']);
  });
});

describe('references in a system that keeps them pointing at renamed objects (Active Directory)', () => {
  it('a member moved to another OU stays a member: the group, which no import changed, names it by its new DN', async () => {
    fx = createFixture();
    fx.engine.updateConnector('hr', { config: { directory: `hr-${fx.dir}`, keepsReferences: true } });
    fx.engine.saveRule(GROUP_IN);
    fx.engine.saveRule(GROUP_OUT);
    addPerson(fx.hr, '1');
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [ref('employeeId=1,o=hr')] }, 'g-staff');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    await fx.run('ldap', 'Export');
    // The person moves; the directory does not change the group, whose member value reads the new DN by itself.
    fx.hr.modify('hr-1', {}, { dn: 'employeeId=1,ou=moved,o=hr' });
    fx.hr.entries.get('g-staff')!.attributes.member = [ref('employeeId=1,ou=moved,o=hr')];
    await fx.run('hr', 'Delta Import');
    const group = fx.engine.store.cs.byAnchor(1, 'g-staff')!;
    expect(group.hologram.member).toEqual([{ ref: 'employeeId=1,ou=moved,o=hr' }]);
    const sync = await fx.run('hr', 'Delta Synchronization');
    expect(sync.steps[0].counters.counters['unresolved-reference']).toBeUndefined();
    expect(fx.engine.store.cs.count(2, 'pending-export')).toBe(0);
    await fx.run('hr', 'Full Import');
    expect((await fx.run('hr', 'Full Synchronization')).steps[0].counters.outbound.ldap).toEqual({ 'connector-no-flow': 2 });
  });
});

describe('provisioning never blocks on a name', () => {
  it('a placeholder left at a DN by a target import gives way to the object the rules provision there', async () => {
    fx = createFixture();
    // The target holds a group naming a person that does not exist there yet.
    fx.ldap.add('cn=admins,ou=groups,dc=example', 'groupOfNames', { member: [ref('uid=u1,ou=people,dc=example')] }, 'ldap-g');
    await fx.run('ldap', 'Full Import');
    expect(fx.engine.store.cs.byDn(2, 'uid=u1,ou=people,dc=example')!.state).toBe('placeholder');
    addPerson(fx.hr, '1');
    await fx.run('hr', 'Full Import');
    const sync = await fx.run('hr', 'Full Synchronization');
    expect(sync.status).toBe('success');
    expect(fx.engine.store.cs.byDn(2, 'uid=u1,ou=people,dc=example')!.pendingExport?.op).toBe('add');
    expect((await fx.run('ldap', 'Export')).status).toBe('success');
    expect(fx.ldap.byDn('uid=u1,ou=people,dc=example')).toBeDefined();
  });

  it('a DN released by a deprovisioned object in the same run is reused by the new object, whatever their order', async () => {
    fx = createFixture();
    // Person 2 takes over person 1's target DN in the same import (1 leaves, 2 arrives with that name).
    addPerson(fx.hr, '2', { targetDn: 'uid=u2,ou=people,dc=example' });
    addPerson(fx.hr, '1', { targetDn: 'uid=shared,ou=people,dc=example' });
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    await fx.run('ldap', 'Export');
    await fx.run('ldap', 'Full Import');
    await fx.run('ldap', 'Delta Synchronization');
    fx.hr.remove('hr-1');
    fx.hr.modify('hr-2', { targetDn: ['uid=shared,ou=people,dc=example'] });
    await fx.run('hr', 'Delta Import');
    const sync = await fx.run('hr', 'Delta Synchronization');
    expect(sync.status).toBe('success');
    await fx.run('ldap', 'Export');
    expect(fx.ldap.byDn('uid=shared,ou=people,dc=example')!.attributes.employeeNumber).toEqual(['2']);
    expect(fx.ldap.byDn('uid=u2,ou=people,dc=example')).toBeUndefined();
  });
});

describe('ISMEMBEROF scoping', () => {
  it('projects only members of the named group of the same connector space', async () => {
    fx = createFixture(false);
    const { hrInboundRule } = await import('./test-fixture.ts');
    fx.engine.saveRule(hrInboundRule({ scopingFilter: [[{ attribute: 'dn', operator: 'ISMEMBEROF', value: 'cn=sync,o=hr' }]] }));
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    fx.hr.add('cn=sync,o=hr', 'group', { cn: ['sync'], member: [{ dn: 'employeeId=2,o=hr' }] }, 'g');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.byAnchor(1, 'hr-1')!.state).toBe('disconnector.filtered');
    expect(fx.engine.store.cs.byAnchor(1, 'hr-2')!.state).toBe('connector.normal');
  });
});
