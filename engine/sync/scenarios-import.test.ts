// Acceptance scenarios of spec §16.1 (import), with the in-memory test connector.
import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';

let fx: Fixture;
afterEach(() => fx?.close());

const HR = 1;
const LDAP = 2;

async function seedAndSync(ids: string[]) {
  for (const id of ids) addPerson(fx.hr, id);
  await fx.run('hr', 'Full Import');
  await fx.run('hr', 'Delta Synchronization');
}

describe('§16.1 import scenarios', () => {
  it('S-03 update and rename stage one pending update with the new DN; sync keeps the MV object', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    const before = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    fx.hr.modify('hr-1', { title: ['Boss'] }, { dn: 'employeeId=1,ou=moved,o=hr' });
    const r = await fx.run('hr', 'Delta Import');
    expect(r.steps[0].counters.counters['stage-rename']).toBe(1);
    const cs = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    expect(cs.pendingImport).toMatchObject({ op: 'update', dn: 'employeeId=1,ou=moved,o=hr' });
    await fx.run('hr', 'Delta Synchronization');
    const after = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    expect(after.dn).toBe('employeeId=1,ou=moved,o=hr');
    expect(after.mvId).toBe(before.mvId);
    expect(fx.engine.store.mv.get(after.mvId!)!.attrs.title).toEqual(['Boss']);
  });

  it('S-04 a delta import delete stages a pending delete', async () => {
    fx = createFixture();
    await seedAndSync(['1', '2']);
    fx.hr.remove('hr-2');
    const r = await fx.run('hr', 'Delta Import');
    expect(r.steps[0].counters.counters['stage-delete']).toBe(1);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-2')!.pendingImport?.op).toBe('delete');
  });

  it('S-05 a full import obsoletes objects it did not see', async () => {
    fx = createFixture();
    await seedAndSync(['1', '2']);
    fx.hr.removeSilently('hr-2');
    expect((await fx.run('hr', 'Delta Import')).steps[0].counters.counters['stage-delete']).toBeUndefined();
    const r = await fx.run('hr', 'Full Import');
    expect(r.steps[0].counters.counters['stage-delete']).toBe(1);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-2')!.pendingImport?.op).toBe('delete');
    const sync = await fx.run('hr', 'Delta Synchronization');
    expect(sync.steps[0].counters.counters['connector-delete-remove-mv']).toBe(1);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-2')).toBeNull();
    expect(fx.engine.store.mv.count()).toBe(1);
  });

  it('S-05 variant: a full import with discovery errors obsoletes nothing and stops the profile', async () => {
    fx = createFixture();
    await seedAndSync(['1', '2']);
    fx.hr.removeSilently('hr-2');
    fx.hr.importProblems = [{ code: 'parse-error', message: 'unreadable record', location: 'line 7' }];
    const r = await fx.run('hr', 'Full Import');
    expect(r.status).toBe('completed-discovery-errors');
    expect(r.steps[0].counters.errors['parse-error']).toBe(1);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-2')!.pendingImport).toBeNull();
  });

  it('S-06 an object type change stages delete-add and the object is re-processed with the new type', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    fx.hr.modify('hr-1', {}, { objectType: 'contact' });
    const r = await fx.run('hr', 'Delta Import');
    expect(r.steps[0].counters.counters['stage-delete-add']).toBe(1);
    const sync = await fx.run('hr', 'Delta Synchronization');
    expect(sync.steps[0].counters.counters['connector-delete-add-processed']).toBe(1);
    const cs = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    expect(cs.objectType).toBe('contact');
    // No inbound rule handles contacts: the object is a filtered disconnector and the person is gone.
    expect(cs.state).toBe('disconnector.filtered');
    expect(fx.engine.store.mv.count()).toBe(0);
  });

  it('S-07 a DN collision with an anchored object makes it transient until a full import obsoletes it', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    fx.hr.removeSilently('hr-1');
    fx.hr.add('employeeId=1,o=hr', 'person', { employeeId: ['1b'] }, 'hr-1b');
    const r = await fx.run('hr', 'Delta Import');
    expect(r.status).toBe('completed-transient-objects');
    const old = fx.engine.store.cs.byAnchor(HR, 'hr-1')!;
    expect(old.transient).toBe(true);
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-1b')!.pendingImport?.op).toBe('add');
    const full = await fx.run('hr', 'Full Import');
    // The full import resolves the transient: it is obsoleted (staged for deletion), no longer in question.
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-1')!.pendingImport?.op).toBe('delete');
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-1')!.transient).toBe(false);
    expect(full.status).toBe('success');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.byAnchor(HR, 'hr-1')).toBeNull();
    expect((await fx.run('hr', 'Full Import')).status).toBe('success');
  });

  it('S-08 an import colliding with an unexported object removes it and provisioning reverse-joins by DN', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    const pending = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(pending.anchor).toBeNull();
    fx.ldap.add('uid=u1,ou=people,dc=example', 'inetOrgPerson', { cn: ['Someone'] }, 'ldap-1');
    const imp = await fx.run('ldap', 'Full Import');
    expect(imp.steps[0].counters.counters['stage-add']).toBe(1);
    expect(fx.engine.store.cs.get(pending.id)).toBeNull();
    const mvId = fx.engine.store.cs.byAnchor(HR, 'hr-1')!.mvId!;
    expect(fx.engine.store.mv.get(mvId)!.retryProvisioning).toBe(true);
    const sync = await fx.run('ldap', 'Delta Synchronization');
    const joined = fx.engine.store.cs.byAnchor(LDAP, 'ldap-1')!;
    expect(joined.mvId).toBe(mvId);
    expect(joined.pendingExport?.op).toBe('update');
    expect(sync.steps[0].counters.outbound.ldap?.['provisioned-add-flow']).toBeUndefined();
    expect(fx.engine.store.cs.count(LDAP, 'all')).toBe(1);
  });

  it('S-09 a reference to an unknown DN creates a placeholder that the real object replaces', async () => {
    fx = createFixture();
    fx.hr.add('employeeId=1,o=hr', 'person', { employeeId: ['1'], manager: [{ dn: 'employeeId=9,o=hr' }] }, 'hr-1');
    await fx.run('hr', 'Full Import');
    const ph = fx.engine.store.cs.byDn(HR, 'employeeId=9,o=hr')!;
    expect(ph.state).toBe('placeholder');
    await fx.run('hr', 'Delta Synchronization');
    expect(fx.engine.store.cs.get(ph.id)!.mvId).toBeNull();
    addPerson(fx.hr, '9');
    await fx.run('hr', 'Delta Import');
    const real = fx.engine.store.cs.byAnchor(HR, 'hr-9')!;
    expect(real.id).toBe(ph.id);
    expect(fx.engine.store.cs.count(HR, 'all')).toBe(2);
  });

  it('S-11 an import showing the exported value confirms it', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    await fx.run('ldap', 'Export');
    const cs = fx.engine.store.cs.byDn(LDAP, 'uid=u1,ou=people,dc=example')!;
    expect(cs.unconfirmed.cn).toEqual(['User 1']);
    await fx.run('ldap', 'Delta Import');
    const after = fx.engine.store.cs.get(cs.id)!;
    expect(after.unconfirmed).toEqual({});
    expect(after.pendingExport).toBeNull();
  });

  it('S-12 an import not showing the exported value warns and the value is exported again', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    await fx.run('ldap', 'Export');
    const anchor = fx.ldap.byDn('uid=u1,ou=people,dc=example')!.anchor;
    fx.ldap.modify(anchor, { cn: ['X'] });
    const imp = await fx.run('ldap', 'Delta Import');
    expect(imp.status).toBe('completed-warnings');
    expect(imp.steps[0].counters.errors['exported-change-not-reimported']).toBe(1);
    await fx.run('ldap', 'Delta Synchronization');
    const cs = fx.engine.store.cs.byAnchor(LDAP, anchor)!;
    expect(cs.pendingExport?.changes.cn).toEqual(['User 1']);
    await fx.run('ldap', 'Export');
    expect(fx.ldap.entries.get(anchor)!.attributes.cn).toEqual(['User 1']);
  });

  it('falls back to a full import with a warning when the watermark expired', async () => {
    fx = createFixture();
    await seedAndSync(['1']);
    fx.hr.trimLog();
    fx.hr.removeSilently('hr-1');
    const r = await fx.run('hr', 'Delta Import');
    expect(r.status).toBe('completed-warnings');
    expect(r.steps[0].message).toMatch(/watermark expired/);
    expect(r.steps[0].counters.counters['stage-delete']).toBe(1);
  });
});
