// Run records refer to their connector space object instead of copying it while it has not changed since:
// - a record's DN is NULL, and its metaverse id and object type 0, while they equal its object's; a rename, join,
//   disconnect, type change or delete of the object first writes the old values into the records that left them out;
// - a record's snapshot (an import's new image, an export's changes) is not copied when the object holds the same
//   attributes: the record says where (its import image, or its unconfirmed values) and the object names that record
//   (snap_img, snap_unc). When the object's attributes change or the object is deleted, the store first copies the
//   old attributes into the record. So a full import keeps one copy of each object, not two, until it changes.
// Record ids are never reused (AUTOINCREMENT), so an object that still names a purged record harms nothing.
import zlib from 'node:zlib';
import type { SqlDatabase, SqlStatement } from './sql/sql-database.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import type { AttributeCodec } from './attribute-codec.ts';
import { IMPORT_IMAGE_SQL } from './cs-columns.ts';

/** Where a record's snapshot is kept while it is not copied. */
export const enum SnapshotRef {
  /** The object's import image (pending import, else hologram). */
  Image = 1,
  /** The object's unconfirmed (exported) values. */
  Unconfirmed = 2,
}

/** What the store knows of an object before it changes it: its DN and the attributes records refer to. */
export interface Referenced {
  dn: string;
  mv_id: number | null;
  object_type: number;
  snap_img: number | null;
  snap_unc: number | null;
  img: string | null;
  unc: string | null;
}

/** Deflated encoded attributes: run history is kept for days and read rarely. */
export function packSnapshot(text: string): Buffer {
  return zlib.deflateRawSync(text, { level: 1 });
}

/** Statements that keep run records and their objects in step. */
export class RunSnapshots {
  private readonly stmts: Record<'keepDn' | 'keepMv' | 'keepType' | 'keepSnapshot' | 'point' | 'source', SqlStatement>;

  constructor(
    private readonly db: SqlDatabase,
    private readonly codec: AttributeCodec,
  ) {
    this.stmts = {
      keepDn: db.prepare('UPDATE run_objects SET dn = ? WHERE cs_id = ? AND dn IS NULL'),
      keepMv: db.prepare('UPDATE run_objects SET mv_id = ? WHERE cs_id = ? AND mv_id = 0'),
      keepType: db.prepare('UPDATE run_objects SET object_type = ? WHERE cs_id = ? AND object_type = 0'),
      keepSnapshot: db.prepare('UPDATE run_objects SET snapshot = ? WHERE id = ? AND snapshot IS NULL'),
      point: db.prepare('UPDATE cs_objects SET snap_img = coalesce(?, snap_img), snap_unc = coalesce(?, snap_unc) WHERE id = ?'),
      source: db.prepare(`SELECT snap_img, snap_unc, ${IMPORT_IMAGE_SQL} AS img, unconfirmed AS unc FROM cs_objects WHERE id = ?`),
    };
  }

  /**
   * Copies into the records what they refer to and the object's next state no longer holds; returns the record
   * ids the object still names (null where it names none now).
   */
  beforeWrite(
    csId: number, before: Referenced, after: { dn: string; mv_id: number | null; object_type: number; img: string | null; unc: string | null } | null,
  ): { snapImg: number | null; snapUnc: number | null } {
    if (!after || after.dn !== before.dn) this.stmts.keepDn.run(before.dn, csId);
    if (!after || after.mv_id !== before.mv_id) this.stmts.keepMv.run(before.mv_id, csId);
    if (!after || after.object_type !== before.object_type) this.stmts.keepType.run(before.object_type, csId);
    let snapImg = before.snap_img;
    if (snapImg !== null && (!after || after.img !== before.img)) {
      this.keepCopy(snapImg, before.img);
      snapImg = null;
    }
    let snapUnc = before.snap_unc;
    if (snapUnc !== null && (!after || after.unc !== before.unc)) {
      this.keepCopy(snapUnc, before.unc);
      snapUnc = null;
    }
    return { snapImg, snapUnc };
  }

  private keepCopy(recordId: number, text: string | null): void {
    if (text !== null) this.stmts.keepSnapshot.run(packSnapshot(text), recordId);
  }

  /** Copies into the records everything the objects of a connector space hold for them (the space is deleted). */
  beforeSpaceDelete(connector: number): void {
    for (const [column, empty] of [['dn', 'IS NULL'], ['mv_id', '= 0'], ['object_type', '= 0']]) {
      this.db
        .prepare(`UPDATE run_objects SET ${column} = (SELECT c.${column} FROM cs_objects c WHERE c.id = run_objects.cs_id) WHERE ${column} ${empty} AND cs_id IN (SELECT id FROM cs_objects WHERE connector = ?)`)
        .run(connector);
    }
    const rows = this.db
      .prepare(`SELECT id, snap_img, snap_unc, ${IMPORT_IMAGE_SQL} AS img, unconfirmed AS unc FROM cs_objects WHERE connector = ? AND (snap_img IS NOT NULL OR snap_unc IS NOT NULL)`)
      .iterate(connector) as IterableIterator<{ id: number; snap_img: number | null; snap_unc: number | null; img: string | null; unc: string | null }>;
    const copies: [number, string | null][] = [];
    for (const r of rows) {
      if (r.snap_img !== null) copies.push([r.snap_img, r.img]);
      if (r.snap_unc !== null) copies.push([r.snap_unc, r.unc]);
    }
    for (const [record, text] of copies) this.keepCopy(record, text);
  }

  /**
   * How a new record about an object keeps its snapshot: a reference when the object holds the same attributes now
   * (the object then names the record), else a copy.
   */
  place(csId: number | null, snapshot: StoredAttributes): { copy: Buffer | null; ref: SnapshotRef | null } {
    const text = this.codec.encode(snapshot);
    const now = csId === null ? undefined : (this.stmts.source.get(csId) as { snap_img: number | null; snap_unc: number | null; img: string | null; unc: string | null } | undefined);
    if (now && now.img === text) {
      // Another record referred to the same image: it gets its copy, the new one the reference.
      if (now.snap_img !== null) this.keepCopy(now.snap_img, now.img);
      return { copy: null, ref: SnapshotRef.Image };
    }
    if (now && now.unc === text) {
      if (now.snap_unc !== null) this.keepCopy(now.snap_unc, now.unc);
      return { copy: null, ref: SnapshotRef.Unconfirmed };
    }
    return { copy: packSnapshot(text), ref: null };
  }

  /** Makes the object name the record that refers to it. */
  point(csId: number, ref: SnapshotRef, recordId: number): void {
    this.stmts.point.run(ref === SnapshotRef.Image ? recordId : null, ref === SnapshotRef.Unconfirmed ? recordId : null, csId);
  }

  /** A record's snapshot: its copy, else what its object holds for it. */
  resolve(record: { id: number; cs_id: number | null; snapshot: Buffer | null; snap_ref: number | null }): StoredAttributes | null {
    if (record.snapshot !== null) return this.codec.decode(zlib.inflateRawSync(record.snapshot).toString('utf8'));
    if (record.snap_ref === null || record.cs_id === null) return null;
    const now = this.stmts.source.get(record.cs_id) as { snap_img: number | null; snap_unc: number | null; img: string | null; unc: string | null } | undefined;
    if (!now) return null;
    if (record.snap_ref === SnapshotRef.Image && now.snap_img === record.id && now.img !== null) return this.codec.decode(now.img);
    if (record.snap_ref === SnapshotRef.Unconfirmed && now.snap_unc === record.id && now.unc !== null) return this.codec.decode(now.unc);
    return null;
  }
}
