// The objects one synchronization touches, changed in memory and written together (or discarded for a
// preview or a failed object). New objects get negative ids until they are written. On writing, the working
// set also tells which other objects refer to something whose name or link changed (the follow-ups), so the
// step re-evaluates them in the same run.
import { dnKey } from '../model/dn.ts';
import type { CsObject, MvObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import type { Store } from '../store/store.ts';
import type { RunObjectWrite } from '../store/run-store.ts';
import { exportNameOf, type CsExportName, type CsName } from '../store/cs-store.ts';

/** Objects to re-evaluate because something they refer to changed: CS objects (whole sync) and MV objects (outbound). */
export interface FollowUps {
  readonly cs: Set<number>;
  readonly mv: Set<number>;
}

/** The DN keys (by connector) and MV ids whose referrers a flush re-evaluates. */
interface Changed {
  readonly cs: Map<string, readonly [number, string]>;
  readonly mv: Set<number>;
}

/** What others may refer to: the object's name in its connector space, its link, and its name as a target. */
interface Identity {
  readonly key: string;
  readonly mvId: number | null;
  readonly targetKey: string;
  readonly leaving: boolean;
}

function identityOf(o: CsObject): Identity {
  return {
    key: dnKey(o.dn),
    mvId: o.mvId,
    targetKey: o.pendingExport?.newDn ? dnKey(o.pendingExport.newDn) : dnKey(o.dn),
    leaving: o.pendingExport?.op === 'delete',
  };
}

/** In-memory changes to CS and MV objects, flushed to the store in one go. */
export class WorkingSet {
  private readonly cs = new Map<number, CsObject>();
  private readonly dirtyCs = new Set<number>();
  private readonly deletedCs = new Set<number>();
  private readonly origin = new Map<number, Identity>();
  private readonly byKey = new Map<string, number>();
  /** CS ids by the MV id they were linked to when loaded or changed here (entries may be stale: check). */
  private readonly byMv = new Map<number, Set<number>>();
  private readonly mv = new Map<number, MvObject>();
  private readonly dirtyMv = new Map<number, boolean>();
  private readonly deletedMv = new Set<number>();
  private next = -1;

  constructor(readonly store: Store) {}

  /** Puts a freshly loaded object under tracking (or returns the tracked one); the working set may change it. */
  track(o: CsObject): CsObject {
    const existing = this.cs.get(o.id);
    if (existing) return existing;
    this.cs.set(o.id, o);
    if (o.id > 0) this.origin.set(o.id, identityOf(o));
    this.indexByMv(o);
    return o;
  }

  /** Marks a CS object as changed. */
  touch(o: CsObject): void {
    this.dirtyCs.add(o.id);
    this.byKey.set(`${o.connector}\u0000${dnKey(o.dn)}`, o.id);
    this.indexByMv(o);
  }

  private indexByMv(o: CsObject): void {
    if (o.mvId === null) return;
    let set = this.byMv.get(o.mvId);
    if (!set) this.byMv.set(o.mvId, (set = new Set()));
    set.add(o.id);
  }

  /** A CS object by id (tracked copy first). */
  csById(id: number): CsObject | null {
    if (this.deletedCs.has(id)) return null;
    const t = this.cs.get(id);
    if (t) return t;
    const o = this.store.cs.get(id);
    return o ? this.track(o) : null;
  }

  /** A CS object of a connector by DN, compared as DNs (changed copies first). */
  csByDn(connector: number, dn: string): CsObject | null {
    const key = dnKey(dn);
    const local = this.byKey.get(`${connector}\u0000${key}`);
    if (local !== undefined) {
      const o = this.cs.get(local);
      if (o && !this.deletedCs.has(o.id) && o.connector === connector && dnKey(o.dn) === key) return o;
    }
    const stored = this.store.cs.byDnKey(connector, key);
    if (!stored || this.deletedCs.has(stored.id)) return null;
    const t = this.track(stored);
    return dnKey(t.dn) === key ? t : null;
  }

  /**
   * The name, link and state of the object of a connector with this DN, without loading its attributes
   * (changed copies first): what reference resolution needs.
   */
  nameOf(connector: number, dn: string): CsName | null {
    const key = dnKey(dn);
    const local = this.byKey.get(`${connector}\u0000${key}`);
    if (local !== undefined) {
      const o = this.cs.get(local);
      if (o && !this.deletedCs.has(o.id) && o.connector === connector && dnKey(o.dn) === key) return o;
    }
    const stored = this.store.cs.nameByKey(connector, key);
    if (!stored || this.deletedCs.has(stored.id)) return null;
    const tracked = this.cs.get(stored.id);
    if (tracked) return dnKey(tracked.dn) === key ? tracked : null;
    return stored;
  }

  /** Creates a CS object (written on flush). */
  createCs(o: Omit<CsObject, 'id'>): CsObject {
    const obj: CsObject = { ...o, id: this.next-- };
    this.cs.set(obj.id, obj);
    this.touch(obj);
    return obj;
  }

  /** Deletes a CS object. */
  deleteCs(o: CsObject): void {
    this.deletedCs.add(o.id);
    this.dirtyCs.delete(o.id);
  }

  /** CS objects linked to an MV object, as they stand in this working set. */
  linked(mvId: number): CsObject[] {
    const out = new Map<number, CsObject>();
    if (mvId > 0) for (const o of this.store.cs.linkedTo(mvId)) out.set(o.id, this.track(o));
    for (const id of this.byMv.get(mvId) ?? []) {
      const o = this.cs.get(id);
      if (o) out.set(o.id, o);
    }
    return [...out.values()].filter((o) => o.mvId === mvId && !this.deletedCs.has(o.id));
  }

  /** The CS object of one connector linked to an MV object, as it stands in this working set. */
  linkedIn(mvId: number, connector: number): CsObject | null {
    for (const id of this.byMv.get(mvId) ?? []) {
      const o = this.cs.get(id);
      if (o && o.mvId === mvId && o.connector === connector && !this.deletedCs.has(o.id)) return o;
    }
    if (mvId < 0) return null;
    const stored = this.store.cs.linkedIn(mvId, connector);
    if (!stored || this.deletedCs.has(stored.id)) return null;
    const t = this.track(stored);
    return t.mvId === mvId ? t : null;
  }

  /**
   * The names and pending export of the object of one connector linked to an MV object, as it stands in this
   * working set, without loading the attributes of an object not already here: what reference resolution needs.
   */
  nameLinkedIn(mvId: number, connector: number): CsExportName | null {
    for (const id of this.byMv.get(mvId) ?? []) {
      const o = this.cs.get(id);
      if (o && o.mvId === mvId && o.connector === connector && !this.deletedCs.has(o.id)) return exportNameOf(o);
    }
    if (mvId < 0) return null;
    const stored = this.store.cs.nameLinkedIn(mvId, connector);
    if (!stored || this.deletedCs.has(stored.id)) return null;
    const tracked = this.cs.get(stored.id);
    if (tracked) return tracked.mvId === mvId ? exportNameOf(tracked) : null;
    return stored;
  }

  /** An MV object by id. */
  mvById(id: number): MvObject | null {
    if (this.deletedMv.has(id)) return null;
    const t = this.mv.get(id);
    if (t) return t;
    const o = this.store.mv.get(id);
    if (!o) return null;
    this.mv.set(id, o);
    return o;
  }

  /** Creates an MV object (written on flush). */
  createMv(objectType: string, now: string): MvObject {
    const o: MvObject = { id: this.next--, objectType, attrs: {}, contrib: {}, retryProvisioning: false, createdAt: now, updatedAt: now };
    this.mv.set(o.id, o);
    this.dirtyMv.set(o.id, true);
    return o;
  }

  /** Marks an MV object as changed (attrsChanged refreshes its index entries). */
  touchMv(o: MvObject, attrsChanged: boolean): void {
    this.dirtyMv.set(o.id, (this.dirtyMv.get(o.id) ?? false) || attrsChanged);
  }

  /** Deletes an MV object. */
  deleteMv(o: MvObject): void {
    this.deletedMv.add(o.id);
    this.dirtyMv.delete(o.id);
  }

  /** True when the MV object was created in this working set and not yet written. */
  isNew(id: number): boolean {
    return id < 0;
  }

  /** Whether an MV object was deleted here. */
  mvDeleted(id: number): boolean {
    return this.deletedMv.has(id);
  }

  /**
   * Writes every change; fixes temporary ids in `records` and in metaverse references. Call inside a
   * transaction. Returns the objects to re-evaluate because something they refer to was renamed, moved,
   * linked, unlinked or deleted.
   */
  flush(records: RunObjectWrite[] = []): FollowUps {
    return this.flushLater(records)();
  }

  /**
   * flush(), with the objects to re-evaluate given by a function to call later in the same transaction: on
   * PostgreSQL the statement that finds them does not wait for its answer.
   */
  flushLater(records: RunObjectWrite[] = []): () => FollowUps {
    const ids = new Map<number, number>();
    const mvIds = new Map<number, number>();
    const later: MvObject[] = [];
    for (const [id, o] of [...this.mv]) {
      if (id >= 0 || this.deletedMv.has(id)) continue;
      // An object referring to another new object is written once the other one has its id.
      const waits = hasTemporaryReference(o.attrs);
      const real = this.store.mv.insert(waits ? { ...o, attrs: {} } : o);
      mvIds.set(id, real);
      o.id = real;
      this.dirtyMv.delete(id);
      this.mv.set(real, o);
      if (waits) later.push(o);
    }
    if (mvIds.size) for (const o of this.mv.values()) fixReferences(o.attrs, mvIds);
    for (const o of later) this.dirtyMv.set(o.id, true);
    for (const o of this.cs.values()) if (o.mvId !== null && o.mvId < 0) o.mvId = mvIds.get(o.mvId) ?? null;
    const changed: Changed = { cs: new Map(), mv: new Set() };
    for (const [id, o] of this.cs) {
      const before = this.origin.get(id);
      if (this.deletedCs.has(id)) {
        if (id > 0) this.store.cs.delete(id);
        if (before) this.identityChanged(o.connector, before, null, changed);
        continue;
      }
      if (!this.dirtyCs.has(id)) continue;
      if (id < 0) {
        const real = this.store.cs.insert(o);
        ids.set(id, real);
        o.id = real;
      } else this.store.cs.update(o);
      this.identityChanged(o.connector, before ?? null, identityOf(o), changed);
    }
    for (const [id, attrsChanged] of this.dirtyMv) {
      if (id < 0 || this.deletedMv.has(id)) continue;
      const o = this.mv.get(id);
      if (o) this.store.mv.update(o, attrsChanged);
    }
    for (const id of this.deletedMv) if (id > 0) this.store.mv.delete(id);
    for (const r of records) {
      if (r.csId !== null && r.csId < 0) r.csId = ids.get(r.csId) ?? null;
      if (r.mvId != null && r.mvId < 0) r.mvId = mvIds.get(r.mvId) ?? null;
    }
    // Read once everything is written: a referrer written in this flush is re-evaluated too, which changes nothing.
    return this.store.refs.referrersLater(changed.cs.values(), changed.mv);
  }

  /** Notes whose referrers to re-evaluate: those of an object whose identity changed between `before` and `after`. */
  private identityChanged(connector: number, before: Identity | null, after: Identity | null, out: Changed): void {
    if (before?.key !== after?.key || before?.mvId !== after?.mvId) {
      for (const k of new Set([before?.key, after?.key])) if (k !== undefined) out.cs.set(`${connector}\u0000${k}`, [connector, k]);
    }
    if (before?.mvId !== after?.mvId || before?.targetKey !== after?.targetKey || before?.leaving !== after?.leaving) {
      for (const m of new Set([before?.mvId, after?.mvId])) if (typeof m === 'number' && m > 0) out.mv.add(m);
    }
  }
}

function hasTemporaryReference(attrs: StoredAttributes): boolean {
  for (const values of Object.values(attrs)) for (const v of values) if (typeof v === 'object' && 'ref' in v && typeof v.mv === 'number' && v.mv < 0) return true;
  return false;
}

/** Replaces temporary metaverse ids in reference values by the ids the store gave. */
function fixReferences(attrs: StoredAttributes, mvIds: ReadonlyMap<number, number>): void {
  for (const values of Object.values(attrs)) {
    values.forEach((v, i) => {
      if (typeof v === 'object' && 'ref' in v && typeof v.mv === 'number' && v.mv < 0) values[i] = { ref: v.ref, mv: mvIds.get(v.mv) ?? v.mv };
    });
  }
}
