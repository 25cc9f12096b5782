// Metaverse objects, their value index (for joins and search) and paged search.
import { dialectOf, type SqlDatabase } from './sql/sql-database.ts';
import { IdPool } from './id-pool.ts';
import type { MvClause } from '../../shared/model/metaverse.ts';
import type { ContributorRef, MvObject } from '../model/objects.ts';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { valueKey } from '../model/stored-values.ts';
import { matchesClause } from './mv-clause.ts';
import { mvReferenceIds, type ReferenceIndex } from './reference-index.ts';
import { MvTextIndex, mvTextHolds } from './mv-text-index.ts';
import { narrowingClause } from './text-index.ts';
import { checkedPage, idPage, mapped, rowsById } from './search-page.ts';
import { SEARCH_COUNT_LIMIT } from '../../shared/model/values.ts';
import { SharedMeta } from './shared-meta.ts';
import type { SqlGuard } from './sql-guard.ts';
import { RowBatch } from './row-batch.ts';
import { sameEncoded, type AttributeCodec, type EncodedMap } from './attribute-codec.ts';
import type { StoreNames } from './store-names.ts';
import { isoOf, timeColumn } from './time-column.ts';
import { KEY_LOOKUP_LIMIT, MvKeysAhead } from './mv-keys-ahead.ts';

/** A value index entry of the attribute (`?`) that is a reference: such entries are keyed `ref:<metaverse id>`. */
const REFERENCE_ENTRY = "SELECT 1 FROM mv_index WHERE attr = ? AND value >= 'ref:' AND value < 'ref;' LIMIT 1";

interface Row { id: number; object_type: number; attrs: EncodedMap; contrib: string; retry_provisioning: number; created_at: number | null; updated_at: number | null }

/** A page of a metaverse search: the total is a lower bound when `totalExact` is false. */
interface MvPage {
  readonly items: MvObject[];
  readonly total: number;
  readonly totalExact?: boolean;
  readonly nextCursor: string | null;
}

/**
 * Contributors are stored compactly: most attributes of an object come from one rule and one CS object, so the
 * most common contributor is stored once (`d`) and only the other attributes are listed (`x`). Without other
 * attributes the stored text is the array `d` alone.
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
  return JSON.stringify(out.x ? out : (out.d ?? []));
}

/** Expands a stored contributor map. */
export function unpackContrib(attrs: StoredAttributes, text: string): Record<string, ContributorRef[]> {
  const parsed = JSON.parse(text) as StoredContrib | ContributorRef[];
  const packed: StoredContrib = Array.isArray(parsed) ? (parsed.length ? { d: parsed } : {}) : parsed;
  const out: Record<string, ContributorRef[]> = {};
  if (packed.d) for (const attr of Object.keys(attrs)) out[attr] = packed.d;
  if (packed.x) Object.assign(out, packed.x);
  return out;
}

/** The update time, NULL while it is the creation time. */
export function updatedColumn(o: Pick<MvObject, 'createdAt' | 'updatedAt'>): number | null {
  return o.updatedAt === o.createdAt ? null : timeColumn(o.updatedAt);
}

function toObject(codec: AttributeCodec, names: StoreNames, r: Row): MvObject {
  const attrs = codec.decode(r.attrs);
  return {
    id: r.id, objectType: names.name(r.object_type), attrs, contrib: unpackContrib(attrs, r.contrib),
    retryProvisioning: r.retry_provisioning === 1, createdAt: isoOf(r.created_at) ?? '', updatedAt: isoOf(r.updated_at ?? r.created_at) ?? '',
  };
}

/** Store functions for metaverse objects. */
export class MvStore {
  private readonly stmts;
  /** Attributes kept in the value index (join attributes and attributes marked indexed). */
  private readonly indexedSet: SharedMeta<ReadonlySet<string>>;
  /** PostgreSQL: ids drawn ahead, so an insert is not waited for. */
  private readonly ids: IdPool | null;
  /** PostgreSQL: value index entries a batch's joins read ahead. */
  private readonly keysAhead: MvKeysAhead;
  /** Whether readAheadKeys reads anything: on SQLite a lookup is a function call, and reading ahead would only add work. */
  readonly readsAhead: boolean;
  /** The text of the indexed and identity attributes, for equality, prefix and contains search. */
  readonly text: MvTextIndex;

