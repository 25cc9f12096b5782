import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { valueKey } from '../model/stored-values.ts';
import type { MvObject } from '../model/objects.ts';
import { onPostgres, postgresOnly } from '../test-data/store-under-test.ts';
import { countRoundTrips } from '../test-data/round-trip-counter.ts';
import { openStore, type Store } from './store.ts';

let dir = '';
let store: Store | null = null;
let counting: ReturnType<typeof countRoundTrips> | null = null;
afterEach(() => {
  counting?.stop();
  counting = null;
  store?.close();
  store = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(): Store {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-mvkeys-'));
  store = openStore(path.join(dir, 'idsync.sqlite'));
  store.transaction(() => store!.mv.ensureIndexed(['employeeID']));
  return store;
}

const person = (s: Store, employeeID: string) =>
  s.mv.insert({ objectType: 'person', attrs: { employeeID: [employeeID] }, contrib: {}, retryProvisioning: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
const key = (v: string) => valueKey(v);
const holders = (s: Store, v: string) => s.mv.findByKey('employeeID', key(v));
const ahead = (...values: string[]) => values.map((v) => ['employeeID', key(v)] as const);

describe('join keys read ahead', () => {
  it('answers exactly what the index holds while a batch adds, moves and removes entries, and forgets a rolled-back batch', () => {
    const s = open();
    const ann = person(s, 'E1');
    s.transaction(() => {
      s.mv.readAheadKeys([...ahead('E1', 'E2', 'E3'), ['department', 'x']]);
      expect(holders(s, 'e1')).toEqual([ann]);
      expect(holders(s, 'E2')).toEqual([]);
      const bob = person(s, 'E2');
      expect(holders(s, 'E2')).toEqual([bob]);
      s.mv.update({ ...(s.mv.get(bob) as MvObject), attrs: { employeeID: ['E3'] } });
      expect(holders(s, 'E2')).toEqual([]);
      expect(holders(s, 'E3')).toEqual([bob]);
      s.mv.delete(ann);
      expect(holders(s, 'E1')).toEqual([]);
      s.mv.forgetReadAhead();
    });
    expect(() =>
      s.transaction(() => {
        s.mv.readAheadKeys(ahead('E4'));
        person(s, 'E4');
        expect(holders(s, 'E4')).toHaveLength(1);
        throw new Error('the batch fails');
      }),
    ).toThrow('the batch fails');
    expect(holders(s, 'E4')).toEqual([]);
  });

  it.skipIf(postgresOnly('a lookup there is a function call, and nothing is read ahead'))(
    'on PostgreSQL, reads the keys of a batch in one statement and answers its joins without asking the server',
    () => {
      const s = open();
      const ann = person(s, 'E1');
      s.transaction(() => {
        // The indexed attributes are read once per transaction.
        expect(s.mv.isIndexed('employeeID')).toBe(true);
        counting = countRoundTrips();
        s.mv.readAheadKeys(ahead('E1', 'E2', 'E3'));
        expect(counting.count()).toBe(1);
        expect(holders(s, 'E1')).toEqual([ann]);
        expect(holders(s, 'E2')).toEqual([]);
        expect(counting.count()).toBe(1);
        // A key not read ahead is looked up.
        expect(holders(s, 'E9')).toEqual([]);
        expect(counting.count()).toBe(2);
        s.mv.forgetReadAhead();
      });
    },
  );

  it('is not read on SQLite, where it would only add work', () => {
    expect(open().mv.readsAhead).toBe(onPostgres);
  });
});
