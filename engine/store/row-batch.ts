// Rows of one table added or removed together. On PostgreSQL every statement is a trip through the connection's
// worker and a run of the server's executor, so the rows of one call go in one statement: an unnest of one array
// per column. On SQLite a statement is a function call, and each row keeps its own prepared statement.
import { dialectOf, type SqlDatabase, type SqlStatement } from './sql/sql-database.ts';

/** The PostgreSQL type of a column, for its array parameter. */
export type RowColumnType = 'BIGINT' | 'TEXT';

/** A table's key columns, in the order rows give their values. */
export interface RowTable {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, type: RowColumnType])[];
}

/** Adds rows (ignoring those already there) and removes rows by their whole key. */
export class RowBatch {
  private readonly insertOne: SqlStatement;
  private readonly removeOne: SqlStatement;
  private readonly insertMany: SqlStatement | null;
  private readonly removeMany: SqlStatement | null;
  private readonly types: readonly RowColumnType[];

  constructor(db: SqlDatabase, private readonly t: RowTable) {
    const names = t.columns.map(([n]) => n);
    this.types = t.columns.map(([, type]) => type);
    const match = names.map((n) => `${n} = ?`).join(' AND ');
    this.insertOne = db.prepare(`INSERT INTO ${t.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(',')}) ON CONFLICT DO NOTHING`);
    this.removeOne = db.prepare(`DELETE FROM ${t.table} WHERE ${match}`);
    if (dialectOf(db) === 'postgres') {
      const arrays = t.columns.map(([, type]) => `CAST(? AS ${type}[])`).join(', ');
      this.insertMany = db.prepare(`INSERT INTO ${t.table} (${names.join(', ')}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING`);
      const on = names.map((n) => `${t.table}.${n} = d.${n}`).join(' AND ');
      this.removeMany = db.prepare(`DELETE FROM ${t.table} USING unnest(${arrays}) AS d(${names.join(', ')}) WHERE ${on}`);
    } else {
      this.insertMany = null;
      this.removeMany = null;
    }
  }

  /** Adds these rows; a row already in the table is left as it is. */
  insert(rows: readonly (readonly unknown[])[]): void {
    this.write(rows, this.insertOne, this.insertMany);
  }

  /** Removes the rows with these keys. */
  remove(rows: readonly (readonly unknown[])[]): void {
    this.write(rows, this.removeOne, this.removeMany);
  }

  private write(rows: readonly (readonly unknown[])[], one: SqlStatement, many: SqlStatement | null): void {
    if (rows.length === 0) return;
    for (const r of rows) {
      this.types.forEach((type, i) => {
        if (type === 'BIGINT' && !Number.isSafeInteger(r[i])) throw new TypeError(`Not an integer for the BIGINT column ${this.t.columns[i][0]} of ${this.t.table}: ${String(r[i])}`);
      });
    }
    if (!many || rows.length === 1) {
      for (const r of rows) one.run(...r);
      return;
    }
    many.run(...this.types.map((type, i) => arrayLiteral(rows.map((r) => r[i]), type)));
  }
}

/** A column's values as a PostgreSQL array literal (the driver binds a JavaScript array as a list of parameters). */
function arrayLiteral(values: readonly unknown[], type: RowColumnType): string {
  if (type === 'BIGINT') return `{${values.join(',')}}`;
  return `{${values.map((v) => `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
