// Names of connector space objects read ahead for a batch, so resolving references needs no statement each: the
// object a DN names in a connector, and the object of a connector linked to a metaverse object, found in one
// statement per 256 keys. What is read ahead stays what a lookup would find while the batch writes: writing an
// object drops every entry it answered and every entry its DN or link may answer now. The caller forgets the rest
// when the batch ends, and the store forgets it when a transaction rolls back.
import { DN_KEY_SQL, dnKeyParams } from './cs-columns.ts';
import { inLists } from './in-lists.ts';
import { StatementCache } from './statement-cache.ts';
import { groupBy, ReadAheadEntries } from './read-ahead-entries.ts';
import type { SqlDatabase } from './sql/sql-database.ts';

/** Keys per statement. */
const CHUNK = 256;
/** Entries kept at most: a batch of large groups names more members than is worth holding. */
const MOST = 50_000;

/** The columns every read-ahead row carries besides the caller's. */
export interface NamedRow {
  id: number;
  connector: number;
  mv_id: number | null;
}

/** Read-ahead names by DN key and by link; null where nothing is there, undefined where nothing was read. */
export class NamesAhead<R extends NamedRow, T> {
  private readonly entries = new ReadAheadEntries<T>();
  private readonly lists: StatementCache;

  constructor(
    db: SqlDatabase,
    /** The columns `toName` and `prefer` read; `id`, `connector` and `mv_id` among them. */
    private readonly columns: string,
    private readonly toName: (row: R) => T,
    /** Of several objects with one DN key, the one a lookup gives. */
    private readonly prefer: (rows: R[]) => R,
  ) {
    this.lists = new StatementCache(db);
  }

  /** Reads the object each of these DN keys names in a connector. */
  readKeys(connector: number, keys: Iterable<string>): void {
    const wanted = [...keys].filter((k) => !this.entries.has(keyEntry(connector, k)));
    for (const { asked, keys: bound, marks } of inLists(wanted, CHUNK)) {
      if (this.entries.size >= MOST) return;
      const sql = `SELECT ${this.columns}, ${DN_KEY_SQL} AS name_key FROM cs_objects WHERE connector = ? AND dn_hash IN (${marks})`;
      const rows = this.lists.get(sql).all(connector, ...bound.map((k) => dnKeyParams(k)[0])) as (R & { name_key: string })[];
      const byKey = groupBy(rows, (r) => r.name_key);
      // A hash names a few keys at most: keep the ones asked for.
      for (const k of asked) {
        const found = byKey.get(k);
        this.set(keyEntry(connector, k), found ? this.prefer(found) : null);
      }
    }
  }

  /** Reads the object of each of these connectors linked to each of these metaverse objects. */
  readLinked(connectors: readonly number[], mvIds: Iterable<number>): void {
    const wanted = [...mvIds].filter((id) => connectors.some((c) => !this.entries.has(linkEntry(c, id))));
    for (const { asked, keys: bound, marks } of inLists(wanted, CHUNK)) {
      if (this.entries.size >= MOST) return;
      const rows = this.lists.get(`SELECT ${this.columns} FROM cs_objects WHERE mv_id IN (${marks})`).all(...bound) as R[];
      const byLink = groupBy(rows, (r) => linkEntry(r.connector, r.mv_id!));
      for (const id of asked) {
        for (const c of connectors) {
          const linked = byLink.get(linkEntry(c, id)) ?? [];
          // Two objects linked to one identity in one connector: which one a lookup finds is the lookup's to say.
          if (linked.length <= 1) this.set(linkEntry(c, id), linked[0] ?? null);
        }
      }
    }
  }

  /** The object a DN key names, as read ahead. */
  byKey(connector: number, key: string): T | null | undefined {
    return this.entries.get(keyEntry(connector, key));
  }

  /** The object of a connector linked to a metaverse object, as read ahead. */
  linked(connector: number, mvId: number): T | null | undefined {
    return this.entries.get(linkEntry(connector, mvId));
  }

  /** An object was written (null `key`: deleted): drops what it answered and what its DN key and link may answer now. */
  written(id: number, connector: number, key: string | null, mvId: number | null): void {
    if (!this.entries.size) return;
    this.entries.dropObject(id);
    if (key !== null) this.entries.delete(keyEntry(connector, key));
    if (mvId !== null) this.entries.delete(linkEntry(connector, mvId));
  }

  /** Forgets everything read ahead. */
  forget(): void {
    this.entries.clear();
  }

  private set(entry: string, row: R | null): void {
    this.entries.set(entry, row ? this.toName(row) : null, row?.id ?? null);
  }
}

function keyEntry(connector: number, key: string): string {
  return `${connector}\u0000${key}`;
}

function linkEntry(connector: number, mvId: number): string {
  return `${connector}:${mvId}`;
}
