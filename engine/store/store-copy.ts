// Moving a data directory's store between SQLite and PostgreSQL without loss: every table's rows with their ids,
// streamed in key order, written in one transaction on the target (all or nothing), then counted on both sides.
import zlib from 'node:zlib';
import { dialectOf, type SqlDatabase } from './sql/sql-database.ts';
import type { Store } from './store.ts';
import { encodedAs, type CodecForm, type EncodedMap } from './attribute-codec.ts';

/** Rows copied per table, and the tables both stores hold. */
export interface StoreCopyReport {
  readonly tables: { readonly name: string; readonly rows: number }[];
  readonly totalRows: number;
}

/** Tables the target must not hold rows in before a copy (a store already in use is never overwritten). */
const CONTENT_TABLES = ['connectors', 'sync_rules', 'cs_objects', 'mv_objects', 'runs'];

/** Columns holding encoded attribute maps, which take the target's form (packed on SQLite, JSON on PostgreSQL). */
const ENCODED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  cs_objects: ['hologram', 'pending_import', 'pending_export', 'unconfirmed'],
  mv_objects: ['attrs'],
};

/**
 * The search text, which each store keeps in its own form (rows on PostgreSQL, trigram documents on SQLite) and
 * writes again from the objects when it opens a copy: never copied.
 */
const DERIVED_TEXT = /^(cs|mv)_text(_fts(_.*)?)?$/;

/** Progress of a copy: the table and the rows written so far. */
export type CopyProgress = (table: string, rows: number) => void;

/** The store's own tables (not FTS shadow tables or bookkeeping), each with its columns. */
function tablesOf(db: SqlDatabase): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (dialectOf(db) === 'postgres') {
    const rows = db
      .prepare("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")
      .all() as { table_name: string; column_name: string }[];
    for (const r of rows) if (!DERIVED_TEXT.test(r.table_name)) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
    return out;
  }
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) {
    if (t.startsWith('sqlite_') || DERIVED_TEXT.test(t)) continue;
    out.set(t, (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[]));
  }
  return out;
}

/** Why the target cannot receive a copy, or null. */
export function copyRefusal(target: Store): string | null {
  for (const t of CONTENT_TABLES) {
    const n = target.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    if (n > 0) return `The target store already holds data (${n} row(s) in ${t}); copy only into an empty store`;
  }
  return null;
}

/** Copies every row of `source` into the empty `target`; throws (and writes nothing) on any difference. */
export function copyStore(source: Store, target: Store, progress: CopyProgress = () => {}): StoreCopyReport {
  const refusal = copyRefusal(target);
  if (refusal) throw new Error(refusal);
  const from = tablesOf(source.db);
  const to = tablesOf(target.db);
  const missing = [...from.keys()].filter((t) => !to.has(t));
  if (missing.length) throw new Error(`The target store has no table ${missing.join(', ')}; upgrade IdSync where the target is opened`);
  const tables: { name: string; rows: number }[] = [];
  // meta's schema version belongs to each store's own schema history. The search text is not copied (see
  // DERIVED_TEXT): the target is not told its text is current, so it writes the text again when it next opens.
  const metaWhere = " WHERE key NOT IN ('schema-version', 'search-text')";
  const form = target.codec.form;
  target.transaction(() => {
    for (const [table, columns] of from) {
      const lost = columns.filter((c) => !to.get(table)!.includes(c));
      if (lost.length) throw new Error(`The target's table ${table} has no column ${lost.join(', ')}`);
      const where = table === 'meta' ? metaWhere : '';
      target.db.prepare(`DELETE FROM ${table}${table === 'meta' ? " WHERE key <> 'schema-version'" : ''}`).run();
      const insert = target.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      let rows = 0;
      for (const row of source.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}${where}`).iterate() as IterableIterator<Record<string, unknown>>) {
        insert.run(...columns.map((c) => portableValue(table, c, row[c], form)));
        if (++rows % 5000 === 0) progress(table, rows);
      }
      progress(table, rows);
      tables.push({ name: table, rows });
    }
    if (dialectOf(target.db) === 'postgres') restartIdentities(target.db, to);
    for (const t of tables) {
      const where = t.name === 'meta' ? metaWhere : '';
      const n = target.db.prepare(`SELECT count(*) FROM ${t.name}${where}`).pluck().get() as number;
      if (n !== t.rows) throw new Error(`Copy of ${t.name} is incomplete: ${t.rows} row(s) read, ${n} in the target; nothing was written`);
    }
  });
  // The name dictionary is the source's now.
  target.names.reset();
  return { tables, totalRows: tables.reduce((n, t) => n + t.rows, 0) };
}

/** Values that changed representation between schema versions take the one the target's column holds. */
function portableValue(table: string, column: string, value: unknown, form: CodecForm): unknown {
  // Older SQLite run history kept snapshots as JSON text; PostgreSQL's column is binary.
  if (table === 'run_objects' && column === 'snapshot' && typeof value === 'string') return zlib.deflateRawSync(value, { level: 1 });
  if (value !== null && value !== undefined && ENCODED_COLUMNS[table]?.includes(column)) return encodedAs(value as EncodedMap, form);
  return value;
}

/** Identity columns continue after the copied ids, so new rows never reuse one. */
function restartIdentities(db: SqlDatabase, tables: Map<string, string[]>): void {
  const identities = db
    .prepare("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'")
    .all() as { table_name: string; column_name: string }[];
  for (const { table_name: t, column_name: c } of identities) {
    if (!tables.has(t)) continue;
    db.prepare(`SELECT setval(pg_get_serial_sequence('${t}', '${c}'), coalesce((SELECT max(${c}) FROM ${t}), 0) + 1, false)`).get();
  }
}
