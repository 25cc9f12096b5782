// The objects one synchronization touches, changed in memory and written together (or discarded for a
// preview or a failed object). New objects get negative ids until they are written.
import type { Store } from '../store/store.ts';
import type { CsObject, MvObject } from '../model/objects.ts';
import type { RunObjectWrite } from '../store/run-store.ts';

/** In-memory changes to CS and MV objects, flushed to the store in one go. */
export class WorkingSet {
  private readonly cs = new Map<number, CsObject>();
  private readonly dirtyCs = new Set<number>();
  private readonly deletedCs = new Set<number>();
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
    return o;
  }

  /** Marks a CS object as changed. */
  touch(o: CsObject): void {
    this.dirtyCs.add(o.id);
  }

  /** A CS object by id (tracked copy first). */
  csById(id: number): CsObject | null {
    if (this.deletedCs.has(id)) return null;
    const t = this.cs.get(id);
    if (t) return t;
    const o = this.store.cs.get(id);
    return o ? this.track(o) : null;
  }

  /** A CS object of a connector by DN (tracked copies first). */
  csByDn(connector: number, dn: string): CsObject | null {
    const l = dn.toLowerCase();
    for (const o of this.cs.values()) if (o.connector === connector && o.dn.toLowerCase() === l && !this.deletedCs.has(o.id)) return o;
    const o = this.store.cs.byDn(connector, dn);
    if (!o || this.deletedCs.has(o.id)) return null;
    const t = this.track(o);
    return t.dn.toLowerCase() === l ? t : null;
  }

  /** Creates a CS object (written on flush). */
  createCs(o: Omit<CsObject, 'id'>): CsObject {
    const obj: CsObject = { ...o, id: this.next-- };
    this.cs.set(obj.id, obj);
    this.dirtyCs.add(obj.id);
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
    for (const o of this.cs.values()) if (o.mvId === mvId) out.set(o.id, o);
    return [...out.values()].filter((o) => o.mvId === mvId && !this.deletedCs.has(o.id));
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

  /** Writes every change; fixes temporary ids in `records`. Call inside a transaction. */
  flush(records: RunObjectWrite[] = []): void {
    const ids = new Map<number, number>();
    const mvIds = new Map<number, number>();
    for (const [id, o] of this.mv) {
      if (id < 0 && !this.deletedMv.has(id)) {
        const real = this.store.mv.insert(o);
        mvIds.set(id, real);
        o.id = real;
      }
    }
    for (const o of this.cs.values()) if (o.mvId !== null && o.mvId < 0) o.mvId = mvIds.get(o.mvId) ?? null;
    for (const [id, o] of this.cs) {
      if (this.deletedCs.has(id)) {
        if (id > 0) this.store.cs.delete(id);
        continue;
      }
      if (!this.dirtyCs.has(id)) continue;
      if (id < 0) {
        const real = this.store.cs.insert(o);
        ids.set(id, real);
        o.id = real;
      } else this.store.cs.update(o);
    }
    for (const [id, attrsChanged] of this.dirtyMv) {
      if (id < 0) continue;
      const o = this.mv.get(id);
      if (o) this.store.mv.update(o, attrsChanged);
    }
    for (const id of this.deletedMv) if (id > 0) this.store.mv.delete(id);
    for (const r of records) {
      if (r.csId !== null && r.csId < 0) r.csId = ids.get(r.csId) ?? null;
      if (r.mvId != null && r.mvId < 0) r.mvId = mvIds.get(r.mvId) ?? null;
    }
  }
}
