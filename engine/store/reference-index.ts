// The reference indexes: who refers to whom, in each connector space (by a hash of the connector and the DN key of
// the referenced object, key-hash.ts) and in the metaverse (by metaverse id). A step that renames, moves, disconnects or deletes an object asks
// them for the objects to re-evaluate, so no reference is left pointing at a name that no longer exists.
import type { SqlDatabase } from './sql/sql-database.ts';
import { dnKey } from '../model/dn.ts';
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { keyHash } from './key-hash.ts';
import { RowBatch } from './row-batch.ts';
import { inLists } from './in-lists.ts';
import { StatementCache } from './statement-cache.ts';
import { allLater } from './sql/rows-later.ts';

/** A reference value: `{ ref }` (a DN) with, in the metaverse, the id of the referenced metaverse object. */
export type RefValue = Extract<StoredValue, { ref: string }>;

/** True when a stored value is a reference. */
export function isRef(v: StoredValue): v is RefValue {
  return typeof v === 'object' && v !== null && 'ref' in v;
}

/** DN keys of the reference values of some attribute maps. */
export function referenceKeys(...maps: (StoredAttributes | null | undefined)[]): Set<string> {
  const keys = new Set<string>();
  for (const m of maps) if (m) for (const values of Object.values(m)) for (const v of values) if (isRef(v)) keys.add(dnKey(v.ref));
  return keys;
}

/** DN keys a CS object refers to, in any of its views (imported, pending import, unconfirmed, pending export). */
export function csReferenceKeys(o: CsObject): Set<string> {
  return referenceKeys(o.hologram, o.pendingImport?.image, o.pendingExport?.changes, o.unconfirmed);
}

/** The same from raw columns (used by the migration that builds the index). */
export function referenceKeysOfCsRow(r: { hologram: string; pending_import: string | null; pending_export: string | null; unconfirmed: string | null }): Set<string> {
  const parse = <T>(t: string | null): T | null => (t ? (JSON.parse(t) as T) : null);
  return referenceKeys(
    parse<StoredAttributes>(r.hologram),
    parse<{ image: StoredAttributes }>(r.pending_import)?.image,
    parse<{ changes: StoredAttributes }>(r.pending_export)?.changes,
    parse<StoredAttributes>(r.unconfirmed),
  );
}

/** The objects to re-evaluate: CS objects and MV objects. */
export interface Referrers {
  readonly cs: Set<number>;
  readonly mv: Set<number>;
}

/** Keys per list when asking for the referrers of several objects. */
const REFERRER_LIST = 256;

/** Metaverse ids an MV object's reference values point to. */
export function mvReferenceIds(attrs: StoredAttributes): Set<number> {
  const ids = new Set<number>();
  for (const values of Object.values(attrs)) for (const v of values) if (isRef(v) && typeof v.mv === 'number') ids.add(v.mv);
  return ids;
}

/** The key of a reference in cs_refs: the hash of the referenced DN key within its connector space. */
export function refHash(connector: number, key: string): number {
  return keyHash(`${connector}\u0000${key}`);
}

/** Statements over cs_refs and mv_refs. Entries are removed by their whole key: the store knows what an object
 * referred to before it changes (its previous attributes), so no index by referring object is kept. */
export class ReferenceIndex {
  private readonly stmts;

  private readonly lists: StatementCache;

  constructor(db: SqlDatabase) {
    this.lists = new StatementCache(db);
    this.stmts = {
      cs: new RowBatch(db, { table: 'cs_refs', columns: [['to_hash', 'BIGINT'], ['from_id', 'BIGINT']] }),
      csReferrers: db.prepare('SELECT from_id FROM cs_refs WHERE to_hash = ?'),
      mv: new RowBatch(db, { table: 'mv_refs', columns: [['to_mv', 'BIGINT'], ['from_mv', 'BIGINT']] }),
      mvReferrers: db.prepare('SELECT from_mv FROM mv_refs WHERE to_mv = ?'),
    };
  }

  /** Records what a CS object refers to now, given the DN keys it referred to before (empty for a new object). */
  setCs(connector: number, id: number, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
    const old = new Set([...before].map((k) => refHash(connector, k)));
    const now = new Set([...after].map((k) => refHash(connector, k)));
    this.stmts.cs.remove([...old].filter((h) => !now.has(h)).map((h) => [h, id]));
    this.stmts.cs.insert([...now].filter((h) => !old.has(h)).map((h) => [h, id]));
  }

  /** Ids of the objects of a connector space that refer to the DN with this key (or, rarely, to one of the same hash). */
  csReferrers(connector: number, key: string): number[] {
    return (this.stmts.csReferrers.all(refHash(connector, key)) as { from_id: number }[]).map((r) => r.from_id);
  }

