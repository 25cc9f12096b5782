import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsSearchScope } from '../../shared/model/connector-space.ts';
import type { MvClause } from '../../shared/model/metaverse.ts';
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { openStore, type Store } from './store.ts';
import { backToBeforeSearchText } from './test-before-search-text.ts';
import { onPostgres, postgresOnly, sqliteOnly } from '../test-data/store-under-test.ts';
import { FOLDING_PROBES, FOLDING_VALUES } from '../test-data/search-text-cases.ts';
import { FOLDED_TEXT_SQL } from './folded-text.ts';


let dir = '';
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function open(): Store {
  dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-cstext-'));
  store = openStore(path.join(dir, 'idsync.sqlite'));
  return store;
}

function cs(connector: number, dn: string, hologram: StoredAttributes, extra: Partial<CsObject> = {}): Omit<CsObject, 'id'> {
  return {
    connector, dn, anchor: null, objectType: 'user', state: 'connector.normal', transient: false, mvId: null, link: null, hologram,
    pendingImport: null, pendingExport: null, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null, ...extra,
  };
}

const search = (s: Store, connector: number, clauses: MvClause[], scope: CsSearchScope = { scope: 'all' }) => s.cs.search(connector, scope, null, 100, clauses).items.map((o) => o.id);
// PostgreSQL keeps a row per attribute and text; SQLite keeps no rows, one trigram document per object with text.
const rows = (s: Store) => (s.db.prepare('SELECT count(*) AS n FROM cs_text').get() as { n: number }).n;
const documents = (s: Store) =>
  (s.db.prepare(onPostgres ? 'SELECT count(DISTINCT cs_id) AS n FROM cs_text' : 'SELECT count(*) AS n FROM cs_text_fts').get() as { n: number }).n;
/** What the index holds: rows on PostgreSQL, documents on SQLite. */
const held = (s: Store) => (onPostgres ? rows(s) : documents(s));

