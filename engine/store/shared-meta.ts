// A value kept in the meta table that other processes may change (which attributes are indexed): re-read whenever
// another connection has committed since the last look, so a long-lived host never maintains an index by a set
// that a command-line run has since changed (its writes would leave the index without values another run trusts).
import { dialectOf, type SqlDatabase, type SqlStatement } from './sql/sql-database.ts';

/** One meta row, parsed, cached until another connection commits. */
export class SharedMeta<T> {
  private readonly version: SqlStatement | null;
  private readonly read: SqlStatement;
  private readonly write: SqlStatement;
  private seen = -1;
  private value: T;

  constructor(
    db: SqlDatabase,
    private readonly key: string,
    private readonly parse: (text: string | undefined) => T,
    private readonly format: (value: T) => string,
  ) {
    // SQLite counts commits of other connections; PostgreSQL has no such counter, so there the row is read each time.
    this.version = dialectOf(db) === 'sqlite' ? db.prepare('PRAGMA data_version').pluck() : null;
    this.read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.value = this.get();
  }

  /** The current value (re-read when another connection has committed since the last call). */
  get(): T {
    const version = this.version ? (this.version.get() as number) : this.seen + 1;
    if (version !== this.seen) {
      this.value = this.parse(this.read.get(this.key) as string | undefined);
      this.seen = version;
    }
    return this.value;
  }

  /** Stores a new value (in the caller's transaction). */
  set(value: T): void {
    this.write.run(this.key, this.format(value));
    this.value = value;
  }
}
