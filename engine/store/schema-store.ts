// The metaverse schema: object types and attribute definitions.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { MvAttributeDef, MvObjectTypeDef, MvSchema } from '../../shared/model/metaverse.ts';

/** Store functions for the metaverse schema. */
export class SchemaStore {
  constructor(private readonly db: SqlDatabase) {}

  /** The whole schema. */
  get(): MvSchema {
    const objectTypes = (this.db.prepare('SELECT name, attributes FROM mv_object_types ORDER BY name').all() as { name: string; attributes: string }[]).map((r) => ({
      name: r.name,
      attributes: JSON.parse(r.attributes) as string[],
    }));
    const attributes = (this.db.prepare('SELECT * FROM mv_attributes ORDER BY name').all() as { name: string; type: string; multi_valued: number; indexed: number }[]).map(
      (r) => ({ name: r.name, type: r.type as MvAttributeDef['type'], multiValued: r.multi_valued === 1, indexed: r.indexed === 1 }),
    );
    return { objectTypes, attributes };
  }

  /** Adds or replaces an object type. */
  putObjectType(t: MvObjectTypeDef): void {
    this.db.prepare('INSERT INTO mv_object_types (name, attributes) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET attributes = excluded.attributes').run(t.name, JSON.stringify([...new Set(t.attributes)]));
  }

  /** Adds or replaces an attribute definition. */
  putAttribute(a: MvAttributeDef): void {
    this.db.prepare('INSERT INTO mv_attributes (name, type, multi_valued, indexed) VALUES (?,?,?,?) ON CONFLICT (name) DO UPDATE SET type = excluded.type, multi_valued = excluded.multi_valued, indexed = excluded.indexed').run(a.name, a.type, a.multiValued ? 1 : 0, a.indexed ? 1 : 0);
  }

  /** Removes an attribute from the schema and from every object type. */
  deleteAttribute(name: string): void {
    this.db.prepare('DELETE FROM mv_attributes WHERE name = ?').run(name);
    for (const t of this.get().objectTypes) {
      if (t.attributes.includes(name)) this.putObjectType({ name: t.name, attributes: t.attributes.filter((a) => a !== name) });
    }
  }

  /** Replaces the whole schema. */
  replace(schema: MvSchema): void {
    this.db.prepare('DELETE FROM mv_object_types').run();
    this.db.prepare('DELETE FROM mv_attributes').run();
    for (const a of schema.attributes) this.putAttribute(a);
    for (const t of schema.objectTypes) this.putObjectType(t);
  }
}
