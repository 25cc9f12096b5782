// When a step's connected system is down: before the first exchange the step could not start
// (no-start-connection); after it, the step stopped (stopped-connectivity). Problems name their location once.
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, addPerson, type Fixture } from './test-fixture.ts';
import { problemText } from './connector-errors.ts';

let fx: Fixture | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

describe('a connected system that is down', () => {
  it('before an import starts: no-start-connection, and nothing is obsoleted', async () => {
    fx = createFixture();
    addPerson(fx.hr, '1');
    await fx.run('hr', 'Full Import');
    fx.hr.unreachable = true;
    const r = await fx.run('hr', 'Full Import');
    expect(r.status).toBe('no-start-connection');
    expect(r.steps[0].message).toMatch(/unreachable/);
    expect(fx.engine.store.cs.count(1, 'all')).toBe(1);
  });

  it('before an export starts: no-start-connection, and the export stays pending', async () => {
    fx = createFixture();
    for (let i = 1; i <= 3; i++) addPerson(fx.hr, String(i));
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    fx.ldap.unreachable = true;
    const r = await fx.run('ldap', 'Export');
    expect(r.status).toBe('no-start-connection');
    expect(fx.engine.store.cs.count(2, 'pending-export')).toBe(3);
  });

  it('after the first batch went through: stopped-connectivity', async () => {
    fx = createFixture();
    for (let i = 1; i <= 150; i++) addPerson(fx.hr, String(i));
    await fx.run('hr', 'Full Import');
    await fx.run('hr', 'Full Synchronization');
    const ldap = fx.ldap;
    const save = ldap.save.bind(ldap);
    // The directory goes down right after it took the first batch.
    ldap.save = () => {
      save();
      ldap.unreachable = true;
    };
    const r = await fx.run('ldap', 'Export');
    expect(r.status).toBe('stopped-connectivity');
    expect(r.steps[0].counters.counters['export-add']).toBe(100);
  });
});

describe('problem messages', () => {
  it('lead with their location exactly once', () => {
    expect(problemText({ location: 'people.csv:3', message: 'people.csv:3: unclosed quote' })).toBe('people.csv:3: unclosed quote');
    expect(problemText({ location: 'people.csv:3', message: 'people.csv:3 (anchor 42): duplicate anchor' })).toBe('people.csv:3 (anchor 42): duplicate anchor');
    expect(problemText({ location: 'uid=a,dc=x', message: 'entry has no entryUUID' })).toBe('uid=a,dc=x: entry has no entryUUID');
  });
});
