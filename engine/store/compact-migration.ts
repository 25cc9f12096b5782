// Schema step 9: the compact store. Rewrites every object and run record into the compact columns: attribute maps
// in the name-dictionary encoding, states, links and times as integers, pending imports and exports without the
// operation and names their columns already hold, reference and value indexes keyed by integers, run records with
// dictionary ids and without the DN their object still holds. Nothing is dropped: each row reads back as before.
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import type { CsLink, CsObject, CsState, ObjectErrors, PendingExport, PendingImport } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { StoreNames } from './store-names.ts';
import { AttributeCodec } from './attribute-codec.ts';
import { COLUMNS, columnValues, encodeAttributes } from './cs-columns.ts';
import { packContrib, unpackContrib, updatedColumn } from './mv-store.ts';
import { timeColumn } from './time-column.ts';
import { refHash } from './reference-index.ts';
import { packSnapshot } from './run-snapshots.ts';
import { counterName } from './run-store.ts';

/** The compact tables, created under a temporary name when they replace a table. */
export const COMPACT_SCHEMA = {
  names: 'CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)',
  cs_objects: `CREATE TABLE cs_objects_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connector INTEGER NOT NULL,
    dn TEXT NOT NULL,
    dn_key TEXT,
    dn_hash INTEGER NOT NULL,
    anchor TEXT,
    object_type INTEGER NOT NULL,
    state INTEGER NOT NULL,
    transient INTEGER NOT NULL DEFAULT 0,
    mv_id INTEGER,
    link_rule INTEGER,
    link_kind INTEGER,
    link_at INTEGER,
    pi_op TEXT,
    pi_dn TEXT,
    pi_type TEXT,
    pe_op TEXT,
    pe_new_dn TEXT,
    error_kinds INTEGER NOT NULL DEFAULT 0,
    needs_sync INTEGER NOT NULL DEFAULT 0,
    seen INTEGER NOT NULL DEFAULT 0,
    imported_at INTEGER,
    exported_at INTEGER,
    errors TEXT,
    hologram TEXT,
    pending_import TEXT,
    pending_export TEXT,
    unconfirmed TEXT,
    room BLOB
  )`,
  cs_indexes: `
    CREATE UNIQUE INDEX cs_anchor ON cs_objects (connector, anchor) WHERE anchor IS NOT NULL;
    CREATE INDEX cs_dn ON cs_objects (connector, dn_hash);
    CREATE INDEX cs_mv ON cs_objects (mv_id) WHERE mv_id IS NOT NULL;
    CREATE INDEX cs_pi ON cs_objects (connector, pi_op) WHERE pi_op IS NOT NULL;
    CREATE INDEX cs_pe ON cs_objects (connector, pe_op) WHERE pe_op IS NOT NULL;
    CREATE INDEX cs_err ON cs_objects (connector, error_kinds) WHERE error_kinds <> 0;
    CREATE INDEX cs_needs_sync ON cs_objects (connector) WHERE needs_sync = 1;`,
  mv_objects: `CREATE TABLE mv_objects_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    object_type INTEGER NOT NULL,
    retry_provisioning INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER,
    updated_at INTEGER,
    contrib TEXT NOT NULL,
    attrs TEXT NOT NULL
  )`,
  mv_indexes: `
    CREATE INDEX mv_type ON mv_objects (object_type);
    CREATE INDEX mv_retry ON mv_objects (retry_provisioning) WHERE retry_provisioning = 1;`,
  run_objects: `CREATE TABLE run_objects_next (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    cs_id INTEGER,
    mv_id INTEGER,
    dn TEXT,
    object_type INTEGER NOT NULL,
    error TEXT,
    snapshot BLOB,
    snap_ref INTEGER
  )`,
  run_times: 'CREATE TABLE run_times (run_id INTEGER NOT NULL, step INTEGER NOT NULL, first_id INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (run_id, step, first_id)) WITHOUT ROWID',
  run_indexes: `
    CREATE INDEX run_objects_counter ON run_objects (run_id, step, counter);
    CREATE INDEX run_objects_cs ON run_objects (cs_id) WHERE cs_id IS NOT NULL;`,
  cs_refs: 'CREATE TABLE cs_refs_next (to_hash INTEGER NOT NULL, from_id INTEGER NOT NULL, PRIMARY KEY (to_hash, from_id)) WITHOUT ROWID',
  cs_refs_indexes: '',
  mv_index: 'CREATE TABLE mv_index_next (attr INTEGER NOT NULL, value TEXT NOT NULL, mv_id INTEGER NOT NULL, PRIMARY KEY (attr, value, mv_id)) WITHOUT ROWID',
  mv_index_indexes: '',
  cs_values: 'CREATE TABLE cs_values_next (connector INTEGER NOT NULL, attr INTEGER NOT NULL, value TEXT NOT NULL, cs_id INTEGER NOT NULL, PRIMARY KEY (connector, attr, value, cs_id)) WITHOUT ROWID',
  cs_values_indexes: 'CREATE INDEX cs_values_cs ON cs_values (cs_id);',
  // PostgreSQL keeps the search text as these rows; SQLite keeps it only as trigram documents and leaves them empty.
  text: `
    CREATE TABLE mv_text (attr INTEGER NOT NULL, value TEXT NOT NULL, mv_id INTEGER NOT NULL, PRIMARY KEY (attr, value, mv_id)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE mv_text_fts USING fts5(text, content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 1');
    CREATE TABLE cs_text (connector INTEGER NOT NULL, attr INTEGER NOT NULL, value TEXT NOT NULL, cs_id INTEGER NOT NULL, PRIMARY KEY (connector, attr, value, cs_id)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE cs_text_fts USING fts5(text, content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 1')`,
} as const;

