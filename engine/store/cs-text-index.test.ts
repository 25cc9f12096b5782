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
import { onPostgres, sqliteOnly } from '../test-data/store-under-test.ts';
import { FOLDING_PROBES, FOLDING_VALUES } from '../test-data/search-text-cases.ts';
import { FOLDED_DOCUMENT_SQL, FOLDED_TEXT_SQL } from './folded-text.ts';

/** Each document's entries of a store's table, [attribute id, text] sorted, by object id. */
function entriesOf(s: Store, table: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of s.db.prepare(`SELECT id, text FROM ${table} ORDER BY id`).all() as { id: number; text: string }[]) {
    out.set(r.id, r.text.split('\u0003').filter(Boolean).map((e) => e.slice(1)).sort());
  }
  return out;
}


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
// Both stores keep one document per object with text (FTS5 trigrams on SQLite, a folded trigram index on PostgreSQL).
const documents = (s: Store) => (s.db.prepare('SELECT count(*) AS n FROM cs_text_fts').get() as { n: number }).n;

describe('connector space text index (DN, anchor and identity attribute search)', () => {
  it('is kept in step as objects are added, updated, renamed, staged and deleted', () => {
    const s = open();
    const ann = s.cs.insert(cs(1, 'CN=Ann Lee,OU=Sales,DC=x', { mail: ['Ann.Lee@x.example'], displayName: ['Ann Lee'], department: ['Sales'] }, { anchor: 'AAA-111' }));
    const bob = s.cs.insert(cs(1, 'CN=Bob Ray,OU=HR,DC=x', { mail: ['bob@x.example'] }, { anchor: 'BBB-222' }));
    const other = s.cs.insert(cs(2, 'CN=Ann Lee,OU=Sales,DC=x', { mail: ['Ann.Lee@x.example'] }));
    // Ann: DN, anchor, mail, displayName (department is not an identity attribute); Bob: DN, anchor, mail; the other: DN, mail.
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
    const before = documents(s);
    s.cs.update({ ...s.cs.get(cy)!, needsSync: true });
    expect(documents(s)).toBe(before);
    s.cs.delete(cy);
    expect(documents(s)).toBe(before - 1);
    expect(search(s, 1, [{ attribute: 'mail', operator: 'equals', value: 'cy@x.example' }])).toEqual([]);
    // Deleting a connector space forgets its text and documents, and only its own.
    s.cs.deleteConnectorSpace(1);
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
    expect(documents(again)).toBe(1);
    expect(search(again, 3, [{ attribute: 'samaccountname', operator: 'starts-with', value: 'otim' }])).toEqual([a]);
    expect(search(again, 3, [{ attribute: 'dn', operator: 'contains', value: 'old tim' }])).toEqual([a]);
  });

  it.skipIf(!onPostgres && (console.log('skipped on SQLite: the upgrade of PostgreSQL schema 2 (text rows) to documents'), true))(
    'on PostgreSQL, upgrades a schema 2 store (a row per attribute and text) to one document per object, finding the same objects',
    () => {
      const s = open();
      const a = s.cs.insert(cs(1, 'CN=Linus Torvalds 9001,DC=x', { mail: ['linus.torvalds.9001@x.example'], proxyAddresses: ['smtp:linus.torvalds.9001@x.example'] }));
      const b = s.cs.insert(cs(1, 'CN=Ada Torvalds 9002,DC=x', { mail: ['ada@x.example'], proxyAddresses: ['smtp:ada.torvalds.9002@x.example', 'smtp:a\u0002\u001fb@x'] }));
      const c = s.cs.insert(cs(2, 'CN=Grace,DC=x', { mail: ['grace@x.example'] }, { anchor: 'g-1' }));
      s.mv.ensureIndexed(['mail']);
      const m = s.mv.insert({ objectType: 'person', attrs: { mail: ['Ada@X.example'], displayName: ['Ada T'] }, contrib: {}, retryProvisioning: false, createdAt: '', updatedAt: '' });
      // What the store itself writes.
      const written = { cs: entriesOf(s, 'cs_text_fts'), mv: entriesOf(s, 'mv_text_fts') };
      expect([...written.cs.keys()]).toEqual([a, b, c]);
      expect(written.mv.get(m)).toHaveLength(2);
      // Back to schema 2: the rows those documents hold, under schema 2's indexes, and no documents.
      s.db.exec(`
        CREATE TABLE mv_text (attr BIGINT NOT NULL, value TEXT COLLATE "C" NOT NULL, mv_id BIGINT NOT NULL, PRIMARY KEY (attr, value, mv_id));
        CREATE INDEX mv_text_folded ON mv_text USING gin (${FOLDED_TEXT_SQL} public.gin_trgm_ops);
        CREATE TABLE cs_text (connector BIGINT NOT NULL, attr BIGINT NOT NULL, value TEXT COLLATE "C" NOT NULL, cs_id BIGINT NOT NULL,
          PRIMARY KEY (connector, attr, value, cs_id));
        CREATE INDEX cs_text_folded ON cs_text USING gin (${FOLDED_TEXT_SQL} public.gin_trgm_ops);`);
      const csRow = s.db.prepare('INSERT INTO cs_text (connector, attr, value, cs_id) VALUES (?, ?, ?, ?)');
      const mvRow = s.db.prepare('INSERT INTO mv_text (attr, value, mv_id) VALUES (?, ?, ?)');
      // Schema 2 kept a value's own marks; the documents write each as \u0001.
      const original = (text: string) => (text === 'smtp:a\u0001\u0001b@x' ? 'smtp:a\u0002\u001fb@x' : text);
      for (const [id, list] of written.cs) {
        for (const e of list) csRow.run(id === c ? 2 : 1, Number(e.slice(0, e.indexOf('\u001f'))), original(e.slice(e.indexOf('\u001f') + 1)), id);
      }
      for (const [id, list] of written.mv) for (const e of list) mvRow.run(Number(e.slice(0, e.indexOf('\u001f'))), e.slice(e.indexOf('\u001f') + 1), id);
      s.db.exec("DROP TABLE cs_text_fts; DROP TABLE mv_text_fts; UPDATE meta SET value = '2' WHERE key = 'schema-version'");
      s.close();
      store = undefined;
      const again = open();
      expect(again.db.prepare("SELECT value FROM meta WHERE key = 'schema-version'").pluck().get()).toBe('3');
      const tables = again.db.prepare("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%text%' ORDER BY 1").pluck().all();
      expect(tables).toEqual(['cs_text_fts', 'mv_text_fts']);
      const migrated = { cs: entriesOf(again, 'cs_text_fts'), mv: entriesOf(again, 'mv_text_fts') };
      expect(migrated).toEqual(written);
      expect(again.db.prepare('SELECT connector FROM cs_text_fts ORDER BY id').pluck().all()).toEqual([1, 1, 2]);
      const clause: MvClause = { attribute: 'mail', operator: 'contains', value: 'torvalds.9' };
      expect(search(again, 1, [clause])).toEqual([a]);
      expect(search(again, 1, [{ ...clause, attribute: 'proxyAddresses' }])).toEqual([a, b]);
      expect(search(again, 1, [{ attribute: 'dn', operator: 'contains', value: 'torvalds 9' }])).toEqual([a, b]);
      expect(search(again, 2, [{ attribute: 'anchor', operator: 'equals', value: 'G-1' }])).toEqual([c]);
      expect(again.mv.search('person', [{ attribute: 'displayName', operator: 'starts-with', value: 'ada' }], null, 10).items.map((o) => o.id)).toEqual([m]);
      // The folded index can serve the search (the planner reads a table this small whole unless told not to).
      const plan = again.db.transaction(() => {
        again.db.exec('SET LOCAL enable_seqscan = off');
        const explain = again.db.prepare(`EXPLAIN SELECT id FROM cs_text_fts WHERE ${FOLDED_DOCUMENT_SQL} LIKE ?`);
        return (explain.all('%torvaldsq9%') as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      })();
      expect(plan).toContain('cs_text_fts_folded');
    },
  );
});
