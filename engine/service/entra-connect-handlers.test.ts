// The Entra Connect operations over a real engine (test connectors), as a web host runs them.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from '../sync/test-fixture.ts';
import { HostLockError } from '../scheduler/host-lock.ts';
import { EngineLockManager } from './lock.ts';
import type { ServiceContext } from './context.ts';
import { createEntraConnectHandlers } from './entra-connect-handlers.ts';

let fx: Fixture | null = null;
afterEach(() => { fx?.close(); fx = null; });

function context(f: Fixture, host: ServiceContext['host'] = 'web'): ServiceContext {
  return {
    home: f.dir, host, databasePath: path.join(f.dir, 'idsync.sqlite'), lock: new EngineLockManager(), engine: () => f.engine,
    call: () => Promise.reject(new Error('not used')), emit: () => {}, log: () => {},
  };
}

describe('Entra Connect handlers', () => {
  it('own the scheduler on a web host: settings, a second host refused, a manual cycle, deletes and staging', async () => {
    fx = createFixture();
    const f = fx;
    const group = createEntraConnectHandlers(context(f));
    const h = group.handlers;
    try {
      expect(() => createEntraConnectHandlers(context(f, 'electron'))).toThrow(HostLockError);
      const view = await h['scheduler.set']({ customizedSyncCycleInterval: '00:05:00' });
      expect(view.CurrentlyEffectiveSyncCycleInterval).toBe('00:30:00');
      expect(view.NextSyncCycleStartTimeInUTC).not.toBeNull();
      await expect(async () => h['scheduler.set']({ customizedSyncCycleInterval: 'soon' })).rejects.toThrow(/not a time span/);

      addPerson(f.hr, '1');
      addPerson(f.hr, '2');
      await h['cycle.start']({ policy: 'Initial' });
      for (let i = 0; i < 200 && (await h['cycle.list']({}))[0]?.result === 'in-progress'; i++) await new Promise((r) => setTimeout(r, 10));
      const [cycle] = await h['cycle.list']({});
      expect(cycle).toMatchObject({ policy: 'Initial', result: 'completed' });
      expect(f.ldap.byDn('uid=u1,ou=people,dc=example')).toBeDefined();

      await h['deletes.setThreshold']({ connector: 'ldap', threshold: 1 });
      f.hr.remove('hr-1');
      f.hr.remove('hr-2');
      await f.run('hr', 'Full Import');
      await f.run('hr', 'Delta Synchronization');
      const pending = await h['deletes.list']({ connector: 'ldap' });
      expect(pending).toMatchObject({ pendingDeletes: 2, threshold: 1, blocked: true, approval: null });
      expect((await h['deletes.csv']({ connector: 'ldap' })).csv.split('\n')[0]).toBe('dn,objectType,anchor,displayName,userPrincipalName,mail');
      expect(await h['deletes.approve']({ connector: 'ldap' })).toMatchObject({ blocked: false, approval: { pendingDeletes: 2 } });

      await h['staging.set']({ enabled: true });
      const report = await h['staging.report']({ connector: 'ldap', csv: true });
      expect(report.stagingModeEnabled).toBe(true);
      expect(report.summary).toEqual([{ connector: 'ldap', adds: 0, updates: 0, deletes: 2 }]);
      expect(report.csv?.[0]).toContain('OMODT');
    } finally {
      await group.close();
    }
  });

  it('leave scheduling to the hosts on the CLI: settings only, no lock taken', async () => {
    fx = createFixture(false);
    const f = fx;
    const cli = createEntraConnectHandlers(context(f, 'cli'));
    const web = createEntraConnectHandlers(context(f, 'web'));
    try {
      expect((await cli.handlers['scheduler.set']({ schedulerSuspended: true })).SchedulerSuspended).toBe(true);
      expect((await web.handlers['scheduler.get']({})).SchedulerSuspended).toBe(true);
    } finally {
      await web.close();
      await cli.close();
    }
  });
});