  constructor(
    private readonly db: SqlDatabase,
    private readonly refs: ReferenceIndex,
    private readonly codec: AttributeCodec,
    private readonly names: StoreNames,
  ) {
    this.ids = dialectOf(db) === 'postgres' ? new IdPool(db, 'mv_objects') : null;
    this.text = new MvTextIndex(db, names, () => this.indexed);
    this.stmts = {
      get: db.prepare('SELECT * FROM mv_objects WHERE id = ?'),
      insert: db.prepare('INSERT INTO mv_objects (object_type, attrs, contrib, retry_provisioning, created_at, updated_at) VALUES (?,?,?,?,?,?) RETURNING id').pluck(),
      insertWithId: db.prepare('INSERT INTO mv_objects (id, object_type, attrs, contrib, retry_provisioning, created_at, updated_at) VALUES (?,?,?,?,?,?,?)'),
      update: db.prepare('UPDATE mv_objects SET object_type=?, attrs=?, contrib=?, retry_provisioning=?, updated_at=? WHERE id=?'),
      delete: db.prepare('DELETE FROM mv_objects WHERE id = ?'),
      attrsOf: db.prepare('SELECT attrs FROM mv_objects WHERE id = ?').pluck(),
      index: new RowBatch(db, { table: 'mv_index', columns: [['attr', 'BIGINT'], ['value', 'TEXT'], ['mv_id', 'BIGINT']] }),
      indexFind: db.prepare(`SELECT mv_id FROM mv_index WHERE attr = ? AND value = ? LIMIT ${KEY_LOOKUP_LIMIT}`),
      retry: db.prepare('SELECT id FROM mv_objects WHERE retry_provisioning = 1 ORDER BY id'),
    };
    this.keysAhead = new MvKeysAhead(db);
    this.readsAhead = dialectOf(db) === 'postgres';
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
    this.keysAhead.forget();
    this.db.prepare('DELETE FROM mv_index').run();
    this.text.clear();
    this.eachObject((id, attrs) => this.writeIndex(id, attrs));
  }

  /** Writes the search text of every object again (the attributes it holds changed with this version). */
  rebuildText(): void {
    this.text.clear();
    this.eachObject((id, attrs) => this.text.write(id, null, attrs));
  }

  /** Calls `fn` with every object's attributes, a page at a time. */
  private eachObject(fn: (id: number, attrs: StoredAttributes) => void): void {
    const page = this.db.prepare('SELECT id, attrs FROM mv_objects WHERE id > ? ORDER BY id LIMIT 1000');
    for (let after = 0; ; ) {
      const rows = page.all(after) as { id: number; attrs: EncodedMap }[];
      if (!rows.length) break;
      for (const r of rows) fn(r.id, this.codec.decode(r.attrs));
      after = rows[rows.length - 1].id;
    }
  }

  /** Writes a new object's value index entries and search text. */
  private writeIndex(id: number, attrs: StoredAttributes): void {
    const entries = [...this.indexEntries(attrs).values()];
    for (const [attr, value] of entries) this.keysAhead.added(attr, value, id);
    this.stmts.index.insert(entries.map(([attr, value]) => [attr, value, id]));
    this.text.write(id, null, attrs);
  }

  /** The value index entries of an object's attributes: attribute id and value key, by both. */
  private indexEntries(attrs: StoredAttributes): Map<string, [number, string]> {
    const out = new Map<string, [number, string]>();
    for (const attr of this.indexed) {
      const values = attrs[attr];
      if (!values?.length) continue;
      const name = this.names.id(attr);
      for (const v of values) {
        const key = valueKey(v);
        out.set(`${name}\u0000${key}`, [name, key]);
      }
    }
    return out;
  }

  /** Moves an object's index entries and text from its previous attributes to its new ones (the indexes hold no entry by object). */
  private replaceIndex(id: number, before: StoredAttributes, after: StoredAttributes | null): void {
    if (this.indexed.size) {
      const old = this.indexEntries(before);
      const now = after ? this.indexEntries(after) : new Map<string, [number, string]>();
      const gone = [...old].filter(([k]) => !now.has(k)).map(([, entry]) => entry);
      const added = [...now].filter(([k]) => !old.has(k)).map(([, entry]) => entry);
      for (const [attr, value] of gone) this.keysAhead.removed(attr, value, id);
      for (const [attr, value] of added) this.keysAhead.added(attr, value, id);
      this.stmts.index.remove(gone.map(([attr, value]) => [attr, value, id]));
      this.stmts.index.insert(added.map(([attr, value]) => [attr, value, id]));
    }
    this.text.write(id, before, after);
    this.refs.setMv(id, mvReferenceIds(before), after ? mvReferenceIds(after) : new Set());
  }

  /** One MV object. */
  get(id: number): MvObject | null {
    const r = this.stmts.get.get(id) as Row | undefined;
    return r ? toObject(this.codec, this.names, r) : null;
  }

