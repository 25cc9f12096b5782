// Connector space objects: batch lookups, paged iteration and the search scopes of the console.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { CsSearchScope } from '../../shared/model/connector-space.ts';
import type { MvClause } from '../../shared/model/metaverse.ts';
import { dnKey } from '../model/dn.ts';
import type { CsObject, CsState } from '../model/objects.ts';
import { csReferenceKeys, type ReferenceIndex } from './reference-index.ts';
import type { CsValueIndex, IndexedCsAttributes } from './cs-value-index.ts';
import { CsTextIndex, csTextEntries } from './cs-text-index.ts';
import { csSearchQuery } from './cs-search.ts';
import { checkedPage, idPage, mapped, rowsById } from './search-page.ts';
import { sameEncoded, type AttributeCodec, type EncodedMap } from './attribute-codec.ts';
import { dialectOf } from './sql/sql-database.ts';
import { KnownDns } from './known-dns.ts';
import { NamesAhead } from './names-ahead.ts';
import { RowsAhead } from './rows-ahead.ts';
import { IdPool } from './id-pool.ts';
import { COLUMNS, columnValues, growthRoom, DN_KEY_MATCH, dnKeyParams, encodeAttributes, importImage, objectOf, PLACEHOLDER, stateOf, type Row } from './cs-columns.ts';
import type { RecordedState, RunSnapshots } from './run-snapshots.ts';
import type { StoreNames } from './store-names.ts';
import { SEARCH_COUNT_LIMIT } from '../../shared/model/values.ts';
import type { SqlGuard } from './sql-guard.ts';

/** What reference resolution needs to know of an object. */
export interface CsName {
  readonly id: number;
  readonly dn: string;
  readonly mvId: number | null;
  readonly state: CsState;
}

/** An object's names as an export sees them: its DN, the DN a pending import brings, its pending export. */
export interface CsExportName extends CsName {
  readonly exportOp: 'add' | 'update' | 'delete' | null;
  /** The DN a pending export renames the object to. */
  readonly newDn: string | null;
  /** The DN a pending import (not a delete) brings. */
  readonly importDn: string | null;
}

interface NameRow { id: number; dn: string; mv_id: number | null; state: number; transient: number; pi_op: string | null; pi_dn: string | null; pe_op: string | null; pe_new_dn: string | null }

function toExportName(r: NameRow): CsExportName {
  return {
    id: r.id, dn: r.dn, mvId: r.mv_id, state: stateOf(r.state), exportOp: r.pe_op as CsExportName['exportOp'], newDn: r.pe_new_dn,
    importDn: r.pi_op !== 'delete' ? r.pi_dn : null,
  };
}

/** The same names of an object in memory. */
export function exportNameOf(o: CsObject): CsExportName {
  return {
    id: o.id, dn: o.dn, mvId: o.mvId, state: o.state, exportOp: o.pendingExport?.op ?? null, newDn: o.pendingExport?.newDn ?? null,
    importDn: o.pendingImport && o.pendingImport.op !== 'delete' ? (o.pendingImport.dn ?? null) : null,
  };
}

const NAME_COLUMNS = 'id, dn, mv_id, state, transient, pi_op, pi_dn, pe_op, pe_new_dn';
/** Objects per statement in getInTurn. */
const IN_TURN = 32;


/** The stored columns an object's search text is made of: when none of them changed, neither did the text. */
function textSource(dn: string, anchor: string | null, img: EncodedMap | null, unc: EncodedMap | null, peOp: string | null, pendingExport: EncodedMap | null): (EncodedMap | null)[] {
  return [dn, anchor, img, unc, peOp !== null && peOp !== 'delete' ? pendingExport : null];
}

