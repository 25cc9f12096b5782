import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from './test-fixture.ts';
import { lineage, previewResult } from './presenters.ts';

let fx: Fixture;
afterEach(() => fx?.close());

describe('preview and lineage', () => {
  it('generates without changing anything, and commits one object only', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1', { title: 'Dev' });
    addPerson(fx.hr, '2');
    await fx.run('hr', 'Full Import');
    const before = fx.engine.store.db.prepare('SELECT count(*) n FROM cs_objects WHERE pi_op IS NOT NULL').get();
    const p = previewResult(fx.engine.store, fx.engine.preview('hr', { dn: 'employeeId=1,o=hr' }, false), 'full');
    expect(p).toMatchObject({ committed: false, stateBefore: 'disconnector.normal', stateAfter: 'connector.normal', join: { action: 'projected', mvId: 'new', ruleName: 'In from HR - Person' } });
    expect(p.importFlows.find((f) => f.attribute === 'title')).toMatchObject({ newValues: ['Dev'], ruleName: 'In from HR - Person', changed: true });
    expect(p.outbound[0]).toMatchObject({ connector: 'ldap', action: 'provision', dn: 'uid=u1,ou=people,dc=example' });
    expect(fx.engine.store.mv.count()).toBe(0);
    expect(fx.engine.store.db.prepare('SELECT count(*) n FROM cs_objects WHERE pi_op IS NOT NULL').get()).toEqual(before);

    const c = previewResult(fx.engine.store, fx.engine.preview('hr', { dn: 'employeeId=1,o=hr' }, true), 'full');
    expect(c.committed).toBe(true);
    expect(fx.engine.store.mv.count()).toBe(1);
    expect(fx.engine.store.cs.byAnchor(1, 'hr-2')!.pendingImport?.op).toBe('add');
    expect(fx.engine.store.cs.byDn(2, 'uid=u1,ou=people,dc=example')!.pendingExport?.op).toBe('add');

    const mvId = String(fx.engine.store.cs.byAnchor(1, 'hr-1')!.mvId);
    const l = lineage(fx.engine.store, mvId, 'title');
    expect(l).toMatchObject({ values: ['Dev'], contributors: [{ connector: 'hr', dn: 'employeeId=1,o=hr', ruleName: 'In from HR - Person', precedence: 10, flowType: 'Direct', source: 'title' }] });
  });

  it('reports a sync error in the preview instead of throwing', async () => {
    fx = createFixture();
    fx.hr.add('employeeId=9,o=hr', 'person', { employeeId: ['9'] }, 'hr-9');
    await fx.run('hr', 'Full Import');
    const p = previewResult(fx.engine.store, fx.engine.preview('hr', { dn: 'employeeId=9,o=hr' }, true), 'full');
    expect(p.error?.code).toBe('sync-rule-flow-provisioning-failed');
    expect(p.committed).toBe(false);
    expect(fx.engine.store.mv.count()).toBe(0);
  });
});
