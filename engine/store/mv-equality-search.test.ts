import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MvClause } from '../../shared/model/metaverse.ts';
import { postgresOnly } from '../test-data/store-under-test.ts';
import { countRoundTrips } from '../test-data/round-trip-counter.ts';
import { openStore, type Store } from './store.ts';

let dir = '';
const opened: Store[] = [];
let counting: ReturnType<typeof countRoundTrips> | null = null;
afterEach(() => {
  counting?.stop();
  counting = null;
  for (const s of opened.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A store on the test's data directory (a second call stands for another process on the same database). */
function open(): Store {
  dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-mvequal-'));
  const s = openStore(path.join(dir, 'idsync.sqlite'));
  opened.push(s);
  return s;
}

const person = (s: Store, attrs: Record<string, string[]>) =>
  s.mv.insert({ objectType: 'person', attrs, contrib: {}, retryProvisioning: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
const equals = (attribute: string, value: string): MvClause[] => [{ attribute, operator: 'equals', value }];
const found = (s: Store, clauses: MvClause[]) => s.mv.search('person', clauses, null, 10).items.map((o) => o.id);

describe('metaverse equality search on the value index', () => {
  it('follows the indexed attributes another process changes, on either store', () => {
    const host = open();
    host.transaction(() => host.mv.ensureIndexed(['employeeID']));
    const ann = person(host, { employeeID: ['E1'], department: ['Sales'] });
    const bob = person(host, { employeeID: ['E2'], department: ['Legal'] });
    expect(found(host, equals('employeeID', 'e1'))).toEqual([ann]);
    const cli = open();
    // Un-indexed elsewhere: the value index no longer holds employeeID, and the host still finds Ann.
    cli.transaction(() => cli.mv.ensureIndexed(['department']));
    expect(found(host, equals('employeeID', 'e1'))).toEqual([ann]);
    expect(host.mv.isIndexed('employeeID')).toBe(false);
    // Indexed elsewhere: found through the value index the other process filled.
    expect(found(host, equals('department', 'legal'))).toEqual([bob]);
    // No match stays no match, with or without the index.
    expect(found(host, equals('employeeID', 'e3'))).toEqual([]);
    expect(found(host, equals('department', 'hr'))).toEqual([]);
    cli.transaction(() => cli.mv.ensureIndexed(['employeeID', 'department']));
    expect(found(host, equals('employeeID', 'E2'))).toEqual([bob]);
    expect(found(host, [...equals('employeeID', 'E2'), ...equals('department', 'sales')])).toEqual([]);
  });

  it.skipIf(postgresOnly('round trips to a server'))(
    'on PostgreSQL, a match costs one round trip: the indexed attributes are checked inside the search statement',
    () => {
      const host = open();
      host.transaction(() => host.mv.ensureIndexed(['employeeID']));
      const ann = person(host, { employeeID: ['E1'] });
      expect(found(host, equals('employeeID', 'E1'))).toEqual([ann]);
      counting = countRoundTrips();
      const trips = counting.count;
      expect(found(host, equals('employeeID', 'E1'))).toEqual([ann]);
      expect(trips()).toBe(1);
      // Changed elsewhere: the statement's check fails, and the search reads the set and runs again.
      const cli = open();
      cli.transaction(() => cli.mv.ensureIndexed(['employeeID', 'mail']));
      const before = trips();
      expect(found(host, equals('employeeID', 'E1'))).toEqual([ann]);
      expect(trips() - before).toBeGreaterThan(1);
      const again = trips();
      expect(found(host, equals('employeeID', 'E1'))).toEqual([ann]);
      expect(trips() - again).toBe(1);
    },
  );
});
