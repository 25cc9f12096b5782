// Reading rows without waiting for them: PostgreSQL pipelines the statement inside a transaction (its rows come with
// the next call that waits), so a caller that needs them only later saves the round trip. SQLite reads them now.
import type { SqlStatement } from './sql-database.ts';

/** The rows `statement.all(...params)` gives, from a function to call when they are needed (in the same transaction). */
export function allLater(statement: SqlStatement, ...params: unknown[]): () => unknown[] {
  if (statement.allLater) return statement.allLater(...params);
  const rows = statement.all(...params);
  return () => rows;
}
