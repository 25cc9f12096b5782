import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';

let fx: Fixture;
afterEach(() => fx?.close());

describe('import, synchronization and export', () => {
  it('S-01 full import stages adds as normal disconnectors', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    const r = await fx.run('hr', 'Full Import');
    expect(r.status).toBe('success');
    expect(r.steps[0].counters.counters['stage-add']).toBe(2);
    const page = fx.engine.store.cs.search(1, { scope: 'all' }, null, 10);
    expect(page.total).toBe(2);
    expect(page.items.every((o) => o.state === 'disconnector.normal' && o.pendingImport?.op === 'add')).toBe(true);
    expect(page.items.map((o) => o.anchor).sort()).toEqual(['hr-1', 'hr-2']);
  });

  it('S-13 delta sync projects, provisions and export creates the target objects', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1', { title: 'Dev' });
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Full Import');
    const sync = await fx.run('hr', 'Delta Synchronization');
    expect(sync.status).toBe('success');
    expect(sync.steps[0].counters.counters['disconnector-projected-flow']).toBe(2);
    expect(sync.steps[0].counters.outbound.ldap['provisioned-add-flow']).toBe(2);
    expect(fx.engine.store.mv.count()).toBe(2);
    const exp = await fx.run('ldap', 'Export');
    expect(exp.status).toBe('success');
    expect(exp.steps[0].counters.counters['export-add']).toBe(2);
    const u1 = fx.ldap.byDn('uid=u1,ou=people,dc=example');
    expect(u1?.attributes.title).toEqual(['Dev']);
    // Confirming import: the unconfirmed values are seen and cleared.
    const imp = await fx.run('ldap', 'Full Import');
    expect(imp.status).toBe('success');
    const cs = fx.engine.store.cs.byDn(2, 'uid=u1,ou=people,dc=example')!;
    expect(cs.unconfirmed).toEqual({});
    expect(cs.state).toBe('connector.normal');
  });

  it('S-02 a second full import with no change stages nothing', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Delta Synchronization');
    const r = await fx.run('hr', 'Full Import');
    expect(r.steps[0].counters.counters['stage-no-change']).toBe(2);
    expect(fx.engine.store.cs.count(1, 'needs-sync')).toBe(0);
  });
});
