// Rows of connector space objects read ahead for a batch that goes through objects one at a time: by id, by anchor
// or by DN key, one statement per list instead of one per object, and none again to learn what an object was before
// it is written. Writing an object drops its row and whatever its new anchor or DN key may answer now, so what is
// read ahead is what a lookup would find. The caller forgets the rest when the batch ends, and the store forgets it
// when a transaction rolls back.
import { DN_KEY_SQL, dnKeyParams, type Row } from './cs-columns.ts';
import { inLists } from './in-lists.ts';
import { StatementCache } from './statement-cache.ts';
import { groupBy, ReadAheadEntries } from './read-ahead-entries.ts';
import type { SqlDatabase } from './sql/sql-database.ts';

/** Keys per statement. */
const CHUNK = 64;
/** Bytes of attribute maps held at most: a batch of large groups is looked up one object at a time beyond it. */
const BUDGET = 32 * 1024 * 1024;

/** Read-ahead rows; an anchor or DN key maps to the id of its object, or null when no object has it. */
export class RowsAhead {
  private readonly rows = new Map<number, Row>();
  /** Ids read and not found. */
  private readonly absent = new Set<number>();
  /** Anchors and DN keys: the id of the object each names. */
  private readonly anchors = new ReadAheadEntries<number>();
  private readonly keys = new ReadAheadEntries<number>();
  private held = 0;

  private readonly lists: StatementCache;

  constructor(
    db: SqlDatabase,
    /** Of several objects with one DN key, the one a lookup gives. */
    private readonly prefer: (rows: Row[]) => Row,
  ) {
    this.lists = new StatementCache(db);
  }

  /** Reads the rows of these ids; returns those that exist. */
  read(ids: readonly number[]): Row[] {
    for (const { asked, keys, marks } of inLists(ids.filter((id) => this.get(id) === undefined), CHUNK)) {
      const found = new Set<number>();
      for (const r of this.lists.get(`SELECT * FROM cs_objects WHERE id IN (${marks})`).all(...keys) as Row[]) {
        found.add(r.id);
        this.keep(r);
      }
      for (const id of asked) if (!found.has(id)) this.absent.add(id);
    }
    return ids.flatMap((id) => this.rows.get(id) ?? []);
  }

  /** Reads the objects of a connector with these anchors. */
  readAnchors(connector: number, anchors: Iterable<string>): void {
    const wanted = [...anchors].filter((a) => !this.anchors.has(entry(connector, a)));
    for (const { asked, keys, marks } of inLists(wanted, CHUNK)) {
      const found = new Map<string, Row>();
      for (const r of this.lists.get(`SELECT * FROM cs_objects WHERE connector = ? AND anchor IN (${marks})`).all(connector, ...keys) as Row[]) found.set(r.anchor!, r);
      for (const a of asked) {
        const r = found.get(a);
        if (!r) this.anchors.set(entry(connector, a), null, null);
        else if (this.keep(r)) this.anchors.set(entry(connector, a), r.id, r.id);
      }
    }
  }

  /** Reads the objects of a connector with these DN keys. */
  readKeys(connector: number, dnKeys: Iterable<string>): void {
    const wanted = [...dnKeys].filter((k) => !this.keys.has(entry(connector, k)));
    for (const { asked, keys, marks } of inLists(wanted, CHUNK)) {
      const sql = `SELECT *, ${DN_KEY_SQL} AS name_key FROM cs_objects WHERE connector = ? AND dn_hash IN (${marks})`;
      const rows = this.lists.get(sql).all(connector, ...keys.map((k) => dnKeyParams(k)[0])) as (Row & { name_key: string })[];
      const byKey = groupBy(rows, (r) => r.name_key);
      // A hash names a few keys at most: keep the ones asked for.
      for (const k of asked) {
        const group = byKey.get(k);
        if (!group) this.keys.set(entry(connector, k), null, null);
        else if (group.every((r) => this.keep(withoutKey(r)))) {
          const id = this.prefer(group).id;
          this.keys.set(entry(connector, k), id, id);
        }
      }
    }
  }

  /** The row of an id (null: no such object) if it was read and its object not written since; else undefined. */
  get(id: number): Row | null | undefined {
    return this.rows.get(id) ?? (this.absent.has(id) ? null : undefined);
  }

  /** The row of the object with this anchor (null: none), or undefined when that is not known here. */
  anchored(connector: number, anchor: string): Row | null | undefined {
    return this.found(this.anchors.get(entry(connector, anchor)));
  }

  /** The row of the object a DN key names (null: none), or undefined when that is not known here. */
  named(connector: number, key: string): Row | null | undefined {
    return this.found(this.keys.get(entry(connector, key)));
  }

  /** An object was written: its row is read again, and so is what its anchor and DN key now name. */
  written(id: number, connector: number, anchor: string | null, key: string | null): void {
    this.release(id);
    this.absent.delete(id);
    this.anchors.dropObject(id);
    this.keys.dropObject(id);
    if (anchor !== null) this.anchors.delete(entry(connector, anchor));
    if (key !== null) this.keys.delete(entry(connector, key));
  }

  /** Forgets every row. */
  forget(): void {
    this.rows.clear();
    this.anchors.clear();
    this.keys.clear();
    this.absent.clear();
    this.held = 0;
  }

  /** The object's row is read again when asked for (its anchor and DN key did not change). */
  drop(id: number): void {
    this.release(id);
  }

  /** Holds a row if the budget allows; true when it is held. */
  private keep(r: Row): boolean {
    if (this.rows.has(r.id)) return true;
    const size = sizeOf(r);
    if (this.held + size > BUDGET) return false;
    this.rows.set(r.id, r);
    this.held += size;
    return true;
  }

  private release(id: number): void {
    const r = this.rows.get(id);
    if (!r) return;
    this.rows.delete(id);
    this.held -= sizeOf(r);
  }

  /** An entry's row; an entry whose object was written since is gone, and its row may be too (then it is not known). */
  private found(id: number | null | undefined): Row | null | undefined {
    if (id === undefined || id === null) return id;
    return this.rows.get(id);
  }
}

/** A row as `SELECT *` gives it, without the DN key a read by keys adds. */
function withoutKey(r: Row & { name_key: string }): Row {
  const { name_key: _key, ...row } = r;
  return row;
}

/** The bytes (or UTF-16 units) of a row's attribute maps, near enough for a budget. */
function sizeOf(r: Row): number {
  let n = 256;
  for (const m of [r.hologram, r.pending_import, r.pending_export, r.unconfirmed]) if (m) n += m.length;
  return n;
}

function entry(connector: number, text: string): string {
  return `${connector}\u0000${text}`;
}
