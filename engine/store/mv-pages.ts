// Metaverse objects page by page (id order), attributes only: what a whole-result export walks through.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import type { AttributeCodec, EncodedMap } from './attribute-codec.ts';
import type { StoreNames } from './store-names.ts';

/** Up to `limit` metaverse objects after `afterId`, of one type when given. */
export function mvAttributesAfter({ db, codec, names }: { db: SqlDatabase; codec: AttributeCodec; names: StoreNames }, objectType: string | undefined, afterId: number, limit: number): { id: number; objectType: string; attrs: StoredAttributes }[] {
  const rows = (objectType
    ? db.prepare('SELECT id, object_type, attrs FROM mv_objects WHERE object_type = ? AND id > ? ORDER BY id LIMIT ?').all(names.existingId(objectType) ?? -1, afterId, limit)
    : db.prepare('SELECT id, object_type, attrs FROM mv_objects WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit)) as { id: number; object_type: number; attrs: EncodedMap }[];
  return rows.map((r) => ({ id: r.id, objectType: names.name(r.object_type), attrs: codec.decode(r.attrs) as StoredAttributes }));
}