  /** Records what an MV object refers to now, given the ids it referred to before (empty for a new object). */
  setMv(id: number, before: ReadonlySet<number>, after: ReadonlySet<number>): void {
    this.stmts.mv.remove([...before].filter((to) => !after.has(to)).map((to) => [to, id]));
    this.stmts.mv.insert([...after].filter((to) => !before.has(to)).map((to) => [to, id]));
  }

  /** Ids of the MV objects that refer to this one. */
  mvReferrers(id: number): number[] {
    return (this.stmts.mvReferrers.all(id) as { from_mv: number }[]).map((r) => r.from_mv);
  }

  /**
   * The referrers of several objects at once, in one statement when they are few: the CS objects referring to these
   * DN keys of these connectors, and the MV objects referring to these MV ids.
   */
  referrersOf(csKeys: Iterable<readonly [connector: number, key: string]>, mvIds: Iterable<number>): Referrers {
    return this.referrersLater(csKeys, mvIds)();
  }

  /**
   * The same, as they are now, from a function to call later in the same transaction: on PostgreSQL the statements
   * go out without waiting, and their rows arrive with the next call that waits.
   */
  referrersLater(csKeys: Iterable<readonly [connector: number, key: string]>, mvIds: Iterable<number>): () => Referrers {
    const parts = this.referrerStatements(csKeys, mvIds).map(([sql, params]) => allLater(this.lists.get(sql), ...params));
    return () => {
      const out = { cs: new Set<number>(), mv: new Set<number>() };
      for (const rows of parts) for (const r of rows() as { kind: number; id: number }[]) (r.kind === 0 ? out.cs : out.mv).add(r.id);
      return out;
    };
  }

  /** The statements (SQL and parameters) that read the referrers of these keys and ids. */
  private referrerStatements(csKeys: Iterable<readonly [connector: number, key: string]>, mvIds: Iterable<number>): [string, number[]][] {
    const out: [string, number[]][] = [];
    const hashes = inLists([...csKeys].map(([c, k]) => refHash(c, k)), REFERRER_LIST);
    const ids = inLists(mvIds, REFERRER_LIST);
    for (;;) {
      const h = hashes.next();
      const m = ids.next();
      if (h.done && m.done) return out;
      const parts: string[] = [];
      const params: number[] = [];
      if (!h.done) {
        parts.push(`SELECT 0 AS kind, from_id AS id FROM cs_refs WHERE to_hash IN (${h.value.marks})`);
        params.push(...h.value.keys);
      }
      if (!m.done) {
        parts.push(`SELECT 1 AS kind, from_mv AS id FROM mv_refs WHERE to_mv IN (${m.value.marks})`);
        params.push(...m.value.keys);
      }
      out.push([parts.join(' UNION ALL '), params]);
    }
  }
}

/**
 * Gives metaverse references stored before the index existed (`{ ref: DN }` only) the id of the metaverse object
 * they point to, found through the connector space of the object that contributed them; fills mv_refs.
 */
export function upgradeMvReferences(db: SqlDatabase): void {
  const csOf = db.prepare('SELECT connector FROM cs_objects WHERE id = ?');
  const target = db.prepare('SELECT mv_id FROM cs_objects WHERE connector = ? AND dn_key = ? AND mv_id IS NOT NULL LIMIT 1');
  const write = db.prepare('UPDATE mv_objects SET attrs = ? WHERE id = ?');
  const addRef = db.prepare('INSERT OR IGNORE INTO mv_refs (to_mv, from_mv) VALUES (?,?)');
  const rows = db.prepare(`SELECT id, attrs, contrib FROM mv_objects WHERE attrs LIKE '%"ref":%'`).all() as { id: number; attrs: string; contrib: string }[];
  for (const r of rows) {
    const attrs = JSON.parse(r.attrs) as StoredAttributes;
    const packed = JSON.parse(r.contrib) as { d?: [number, number][]; x?: Record<string, [number, number][]> };
    for (const [attr, values] of Object.entries(attrs)) {
      const contributors = packed.x?.[attr] ?? packed.d ?? [];
      attrs[attr] = values.flatMap((v, i) => {
        if (!isRef(v) || typeof v.mv === 'number') return [v];
        const c = contributors.length > 1 ? contributors[i] : contributors[0];
        const conn = c ? (csOf.get(c[1]) as { connector: number } | undefined) : undefined;
        const hit = conn ? (target.get(conn.connector, dnKey(v.ref)) as { mv_id: number } | undefined) : undefined;
        return hit ? [{ ref: v.ref, mv: hit.mv_id }] : [];
      });
      if (attrs[attr].length === 0) delete attrs[attr];
    }
    write.run(JSON.stringify(attrs), r.id);
    for (const to of mvReferenceIds(attrs)) addRef.run(to, r.id);
  }
}
