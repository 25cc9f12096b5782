// The database connection the store is written against: the part of better-sqlite3's synchronous API the store
// uses, so SQLite needs no wrapper and PostgreSQL implements the same calls (engine/store/sql/postgres-database.ts).

/** A value bound to a `?` parameter or read from a column. */
export type SqlValue = string | number | bigint | Buffer | null;

/** What a write statement reports. */
export interface SqlRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement; `?` parameters are bound positionally. */
export interface SqlStatement {
  run(...params: unknown[]): SqlRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows one at a time; the implementation fetches them in bounded batches, never the whole result. */
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Return the first column's value instead of the row object. */
  pluck(toggle?: boolean): this;
  /** PostgreSQL: all()'s rows, pipelined inside a transaction and read later (see rows-later.ts). */
  allLater?(...params: unknown[]): () => unknown[];
}

/** The SQL dialect of a connection; store code picks dialect-specific SQL only where the portable subset ends. */
export type SqlDialect = 'sqlite' | 'postgres';

/** A synchronous connection: statements, multi-statement scripts and nestable transactions. */
export interface SqlDatabase {
  /** The database file (SQLite) or a path-like name of the data directory's database (PostgreSQL). */
  readonly name: string;
  readonly open: boolean;
  prepare(sql: string): SqlStatement;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): unknown;
  /** Wraps `fn` so that it runs in a transaction (a savepoint when nested) and rolls back when it throws. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same signature as better-sqlite3's
  transaction<F extends (...args: any[]) => unknown>(fn: F): (...args: F extends (...a: infer A) => unknown ? A : never) => ReturnType<F>;
  close(): unknown;
}

/** The dialect of `db`: PostgreSQL connections say so; anything else is SQLite. */
export function dialectOf(db: SqlDatabase): SqlDialect {
  return (db as { dialect?: SqlDialect }).dialect === 'postgres' ? 'postgres' : 'sqlite';
}
