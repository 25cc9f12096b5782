// Bytes in use per table and index of a store: SQLite's dbstat, or PostgreSQL's relation sizes in the store's schema.
import { dialectOf, type SqlDatabase } from '../../engine/store/sql/sql-database.ts';

/** One table or index and the bytes its pages take. */
export interface RelationBytes {
  readonly name: string;
  readonly bytes: number;
}

/** The bytes of every table and index of the store. */
export function relationBytes(db: SqlDatabase): RelationBytes[] {
  const sql = dialectOf(db) === 'postgres'
    ? "SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')"
    : 'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name';
  return (db.prepare(sql).all() as { name: string; bytes: number | string }[]).map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
}
