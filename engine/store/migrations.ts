// Versioned schema migrations; PRAGMA user_version holds the number of the last one applied.
import type Database from 'better-sqlite3';
import { referenceKeysOfCsRow, upgradeMvReferences } from './reference-index.ts';
import { dnKey } from '../model/dn.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { valueText } from '../model/stored-values.ts';
import { migrateToCompactStore } from './compact-migration.ts';
import { packAttributeColumns } from './packed-migration.ts';

/** A step of the schema: SQL, or a function for steps that need the engine's own logic (DN keys). */
export type Migration = string | ((db: Database.Database) => void);

/** Each entry moves the schema one version forward. Never edit a released entry; append a new one. */
export const migrations: readonly Migration[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE connectors (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    type TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    config TEXT NOT NULL,
    secrets TEXT,
    run_profiles TEXT NOT NULL,
    delete_threshold INTEGER,
    created_at TEXT NOT NULL
  );
  CREATE TABLE watermarks (connector INTEGER NOT NULL, partition TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (connector, partition)) WITHOUT ROWID;
  CREATE TABLE cs_objects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connector INTEGER NOT NULL,
    dn TEXT NOT NULL,
    anchor TEXT,
    object_type TEXT NOT NULL,
    state TEXT NOT NULL,
    transient INTEGER NOT NULL DEFAULT 0,
    mv_id INTEGER,
    link TEXT,
    hologram TEXT NOT NULL,
    pi_op TEXT,
    pending_import TEXT,
    pe_op TEXT,
    pending_export TEXT,
    unconfirmed TEXT,
    errors TEXT,
    error_kinds INTEGER NOT NULL DEFAULT 0,
    needs_sync INTEGER NOT NULL DEFAULT 0,
    seen INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT,
    exported_at TEXT
  );
  CREATE UNIQUE INDEX cs_anchor ON cs_objects (connector, anchor) WHERE anchor IS NOT NULL;
  CREATE INDEX cs_dn ON cs_objects (connector, dn COLLATE NOCASE);
  CREATE INDEX cs_mv ON cs_objects (mv_id) WHERE mv_id IS NOT NULL;
  CREATE INDEX cs_pi ON cs_objects (connector, pi_op) WHERE pi_op IS NOT NULL;
  CREATE INDEX cs_pe ON cs_objects (connector, pe_op) WHERE pe_op IS NOT NULL;
  CREATE INDEX cs_err ON cs_objects (connector, error_kinds) WHERE error_kinds <> 0;
  CREATE INDEX cs_needs_sync ON cs_objects (connector) WHERE needs_sync = 1;
  CREATE TABLE mv_objects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    object_type TEXT NOT NULL,
    attrs TEXT NOT NULL,
    contrib TEXT NOT NULL,
    retry_provisioning INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX mv_type ON mv_objects (object_type);
  CREATE INDEX mv_retry ON mv_objects (retry_provisioning) WHERE retry_provisioning = 1;
  CREATE TABLE mv_index (attr TEXT NOT NULL, value TEXT NOT NULL, mv_id INTEGER NOT NULL, PRIMARY KEY (attr, value, mv_id)) WITHOUT ROWID;
  CREATE INDEX mv_index_mv ON mv_index (mv_id);
  CREATE TABLE mv_object_types (name TEXT PRIMARY KEY, attributes TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE mv_attributes (name TEXT PRIMARY KEY, type TEXT NOT NULL, multi_valued INTEGER NOT NULL, indexed INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE sync_rules (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    precedence INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connector INTEGER NOT NULL,
    connector_name TEXT NOT NULL,
    profile TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    started_by TEXT NOT NULL,
    pid INTEGER NOT NULL
  );
  CREATE INDEX runs_connector ON runs (connector, id);
  CREATE TABLE run_steps (
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    type TEXT NOT NULL,
    partition TEXT,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    counters TEXT NOT NULL,
    message TEXT,
    PRIMARY KEY (run_id, step)
  ) WITHOUT ROWID;
  CREATE TABLE run_objects (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    counter TEXT NOT NULL,
    target TEXT,
    cs_id INTEGER,
    mv_id INTEGER,
    dn TEXT NOT NULL,
    object_type TEXT NOT NULL,
    error TEXT,
    snapshot TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX run_objects_counter ON run_objects (run_id, step, counter);
  CREATE INDEX run_objects_cs ON run_objects (cs_id) WHERE cs_id IS NOT NULL;
  `,
  // 2: DN identity (dn_key: the comparison key of the DN) and the reference indexes of connector spaces and
  // the metaverse, so a rename, move or delete re-evaluates every object that refers to it.
  (db) => {
    db.exec(`
      ALTER TABLE cs_objects ADD COLUMN dn_key TEXT NOT NULL DEFAULT '';
      CREATE TABLE cs_refs (connector INTEGER NOT NULL, to_key TEXT NOT NULL, from_id INTEGER NOT NULL, PRIMARY KEY (connector, to_key, from_id)) WITHOUT ROWID;
      CREATE INDEX cs_refs_from ON cs_refs (from_id);
      CREATE TABLE mv_refs (to_mv INTEGER NOT NULL, from_mv INTEGER NOT NULL, PRIMARY KEY (to_mv, from_mv)) WITHOUT ROWID;
      CREATE INDEX mv_refs_from ON mv_refs (from_mv);
    `);
    const setKey = db.prepare('UPDATE cs_objects SET dn_key = ? WHERE id = ?');
    const addRef = db.prepare('INSERT OR IGNORE INTO cs_refs (connector, to_key, from_id) VALUES (?,?,?)');
    type CsRow = { id: number; connector: number; dn: string; hologram: string; pending_import: string | null; pending_export: string | null; unconfirmed: string | null };
    for (const r of db.prepare('SELECT id, connector, dn, hologram, pending_import, pending_export, unconfirmed FROM cs_objects').iterate() as IterableIterator<CsRow>) {
      setKey.run(dnKey(r.dn), r.id);
      for (const key of referenceKeysOfCsRow(r)) addRef.run(r.connector, key, r.id);
    }
    db.exec('DROP INDEX cs_dn; CREATE INDEX cs_dn_key ON cs_objects (connector, dn_key);');
    upgradeMvReferences(db);
  },
  // 3: index keys of DN-valued text and metaverse references changed: rebuild the value index on next use.
  `DELETE FROM mv_index; DELETE FROM meta WHERE key = 'mv-indexed';`,
  // 4: the last time a run made progress: a run whose process was killed ends at that time, not when the next
  // process opened the database.
  `
  ALTER TABLE runs ADD COLUMN progress_at TEXT;
  `,
  // 5: the DN a pending import brings and the DN a pending export renames to, as columns: reference resolution and
  // export ordering read an object's names without parsing its attributes.
  (db) => {
    db.exec('ALTER TABLE cs_objects ADD COLUMN pi_dn TEXT; ALTER TABLE cs_objects ADD COLUMN pe_new_dn TEXT;');
    const set = db.prepare('UPDATE cs_objects SET pi_dn = ?, pe_new_dn = ? WHERE id = ?');
    const rows = db.prepare('SELECT id, pending_import, pending_export FROM cs_objects WHERE pending_import IS NOT NULL OR pending_export IS NOT NULL');
    for (const r of rows.all() as { id: number; pending_import: string | null; pending_export: string | null }[]) {
      const pi = r.pending_import ? (JSON.parse(r.pending_import) as { dn?: string }) : null;
      const pe = r.pending_export ? (JSON.parse(r.pending_export) as { newDn?: string }) : null;
      if (pi?.dn || pe?.newDn) set.run(pi?.dn ?? null, pe?.newDn ?? null, r.id);
    }
  },
  // 6: the value index of connector spaces (the attributes outbound joins look up), filled on next use.
  `
  CREATE TABLE cs_values (connector INTEGER NOT NULL, attr TEXT NOT NULL, value TEXT NOT NULL, cs_id INTEGER NOT NULL, PRIMARY KEY (connector, attr, value, cs_id)) WITHOUT ROWID;
  CREATE INDEX cs_values_cs ON cs_values (cs_id);
  `,
  // 7: the text of the indexed metaverse attributes under a trigram full-text index (prefix and contains search),
  // filled here for the attributes already indexed.
  (db) => {
    db.exec(`
      CREATE TABLE mv_text (id INTEGER PRIMARY KEY, mv_id INTEGER NOT NULL, attr TEXT NOT NULL, value TEXT NOT NULL);
      CREATE INDEX mv_text_mv ON mv_text (mv_id);
      CREATE VIRTUAL TABLE mv_text_fts USING fts5(value, content='mv_text', content_rowid='id', tokenize='trigram case_sensitive 1');
      CREATE TRIGGER mv_text_added AFTER INSERT ON mv_text BEGIN INSERT INTO mv_text_fts (rowid, value) VALUES (new.id, new.value); END;
      CREATE TRIGGER mv_text_removed AFTER DELETE ON mv_text BEGIN INSERT INTO mv_text_fts (mv_text_fts, rowid, value) VALUES ('delete', old.id, old.value); END;
    `);
    const row = db.prepare("SELECT value FROM meta WHERE key = 'mv-indexed'").get() as { value: string } | undefined;
    const indexed = row ? (JSON.parse(row.value) as string[]) : [];
    if (!indexed.length) return;
    // The rows of this version's text index, written here rather than by the store's current text index.
    const insert = db.prepare('INSERT INTO mv_text (mv_id, attr, value) VALUES (?,?,?)');
    const page = db.prepare('SELECT id, attrs FROM mv_objects WHERE id > ? ORDER BY id LIMIT 1000');
    for (let after = 0; ; ) {
      const rows = page.all(after) as { id: number; attrs: string }[];
      if (!rows.length) break;
      for (const r of rows) {
        const attrs = JSON.parse(r.attrs) as StoredAttributes;
        for (const attr of indexed) for (const text of new Set((attrs[attr] ?? []).map((v) => valueText(v).toLowerCase()))) insert.run(r.id, attr, text);
      }
      after = rows[rows.length - 1].id;
    }
  },
  // 8: the search text of connector spaces (cs_text: DN, anchor and identity attributes, per connector) and of the
  // metaverse (mv_text, now also its identity attributes): rows (attribute, lower-cased text) for equality and
  // prefixes, and one FTS5 trigram document per object (its distinct texts) for suffixes and substrings. The store
  // fills both when it opens, as the meta key 'search-text' says they are not of this version. cs_connector gives
  // a connector's objects in id order, so a search's first page reads a page, not the whole space sorted.
  `
  CREATE INDEX cs_connector ON cs_objects (connector);
  DROP TRIGGER mv_text_added;
  DROP TRIGGER mv_text_removed;
  DROP TABLE mv_text_fts;
  DROP TABLE mv_text;
  CREATE TABLE mv_text (attr TEXT NOT NULL, value TEXT NOT NULL, mv_id INTEGER NOT NULL, PRIMARY KEY (attr, value, mv_id)) WITHOUT ROWID;
  CREATE INDEX mv_text_mv ON mv_text (mv_id);
  CREATE VIRTUAL TABLE mv_text_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1');
  CREATE TABLE cs_text (connector INTEGER NOT NULL, attr TEXT NOT NULL, value TEXT NOT NULL, cs_id INTEGER NOT NULL, PRIMARY KEY (connector, attr, value, cs_id)) WITHOUT ROWID;
  CREATE INDEX cs_text_cs ON cs_text (cs_id);
  CREATE VIRTUAL TABLE cs_text_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1');
  DELETE FROM meta WHERE key = 'search-text';
  `,
  // 9: the compact store (compact-migration.ts): a name dictionary, attribute maps encoded against it, integer
  // states, links and times, integer keys in the reference and value indexes, compact run records; the search text
  // as trigram documents without positions (rows only on PostgreSQL), written again when the store opens. cs_connector
  // is gone: without statistics SQLite preferred it to the indexes of pending operations, links and flags.
  migrateToCompactStore,
  // 10: encoded attribute maps packed (packed-array.ts) instead of JSON text, about a fifth smaller.
  packAttributeColumns,
];

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`The database schema (version ${current}) is newer than this engine knows (${migrations.length}); upgrade IdSync.`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      const m = migrations[v];
      if (typeof m === 'string') db.exec(m);
      else m(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
