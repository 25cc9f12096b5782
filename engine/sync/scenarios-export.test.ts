// Acceptance scenarios of spec §16.5 (export, deletion threshold, errors) and §16.7 (run control).
import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';

let fx: Fixture;
afterEach(() => fx?.close());

const LDAP = 2;

/** Provisions `n` people and exports them; returns their LDAP anchors. */
async function provisioned(n: number) {
  for (let i = 1; i <= n; i++) addPerson(fx.hr, String(i));
  await fx.run('hr', 'Full Import');
  await fx.run('hr', 'Delta Synchronization');
  await fx.run('ldap', 'Export');
  await fx.run('ldap', 'Full Import');
}

describe('§16.5 export', () => {
  it('a target whose confirming import is not synchronized yet still counts as holding what was exported', async () => {
    fx = createFixture();
    await provisioned(3);
    // The target's import staged its objects as pending imports; no synchronization of the target ran since.
    expect(fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!.pendingImport).not.toBeNull();
    const sync = await fx.run('hr', 'Full Synchronization');
    expect(sync.steps[0].counters.outbound.ldap).toEqual({ 'connector-no-flow': 3 });
    expect(fx.engine.store.cs.count(LDAP, 'pending-export')).toBe(0);
  });

  it('sends deletes first, then renames, then adds, then the other modifications', async () => {
    fx = createFixture();
    await provisioned(4);
    await fx.run('ldap', 'Delta Synchronization');
    const anchorOf = (id: string) => fx.ldap.byDn(`uid=u${id},ou=people,dc=example`)!.anchor;
    const [a1, a2, a4] = [anchorOf('1'), anchorOf('2'), anchorOf('4')];
    // In connector-space order: an update (4), a rename (2), a delete (1), then an add (5).
    fx.hr.modify('hr-4', { title: ['changed'] });
    fx.hr.modify('hr-2', { targetDn: ['uid=u2-moved,ou=people,dc=example'] });
    fx.hr.remove('hr-1');
    addPerson(fx.hr, '5');
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    const before = fx.ldap.seq;
    expect((await fx.run('ldap', 'Export')).status).toBe('success');
    const a5 = anchorOf('5');
    expect(fx.ldap.log.filter((e) => e.seq > before).map((e) => [e.kind, e.anchor])).toEqual([['delete', a1], ['object', a2], ['object', a5], ['object', a4]]);
  });

  it('S-46 S-47 S-48 the deletion threshold blocks the whole export when exceeded, not when equal', async () => {
    fx = createFixture();
    await provisioned(4);
    fx.engine.updateConnector('ldap', { deleteThreshold: 2 });
    fx.hr.modify('hr-4', { title: ['changed'] });
    for (const id of ['1', '2', '3']) fx.hr.remove(`hr-${id}`);
    await fx.run('hr', 'Delta Import');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.countPendingExport(LDAP, 'delete')).toBe(3);
    const blocked = await fx.run('ldap', 'Export');
    expect(blocked.status).toBe('stopped-deletion-threshold-exceeded');
    expect(fx.ldap.entries.size).toBe(4);
    expect(fx.engine.store.cs.countPendingExport(LDAP, 'update')).toBe(1);
    fx.engine.updateConnector('ldap', { deleteThreshold: 3 });
    const ok = await fx.run('ldap', 'Export');
    expect(ok.status).toBe('success');
    expect(ok.steps[0].counters.counters).toMatchObject({ 'export-delete': 3, 'export-update': 1 });
    expect(fx.ldap.entries.size).toBe(1);
  });

  it('S-49 an export error keeps the pending export and is retried on every export', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Delta Synchronization');
    fx.ldap.failExport.set('uid=u1,ou=people,dc=example', { code: 'cd-error', message: 'AttributeValueMustBeUnique' });
    for (let i = 0; i < 2; i++) {
      const r = await fx.run('ldap', 'Export');
      expect(r.status).toBe('completed-export-errors');
      expect(r.steps[0].counters.errors['cd-error']).toBe(1);
    }
    const cs = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(cs.pendingExport?.op).toBe('add');
    expect(cs.errors.export?.message).toBe('AttributeValueMustBeUnique');
    expect(fx.ldap.byDn('uid=u2,ou=people,dc=example')).toBeDefined();
    const errs = fx.engine.store.cs.search(LDAP, { scope: 'export-errors' }, null, 10);
    expect(errs.total).toBe(1);
    fx.ldap.failExport.clear();
    expect((await fx.run('ldap', 'Export')).status).toBe('success');
    expect(fx.engine.store.cs.get(cs.id)!.errors.export).toBeUndefined();
  });

  it('S-52 more than 5,000 errors stop the step with stopped-error-limit', async () => {
    fx = createFixture();
    for (let i = 1; i <= 5001; i++) fx.hr.add(`employeeId=${i},o=hr`, 'person', { employeeId: [String(i)] }, `hr-${i}`);
    await fx.run('hr', 'Full Import');
    // Every object fails: the provisioning rule finds no DN for any of them.
    const r = await fx.run('hr', 'Delta Synchronization');
    expect(r.status).toBe('stopped-error-limit');
    expect(r.steps[0].counters.errors['sync-rule-flow-provisioning-failed']).toBeGreaterThan(5000);
  });

  it('a system unreachable before the step starts gives no-start-connection (spec §14.1)', async () => {
    fx = createFixture();
    fx.hr.unreachable = true;
    const r = await fx.run('hr', 'Full Import');
    expect(r.status).toBe('no-start-connection');
  });
});

describe('§16.7 run control', () => {
  it('S-63 a second run of a running connector is refused', async () => {
    fx = createFixture();
    for (let i = 1; i <= 50; i++) addPerson(fx.hr, String(i));
    const first = fx.run('hr', 'Full Import');
    await expect(fx.run('hr', 'Delta Import')).rejects.toMatchObject({ code: 'no-start-ma-already-running' });
    expect((await first).status).toBe('success');
  });

  it('S-62 a stop request ends the step with the user termination status and the next run resumes', async () => {
    fx = createFixture();
    for (let i = 1; i <= 1200; i++) addPerson(fx.hr, String(i));
    await fx.run('hr', 'Full Import');
    const running = fx.engine.run('hr', 'Delta Synchronization', { startedBy: 'test', stopStatus: 'stopped-user-termination-from-cli', onStart: () => fx.engine.stop({ connector: 'hr' }) });
    const r = await running;
    expect(r.status).toBe('stopped-user-termination-from-cli');
    const left = fx.engine.store.cs.count(1, 'needs-sync');
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1200);
    const rest = await fx.run('hr', 'Delta Synchronization');
    expect(rest.status).toBe('success');
    expect(fx.engine.store.mv.count()).toBe(1200);
  });

  it('an unknown run profile is refused with its name', async () => {
    fx = createFixture();
    await expect(fx.run('hr', 'Nope')).rejects.toMatchObject({ code: 'no-start-unknown-profile-name' });
  });
});