describe('connector space text index (DN, anchor and identity attribute search)', () => {
  it('is kept in step as objects are added, updated, renamed, staged and deleted', () => {
    const s = open();
    const ann = s.cs.insert(cs(1, 'CN=Ann Lee,OU=Sales,DC=x', { mail: ['Ann.Lee@x.example'], displayName: ['Ann Lee'], department: ['Sales'] }, { anchor: 'AAA-111' }));
    const bob = s.cs.insert(cs(1, 'CN=Bob Ray,OU=HR,DC=x', { mail: ['bob@x.example'] }, { anchor: 'BBB-222' }));
    const other = s.cs.insert(cs(2, 'CN=Ann Lee,OU=Sales,DC=x', { mail: ['Ann.Lee@x.example'] }));
    // Ann: DN, anchor, mail, displayName (department is not an identity attribute); Bob: DN, anchor, mail; the other: DN, mail.
    expect(rows(s)).toBe(onPostgres ? 9 : 0);
    expect(documents(s)).toBe(3);
    expect(search(s, 1, [{ attribute: 'mail', operator: 'contains', value: 'LEE@x' }])).toEqual([ann]);
    expect(search(s, 2, [{ attribute: 'mail', operator: 'contains', value: 'lee@x' }])).toEqual([other]);
    expect(search(s, 1, [{ attribute: 'DN', operator: 'starts-with', value: 'cn=bob' }])).toEqual([bob]);
    expect(search(s, 1, [{ attribute: 'dn', operator: 'contains', value: 'ou=sales' }])).toEqual([ann]);
    expect(search(s, 1, [{ attribute: 'anchor', operator: 'equals', value: 'bbb-222' }])).toEqual([bob]);
    expect(search(s, 1, [{ attribute: 'anchor', operator: 'ends-with', value: '111' }])).toEqual([ann]);
    // Attribute names compare case-insensitively, as LDAP's do.
    expect(search(s, 1, [{ attribute: 'DisplayName', operator: 'equals', value: 'ANN LEE' }])).toEqual([ann]);
    // An attribute outside the index is read object by object, with the same rules.
    expect(search(s, 1, [{ attribute: 'department', operator: 'contains', value: 'ale' }])).toEqual([ann]);

    // Update: the old text goes, the new one is found.
    s.cs.update({ ...s.cs.get(bob)!, hologram: { mail: ['robert@x.example'] } });
    expect(search(s, 1, [{ attribute: 'mail', operator: 'starts-with', value: 'bob@' }])).toEqual([]);
    expect(search(s, 1, [{ attribute: 'mail', operator: 'starts-with', value: 'robert@' }])).toEqual([bob]);
    // Rename.
    s.cs.update({ ...s.cs.get(bob)!, dn: 'CN=Robert Ray,OU=HR,DC=x' });
    expect(search(s, 1, [{ attribute: 'dn', operator: 'starts-with', value: 'cn=bob' }])).toEqual([]);
    expect(search(s, 1, [{ attribute: 'dn', operator: 'contains', value: 'robert ray' }])).toEqual([bob]);
    expect(search(s, 1, [], { scope: 'rdn', rdn: 'cn=robert ray' })).toEqual([bob]);
    // A pending import's image is what the engine knows now.
    s.cs.update({ ...s.cs.get(ann)!, pendingImport: { op: 'update', image: { mail: ['ann.new@x.example'], displayName: ['Ann Lee'] } } });
    expect(search(s, 1, [{ attribute: 'mail', operator: 'contains', value: 'lee@x' }])).toEqual([]);
    expect(search(s, 1, [{ attribute: 'mail', operator: 'contains', value: 'ann.new' }])).toEqual([ann]);
    // A provisioned object is known by the values its pending export will write.
    const cy = s.cs.insert(cs(1, 'CN=Cy Ode,OU=HR,DC=x', {}, { pendingExport: { op: 'add', changes: { mail: ['cy@x.example'] } } }));
    expect(search(s, 1, [{ attribute: 'mail', operator: 'equals', value: 'cy@x.example' }])).toEqual([cy]);
    // Writing an object whose text did not change leaves its entries alone; deleting it removes them.
    const before = held(s);
    s.cs.update({ ...s.cs.get(cy)!, needsSync: true });
    expect(held(s)).toBe(before);
    s.cs.delete(cy);
    expect(held(s)).toBe(before - (onPostgres ? 2 : 1));
    expect(search(s, 1, [{ attribute: 'mail', operator: 'equals', value: 'cy@x.example' }])).toEqual([]);
    // Deleting a connector space forgets its text and documents, and only its own.
    s.cs.deleteConnectorSpace(1);
    expect(rows(s)).toBe(onPostgres ? 2 : 0);
    expect(documents(s)).toBe(1);
    expect(search(s, 2, [{ attribute: 'mail', operator: 'contains', value: 'lee@x' }])).toEqual([other]);
  });

  it('answers every operator on the DN, the anchor and attributes exactly, with LIKE and escape characters in values', () => {
    const s = open();
    const values = ['100%', '100_', 'a\\b', 'a%b_c', 'A.B*C', '_x_', '%', 'ÅSA Ström', 'percent', 'Ab', 'ab', '"quoted" (x)', 'x'.repeat(300), ...FOLDING_VALUES];
    const ids = values.map((v, i) =>
      s.cs.insert(cs(1, `CN=${v.replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`)} ${i},DC=x`, { mail: [v], department: [v] }, { anchor: `${v}#${i}` })),
    );
    const probes = ['%', '_', '\\', '\\b', '0%', '0_', 'a%', '%b', '_c', '.', 'b*c', 'å', 'åsa s', 'ström', 'AB', 'a', '', '"quoted"', '(x)', '100', 'per', 'cn=a', 'xxxx', ...FOLDING_PROBES];
    const ops = ['equals', 'not-equals', 'starts-with', 'ends-with', 'contains', 'not-contains'] as const;
    const oracle = (op: (typeof ops)[number], t: string, q: string) => {
      switch (op) {
        case 'equals': return t === q;
        case 'not-equals': return t !== q;
        case 'starts-with': return t.startsWith(q);
        case 'ends-with': return t.endsWith(q);
        case 'contains': return t.includes(q);
        case 'not-contains': return !t.includes(q);
      }
    };
    const texts = ids.map((id) => s.cs.get(id)!);
    for (const attribute of ['mail', 'department', 'dn', 'anchor']) {
      const textOf = (o: CsObject) => (attribute === 'dn' ? o.dn : attribute === 'anchor' ? o.anchor! : (o.hologram[attribute][0] as string)).toLowerCase();
      for (const operator of ops) {
        for (const value of probes) {
          const expected = texts.filter((o) => oracle(operator, textOf(o), value.toLowerCase())).map((o) => o.id);
          expect(search(s, 1, [{ attribute, operator, value }]), `${attribute} ${operator} ${JSON.stringify(value)}`).toEqual(expected);
        }
      }
    }
  });

  it('combines clauses with a scope, counts every match and pages by cursor', () => {
    const s = open();
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(s.cs.insert(cs(1, `CN=User ${i},OU=Staff,DC=x`, { mail: [`user${i}@x.example`], title: [i % 2 ? 'Odd' : 'Even'] }, {
        pendingExport: i % 3 === 0 ? { op: 'update', changes: {} } : null,
      })));
    }
    // Answered by SQL alone: counted and paged there.
    const page1 = s.cs.search(1, { scope: 'all' }, null, 4, [{ attribute: 'mail', operator: 'starts-with', value: 'user1' }]);
    expect(page1.total).toBe(11);
    expect(page1.items.map((o) => o.id)).toEqual([ids[1], ids[10], ids[11], ids[12]]);
    const page2 = s.cs.search(1, { scope: 'all' }, page1.nextCursor, 10, [{ attribute: 'mail', operator: 'starts-with', value: 'user1' }]);
    expect(page2.items.map((o) => o.id)).toEqual(ids.slice(13, 20));
    expect(page2.nextCursor).toBeNull();
    // A scope and a clause the index narrows, and one it cannot: the rest is checked object by object.
    const both: MvClause[] = [{ attribute: 'mail', operator: 'contains', value: 'user2' }, { attribute: 'title', operator: 'equals', value: 'odd' }];
    const pending = s.cs.search(1, { scope: 'pending-export', ops: ['update'] }, null, 2, both);
    expect(pending.total).toBe(2);
    expect(pending.items.map((o) => o.id)).toEqual([ids[21], ids[27]]);
    expect(s.cs.search(1, { scope: 'pending-export', ops: ['update'] }, null, 1, both).nextCursor).toBe(String(ids[21]));
  });

  it.skipIf(sqliteOnly('the upgrade of a SQLite database written before the search text index'))('fills the text of an existing database when it is opened', () => {
    const s = open();
    const a = s.cs.insert(cs(3, 'CN=Old Timer,DC=x', { sAMAccountName: ['otimer'] }, { anchor: 'old-1' }));
    backToBeforeSearchText(s);
    s.close();
    const again = open();
    expect(rows(again)).toBe(0);
    expect(documents(again)).toBe(1);
    expect(search(again, 3, [{ attribute: 'samaccountname', operator: 'starts-with', value: 'otim' }])).toEqual([a]);
    expect(search(again, 3, [{ attribute: 'dn', operator: 'contains', value: 'old tim' }])).toEqual([a]);
  });

  it.skipIf(postgresOnly('the folded trigram indexes of PostgreSQL schema 2'))(
    'on PostgreSQL, upgrades a schema 1 store to trigram indexes of the attribute and folded text, finding the same objects',
    () => {
      const s = open();
      const a = s.cs.insert(cs(1, 'CN=Linus Torvalds 9001,DC=x', { mail: ['linus.torvalds.9001@x.example'], proxyAddresses: ['smtp:linus.torvalds.9001@x.example'] }));
      const b = s.cs.insert(cs(1, 'CN=Ada Torvalds 9002,DC=x', { mail: ['ada@x.example'], proxyAddresses: ['smtp:ada.torvalds.9002@x.example'] }));
      const clause: MvClause = { attribute: 'mail', operator: 'contains', value: 'torvalds.9' };
      // Back to schema 1's indexes, as a store written before the upgrade has them.
      s.db.exec(`DROP INDEX cs_text_folded; CREATE INDEX cs_text_trigram ON cs_text USING gin (value public.gin_trgm_ops);
        DROP INDEX mv_text_folded; CREATE INDEX mv_text_trigram ON mv_text USING gin (value public.gin_trgm_ops);
        UPDATE meta SET value = '1' WHERE key = 'schema-version'`);
      expect(search(s, 1, [clause])).toEqual([a]);
      s.close();
      store = undefined;
      const again = open();
      const indexes = again.db.prepare("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '%text_%' AND indexdef LIKE '%gin%' ORDER BY 1").all() as { indexname: string; indexdef: string }[];
      expect(indexes.map((i) => i.indexname)).toEqual(['cs_text_folded', 'mv_text_folded']);
      for (const i of indexes) expect(i.indexdef).toMatch(/\('q'::text \|\| \(attr\)::text\) \|\| 'q'::text\) \|\| replace\(replace\(/);
      expect(again.db.prepare("SELECT value FROM meta WHERE key = 'schema-version'").pluck().get()).toBe('2');
      expect(search(again, 1, [clause])).toEqual([a]);
      expect(search(again, 1, [{ ...clause, attribute: 'proxyAddresses' }])).toEqual([a, b]);
      expect(search(again, 1, [{ attribute: 'dn', operator: 'contains', value: 'torvalds 9' }])).toEqual([a, b]);
      // The folded index can serve the search (the planner reads a table this small whole unless told not to).
      const attr = again.db.prepare("SELECT id FROM names WHERE name = 'mail'").pluck().get() as number;
      const plan = again.db.transaction(() => {
        again.db.exec('SET LOCAL enable_seqscan = off; SET LOCAL enable_indexonlyscan = off');
        const explain = again.db.prepare(`EXPLAIN SELECT cs_id FROM cs_text WHERE ${FOLDED_TEXT_SQL} LIKE ?`);
        return (explain.all(`%q${attr}q%torvaldsq9%`) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      })();
      expect(plan).toContain('cs_text_folded');
    },
  );
});