/** True when two lists of encoded attribute maps hold the same maps, wherever they are. */
function sameMaps(a: (EncodedMap | null)[], b: (EncodedMap | null)[]): boolean {
  const x = a.filter((t) => t !== null);
  const y = b.filter((t) => t !== null);
  if (x.length !== y.length) return false;
  const left = [...y];
  for (const t of x) {
    const i = left.findIndex((u) => sameEncoded(t, u));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

export type CsIterationFilter = 'all' | 'needs-sync' | 'pending-export';

/** The phases of an export, in the order they are sent. */
export type ExportPhase = 'delete' | 'rename' | 'add' | 'update';

/** A page of search results. */
export interface CsPage {
  items: CsObject[];
  total: number;
  /** False when the count stopped at a limit: more than `total` objects match. */
  totalExact?: boolean;
  nextCursor: string | null;
}

/** Store functions for connector space objects. */
export class CsStore {
  private readonly stmts;
  /** The search text (DN, anchor, identity attributes) of every object. */
  readonly text: CsTextIndex;
  /** SQLite only: PostgreSQL tables have a fill factor. */
  private readonly reserveRoom: boolean;
  /** DNs an import batch read ahead (see hasDn). */
  private readonly knownDns: KnownDns;
  /** Names a batch read ahead (see nameByKey, nameLinkedIn). */
  private readonly namesAhead: NamesAhead<NameRow & { connector: number }, CsExportName>;
  /** PostgreSQL: ids drawn ahead, so an insert without an anchor is not waited for. */
  private readonly ids: IdPool | null;
  /** Objects a batch read ahead (see get, byAnchor, byDnKey). */
  private readonly rows: RowsAhead;

  constructor(
    private readonly db: SqlDatabase,
    private readonly refs: ReferenceIndex,
    private readonly values: CsValueIndex,
    private readonly codec: AttributeCodec,
    private readonly names: StoreNames,
    private readonly history: RunSnapshots,
  ) {
    this.text = new CsTextIndex(db, names);
    const marks = COLUMNS.map(() => '?').join(',');
    this.reserveRoom = dialectOf(db) === 'sqlite';
    this.knownDns = new KnownDns(db);
    this.namesAhead = new NamesAhead<NameRow & { connector: number }, CsExportName>(db, `${NAME_COLUMNS}, connector`, toExportName, (rows) => preferred(rows)!);
    this.rows = new RowsAhead(db, (rows) => preferred(rows)!);
    this.ids = dialectOf(db) === 'postgres' ? new IdPool(db, 'cs_objects') : null;
    this.stmts = {
      get: db.prepare('SELECT * FROM cs_objects WHERE id = ?'),
      byAnchor: db.prepare('SELECT * FROM cs_objects WHERE connector = ? AND anchor = ?'),
      // A placeholder or a transient never hides the staging object that holds the same name.
      byDn: db.prepare(`SELECT * FROM cs_objects WHERE connector = ? AND ${DN_KEY_MATCH}`),
      hasDn: db.prepare(`SELECT 1 FROM cs_objects WHERE connector = ? AND ${DN_KEY_MATCH} LIMIT 1`),
      nameByKey: db.prepare(`SELECT ${NAME_COLUMNS} FROM cs_objects WHERE connector = ? AND ${DN_KEY_MATCH}`),
      nameLinkedIn: db.prepare(`SELECT ${NAME_COLUMNS} FROM cs_objects WHERE mv_id = ? AND connector = ? LIMIT 1`),
      insert: db.prepare(`INSERT INTO cs_objects (${COLUMNS.join(', ')}, room) VALUES (${marks}, ?) RETURNING id`).pluck(),
      insertWithId: db.prepare(`INSERT INTO cs_objects (id, ${COLUMNS.join(', ')}, room) VALUES (?, ${marks}, ?)`),
      update: db.prepare(`UPDATE cs_objects SET (${COLUMNS.join(', ')}, room) = (${marks}, NULL) WHERE id = ?`),
      delete: db.prepare('DELETE FROM cs_objects WHERE id = ?'),
      before: db.prepare('SELECT * FROM cs_objects WHERE id = ?'),
      linked: db.prepare('SELECT * FROM cs_objects WHERE mv_id = ?'),
      linkedIn: db.prepare('SELECT * FROM cs_objects WHERE mv_id = ? AND connector = ? LIMIT 1'),
      markSeen: db.prepare('UPDATE cs_objects SET seen = ? WHERE id = ?'),
      pageEvery: db.prepare('SELECT * FROM cs_objects WHERE id > ? ORDER BY id LIMIT ?'),
      // `+connector` keeps the planner on the rowid: pages walk the table in id order instead of sorting an index scan.
      pageAll: db.prepare('SELECT * FROM cs_objects WHERE +connector = ? AND id > ? ORDER BY id LIMIT ?'),
      pageNeedsSync: db.prepare(
        'SELECT * FROM (SELECT * FROM cs_objects WHERE connector = ? AND pi_op IS NOT NULL AND id > ? UNION SELECT * FROM cs_objects WHERE connector = ? AND needs_sync = 1 AND id > ?) AS pending ORDER BY id LIMIT ?',
      ),
      pagePendingExport: db.prepare('SELECT * FROM cs_objects WHERE connector = ? AND pe_op IS NOT NULL AND id > ? ORDER BY id LIMIT ?'),
      // Ids only, for steps that load one object at a time: a page of large groups would not fit in memory at once.
      idsAll: db.prepare('SELECT id FROM cs_objects WHERE +connector = ? AND id > ? ORDER BY id LIMIT ?').pluck(),
      idsNeedsSync: db.prepare(
        'SELECT id FROM (SELECT id FROM cs_objects WHERE connector = ? AND pi_op IS NOT NULL AND id > ? UNION SELECT id FROM cs_objects WHERE connector = ? AND needs_sync = 1 AND id > ?) AS t ORDER BY id LIMIT ?',
      ).pluck(),
      idsPendingExport: db.prepare('SELECT id FROM cs_objects WHERE connector = ? AND pe_op IS NOT NULL AND id > ? ORDER BY id LIMIT ?').pluck(),
      // One export phase's objects (see exportPhaseIds), read through the (connector, pe_op) index.
      idsExportOp: db.prepare('SELECT id FROM cs_objects WHERE connector = ? AND pe_op = ? AND id > ? ORDER BY id LIMIT ?').pluck(),
      idsRenames: db.prepare("SELECT id FROM cs_objects WHERE connector = ? AND pe_op = 'update' AND pe_new_dn IS NOT NULL AND id > ? ORDER BY id LIMIT ?").pluck(),
      idsModifies: db.prepare("SELECT id FROM cs_objects WHERE connector = ? AND pe_op = 'update' AND pe_new_dn IS NULL AND id > ? ORDER BY id LIMIT ?").pluck(),
      obsolete: db.prepare(
        `SELECT * FROM cs_objects WHERE connector = ? AND anchor IS NOT NULL AND state <> ${PLACEHOLDER} AND seen <> ? AND id > ? AND (pi_op IS NULL OR pi_op <> 'delete') ORDER BY id LIMIT ?`,
      ),
    };
  }

  private toObject(r: Row): CsObject {
    return objectOf(this.codec, this.names, r);
  }

  /** What run records may refer to in an object's previous state. */
  private referenced(b: Row): RecordedState {
    return { dn: b.dn, mv_id: b.mv_id, object_type: b.object_type, img: importImage(b.pi_op, b.pending_import, b.hologram), unc: b.unconfirmed };
  }

  /** DN keys of the references in encoded attribute maps. */
  private referenceKeysOf(texts: (EncodedMap | null)[]): Set<string> {
    const keys = new Set<string>();
    for (const t of texts) for (const dn of this.codec.referenceDns(t)) keys.add(dnKey(dn));
    return keys;
  }

  /** One object by id. */
  get(id: number): CsObject | null {
    const ahead = this.rows.get(id);
    const r = ahead === undefined ? (this.stmts.get.get(id) as Row | undefined) : ahead;
    return r ? this.toObject(r) : null;
  }

  /**
   * The object read ahead with this id when it is linked to no metaverse object (what a join looks for), or null:
   * linked, absent or not read ahead. Never asks the database, and decodes only such objects.
   */
  unlinkedAhead(id: number): CsObject | null {
    const r = this.rows.get(id);
    return r && r.mv_id === null ? this.toObject(r) : null;
  }

  /**
   * One object by id, for a batch going through `ids` in order from `at`: when it is not read ahead, the next ones
   * are read with it in one statement.
   */
  getInTurn(ids: readonly number[], at: number): CsObject | null {
    if (this.rows.get(ids[at]) === undefined) this.rows.read(ids.slice(at, at + IN_TURN));
    return this.get(ids[at]);
  }

  /** One object by anchor within a connector. */
  byAnchor(connector: number, anchor: string): CsObject | null {
    const ahead = this.rows.anchored(connector, anchor);
    if (ahead !== undefined) return ahead && this.toObject(ahead);
    const r = this.stmts.byAnchor.get(connector, anchor) as Row | undefined;
    return r ? this.toObject(r) : null;
  }

  /** One object by DN (compared as DNs, see engine/model/dn.ts) within a connector. */
  byDn(connector: number, dn: string): CsObject | null {
    return this.byDnKey(connector, dnKey(dn));
  }

  /** One object by DN comparison key within a connector. */
  byDnKey(connector: number, key: string): CsObject | null {
    const ahead = this.rows.named(connector, key);
    if (ahead !== undefined) return ahead && this.toObject(ahead);
    const r = preferred(this.stmts.byDn.all(connector, ...dnKeyParams(key)) as Row[]);
    return r ? this.toObject(r) : null;
  }

  /** Id, DN, link, state and pending export of the object with this DN key (no attributes read): for resolving references. */
  nameByKey(connector: number, key: string): CsExportName | null {
    const ahead = this.namesAhead.byKey(connector, key);
    if (ahead !== undefined) return ahead;
    const r = preferred(this.stmts.nameByKey.all(connector, ...dnKeyParams(key)) as NameRow[]);
    return r ? toExportName(r) : null;
  }

  /** The same of the object of one connector linked to an MV object. */
  nameLinkedIn(mvId: number, connector: number): CsExportName | null {
    const ahead = this.namesAhead.linked(connector, mvId);
    if (ahead !== undefined) return ahead;
    const r = this.stmts.nameLinkedIn.get(mvId, connector) as NameRow | undefined;
    return r ? toExportName(r) : null;
  }

  /** Reads ahead the names nameLinkedIn gives for these MV ids in one connector, until forgetReadAhead. */
  readAheadLinked(connector: number, mvIds: Iterable<number>): void {
    this.namesAhead.readLinked([connector], mvIds);
  }

  /**
   * Reads ahead, for a batch that synchronizes these objects one at a time until forgetReadAhead: the objects, the
   * objects of their connector their references name (nameByKey), and the objects of these connectors linked to
   * those (nameLinkedIn).
   */
  readAheadObjects(ids: readonly number[], connectors: readonly number[]): void {
    const rows = this.rows.read(ids);
    // On SQLite a lookup is a function call: reading names ahead saved nothing there (100k cycle, 2026-12-07:
    // synchronization 439 µs per object with it, 429 without).
    if (dialectOf(this.db) === 'sqlite') return;
    const keys = new Map<number, Set<string>>();
    for (const r of rows) {
      let own = keys.get(r.connector);
      if (!own) keys.set(r.connector, (own = new Set()));
      for (const dn of this.codec.referenceDns(importImage(r.pi_op, r.pending_import, r.hologram))) own.add(dnKey(dn));
    }
    const mvIds = new Set<number>();
    for (const [connector, own] of keys) {
      this.namesAhead.readKeys(connector, own);
      for (const k of own) {
        const mvId = this.namesAhead.byKey(connector, k)?.mvId;
        if (mvId != null) mvIds.add(mvId);
      }
    }
    this.namesAhead.readLinked(connectors, mvIds);
  }

  /** True when an object of the connector has this DN. */
  hasDn(connector: number, dn: string): boolean {
    const key = dnKey(dn);
    return this.knownDns.has(connector, key) || this.stmts.hasDn.get(connector, ...dnKeyParams(key)) !== undefined;
  }

  /**
   * Reads ahead, for an import batch until forgetReadAhead, the objects with these anchors, and for those no object
   * has, the objects holding their DNs (byAnchor, byDn).
   */
  readAheadStaging(connector: number, changes: readonly { anchor: string; dn: string | null }[]): void {
    this.rows.readAnchors(connector, changes.map((c) => c.anchor));
    this.rows.readKeys(connector, changes.flatMap((c) => (c.dn !== null && this.rows.anchored(connector, c.anchor) === null ? [dnKey(c.dn)] : [])));
  }

  /** Reads ahead, for an export batch's results until forgetReadAhead, its objects and the objects with these anchors. */
  readAheadResults(connector: number, ids: readonly number[], anchors: readonly string[]): void {
    this.rows.read(ids);
    this.rows.readAnchors(connector, anchors);
  }

  /** Reads ahead which of these DNs the connector space holds, for hasDn, until forgetReadAhead (an import batch). */
  readAheadDns(connector: number, dns: readonly string[]): void {
    this.knownDns.readAhead(connector, dns.map(dnKey));
  }

  /** Forgets what was read ahead (DNs, linked names). */
  forgetReadAhead(): void {
    this.knownDns.forget();
    this.namesAhead.forget();
    this.rows.forget();
  }

  /** Objects of a connector by anchor, for a whole import batch in one query. */
  byAnchors(connector: number, anchors: readonly string[]): Map<string, CsObject> {
    const out = new Map<string, CsObject>();
    for (let i = 0; i < anchors.length; i += 500) {
      const chunk = anchors.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT * FROM cs_objects WHERE connector = ? AND anchor IN (${chunk.map(() => '?').join(',')})`)
        .all(connector, ...chunk) as Row[];
      for (const r of rows) out.set(r.anchor!, this.toObject(r));
    }
    return out;
  }

  /** Objects linked to an MV object (across connectors). */
  linkedTo(mvId: number): CsObject[] {
    return (this.stmts.linked.all(mvId) as Row[]).map((r) => this.toObject(r));
  }

  /** The object of one connector linked to an MV object. */
  linkedIn(mvId: number, connector: number): CsObject | null {
    const r = this.stmts.linkedIn.get(mvId, connector) as Row | undefined;
    return r ? this.toObject(r) : null;
  }

  /** Inserts an object; returns its id. */
  insert(o: Omit<CsObject, 'id'> & { id?: number }): number {
    const room = this.reserveRoom ? growthRoom(o as CsObject) : 0;
    const values = [...columnValues(this.names, o as CsObject, encodeAttributes(this.codec, o as CsObject)), room ? Buffer.alloc(room) : null];
    let id: number;
    // When no unique index can refuse the row (no anchor, or one a batch read ahead as free, which stays exact while
    // this store writes), the insert need not be waited for; else a refusal must reach the caller here.
    if (this.ids && (o.anchor === null || this.rows.anchored(o.connector, o.anchor) === null)) {
      id = this.ids.next();
      this.stmts.insertWithId.run(id, ...values);
    } else id = this.stmts.insert.get(...values) as number;
    this.namesAhead.written(id, o.connector, dnKey(o.dn), o.mvId);
    this.rows.written(id, o.connector, o.anchor, dnKey(o.dn));
    this.refs.setCs(o.connector, id, new Set(), csReferenceKeys(o as CsObject));
    this.values.write({ ...(o as CsObject), id }, false);
    this.text.write({ ...(o as CsObject), id });
    return id;
  }

  /** Writes every column of an object. */
  update(o: CsObject): void {
    const enc = encodeAttributes(this.codec, o);
    const ahead = this.rows.get(o.id);
    const before = ahead === undefined ? (this.stmts.before.get(o.id) as Row | undefined) : ahead;
    if (!before) return;
    const img = importImage(o.pendingImport?.op ?? null, enc.pendingImport, enc.hologram);
    if (before.dn !== o.dn) this.knownDns.forget();
    this.rows.written(o.id, o.connector, o.anchor, dnKey(o.dn));
    this.namesAhead.written(o.id, o.connector, dnKey(o.dn), o.mvId);
    this.history.beforeWrite(o.id, this.referenced(before), { dn: o.dn, mv_id: o.mvId, object_type: this.names.id(o.objectType), img, unc: enc.unconfirmed });
    this.stmts.update.run(...columnValues(this.names, o, enc), o.id);
    // References change only when some attribute map did: most updates move or keep maps (a sync applies its import).
    const maps = [before.hologram, before.pending_import, before.pending_export, before.unconfirmed];
    if (!sameMaps(maps, [enc.hologram, enc.pendingImport, enc.pendingExport, enc.unconfirmed])) {
      this.refs.setCs(o.connector, o.id, this.referenceKeysOf(maps), csReferenceKeys(o));
    }
    this.values.write(o, true);
    const was = textSource(before.dn, before.anchor, importImage(before.pi_op, before.pending_import, before.hologram), before.unconfirmed, before.pe_op, before.pending_export);
    const now = textSource(o.dn, o.anchor, img, enc.unconfirmed, o.pendingExport?.op ?? null, enc.pendingExport);
    if (was.some((t, i) => !sameEncoded(t, now[i]))) this.text.write(o, csTextEntries(this.toObject(before)));
  }

  /** Removes an object. */
  delete(id: number): void {
    const ahead = this.rows.get(id);
    const before = ahead === undefined ? (this.stmts.before.get(id) as Row | undefined) : ahead;
    if (!before) return;
    this.knownDns.forget();
    this.rows.written(id, before.connector, null, null);
    this.namesAhead.written(id, before.connector, null, null);
    this.history.beforeWrite(id, this.referenced(before), null);
    this.stmts.delete.run(id);
    this.refs.setCs(before.connector, id, this.referenceKeysOf([before.hologram, before.pending_import, before.pending_export, before.unconfirmed]), new Set());
    this.values.remove(id);
    this.text.remove(this.toObject(before));
  }

  /** Writes the search text of every object again (what it holds changed with this version). */
  rebuildText(): void {
    this.text.clear(null);
    for (let after = 0; ; ) {
      const rows = this.stmts.pageEvery.all(after, 1000) as Row[];
      if (!rows.length) break;
      for (const r of rows) this.text.write(this.toObject(r));
      after = rows[rows.length - 1].id;
    }
  }

  /** Makes sure exactly these attributes of these connectors are in the value index (outbound join attributes). */
  ensureIndexed(wanted: IndexedCsAttributes): void {
    this.values.ensure(wanted, (connector, after) => this.page(connector, 'all', after, 1000));
  }

  /** True when the value index holds this attribute of this connector. */
  isIndexed(connector: number, attr: string): boolean {
    return this.values.isIndexed(connector, attr);
  }

  /** Ids of the disconnectors of a type whose indexed attribute has a value with this comparison key (see valueKey). */
  disconnectorsWith(connector: number, objectType: string, attr: string, key: string): number[] {
    return this.values.disconnectorsWith(connector, objectType, attr, key);
  }

  /** Ids of the objects of a connector space whose attributes refer to the DN with this key. */
  referrers(connector: number, key: string): number[] {
    return this.refs.csReferrers(connector, key);
  }

  /** Marks an object as seen by the full import generation `gen`. */
  markSeen(id: number, gen: number): void {
    this.rows.drop(id);
    this.stmts.markSeen.run(gen, id);
  }

  /** The next page of a connector's objects after `afterId`, for a step to iterate without loading the space. */
  page(connector: number, filter: CsIterationFilter, afterId: number, limit: number): CsObject[] {
    const rows =
      filter === 'all'
        ? this.stmts.pageAll.all(connector, afterId, limit)
        : filter === 'needs-sync'
          ? this.stmts.pageNeedsSync.all(connector, afterId, connector, afterId, limit)
          : this.stmts.pagePendingExport.all(connector, afterId, limit);
    return (rows as Row[]).map((r) => this.toObject(r));
  }

  /** The ids of the next page of `page`, without reading the objects. */
  pageIds(connector: number, filter: CsIterationFilter, afterId: number, limit: number): number[] {
    const ids =
      filter === 'all'
        ? this.stmts.idsAll.all(connector, afterId, limit)
        : filter === 'needs-sync'
          ? this.stmts.idsNeedsSync.all(connector, afterId, connector, afterId, limit)
          : this.stmts.idsPendingExport.all(connector, afterId, limit);
    return ids as number[];
  }

  /**
   * The ids of a page of the pending exports of one export phase: deletes, renames (updates with a new DN), adds, or
   * the other updates. Each phase reads only its own objects, so a large export does not parse every pending export
   * per phase.
   */
  exportPhaseIds(connector: number, phase: ExportPhase, afterId: number, limit: number): number[] {
    const ids =
      phase === 'rename'
        ? this.stmts.idsRenames.all(connector, afterId, limit)
        : phase === 'update'
          ? this.stmts.idsModifies.all(connector, afterId, limit)
          : this.stmts.idsExportOp.all(connector, phase, afterId, limit);
    return ids as number[];
  }

  /** Anchored objects not seen by full import generation `gen` (to obsolete). */
  notSeen(connector: number, gen: number, afterId: number, limit: number): CsObject[] {
    return (this.stmts.obsolete.all(connector, gen, afterId, limit) as Row[]).map((r) => this.toObject(r));
  }

  /** Counts a connector's objects for a step's progress total. */
  count(connector: number, filter: CsIterationFilter): number {
    const sql =
      filter === 'all'
        ? 'SELECT count(*) AS n FROM cs_objects WHERE connector = ?'
        : filter === 'needs-sync'
          ? 'SELECT (SELECT count(*) FROM cs_objects WHERE connector = ? AND pi_op IS NOT NULL) + (SELECT count(*) FROM cs_objects WHERE connector = ? AND needs_sync = 1 AND pi_op IS NULL) AS n'
          : 'SELECT count(*) AS n FROM cs_objects WHERE connector = ? AND pe_op IS NOT NULL';
    const params = filter === 'needs-sync' ? [connector, connector] : [connector];
    return (this.db.prepare(sql).get(...params) as { n: number }).n;
  }

  /** Counts objects with a pending export of the given operation. */
  countPendingExport(connector: number, op: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cs_objects WHERE connector = ? AND pe_op = ?').get(connector, op) as { n: number }).n;
  }

  /** Counts transient objects of a connector. */
  countTransient(connector: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cs_objects WHERE connector = ? AND transient = 1').get(connector) as { n: number }).n;
  }

  /** Removes every object of a connector; returns the MV ids that lost a link. */
  deleteConnectorSpace(connector: number): number[] {
    const mvIds = (this.db.prepare('SELECT DISTINCT mv_id FROM cs_objects WHERE connector = ? AND mv_id IS NOT NULL').all(connector) as { mv_id: number }[]).map((r) => r.mv_id);
    this.forgetReadAhead();
    this.history.beforeSpaceDelete(connector);
    this.db.prepare('DELETE FROM cs_refs WHERE from_id IN (SELECT id FROM cs_objects WHERE connector = ?)').run(connector);
    this.values.clear(connector);
    this.text.clear(connector);
    this.db.prepare('DELETE FROM cs_objects WHERE connector = ?').run(connector);
    return mvIds;
  }

  /** Searches a connector space by one of the console's scopes and attribute clauses, paged by id (cursor = last id). */
  search(connector: number, scope: CsSearchScope, cursor: string | null, limit: number, clauses: readonly MvClause[] = [], guard?: SqlGuard): CsPage {
    const q = csSearchQuery(connector, scope, clauses, this.text);
    const after = cursor ? Number(cursor) : 0;
    const fewRows = q.exact && q.ids && q.few;
    // A guard (a condition the caller's assumptions hold under) is checked only where the rows come with the lookup.
    if (guard && !fewRows) throw new Error('Only a search of the DN or anchor scope, without other clauses, takes a guard');
    if (fewRows) {
      // A DN and an anchor name a few objects at most: their rows come with the lookup (one round trip on a server).
      const sql = `SELECT * FROM cs_objects WHERE id IN (${q.ids.sql})${guard ? ` AND ${guard.guard}` : ''} ORDER BY id`;
      const rows = this.db.prepare(sql).all(...q.ids.params, ...(guard?.params ?? [])) as Row[];
      return checkedPage(rows.map((r) => this.toObject(r)), () => true, after, limit, SEARCH_COUNT_LIMIT);
    }
    if (q.exact && q.ids) {
      // An indexed lookup selects the objects: one pass over their ids counts them and finds the page.
      const page = idPage(this.db, q.ids.sql, q.ids.params, after, limit, SEARCH_COUNT_LIMIT);
      const items = rowsById<Row>(this.db, 'cs_objects', page.ids).map((r) => this.toObject(r));
      return { items, total: page.total, totalExact: page.totalExact, nextCursor: page.more ? String(items[items.length - 1].id) : null };
    }
    if (q.exact) {
      const total = (this.db.prepare(`SELECT count(*) AS n FROM cs_objects WHERE ${q.countWhere}`).get(...q.params) as { n: number }).n;
      const rows = this.db.prepare(`SELECT * FROM cs_objects WHERE ${q.where} AND id > ? ORDER BY id LIMIT ?`).all(...q.params, after, limit + 1) as Row[];
      const more = rows.length > limit;
      const items = rows.slice(0, limit).map((r) => this.toObject(r));
      return { items, total, nextCursor: more ? String(items[items.length - 1].id) : null };
    }
    // A clause the index cannot answer: every object the SQL selects is checked.
    const rows = this.db.prepare(q.candidates.sql).iterate(...q.candidates.params) as IterableIterator<Row>;
    return checkedPage(mapped(rows, (r) => this.toObject(r)), q.check, after, limit, SEARCH_COUNT_LIMIT);
  }
}

/** Of the objects holding one name, the staging object: a placeholder or a transient never hides it. */
function preferred<R extends { id: number; state: number; transient: number }>(rows: R[]): R | undefined {
  if (rows.length <= 1) return rows[0];
  const rank = (r: R) => (r.state === PLACEHOLDER ? 2 : 0) + (r.transient ? 1 : 0);
  return rows.reduce((best, r) => (rank(r) < rank(best) || (rank(r) === rank(best) && r.id < best.id) ? r : best));
}
