// Run records refer to their connector space object instead of copying it while it has not changed since:
// - a record's DN is NULL, and its metaverse id and object type 0, while they equal its object's; a rename, join,
//   disconnect, type change or delete of the object first writes the old values into the records that left them out;
// - a record's snapshot (an import's new image, an export's changes) is not copied when the object holds the same
//   attributes: the record says where (snap_ref: its import image, or its unconfirmed values). Before the object's
//   attributes change, or the object is deleted, the store copies the old attributes into the records that refer to
//   them. So a full import keeps one copy of each object, not two, until the object changes. At most one record
//   refers to each of an object's two places: a new reference first gives the previous one its copy.
import zlib from 'node:zlib';
import { dialectOf, type SqlDatabase, type SqlStatement } from './sql/sql-database.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { sameEncoded, type AttributeCodec, type EncodedMap } from './attribute-codec.ts';
import { isPacked } from './packed-array.ts';
import { IMPORT_IMAGE_SQL } from './cs-columns.ts';
import { inLists } from './in-lists.ts';

/** Where a record's snapshot is kept while it is not copied. */
export const enum SnapshotRef {
  /** The object's import image (pending import, else hologram). */
  Image = 1,
  /** The object's unconfirmed (exported) values. */
  Unconfirmed = 2,
}

/** What records may leave out of an object: its DN, metaverse id, type, and encoded image and unconfirmed values. */
export interface RecordedState {
  dn: string;
  mv_id: number | null;
  object_type: number;
  img: EncodedMap | null;
  unc: EncodedMap | null;
}

/** Deflated encoded attributes: run history is kept for days and read rarely. */
export function packSnapshot(encoded: EncodedMap): Buffer {
  return zlib.deflateRawSync(encoded, { level: 1 });
}

/** The encoded map a deflated snapshot holds (packed bytes, or the JSON text older records hold). */
function unpackSnapshot(snapshot: Uint8Array): EncodedMap {
  const bytes = zlib.inflateRawSync(snapshot);
  return isPacked(bytes) ? bytes : bytes.toString('utf8');
}

/** Ids per statement when a batch's objects or records are read by id. */
const READ_CHUNK = 512;

/**
 * What a batch of new records needs to know before it is written: its objects' states and the records that refer to
 * their attributes, read in two statements per 512 objects rather than three per record (each a round trip on a server).
 */
export interface RecordBatch {
  readonly objects: ReadonlyMap<number, RecordedState>;
  /** Ids of the records referring to each place of an object (key `csId:ref`), as they were before the batch. */
  readonly referring: ReadonlyMap<string, number[]>;
  /** Places a record of this batch referred to: their records are read again, as the batch itself wrote some. */
  readonly placed: Set<string>;
}

/** Statements that keep run records and their objects in step. */
export class RunSnapshots {
  private readonly stmts: Record<'keepDn' | 'keepMv' | 'keepType' | 'referring' | 'keepSnapshot' | 'keepReferring' | 'source', SqlStatement>;
  /** PostgreSQL: copies are written without first asking which records refer (a wait on a server) but deflated each time. */
  private readonly copyBlind: boolean;

  constructor(
    private readonly db: SqlDatabase,
    private readonly codec: AttributeCodec,
  ) {
    this.stmts = {
      keepDn: db.prepare('UPDATE run_objects SET dn = ? WHERE cs_id = ? AND dn IS NULL'),
      keepMv: db.prepare('UPDATE run_objects SET mv_id = ? WHERE cs_id = ? AND mv_id = 0'),
      keepType: db.prepare('UPDATE run_objects SET object_type = ? WHERE cs_id = ? AND object_type = 0'),
      referring: db.prepare('SELECT id FROM run_objects WHERE cs_id = ? AND snap_ref = ? AND snapshot IS NULL').pluck(),
      keepSnapshot: db.prepare('UPDATE run_objects SET snapshot = ? WHERE id = ?'),
      keepReferring: db.prepare('UPDATE run_objects SET snapshot = ? WHERE cs_id = ? AND snap_ref = ? AND snapshot IS NULL'),
      source: db.prepare(`SELECT ${IMPORT_IMAGE_SQL} AS img, unconfirmed AS unc FROM cs_objects WHERE id = ?`),
    };
    this.copyBlind = dialectOf(db) === 'postgres';
  }

  /** Copies into the records what they leave out and the object's next state (null: deleted) no longer holds. */
  beforeWrite(csId: number, before: RecordedState, after: RecordedState | null): void {
    if (!after || after.dn !== before.dn) this.stmts.keepDn.run(before.dn, csId);
    if (!after || after.mv_id !== before.mv_id) this.stmts.keepMv.run(before.mv_id, csId);
    if (!after || after.object_type !== before.object_type) this.stmts.keepType.run(before.object_type, csId);
    if (!after || !sameEncoded(after.img, before.img)) this.keepCopies(csId, SnapshotRef.Image, before.img);
    if (!after || !sameEncoded(after.unc, before.unc)) this.keepCopies(csId, SnapshotRef.Unconfirmed, before.unc);
  }

