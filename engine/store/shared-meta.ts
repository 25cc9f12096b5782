// A value kept in the meta table that other processes may change (which attributes are indexed): re-read whenever
// another connection may have committed since the last look, so a long-lived host never maintains an index by a set
// that a command-line run has since changed (its writes would leave the index without values another run trusts).
import { dialectOf, type SqlDatabase, type SqlStatement } from './sql/sql-database.ts';
import type { SqlGuard } from './sql-guard.ts';

/** One meta row, parsed, cached while no other connection can have changed it. */
export class SharedMeta<T> {
  private readonly version: SqlStatement | null;
  private readonly read: SqlStatement;
  /** PostgreSQL outside a transaction: the lock would end with the statement, so a plain read (no tuple lock). */
  private readonly readUnlocked: SqlStatement | null;
  private readonly write: SqlStatement;
  private seen: number | null = -1;
  private value: T;
  /** The row's text when last read (undefined: no row). */
  private text: string | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly key: string,
    private readonly parse: (text: string | undefined) => T,
    private readonly format: (value: T) => string,
  ) {
    const sqlite = dialectOf(db) === 'sqlite';
    // SQLite counts the commits of other connections. PostgreSQL has no such counter: there the row is read once per
    // transaction under a share lock, so another process's change waits for this transaction (as SQLite's writer
    // lock makes it wait) and is seen by the next one.
    this.version = sqlite ? db.prepare('PRAGMA data_version').pluck() : null;
    this.read = db.prepare(sqlite ? 'SELECT value FROM meta WHERE key = ?' : 'SELECT value FROM meta WHERE key = ? FOR SHARE').pluck();
    this.readUnlocked = sqlite ? null : db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.value = this.get();
  }

  /** The current value (re-read when another connection may have committed since the last call). */
  get(): T {
    const version = this.version ? (this.version.get() as number) : ((this.db as { transactionSerial?: number | null }).transactionSerial ?? null);
    if (version === null || version !== this.seen) {
      const read = version === null && this.readUnlocked ? this.readUnlocked : this.read;
      this.text = read.get(this.key) as string | undefined;
      this.value = this.parse(this.text);
      this.seen = version;
    }
    return this.value;
  }

  /**
   * Where get() would cost a round trip (PostgreSQL outside a transaction): the value last read, and a condition
   * true only while the row still holds it, for a statement to check in its own snapshot instead (a statement that
   * finds rows under it ran under that value). Null elsewhere: call get().
   */
  speculative(): (SqlGuard & { readonly value: T }) | null {
    if (this.version || (this.db as { transactionSerial?: number | null }).transactionSerial != null) return null;
    return { value: this.value, guard: '(SELECT value FROM meta WHERE key = ?) IS NOT DISTINCT FROM ?', params: [this.key, this.text ?? null] };
  }

  /** Stores a new value (in the caller's transaction). */
  set(value: T): void {
    this.text = this.format(value);
    this.write.run(this.key, this.text);
    this.value = value;
  }
}
