// A value kept in the meta table that other processes may change (which attributes are indexed): re-read whenever
// another connection has committed since the last look, so a long-lived host never maintains an index by a set
// that a command-line run has since changed (its writes would leave the index without values another run trusts).
import type Database from 'better-sqlite3';

/** One meta row, parsed, cached until another connection commits. */
export class SharedMeta<T> {
  private readonly version: Database.Statement;
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;
  private seen = -1;
  private value: T;

  constructor(
    db: Database.Database,
    private readonly key: string,
    private readonly parse: (text: string | undefined) => T,
    private readonly format: (value: T) => string,
  ) {
    this.version = db.prepare('PRAGMA data_version').pluck();
    this.read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.write = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.value = this.get();
  }

  /** The current value (re-read when another connection has committed since the last call). */
  get(): T {
    const version = this.version.get() as number;
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