  /** Inserts an object; returns its id. */
  insert(o: Omit<MvObject, 'id'>): number {
    const values = [this.names.id(o.objectType), this.codec.encode(o.attrs), packContrib(o.attrs, o.contrib), o.retryProvisioning ? 1 : 0, timeColumn(o.createdAt), updatedColumn(o)];
    let id: number;
    if (this.ids) {
      id = this.ids.next();
      this.stmts.insertWithId.run(id, ...values);
    } else id = this.stmts.insert.get(...values) as number;
    this.writeIndex(id, o.attrs);
    this.refs.setMv(id, new Set(), mvReferenceIds(o.attrs));
    return id;
  }

  /** Writes an object and refreshes its index entries (when `attrsChanged` and they did change). */
  update(o: MvObject, attrsChanged = true): void {
    const text = this.codec.encode(o.attrs);
    const before = attrsChanged ? (this.stmts.attrsOf.get(o.id) as EncodedMap | undefined) : undefined;
    this.stmts.update.run(this.names.id(o.objectType), text, packContrib(o.attrs, o.contrib), o.retryProvisioning ? 1 : 0, updatedColumn(o), o.id);
    if (before !== undefined && !sameEncoded(before, text)) this.replaceIndex(o.id, this.codec.decode(before), o.attrs);
  }

  /** Deletes an object and its index entries. */
  delete(id: number): void {
    const before = this.stmts.attrsOf.get(id) as EncodedMap | undefined;
    if (before === undefined) return;
    this.replaceIndex(id, this.codec.decode(before), null);
    this.stmts.delete.run(id);
  }

  /** Ids of the MV objects whose reference values point to this one. */
  referrers(id: number): number[] {
    return this.refs.mvReferrers(id);
  }

  /** MV ids whose indexed attribute has a value with this comparison key (see valueKey). */
  findByKey(attr: string, key: string): number[] {
    if (!this.indexed.has(attr)) throw new Error(`Metaverse attribute ${attr} is not indexed`);
    const name = this.names.existingId(attr);
    if (name === undefined) return [];
    return this.keysAhead.find(name, key) ?? (this.stmts.indexFind.all(name, key) as { mv_id: number }[]).map((r) => r.mv_id);
  }

  /**
   * Reads ahead, for a batch that synchronizes objects one at a time until forgetReadAhead, the objects findByKey
   * gives for these (attribute, value key) pairs; pairs of attributes not in the index are left out.
   */
  readAheadKeys(pairs: Iterable<readonly [attr: string, key: string]>): void {
    if (!this.readsAhead) return;
    const wanted: [number, string][] = [];
    for (const [attr, key] of pairs) {
      const name = this.indexed.has(attr) ? this.names.existingId(attr) : undefined;
      if (name !== undefined) wanted.push([name, key]);
    }
    if (wanted.length) this.keysAhead.read(wanted);
  }

