// The objects of a connector linked to the metaverse objects an export batch refers to, read ahead in one statement
// per 256 metaverse ids instead of one per reference value. They are kept only until the store writes an object or
// the caller forgets them, so what is read ahead is what a lookup would find.
import { inLists } from './in-lists.ts';
import type { SqlDatabase } from './sql/sql-database.ts';

/** Metaverse ids per statement. */
const CHUNK = 256;

/** Read-ahead names by connector and metaverse id; null where no object of the connector is linked. */
export class LinkedNames<T> {
  private names: Map<string, T | null> | null = null;

  constructor(
    private readonly db: SqlDatabase,
    /** The columns `toName` reads, `mv_id` among them. */
    private readonly columns: string,
    private readonly toName: (row: Record<string, unknown>) => T,
  ) {}

  /** Reads the object of `connector` linked to each of these metaverse ids. */
  readAhead(connector: number, mvIds: Iterable<number>): void {
    const names = (this.names ??= new Map());
    const wanted = [...mvIds].filter((id) => !names.has(`${connector}:${id}`));
    for (const { asked, keys: bound, marks } of inLists(wanted, CHUNK)) {
      const rows = this.db.prepare(`SELECT ${this.columns} FROM cs_objects WHERE connector = ? AND mv_id IN (${marks})`).all(connector, ...bound) as Record<string, unknown>[];
      const byMv = new Map<number, Record<string, unknown>[]>();
      for (const r of rows) {
        const linked = byMv.get(r.mv_id as number);
        if (linked) linked.push(r);
        else byMv.set(r.mv_id as number, [r]);
      }
      for (const id of asked) {
        const linked = byMv.get(id) ?? [];
        // Two objects linked to one identity in one connector: which one a lookup finds is the lookup's to say.
        if (linked.length <= 1) names.set(`${connector}:${id}`, linked.length ? this.toName(linked[0]) : null);
      }
    }
  }

  /** The name read ahead (null: none linked); undefined when it was not read ahead and must be looked up. */
  get(connector: number, mvId: number): T | null | undefined {
    return this.names?.get(`${connector}:${mvId}`);
  }

  /** Forgets everything read ahead. */
  forget(): void {
    this.names = null;
  }
}
