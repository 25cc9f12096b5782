// The store's dictionary of short repeated strings (attribute names, run counters, object types, connector names):
// rows and indexes hold a small integer instead of the text. Ids are never reused or renumbered, so every process
// can cache the dictionary; a process re-reads it when it meets an id it does not know (another process added it),
// and forgets what it cached when a transaction rolls back (a name added inside it is gone with it).
import type { SqlDatabase, SqlStatement } from './sql/sql-database.ts';

/** Ids of names, cached per connection. */
export class StoreNames {
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly stmts: { all: SqlStatement; add: SqlStatement; find: SqlStatement };

  constructor(db: SqlDatabase) {
    this.stmts = {
      all: db.prepare('SELECT id, name FROM names'),
      add: db.prepare('INSERT INTO names (name) VALUES (?) ON CONFLICT (name) DO NOTHING'),
      find: db.prepare('SELECT id FROM names WHERE name = ?').pluck(),
    };
    this.reload();
  }

  /** The id of a name, adding the name (in the caller's transaction) when the store does not know it yet. */
  id(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    this.stmts.add.run(name);
    const id = this.stmts.find.get(name) as number;
    this.remember(id, name);
    return id;
  }

  /** The id of a name this process has cached, or undefined (no database read). */
  cachedId(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** Number of names cached. */
  get size(): number {
    return this.ids.size;
  }

  /** The id of a name the store already knows, or undefined (a query for an unknown name matches nothing). */
  existingId(name: string): number | undefined {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const id = this.stmts.find.get(name) as number | undefined;
    if (id !== undefined) this.remember(id, name);
    return id;
  }

  /** The name of an id. */
  name(id: number): string {
    let name = this.names.get(id);
    if (name === undefined) {
      this.reload();
      name = this.names.get(id);
      if (name === undefined) throw new Error(`The store's name dictionary has no entry ${id}: the database is damaged`);
    }
    return name;
  }

  /** Forgets the cache (a transaction rolled back): the next use reads the dictionary as the database has it. */
  reset(): void {
    this.reload();
  }

  private reload(): void {
    this.ids.clear();
    this.names.clear();
    for (const r of this.stmts.all.all() as { id: number; name: string }[]) this.remember(r.id, r.name);
  }

  private remember(id: number, name: string): void {
    this.ids.set(name, id);
    this.names.set(id, name);
  }
}
