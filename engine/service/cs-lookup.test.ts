import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiService } from './service.ts';
import type { EventName, EventPayload } from '../../shared/api.ts';
import { addPerson } from '../sync/test-fixture.ts';
import { memoryDirectory, resetMemoryDirectories } from '../connectors/test-connector/index.ts';
import { countRoundTrips } from '../test-data/round-trip-counter.ts';
import { postgresOnly } from '../test-data/store-under-test.ts';

let service: ApiService | null = null;
let home = '';
let counting: ReturnType<typeof countRoundTrips> | null = null;
afterEach(async () => {
  counting?.stop();
  counting = null;
  await service?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

/** A service with connector `hr` holding two imported people (pending adds in its connector space). */
async function withPeople(): Promise<ApiService> {
  resetMemoryDirectories();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-cslookup-'));
  const events: string[] = [];
  service = new ApiService({ home, host: 'web', onEvent: <E extends EventName>(event: E, _payload: EventPayload<E>) => events.push(event) });
  await service.dispatch('connectors.create', { name: 'hr', type: 'test', config: { directory: 'lookup-hr' } });
  const hr = memoryDirectory('lookup-hr');
  addPerson(hr, '1');
  addPerson(hr, '2');
  await service.dispatch('runs.start', { connector: 'hr', profile: 'Full Import' });
  for (let i = 0; i < 300 && !events.includes('run.finished'); i++) await new Promise((r) => setTimeout(r, 10));
  return service;
}

describe('connector space lookup by DN or anchor', () => {
  it('answers for the connector the name means now, after a rename and a delete', async () => {
    const svc = await withPeople();
    const all = await svc.dispatch('cs.search', { connector: 'hr', search: { scope: 'all' } });
    expect(all.total).toBe(2);
    const [one, two] = all.items;
    const byAnchor = (connector: string, value: string) => svc.dispatch('cs.search', { connector, search: { scope: 'dn-or-anchor', value } });
    expect((await byAnchor('hr', one.anchor!)).items.map((o) => [o.id, o.connector])).toEqual([[one.id, 'hr']]);
    expect((await byAnchor('HR', two.dn.toUpperCase())).items.map((o) => o.id)).toEqual([two.id]);
    expect((await byAnchor('hr', 'nobody')).total).toBe(0);
    // Renamed: the old name no longer answers, the new one does (and names the rows with it).
    await svc.dispatch('connectors.update', { connector: 'hr', name: 'people' });
    await expect(byAnchor('hr', one.anchor!)).rejects.toMatchObject({ code: 'not-found' });
    expect((await byAnchor('people', one.anchor!)).items.map((o) => [o.id, o.connector])).toEqual([[one.id, 'people']]);
    await svc.dispatch('connectors.delete', { connector: 'people', confirm: true });
    await expect(byAnchor('people', one.anchor!)).rejects.toMatchObject({ code: 'not-found' });
  });

  it.skipIf(postgresOnly('round trips to a server'))(
    'on PostgreSQL, a lookup that finds its object costs one round trip: the connector is checked inside the statement',
    async () => {
      const svc = await withPeople();
      const [one] = (await svc.dispatch('cs.search', { connector: 'hr', search: { scope: 'all' } })).items;
      const request = { connector: 'hr', search: { scope: 'dn-or-anchor' as const, value: one.anchor! } };
      expect((await svc.dispatch('cs.search', request)).total).toBe(1);
      counting = countRoundTrips();
      expect((await svc.dispatch('cs.search', request)).items.map((o) => o.id)).toEqual([one.id]);
      expect(counting.count()).toBe(1);
    },
  );
});
