// Metaverse objects, their value index (for joins and search) and paged search.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { MvClause } from '../../shared/model/metaverse.ts';
import type { ContributorRef, MvObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { valueKey } from '../model/stored-values.ts';
import { matchesClause } from './mv-clause.ts';
import { mvReferenceIds, type ReferenceIndex } from './reference-index.ts';
import { MvTextIndex, mvTextHolds } from './mv-text-index.ts';
import { narrowingClause } from './text-index.ts';
import { checkedPage, idPage, mapped, rowsById } from './search-page.ts';
import { SharedMeta } from './shared-meta.ts';

interface Row { id: number; object_type: string; attrs: string; contrib: string; retry_provisioning: number; created_at: string; updated_at: string }

/**
 * Contributors are stored compactly: most attributes of an object come from one rule and one CS object, so the
 * most common contributor is stored once (`d`) and only the other attributes are listed (`x`).
 */
interface StoredContrib {
  d?: ContributorRef[];
  x?: Record<string, ContributorRef[]>;
}

/** Compacts a contributor map for storage. */
export function packContrib(attrs: StoredAttributes, contrib: Record<string, ContributorRef[]>): string {
  const tally = new Map<string, number>();
  for (const refs of Object.values(contrib)) if (refs.length === 1) tally.set(JSON.stringify(refs), (tally.get(JSON.stringify(refs)) ?? 0) + 1);
  let best: string | null = null;
  for (const [k, n] of tally) if (best === null || n > tally.get(best)!) best = k;
  const out: StoredContrib = {};
  if (best) out.d = JSON.parse(best) as ContributorRef[];
  for (const [attr, refs] of Object.entries(contrib)) {
    if (JSON.stringify(refs) === best && attr in attrs) continue;
    (out.x ??= {})[attr] = refs;
  }
  return JSON.stringify(out);
}

/** Expands a stored contributor map. */
export function unpackContrib(attrs: StoredAttributes, text: string): Record<string, ContributorRef[]> {
  const packed = JSON.parse(text) as StoredContrib;
  const out: Record<string, ContributorRef[]> = {};
  if (packed.d) for (const attr of Object.keys(attrs)) out[attr] = packed.d;
  if (packed.x) Object.assign(out, packed.x);
  return out;
}

function toObject(r: Row): MvObject {
  const attrs = JSON.parse(r.attrs) as StoredAttributes;
  return {
    id: r.id, objectType: r.object_type, attrs, contrib: unpackContrib(attrs, r.contrib),
    retryProvisioning: r.retry_provisioning === 1, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Store functions for metaverse objects. */
export class MvStore {
  private readonly stmts;
  /** Attributes kept in the value index (join attributes and attributes marked indexed). */
  private readonly indexedSet: SharedMeta<ReadonlySet<string>>;
  /** The text of the indexed and identity attributes, for equality, prefix and contains search. */
  private readonly text: MvTextIndex;

  constructor(
    private readonly db: SqlDatabase,
    private readonly refs: ReferenceIndex,
  ) {
    this.text = new MvTextIndex(db);
    this.stmts = {
      get: db.prepare('SELECT * FROM mv_objects WHERE id = ?'),
      insert: db.prepare('INSERT INTO mv_objects (object_type, attrs, contrib, retry_provisioning, created_at, updated_at) VALUES (?,?,?,?,?,?) RETURNING id').pluck(),
      update: db.prepare('UPDATE mv_objects SET object_type=?, attrs=?, contrib=?, retry_provisioning=?, updated_at=? WHERE id=?'),
      delete: db.prepare('DELETE FROM mv_objects WHERE id = ?'),
      indexDelete: db.prepare('DELETE FROM mv_index WHERE mv_id = ?'),
      indexInsert: db.prepare('INSERT OR IGNORE INTO mv_index (attr, value, mv_id) VALUES (?,?,?)'),
      indexFind: db.prepare('SELECT mv_id FROM mv_index WHERE attr = ? AND value = ? LIMIT 50'),
      retry: db.prepare('SELECT id FROM mv_objects WHERE retry_provisioning = 1 ORDER BY id'),
    };
    this.indexedSet = new SharedMeta<ReadonlySet<string>>(db, 'mv-indexed', (text) => new Set(text ? (JSON.parse(text) as string[]) : []), (v) => JSON.stringify([...v]));
  }

  private get indexed(): ReadonlySet<string> {
    return this.indexedSet.get();
  }

  /** The attributes in the value index now. */
  indexedAttributes(): string[] {
    return [...this.indexed];
  }

  /** Makes sure exactly `attributes` are indexed, rebuilding the index when the set changed. */
  ensureIndexed(attributes: Iterable<string>): void {
    const wanted = new Set(attributes);
    const current = this.indexed;
    if (wanted.size === current.size && [...wanted].every((a) => current.has(a))) return;
    this.indexedSet.set(wanted);
    this.db.prepare('DELETE FROM mv_index').run();
    this.text.clear();
    this.eachObject((id, attrs) => this.writeIndex(id, attrs, false));
  }

  /** Writes the search text of every object again (the attributes it holds changed with this version). */
  rebuildText(): void {
    this.text.clear();
    const indexed = this.indexed;
    this.eachObject((id, attrs) => this.text.write(id, attrs, indexed, false));
  }

  /** Calls `fn` with every object's attributes, a page at a time. */
  private eachObject(fn: (id: number, attrs: StoredAttributes) => void): void {
    const page = this.db.prepare('SELECT id, attrs FROM mv_objects WHERE id > ? ORDER BY id LIMIT 1000');
    for (let after = 0; ; ) {
      const rows = page.all(after) as { id: number; attrs: string }[];
      if (!rows.length) break;
      for (const r of rows) fn(r.id, JSON.parse(r.attrs) as StoredAttributes);
      after = rows[rows.length - 1].id;
    }
  }

  /** Writes an object's value index entries and search text (with `replace`, in place of what it had). */
  private writeIndex(id: number, attrs: StoredAttributes, replace: boolean): void {
    const indexed = this.indexed;
    if (replace && indexed.size) this.stmts.indexDelete.run(id);
    for (const attr of indexed) for (const v of attrs[attr] ?? []) this.stmts.indexInsert.run(attr, valueKey(v), id);
    this.text.write(id, attrs, indexed, replace);
  }

  /** One MV object. */
  get(id: number): MvObject | null {
    const r = this.stmts.get.get(id) as Row | undefined;
    return r ? toObject(r) : null;
  }

  /** Inserts an object; returns its id. */
  insert(o: Omit<MvObject, 'id'>): number {
    const id = this.stmts.insert.get(o.objectType, JSON.stringify(o.attrs), packContrib(o.attrs, o.contrib), o.retryProvisioning ? 1 : 0, o.createdAt, o.updatedAt) as number;
    this.writeIndex(id, o.attrs, false);
    this.refs.setMv(id, mvReferenceIds(o.attrs), false);
    return id;
  }

  /** Writes an object and refreshes its index entries. */
  update(o: MvObject, attrsChanged = true): void {
    this.stmts.update.run(o.objectType, JSON.stringify(o.attrs), packContrib(o.attrs, o.contrib), o.retryProvisioning ? 1 : 0, o.updatedAt, o.id);
    if (attrsChanged) {
      this.writeIndex(o.id, o.attrs, true);
      this.refs.setMv(o.id, mvReferenceIds(o.attrs), true);
    }
  }

  /** Deletes an object and its index entries. */
  delete(id: number): void {
    this.stmts.indexDelete.run(id);
    this.text.remove(id);
    this.stmts.delete.run(id);
    this.refs.removeMv(id);
  }

  /** Ids of the MV objects whose reference values point to this one. */
  referrers(id: number): number[] {
    return this.refs.mvReferrers(id);
  }

  /** MV ids whose indexed attribute has a value with this comparison key (see valueKey). */
  findByKey(attr: string, key: string): number[] {
    if (!this.indexed.has(attr)) throw new Error(`Metaverse attribute ${attr} is not indexed`);
    return (this.stmts.indexFind.all(attr, key) as { mv_id: number }[]).map((r) => r.mv_id);
  }

  /** True when the attribute is in the value index. */
  isIndexed(attr: string): boolean {
    return this.indexed.has(attr);
  }

  /** MV objects flagged for retry provisioning. */
  retryFlagged(): number[] {
    return (this.stmts.retry.all() as { id: number }[]).map((r) => r.id);
  }

  /** Number of MV objects. */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM mv_objects').get() as { n: number }).n;
  }

  /** Pages through MV objects of a type matching every clause (cursor = last id). */
  search(objectType: string | undefined, clauses: readonly MvClause[], cursor: string | null, limit: number): { items: MvObject[]; total: number; nextCursor: string | null } {
    // The clause the text index narrows best selects exactly its objects; the other clauses are checked row by row.
    const indexed = this.indexed;
    const narrowing = narrowingClause(clauses, (a) => mvTextHolds(a, indexed));
    let sql = 'SELECT * FROM mv_objects WHERE 1=1';
    const params: unknown[] = [];
    if (objectType) {
      sql += ' AND object_type = ?';
      params.push(objectType);
    }
    if (narrowing) {
      const q = this.text.matching(narrowing.attribute, narrowing.operator, narrowing.value);
      sql += ` AND id IN (${q.sql})`;
      params.push(...q.params);
    }
    const after = cursor ? Number(cursor) : 0;
    if (narrowing && clauses.length === 1) {
      // The index selects exactly the matches: one pass over their ids counts them and finds the page.
      const page = idPage(this.db, `${sql.replace('SELECT *', 'SELECT id')} ORDER BY id`, params, after, limit);
      const items = rowsById<Row>(this.db, 'mv_objects', page.ids).map(toObject);
      return { items, total: page.total, nextCursor: page.more ? String(items[items.length - 1].id) : null };
    }
    if (clauses.length === 0) {
      // Nothing left to check row by row: SQL counts and pages, so a page costs the same on any metaverse size.
      const total = (this.db.prepare(sql.replace('SELECT *', 'SELECT COUNT(*) AS n')).get(...params) as { n: number }).n;
      const rows = this.db.prepare(`${sql} AND id > ? ORDER BY id LIMIT ?`).all(...params, after, limit + 1) as Row[];
      const items = rows.slice(0, limit).map(toObject);
      return { items, total, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
    }
    const rows = this.db.prepare(`${sql} ORDER BY id`).iterate(...params) as IterableIterator<Row>;
    return checkedPage(mapped(rows, toObject), (o) => clauses.every((c) => matchesClause(o.attrs[c.attribute], c)), after, limit);
  }

  /** True when the search text holds the attribute (an indexed or identity attribute). */
  holdsText(attr: string): boolean {
    return mvTextHolds(attr, this.indexed);
  }
}
