// The value index of connector spaces: the values of the attributes outbound join rules look up (spec §3.3), per
// connector, kept current as objects are written. An outbound join then costs one indexed lookup per value, not a
// pass over the target connector space held in memory.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { CsObject } from '../model/objects.ts';
import { valueKey, type StoredAttributes } from '../model/stored-values.ts';
import { SharedMeta } from './shared-meta.ts';
import type { StoreNames } from './store-names.ts';
import { PLACEHOLDER } from './cs-columns.ts';

/** Indexed attributes per connector. */
export type IndexedCsAttributes = ReadonlyMap<number, ReadonlySet<string>>;

/** The attributes an outbound join compares: the pending import's image when there is one, else the hologram. */
function joinImage(o: CsObject): StoredAttributes {
  return o.pendingImport && o.pendingImport.op !== 'delete' ? o.pendingImport.image : o.hologram;
}

/** Statements over cs_values. */
export class CsValueIndex {
  private readonly stmts;
  private readonly indexedSet: SharedMeta<IndexedCsAttributes>;

  constructor(
    private readonly db: SqlDatabase,
    private readonly names: StoreNames,
  ) {
    this.stmts = {
      insert: db.prepare('INSERT INTO cs_values (connector, attr, value, cs_id) VALUES (?,?,?,?) ON CONFLICT DO NOTHING'),
      remove: db.prepare('DELETE FROM cs_values WHERE cs_id = ?'),
      lookup: db.prepare(
        `SELECT v.cs_id AS id, o.object_type AS type FROM cs_values v JOIN cs_objects o ON o.id = v.cs_id
         WHERE v.connector = ? AND v.attr = ? AND v.value = ? AND o.mv_id IS NULL AND o.state <> ${PLACEHOLDER}`,
      ),
    };
    this.indexedSet = new SharedMeta<IndexedCsAttributes>(
      db, 'cs-indexed',
      (text) => new Map((text ? (JSON.parse(text) as [number, string[]][]) : []).map(([c, attrs]) => [c, new Set(attrs)])),
      (v) => JSON.stringify([...v].map(([c, a]) => [c, [...a]])),
    );
  }

  private get indexed(): IndexedCsAttributes {
    return this.indexedSet.get();
  }

  /** Makes sure exactly these attributes are indexed, rebuilding the connectors whose set changed. */
  ensure(wanted: IndexedCsAttributes, pageOf: (connector: number, afterId: number) => CsObject[]): void {
    const same = (a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined) => (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every((x) => b?.has(x));
    const current = this.indexed;
    const changed = [...new Set([...wanted.keys(), ...current.keys()])].filter((c) => !same(wanted.get(c), current.get(c)));
    if (!changed.length) return;
    this.indexedSet.set(new Map([...wanted].filter(([, attrs]) => attrs.size > 0).map(([c, attrs]) => [c, new Set(attrs)])));
    const clear = this.db.prepare('DELETE FROM cs_values WHERE connector = ?');
    for (const connector of changed) {
      clear.run(connector);
      if (!this.indexed.has(connector)) continue;
      for (let after = 0; ; ) {
        const page = pageOf(connector, after);
        if (!page.length) break;
        for (const o of page) this.write(o, false);
        after = page[page.length - 1].id;
      }
    }
  }

  /** Records the indexed values of an object (replacing those it had). */
  write(o: CsObject, replace: boolean): void {
    const attrs = this.indexed.get(o.connector);
    if (!attrs) return;
    if (replace) this.stmts.remove.run(o.id);
    if (o.state === 'placeholder') return;
    const image = joinImage(o);
    for (const attr of attrs) {
      const values = image[attr];
      if (!values?.length) continue;
      const id = this.names.id(attr);
      for (const v of values) this.stmts.insert.run(o.connector, id, valueKey(v), o.id);
    }
  }

  /** Forgets a deleted object's values. */
  remove(id: number): void {
    if (this.indexed.size) this.stmts.remove.run(id);
  }

  /** Forgets every value of a connector space. */
  clear(connector: number): void {
    this.db.prepare('DELETE FROM cs_values WHERE connector = ?').run(connector);
  }

  /** True when this attribute of this connector is indexed. */
  isIndexed(connector: number, attr: string): boolean {
    return this.indexed.get(connector)?.has(attr) ?? false;
  }

  /** Ids of the disconnectors of a type whose attribute has a value with this comparison key (see valueKey). */
  disconnectorsWith(connector: number, objectType: string, attr: string, key: string): number[] {
    if (!this.indexed.get(connector)?.has(attr)) throw new Error(`Attribute ${attr} of connector ${connector} is not indexed`);
    const id = this.names.existingId(attr);
    if (id === undefined) return [];
    // Object types compare case-insensitively.
    const type = objectType.toLowerCase();
    return (this.stmts.lookup.all(connector, id, key) as { id: number; type: number }[]).filter((r) => this.names.name(r.type).toLowerCase() === type).map((r) => r.id);
  }
}
