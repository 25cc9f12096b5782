// The scheduler driving a real engine (test connectors): a cycle runs the profiles in order and lands data.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, createFixture, type Fixture } from '../sync/test-fixture.ts';
import { ManualClock } from './clock.ts';
import { createEngineScheduler } from './engine-scheduler.ts';
import { HostLockError } from './host-lock.ts';

let fx: Fixture | null = null;
afterEach(() => { fx?.close(); fx = null; });

describe('engine scheduler', () => {
  it('runs an initial cycle through the run profiles, then delta cycles on the clock; a second host is refused', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    const clock = new ManualClock();
    const s = createEngineScheduler({ home: fx.dir, engine: fx.engine, holder: 'web', clock });
    try {
      expect(() => createEngineScheduler({ home: fx!.dir, engine: fx!.engine, holder: 'desktop' })).toThrow(HostLockError);
      s.scheduler.requestInitialCycle();
      const first = await s.scheduler.runCycle();
      expect(first.result).toBe('completed');
      expect(first.steps.map((x) => `${x.step}:${x.connectorName}:${x.status}`)).toEqual([
        'full-import:hr:success', 'full-import:ldap:completed-no-objects', 'full-sync:hr:success', 'full-sync:ldap:success',
        'export:hr:completed-no-objects', 'export:ldap:success', 'delta-import:ldap:success', 'delta-sync:ldap:success',
      ]);
      expect(fx.ldap.byDn('uid=u1,ou=people,dc=example')).toBeDefined();
      // The confirming import saw what was exported: nothing is left to export or confirm.
      expect(fx.engine.store.cs.count(2, 'pending-export')).toBe(0);
      addPerson(fx.hr, '2');
      s.scheduler.start();
      await clock.advance(30 * 60_000);
      expect(s.scheduler.cycles()[0]).toMatchObject({ policy: 'Delta', trigger: 'scheduler', result: 'completed' });
      expect(fx.ldap.byDn('uid=u2,ou=people,dc=example')).toBeDefined();
    } finally {
      await s.close();
    }
    expect(fs.existsSync(path.join(fx.dir, 'engine.lock'))).toBe(false);
  });
});
