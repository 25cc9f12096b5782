import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MvClause } from '../../shared/model/metaverse.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import Database from 'better-sqlite3';
import { migrations } from './migrations.ts';
import { openStore, type Store } from './store.ts';

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
const plan = (s: Store) => (s.db.prepare('SELECT count(*) AS n FROM mv_text').get() as { n: number }).n;

describe('metaverse text index (prefix, suffix and contains search)', () => {
  it('finds objects by substrings of indexed attributes, case-insensitively, and follows updates and deletes', () => {
    const s = open();
    s.mv.ensureIndexed(['mail', 'displayName']);
    const ada = person(s, { mail: ['Ada.Lovelace@example.com'], displayName: ['Ada "The Countess" Lovelace'], title: ['Analyst'] });
    const linus = person(s, { mail: ['linus.torvalds.9@example.com', 'LT@kernel.org'], displayName: ['Linus Torvalds'] });
    const grace = person(s, { mail: ['grace@example.com'], displayName: ['Grace Hopper'] });
    expect(plan(s)).toBe(6);
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
    expect(plan(s)).toBe(4);
    // Equality still goes through the value index.
    s.mv.ensureIndexed(['mail', 'displayName', 'employeeId']);
    const e = person(s, { employeeId: ['E77'] });
    expect(found(s, { attribute: 'employeeId', operator: 'equals', value: 'e77' })).toEqual([e]);
    expect(found(s, { attribute: 'employeeId', operator: 'contains', value: 'e77' })).toEqual([e]);
  });

  it('rebuilds the text when the indexed attributes change', () => {
    const s = open();
    s.mv.ensureIndexed(['mail']);
    const a = person(s, { mail: ['ann@example.com'], displayName: ['Ann Example'] });
    expect(plan(s)).toBe(1);
    s.mv.ensureIndexed(['displayName']);
    expect(plan(s)).toBe(1);
    expect(found(s, { attribute: 'displayName', operator: 'contains', value: 'n exa' })).toEqual([a]);
    expect(found(s, { attribute: 'mail', operator: 'contains', value: 'ann@' })).toEqual([a]);
    // The search reads the index: without its rows, an indexed attribute's substring finds nothing.
    s.db.exec('DELETE FROM mv_text');
    expect(found(s, { attribute: 'displayName', operator: 'contains', value: 'n exa' })).toEqual([]);
    expect(found(s, { attribute: 'displayName', operator: 'contains', value: 'n' })).toEqual([a]);
  });

  it('fills the text of the attributes already indexed when a database is migrated', () => {
    // A database of the schema before the text index (version 6), as the version of that time wrote it.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-mvtext-'));
    const old = new Database(path.join(dir, 'idsync.sqlite'));
    for (const m of migrations.slice(0, 6)) {
      if (typeof m === 'string') old.exec(m);
      else m(old);
    }
    old.pragma('user_version = 6');
    old.prepare("INSERT INTO meta (key, value) VALUES ('mv-indexed', '[\"mail\"]')").run();
    old.prepare("INSERT INTO mv_index (attr, value, mv_id) VALUES ('mail', 's:migrated.person@example.com', 1)").run();
    const a = Number(
      old.prepare("INSERT INTO mv_objects (object_type, attrs, contrib, created_at, updated_at) VALUES ('person', ?, '{}', '', '')")
        .run(JSON.stringify({ mail: ['migrated.person@example.com'] })).lastInsertRowid,
    );
    old.close();
    const again = open();
    expect(again.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(plan(again)).toBe(1);
    expect(found(again, { attribute: 'mail', operator: 'contains', value: 'migrated.p' })).toEqual([a]);
  });
});
