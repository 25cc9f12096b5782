import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MvClause } from '../../shared/model/metaverse.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { migrations } from './migrations.ts';
import { openStore, type Store } from './store.ts';
import { backToBeforeSearchText } from './test-before-search-text.ts';
import type Database from 'better-sqlite3';
import { onPostgres, sqliteOnly } from '../test-data/store-under-test.ts';
import { FOLDING_PROBES, FOLDING_VALUES } from '../test-data/search-text-cases.ts';
import { SEARCH_COUNT_LIMIT } from '../../shared/model/values.ts';


let dir = '';
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function open(): Store {
  dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-mvtext-'));
  store = openStore(path.join(dir, 'idsync.sqlite'));
  return store;
}

const person = (s: Store, attrs: StoredAttributes) => s.mv.insert({ objectType: 'person', attrs, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
const found = (s: Store, ...clauses: MvClause[]) => s.mv.search('person', clauses, null, 100).items.map((o) => o.id);
// What the index holds: a row per attribute and text on PostgreSQL, a trigram document per object with text on SQLite.
const plan = (s: Store) => (s.db.prepare(onPostgres ? 'SELECT count(*) AS n FROM mv_text' : 'SELECT count(*) AS n FROM mv_text_fts').get() as { n: number }).n;

describe('metaverse text index (prefix, suffix and contains search)', () => {
  it('finds objects by substrings of indexed attributes, case-insensitively, and follows updates and deletes', () => {
    const s = open();
    s.mv.ensureIndexed(['mail', 'displayName']);
    const ada = person(s, { mail: ['Ada.Lovelace@example.com'], displayName: ['Ada "The Countess" Lovelace'], title: ['Analyst'] });
    const linus = person(s, { mail: ['linus.torvalds.9@example.com', 'LT@kernel.org'], displayName: ['Linus Torvalds'] });
    const grace = person(s, { mail: ['grace@example.com'], displayName: ['Grace Hopper'] });
    expect(plan(s)).toBe(onPostgres ? 7 : 3);
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'TORVALDS.9' })).toEqual([linus]);
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'kernel' })).toEqual([linus]);
    expect(found(s, { attribute: 'displayName', operator: 'starts-with', value: 'ada l' })).toEqual([]);
    expect(found(s, { attribute: 'displayName', operator: 'starts-with', value: 'ada "the' })).toEqual([ada]);
    // A substring that is not at the start is a candidate of the index but not a prefix.
    expect(found(s, { attribute: 'displayName', operator: 'starts-with', value: 'Torvalds' })).toEqual([]);
    expect(found(s, { attribute: 'displayName', operator: 'ends-with', value: 'hopper' })).toEqual([grace]);
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'example.com' })).toEqual([ada, linus, grace]);
    // Shorter than a trigram, and unindexed attributes: read row by row, same answers.
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'lt' })).toEqual([linus]);
    expect(found(s, { attribute: 'title', operator: 'contains', value: 'analy' })).toEqual([ada]);
    // Every clause still applies.
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'example' }, { attribute: 'displayName', operator: 'contains', value: 'grace' })).toEqual([grace]);
    expect(s.mv.search('person', [{ attribute: 'mail', operator: 'contains', value: 'example' }], null, 2).total).toBe(3);

    s.mv.update({ ...s.mv.get(linus)!, attrs: { mail: ['linus@example.org'], displayName: ['Linus Torvalds'] } });
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'torvalds.9' })).toEqual([]);
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'example.org' })).toEqual([linus]);
    s.mv.delete(grace);
    expect(found(s, { attribute: 'displayName', operator: 'contains', value: 'hopper' })).toEqual([]);
    expect(plan(s)).toBe(onPostgres ? 4 : 2);
    // Equality still goes through the value index.
    s.mv.ensureIndexed(['mail', 'displayName', 'employeeId']);
    const e = person(s, { employeeId: ['E77'] });
    expect(found(s, { attribute: 'employeeId', operator: 'equals', value: 'e77' })).toEqual([e]);
    expect(found(s, { attribute: 'employeeId', operator: 'contains', value: 'e77' })).toEqual([e]);
  });

  it('rebuilds the text when the indexed attributes change; identity attributes are always held', () => {
    const s = open();
    s.mv.ensureIndexed(['title']);
    const a = person(s, { title: ['Analyst'], department: ['Sales Europe'], displayName: ['Ann Example'] });
    // title (indexed) and displayName (an identity attribute).
    expect(plan(s)).toBe(onPostgres ? 2 : 1);
    s.mv.ensureIndexed(['department']);
    expect(plan(s)).toBe(onPostgres ? 2 : 1);
    expect(found(s, { attribute: 'department', operator: 'contains', value: 's eur' })).toEqual([a]);
    expect(found(s, { attribute: 'displayName', operator: 'ends-with', value: 'n example' })).toEqual([a]);
    // No longer indexed: read object by object, same answer.
    expect(found(s, { attribute: 'title', operator: 'contains', value: 'naly' })).toEqual([a]);
    // The search reads the index: without its rows and documents, a held attribute's clause finds nothing, however short.
    s.db.exec(onPostgres ? 'DELETE FROM mv_text' : "DELETE FROM mv_text; INSERT INTO mv_text_fts (mv_text_fts) VALUES ('delete-all')");
    expect(found(s, { attribute: 'department', operator: 'contains', value: 's eur' })).toEqual([]);
    // SQLite's trigrams narrow clauses of three characters (with the marks of a value's start and end); a shorter one
    // reads every object there.
    expect(found(s, { attribute: 'department', operator: 'contains', value: 's' })).toEqual(onPostgres ? [] : [a]);
    expect(found(s, { attribute: 'displayName', operator: 'equals', value: 'ann example' })).toEqual([]);
    expect(found(s, { attribute: 'title', operator: 'contains', value: 'n' })).toEqual([a]);
  });

  it('never answers a clause on one attribute with the text of another held beside it', () => {
    const s = open();
    s.mv.ensureIndexed(['code']);
    // Each attribute first and last in some object's text.
    const a = person(s, { code: ['alpha'], displayName: ['omega one'] });
    const b = person(s, { displayName: ['alpha two'], code: ['omega'] });
    expect(found(s, { attribute: 'code', operator: 'ends-with', value: 'one' })).toEqual([]);
    expect(found(s, { attribute: 'code', operator: 'contains', value: 'one' })).toEqual([]);
    expect(found(s, { attribute: 'code', operator: 'contains', value: 'two' })).toEqual([]);
    expect(found(s, { attribute: 'code', operator: 'equals', value: 'omega one' })).toEqual([]);
    expect(found(s, { attribute: 'code', operator: 'starts-with', value: 'omega o' })).toEqual([]);
    expect(found(s, { attribute: 'displayName', operator: 'ends-with', value: 'alpha' })).toEqual([]);
    expect(found(s, { attribute: 'code', operator: 'ends-with', value: 'mega' })).toEqual([b]);
    expect(found(s, { attribute: 'displayName', operator: 'contains', value: 'ha tw' })).toEqual([b]);
    expect(found(s, { attribute: 'displayName', operator: 'starts-with', value: 'omega' })).toEqual([a]);
  });

  it('answers every text operator exactly, with LIKE and regular expression characters in values and clauses', () => {
    const s = open();
    s.mv.ensureIndexed(['code']);
    const values = ['100%', '100_', 'a\\b', 'a%b_c', 'A.B*C', '_x_', '%', 'ÅSA Ström', 'percent', 'Ab', 'ab', '', '"quoted" (x)', ...FOLDING_VALUES];
    const ids = values.map((v) => person(s, { code: [v], displayName: [v] }));
    const probes = ['%', '_', '\\', '\\b', '0%', '0_', 'a%', '%b', '_c', '.', 'b*c', 'å', 'åsa s', 'ström', 'AB', 'a', '', '"quoted"', '(x)', '100', 'per', ...FOLDING_PROBES];
    const ops = ['equals', 'starts-with', 'ends-with', 'contains'] as const;
    const oracle = (op: (typeof ops)[number], v: string, p: string) => {
      const [t, q] = [v.toLowerCase(), p.toLowerCase()];
      return op === 'equals' ? t === q : op === 'starts-with' ? t.startsWith(q) : op === 'ends-with' ? t.endsWith(q) : t.includes(q);
    };
    for (const attribute of ['code', 'displayName']) {
      for (const operator of ops) {
        for (const value of probes) {
          const expected = ids.filter((_, i) => oracle(operator, values[i], value));
          expect(found(s, { attribute, operator, value }), `${attribute} ${operator} ${JSON.stringify(value)}`).toEqual(expected);
        }
      }
    }
  });

  it.skipIf(sqliteOnly('the upgrade of a SQLite database written before the search text index'))('fills the text of an existing database when it is opened', () => {
    const s = open();
    s.mv.ensureIndexed(['mail']);
    const a = person(s, { mail: ['migrated.person@example.com'], displayName: ['Migrated Person'] });
    backToBeforeSearchText(s);
    s.close();
    const again = open();
    expect((again.db as Database.Database).pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(plan(again)).toBe(onPostgres ? 2 : 1);
    expect(found(again, { attribute: 'mail', operator: 'contains', value: 'migrated.p' })).toEqual([a]);
    expect(found(again, { attribute: 'displayName', operator: 'starts-with', value: 'migrated p' })).toEqual([a]);
  });

  it('counts matches up to a limit where each candidate is confirmed; every match still pages', () => {
    const s = open();
    const n = SEARCH_COUNT_LIMIT + 250;
    s.transaction(() => {
      for (let i = 0; i < n; i++) person(s, { mail: [`ada.lovelace.${i}@example.com`], displayName: [i % 2 ? 'Ada Lovelace' : 'Ada Byron'] });
      person(s, { mail: ['grace@example.com'], displayName: ['Grace Hopper'] });
    });
    const clause: MvClause = { attribute: 'mail', operator: 'contains', value: 'lovelace' };
    const first = s.mv.search('person', [clause], null, 100);
    // Both stores stop counting at the limit: SQLite confirms trigram candidates one by one, PostgreSQL's exact
    // matches are read only as far as the count needs.
    expect(first.total).toBe(SEARCH_COUNT_LIMIT);
    expect(first.totalExact).toBe(false);
    const ids: number[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor !== null; pages++) {
      const p = s.mv.search('person', [clause], cursor, 300);
      ids.push(...p.items.map((o) => o.id));
      cursor = p.nextCursor;
    }
    expect(new Set(ids).size).toBe(n);
    // A second clause checked on each object: the odd ones, still every one of them.
    const both = s.mv.search('person', [clause, { attribute: 'displayName', operator: 'equals', value: 'ada lovelace' }], null, 1000);
    expect(both.items.length).toBe(Math.floor(n / 2) > 1000 ? 1000 : Math.floor(n / 2));
    expect(both.items.every((o) => o.attrs.displayName[0] === 'Ada Lovelace')).toBe(true);
  });

  it('answers equality on value-indexed attributes through the value index, for every value type and any case', () => {
    const s = open();
    s.mv.ensureIndexed(['employeeID', 'badge', 'manager', 'active', 'photo']);
    const a = person(s, { employeeID: ['E0001'], badge: [{ int: '42' }], active: [true], photo: [{ bin: 'AQI=' }], manager: [{ ref: 'CN=Boss,O=X' }] });
    const b = person(s, { employeeID: ['e0002'], badge: [{ int: '7' }], active: [false] });
    const dn = person(s, { employeeID: ['CN=Ann Lee,OU=People,DC=x'] });
    const group = s.mv.insert({ objectType: 'group', attrs: { employeeID: ['E0001'] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
    const eq = (attribute: string, value: string) => found(s, { attribute, operator: 'equals', value });
    expect(eq('employeeID', 'e0001')).toEqual([a]);
    expect(eq('employeeID', 'E0002')).toEqual([b]);
    expect(eq('employeeID', 'cn=ann lee,ou=people,dc=x')).toEqual([dn]);
    expect(eq('badge', '42')).toEqual([a]);
    expect(eq('active', 'FALSE')).toEqual([b]);
    expect(eq('photo', 'AQI=')).toEqual([a]);
    expect(eq('employeeID', 'E0003')).toEqual([]);
    // The object type still applies, and another clause is still checked on each candidate.
    expect(s.mv.search(undefined, [{ attribute: 'employeeID', operator: 'equals', value: 'E0001' }], null, 10).items.map((o) => o.id)).toEqual([a, group]);
    expect(found(s, { attribute: 'employeeID', operator: 'equals', value: 'E0001' }, { attribute: 'badge', operator: 'equals', value: '7' })).toEqual([]);
    // References are keyed by metaverse id in the value index: equality on their DN text reads the objects instead.
    expect(eq('manager', 'cn=boss,o=x')).toEqual([a]);
  });
});

