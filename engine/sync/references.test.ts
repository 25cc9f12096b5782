import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';

let fx: Fixture;
afterEach(() => fx?.close());

describe('references across connectors', () => {
  it('group members flow as the DNs of the same people in the target, and late members are added on a later sync', async () => {
    fx = createFixture();
    fx.engine.saveRule({
      id: 'in-hr-group', name: 'In from HR - Group', direction: 'Inbound', precedence: 11, connector: { id: 'hr', name: 'hr' },
      sourceObjectType: 'group', targetObjectType: 'group', linkType: 'Provision', joinRules: [[{ csAttribute: 'cn', mvAttribute: 'cn' }]],
      attributeFlows: [{ destination: 'cn', sources: ['cn'], flowType: 'Direct' }, { destination: 'member', sources: ['member'], flowType: 'Direct' }],
    });
    fx.engine.saveRule({
      id: 'out-ldap-group', name: 'Out to LDAP - Group', direction: 'Outbound', precedence: 21, connector: { id: 'ldap', name: 'ldap' },
      sourceObjectType: 'group', targetObjectType: 'groupOfNames', linkType: 'Provision',
      attributeFlows: [{ destination: 'dn', flowType: 'Expression', expression: '"cn=" & [cn] & ",ou=groups,dc=example"' }, { destination: 'member', sources: ['member'], flowType: 'Direct' }],
    });
    addPerson(fx.hr, '1');
    fx.hr.add('cn=staff,o=hr', 'group', { cn: ['staff'], member: [{ dn: 'employeeId=1,o=hr' }, { dn: 'employeeId=2,o=hr' }] }, 'g-staff');
    await fx.run('hr', 'Full Import');
    const sync = await fx.run('hr', 'Delta Synchronization');
    expect(sync.status).toBe('success');
    const group = fx.engine.store.cs.byDn(2, 'cn=staff,ou=groups,dc=example')!;
    expect(group.pendingExport?.changes.member).toEqual([{ ref: 'uid=u1,ou=people,dc=example' }]);
    // Person 2 arrives later (it was a placeholder): the group's next delta sync adds the member.
    expect(fx.engine.store.cs.byAnchor(1, 'g-staff')!.needsSync).toBe(true);
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    await fx.run('hr', 'Delta Synchronization');
    const after = fx.engine.store.cs.byDn(2, 'cn=staff,ou=groups,dc=example')!;
    expect(after.pendingExport?.changes.member).toEqual([{ ref: 'uid=u1,ou=people,dc=example' }, { ref: 'uid=u2,ou=people,dc=example' }]);
    expect(fx.engine.store.cs.byAnchor(1, 'g-staff')!.needsSync).toBe(false);
    await fx.run('ldap', 'Export');
    expect(fx.ldap.byDn('cn=staff,ou=groups,dc=example')!.attributes.member).toEqual([{ dn: 'uid=u1,ou=people,dc=example' }, { dn: 'uid=u2,ou=people,dc=example' }]);
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
