// Where a data directory's store lives: the SQLite file in the directory (the default), or a PostgreSQL database
// named by `--store postgres://…` / IDSYNC_STORE. One PostgreSQL database can hold several data directories, each
// in its own schema: `?schema=NAME`, or `?schema=auto` for a schema derived from the directory's path.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The SQLite file, or a PostgreSQL connection string and the schema inside that database. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; readonly file: string };

/** The schema used when the connection string names none. */
export const DEFAULT_POSTGRES_SCHEMA = 'idsync';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** True for a PostgreSQL connection string. */
export function isPostgresUrl(value: string | undefined): value is string {
  return !!value && /^postgres(ql)?:\/\//i.test(value);
}

/** The location of the store of the database file `file`, given the configured store (flag or IDSYNC_STORE). */
export function storeLocation(file: string, configured: string | undefined = process.env.IDSYNC_STORE): StoreLocation {
  if (!configured || configured === 'sqlite') return { kind: 'sqlite', file };
  if (!isPostgresUrl(configured)) {
    throw new Error(`IDSYNC_STORE / --store must be "sqlite" or a postgres://… connection string, not "${redactStoreUrl(configured)}"`);
  }
  const url = new URL(configured);
  const asked = url.searchParams.get('schema') ?? DEFAULT_POSTGRES_SCHEMA;
  url.searchParams.delete('schema');
  const schema = asked === 'auto' ? autoSchema(file) : asked;
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`The store's schema "${schema}" is not a plain lower-case PostgreSQL name (letters, digits, _; at most 63)`);
  }
  return { kind: 'postgres', url: url.toString(), schema, file };
}

/** The schema of a data directory under `schema=auto`: stable for the directory, distinct between directories. */
function autoSchema(file: string): string {
  const dir = path.resolve(path.dirname(file));
  return `idsync_${crypto.createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
}

/** A connection string without its password, for messages. */
export function redactStoreUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/:[^:@/]*@/, ':***@');
  }
}

/** True when the store of `file` may hold data: the SQLite file exists, or the store is PostgreSQL. */
export function storeMayExist(file: string): boolean {
  return storeLocation(file).kind === 'postgres' || fs.existsSync(file);
}
