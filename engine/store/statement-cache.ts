// Statements prepared once per SQL text. SQLite compiles a statement on every prepare, and the statements that read
// by lists of keys (in-lists.ts) repeat a few texts (one per padded length) batch after batch.
import type { SqlDatabase, SqlStatement } from './sql/sql-database.ts';

/** Texts kept at most; past it the cache starts again. */
const MOST = 64;

/** Prepared statements by their SQL. */
export class StatementCache {
  private readonly statements = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {}

  /** The statement of this SQL, prepared the first time it is asked for. */
  get(sql: string): SqlStatement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size >= MOST) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }
}