  /** Gives the records referring to one place of an object a copy of what it holds. */
  private keepCopies(csId: number, ref: SnapshotRef, text: EncodedMap | null): void {
    if (this.copyBlind) this.stmts.keepReferring.run(packSnapshot(text ?? this.codec.encode({})), csId, ref);
    else this.copyInto(this.stmts.referring.all(csId, ref) as number[], text);
  }

  /** Gives these records a copy of `text` (empty attributes when null). */
  private copyInto(ids: readonly number[], text: EncodedMap | null): void {
    if (!ids.length) return;
    const copy = packSnapshot(text ?? this.codec.encode({}));
    for (const id of ids) this.stmts.keepSnapshot.run(copy, id);
  }

  /** Copies into the records everything the objects of a connector space hold for them (the space is deleted). */
  beforeSpaceDelete(connector: number): void {
    for (const [column, empty] of [['dn', 'IS NULL'], ['mv_id', '= 0'], ['object_type', '= 0']]) {
      this.db
        .prepare(`UPDATE run_objects SET ${column} = (SELECT c.${column} FROM cs_objects c WHERE c.id = run_objects.cs_id) WHERE ${column} ${empty} AND cs_id IN (SELECT id FROM cs_objects WHERE connector = ?)`)
        .run(connector);
    }
    const referring = this.db
      .prepare('SELECT id, cs_id, snap_ref FROM run_objects WHERE snap_ref IS NOT NULL AND snapshot IS NULL AND cs_id IN (SELECT id FROM cs_objects WHERE connector = ?)')
      .all(connector) as { id: number; cs_id: number; snap_ref: SnapshotRef }[];
    for (const r of referring) {
      const now = this.stmts.source.get(r.cs_id) as { img: EncodedMap | null; unc: EncodedMap | null };
      this.stmts.keepSnapshot.run(packSnapshot((r.snap_ref === SnapshotRef.Image ? now.img : now.unc) ?? this.codec.encode({})), r.id);
    }
  }

  /** Reads what a batch of records about these objects needs (see RecordBatch). */
  readBatch(csIds: readonly number[]): RecordBatch {
    const objects = new Map<number, RecordedState>();
    const referring = new Map<string, number[]>();
    for (const { keys, marks } of inLists(csIds, READ_CHUNK)) {
      const rows = this.db
        .prepare(`SELECT id, dn, mv_id, object_type, ${IMPORT_IMAGE_SQL} AS img, unconfirmed AS unc FROM cs_objects WHERE id IN (${marks})`)
        .all(...keys) as (RecordedState & { id: number })[];
      for (const { id, ...now } of rows) objects.set(id, now);
      const refs = this.db
        .prepare(`SELECT id, cs_id, snap_ref FROM run_objects WHERE cs_id IN (${marks}) AND snap_ref IS NOT NULL AND snapshot IS NULL ORDER BY id`)
        .all(...keys) as { id: number; cs_id: number; snap_ref: SnapshotRef }[];
      for (const r of refs) {
        const key = `${r.cs_id}:${r.snap_ref}`;
        const ids = referring.get(key);
        if (ids) ids.push(r.id);
        else referring.set(key, [r.id]);
      }
    }
    return { objects, referring, placed: new Set() };
  }

  /**
   * How a new record about an object keeps its snapshot: a reference when the object holds the same attributes now
   * (a record that referred to them before gets its copy), else a copy. `now` is the object's state (undefined: no
   * object); `batch` what was read for the records being written with this one.
   */
  place(csId: number | null, snapshot: StoredAttributes, now: RecordedState | undefined, batch: RecordBatch): { copy: Buffer | null; ref: SnapshotRef | null } {
    const text = this.codec.encode(snapshot);
    for (const ref of [SnapshotRef.Image, SnapshotRef.Unconfirmed]) {
      if (csId === null || !now || !sameEncoded(ref === SnapshotRef.Image ? now.img : now.unc, text)) continue;
      const key = `${csId}:${ref}`;
      // A place this batch referred to already has a record the batch wrote: read its records again.
      const ids = batch.placed.has(key) ? (this.stmts.referring.all(csId, ref) as number[]) : (batch.referring.get(key) ?? []);
      this.copyInto(ids, text);
      batch.placed.add(key);
      return { copy: null, ref };
    }
    return { copy: packSnapshot(text), ref: null };
  }

  /** A record's snapshot: its copy, else what its object holds for it. */
  resolve(record: { cs_id: number | null; snapshot: Buffer | null; snap_ref: number | null }): StoredAttributes | null {
    if (record.snapshot !== null) return this.codec.decode(unpackSnapshot(record.snapshot));
    if (record.snap_ref === null || record.cs_id === null) return null;
    const now = this.stmts.source.get(record.cs_id) as { img: EncodedMap | null; unc: EncodedMap | null } | undefined;
    if (!now) return null;
    return this.codec.decodeOrEmpty(record.snap_ref === SnapshotRef.Image ? now.img : now.unc);
  }
}
