// Metaverse objects page by page (id order), attributes only: what a whole-result export walks through.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { StoredAttributes } from '../model/stored-values.ts';

/** Up to `limit` metaverse objects after `afterId`, of one type when given. */
export function mvAttributesAfter(db: SqlDatabase, objectType: string | undefined, afterId: number, limit: number): { id: number; objectType: string; attrs: StoredAttributes }[] {
  const rows = (objectType
    ? db.prepare('SELECT id, object_type, attrs FROM mv_objects WHERE object_type = ? AND id > ? ORDER BY id LIMIT ?').all(objectType, afterId, limit)
    : db.prepare('SELECT id, object_type, attrs FROM mv_objects WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit)) as { id: number; object_type: string; attrs: string }[];
  return rows.map((r) => ({ id: r.id, objectType: r.object_type, attrs: JSON.parse(r.attrs) as StoredAttributes }));
}