const PAGE = 1000;

/** Copies a table page by page through `convert` into `<table>_next`, then puts the new table in its place. */
function rebuild(db: Database.Database, table: string, key: string, create: string, indexes: string, columns: readonly string[], convert: (row: Record<string, unknown>) => unknown[]): void {
  db.exec(create);
  const sequence = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck();
  const seq = tableExists(db, 'sqlite_sequence') ? (sequence.get(table) as number | undefined) : undefined;
  const insert = db.prepare(`INSERT INTO ${table}_next (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(',')})`);
  const page = db.prepare(`SELECT * FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ${PAGE}`);
  for (let after: unknown = 0; ; ) {
    const rows = page.all(after) as Record<string, unknown>[];
    if (!rows.length) break;
    for (const r of rows) insert.run(...convert(r));
    after = rows[rows.length - 1][key];
  }
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${table}_next RENAME TO ${table}; ${indexes}`);
  // Ids are never reused: the new table goes on from where the old one was.
  if (seq !== undefined) db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?').run(seq, table);
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ?").get(name) !== undefined;
}

/** Copies an index table whose rows are all key (WITHOUT ROWID, key columns first), converting each row. */
function rebuildIndex(db: Database.Database, table: string, create: string, indexes: string, convert: (row: Record<string, unknown>) => unknown[]): void {
  db.exec(create);
  const columns = db.prepare(`SELECT * FROM ${table} LIMIT 0`).columns().map((c) => c.name);
  const next = db.prepare(`SELECT * FROM ${table}_next LIMIT 0`).columns().map((c) => c.name);
  const insert = db.prepare(`INSERT INTO ${table}_next (${next.join(', ')}) VALUES (${next.map(() => '?').join(',')}) ON CONFLICT DO NOTHING`);
  const key = `(${columns.join(', ')})`;
  const first = db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')} LIMIT ${PAGE}`);
  const after = db.prepare(`SELECT * FROM ${table} WHERE ${key} > (${columns.map(() => '?').join(',')}) ORDER BY ${columns.join(', ')} LIMIT ${PAGE}`);
  for (let rows = first.all() as Record<string, unknown>[]; rows.length; rows = after.all(...columns.map((c) => rows[rows.length - 1][c])) as Record<string, unknown>[]) {
    for (const r of rows) insert.run(...convert(r));
  }
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${table}_next RENAME TO ${table}; ${indexes}`);
}

const OLD_STATES: ReadonlySet<string> = new Set(['connector.normal', 'connector.explicit', 'disconnector.normal', 'disconnector.filtered', 'disconnector.explicit', 'placeholder']);

/** A connector space object as the previous schema stored it. */
export function objectOfPreviousRow(r: Record<string, unknown>): CsObject {
  const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : fallback);
  const link = json<[number | null, CsLink['dir'], CsLink['type'], number, string] | null>(r.link, null);
  const state = r.state as string;
  if (!OLD_STATES.has(state)) throw new Error(`Connector space object ${String(r.id)} has an unknown state "${state}"`);
  return {
    id: r.id as number, connector: r.connector as number, dn: r.dn as string, anchor: (r.anchor as string | null) ?? null, objectType: r.object_type as string,
    state: state as CsState, transient: r.transient === 1, mvId: (r.mv_id as number | null) ?? null,
    link: link ? { rule: link[0], dir: link[1], type: link[2], owned: link[3] === 1, at: link[4] } : null,
    hologram: json<StoredAttributes>(r.hologram, {}), pendingImport: json<PendingImport | null>(r.pending_import, null),
    pendingExport: json<PendingExport | null>(r.pending_export, null), unconfirmed: json<StoredAttributes>(r.unconfirmed, {}),
    errors: json<ObjectErrors>(r.errors, {}), needsSync: r.needs_sync === 1, seen: (r.seen as number) ?? 0,
    importedAt: (r.imported_at as string | null) ?? null, exportedAt: (r.exported_at as string | null) ?? null,
  };
}

function previousSnapshot(value: unknown): StoredAttributes | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : zlib.inflateRawSync(value as Buffer).toString('utf8');
  return JSON.parse(text) as StoredAttributes;
}

/** Migration 9. */
export function migrateToCompactStore(db: Database.Database): void {
  db.exec(COMPACT_SCHEMA.names);
  const names = new StoreNames(db);
  const codec = new AttributeCodec(names);

  rebuild(db, 'cs_objects', 'id', COMPACT_SCHEMA.cs_objects, COMPACT_SCHEMA.cs_indexes, ['id', ...COLUMNS], (r) => {
    const o = objectOfPreviousRow(r);
    return [o.id, ...columnValues(names, o, encodeAttributes(codec, o))];
  });

  rebuild(db, 'mv_objects', 'id', COMPACT_SCHEMA.mv_objects, COMPACT_SCHEMA.mv_indexes,
    ['id', 'object_type', 'retry_provisioning', 'created_at', 'updated_at', 'contrib', 'attrs'], (r) => {
      const attrs = JSON.parse(r.attrs as string) as StoredAttributes;
      const contrib = packContrib(attrs, unpackContrib(attrs, r.contrib as string));
      return [r.id, names.id(r.object_type as string), r.retry_provisioning, timeColumn(r.created_at as string), updatedColumn({ createdAt: r.created_at as string, updatedAt: r.updated_at as string }), contrib, codec.encode(attrs)];
    });

  const object = db.prepare('SELECT dn, mv_id, object_type FROM cs_objects WHERE id = ?');
  // A step's records written at one time share one row of run_times.
  db.exec(COMPACT_SCHEMA.run_times);
  const time = db.prepare('INSERT INTO run_times (run_id, step, first_id, at) VALUES (?,?,?,?) ON CONFLICT DO NOTHING');
  const lastTime = new Map<string, number>();
  rebuild(db, 'run_objects', 'id', COMPACT_SCHEMA.run_objects, COMPACT_SCHEMA.run_indexes,
    ['id', 'run_id', 'step', 'counter', 'cs_id', 'mv_id', 'dn', 'object_type', 'error', 'snapshot', 'snap_ref'], (r) => {
      const at = timeColumn(r.at as string) ?? 0;
      const step = `${String(r.run_id)}:${String(r.step)}`;
      if (lastTime.get(step) !== at) time.run(r.run_id, r.step, r.id, at);
      lastTime.set(step, at);
      const snapshot = previousSnapshot(r.snapshot);
      const o = r.cs_id === null ? undefined : (object.get(r.cs_id) as { dn: string; mv_id: number | null; object_type: number } | undefined);
      const type = names.id(r.object_type as string);
      return [
        r.id, r.run_id, r.step, names.id(counterName(r.counter as string, r.target as string | null)), r.cs_id, o && o.mv_id === r.mv_id ? 0 : r.mv_id,
        o && o.dn === r.dn ? null : r.dn, o && o.object_type === type ? 0 : type, r.error, snapshot ? packSnapshot(codec.encode(snapshot)) : null, null,
      ];
    });

  // The store removes index entries by their whole key (it reads what an object held before it changes it).
  db.exec('DROP INDEX mv_refs_from');
  rebuildIndex(db, 'cs_refs', COMPACT_SCHEMA.cs_refs, COMPACT_SCHEMA.cs_refs_indexes, (r) => [refHash(r.connector as number, r.to_key as string), r.from_id]);
  rebuildIndex(db, 'mv_index', COMPACT_SCHEMA.mv_index, COMPACT_SCHEMA.mv_index_indexes, (r) => [names.id(r.attr as string), r.value, r.mv_id]);
  // The search text becomes trigram documents without positions (and rows, on PostgreSQL, with integer attributes);
  // the store writes it again when it opens.
  db.exec(`DROP TABLE mv_text_fts; DROP TABLE mv_text; DROP TABLE cs_text_fts; DROP TABLE cs_text; ${COMPACT_SCHEMA.text}; DELETE FROM meta WHERE key = 'search-text';`);
  rebuildIndex(db, 'cs_values', COMPACT_SCHEMA.cs_values, COMPACT_SCHEMA.cs_values_indexes, (r) => [r.connector, names.id(r.attr as string), r.value, r.cs_id]);
}