  /** Forgets what was read ahead. */
  forgetReadAhead(): void {
    this.keysAhead.forget();
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
  search(objectType: string | undefined, clauses: readonly MvClause[], cursor: string | null, limit: number): MvPage {
    // On a server, reading the indexed attributes costs a round trip of its own: an equality search first trusts the
    // set it read last, in a statement that checks the set is still that, so a match costs one round trip. Finding
    // nothing proves nothing then (the set may have changed): the search runs again on the set read now.
    const guess = this.indexedSet.speculative();
    if (guess) {
      const found = this.byValuePage(guess.value, guess, objectType, clauses, cursor, limit);
      if (found && found.page.total > 0) return found.page;
    }
    // The clause the text index narrows best selects its objects (exactly, or candidates each object confirms); the
    // other clauses are checked row by row.
    const indexed = this.indexed;
    const after = cursor ? Number(cursor) : 0;
    const toMv = (r: Row) => toObject(this.codec, this.names, r);
    const check = matchesEvery(clauses);
    const byValue = this.byValuePage(indexed, null, objectType, clauses, cursor, limit);
    // Nothing counted: no match, or the index holds references (then the statement found nothing by design).
    if (byValue && (byValue.page.total > 0 || !this.indexHoldsReferences(byValue.attrId))) return byValue.page;
    const narrowing = narrowingClause(clauses, (a) => mvTextHolds(a, indexed), this.text);
    const q = narrowing && this.text.matching(narrowing.attribute, narrowing.operator, narrowing.value);
    let sql = 'SELECT * FROM mv_objects WHERE 1=1';
    const params: unknown[] = [];
    if (objectType) {
      sql += ' AND object_type = ?';
      params.push(this.names.existingId(objectType) ?? -1);
    }
    if (q) {
      sql += ` AND id IN (${q.sql})`;
      params.push(...q.params);
    }
    if (q?.exact && clauses.length === 1) {
      // The index selects exactly the matches: one pass over their ids counts them and finds the page.
      const page = idPage(this.db, `${sql.replace('SELECT *', 'SELECT id')} ORDER BY id`, params, after, limit, SEARCH_COUNT_LIMIT);
      const items = rowsById<Row>(this.db, 'mv_objects', page.ids).map(toMv);
      return { items, total: page.total, totalExact: page.totalExact, nextCursor: page.more ? String(items[items.length - 1].id) : null };
    }
    if (clauses.length === 0) {
      // Nothing left to check row by row: SQL counts and pages, so a page costs the same on any metaverse size.
      const total = (this.db.prepare(sql.replace('SELECT *', 'SELECT COUNT(*) AS n')).get(...params) as { n: number }).n;
      const rows = this.db.prepare(`${sql} AND id > ? ORDER BY id LIMIT ?`).all(...params, after, limit + 1) as Row[];
      const items = rows.slice(0, limit).map(toMv);
      return { items, total, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
    }
    // Candidates of trigram documents come through the documents in id order, read only as far as the page and the
    // count need; the count stops at a limit.
    const d = q && !q.exact ? q.documents : undefined;
    const candidates = d
      ? `SELECT m.* FROM ${d} CROSS JOIN mv_objects m ON m.id = ${d}.rowid WHERE ${d} MATCH ?${objectType ? ' AND m.object_type = ?' : ''} ORDER BY ${d}.rowid`
      : `${sql} ORDER BY id`;
    const candidateParams = d ? [q!.params[0], ...params.slice(0, objectType ? 1 : 0)] : params;
    const rows = this.db.prepare(candidates).iterate(...candidateParams) as IterableIterator<Row>;
    return checkedPage(mapped(rows, toMv), check, after, limit, SEARCH_COUNT_LIMIT);
  }

  /**
   * The page of an equality on an attribute of the value index (its B-tree gives the candidates, whatever the size),
   * under `indexed`; `guard` is SQL the statement must also satisfy. Null when no clause is such an equality.
   */
  private byValuePage(
    indexed: ReadonlySet<string>,
    guard: SqlGuard | null,
    objectType: string | undefined,
    clauses: readonly MvClause[],
    cursor: string | null,
    limit: number,
  ): { page: MvPage; attrId: number } | null {
    const byValue = clauses.find((c) => c.operator === 'equals' && indexed.has(c.attribute));
    const attrId = byValue && this.names.existingId(byValue.attribute);
    if (!byValue || attrId === undefined) return null;
    const keys = equalityKeys(byValue.value);
    const typeId = objectType ? (this.names.existingId(objectType) ?? -1) : undefined;
    // The reference test rides in the same statement (one round trip on a server); a reference attribute's index is
    // keyed by metaverse id, so its matches come from the text path.
    const rows = this.db
      .prepare(
        `SELECT * FROM mv_objects WHERE id IN (SELECT mv_id FROM mv_index WHERE attr = ? AND value IN (${keys.map(() => '?').join(',')}))${typeId === undefined ? '' : ' AND object_type = ?'} AND NOT EXISTS (${REFERENCE_ENTRY})${guard ? ` AND ${guard.guard}` : ''} ORDER BY id`,
      )
      .iterate(attrId, ...keys, ...(typeId === undefined ? [] : [typeId]), attrId, ...(guard?.params ?? [])) as IterableIterator<Row>;
    const page = checkedPage(mapped(rows, (r: Row) => toObject(this.codec, this.names, r)), matchesEvery(clauses), cursor ? Number(cursor) : 0, limit, SEARCH_COUNT_LIMIT);
    return { page, attrId };
  }

  /** True when an attribute's value index entries are references (keyed by metaverse id, not by text). */
  private indexHoldsReferences(attrId: number): boolean {
    return this.db.prepare(REFERENCE_ENTRY).get(attrId) !== undefined;
  }

  /** True when the search text holds the attribute (an indexed or identity attribute). */
  holdsText(attr: string): boolean {
    return mvTextHolds(attr, this.indexed);
  }
}

/** True for an object that satisfies every clause. */
function matchesEvery(clauses: readonly MvClause[]): (o: MvObject) => boolean {
  return (o) => clauses.every((c) => matchesClause(o.attrs[c.attribute], c));
}

/** The value index keys of every stored value equal to `text` in any case: text (or a DN), number, date, binary, boolean. */
function equalityKeys(text: string): string[] {
  const forms: StoredValue[] = [text, { int: text }, { date: text }, { bin: text }];
  if (/^(true|false)$/i.test(text)) forms.push(text.toLowerCase() === 'true');
  return [...new Set(forms.map((v) => valueKey(v)))];
}
