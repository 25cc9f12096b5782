// Ids drawn ahead from a PostgreSQL table's identity sequence, so inserting a row need not wait for the server to
// answer with its id (INSERT … RETURNING is a round trip; an insert with its id is sent and not waited for). A
// sequence never gives a value twice, rolled back or not, so an id drawn here is free whatever happens meanwhile.
import type { SqlDatabase, SqlStatement } from './sql/sql-database.ts';

/** Ids drawn per statement. */
const DRAW = 64;

/** The next ids of one table's identity column. */
export class IdPool {
  private readonly draw: SqlStatement;
  private ids: number[] = [];

  constructor(db: SqlDatabase, table: string, column = 'id') {
    this.draw = db.prepare(`SELECT nextval(pg_get_serial_sequence('${table}', '${column}')) FROM generate_series(1, ${DRAW})`).pluck();
  }

  /** An id no row of the table has or will be given by the sequence. */
  next(): number {
    if (!this.ids.length) this.ids = (this.draw.all() as (number | string)[]).map(Number).reverse();
    return this.ids.pop()!;
  }
}
