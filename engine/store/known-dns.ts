// DNs an import batch reads ahead: which of the DNs its references name a connector space holds, found in one
// statement per 256 DNs instead of one per reference value. Only presence is kept, and only until the store renames
// or deletes an object or the batch ends, so a DN known here is in the connector space; any other is looked up.
import { DN_KEY_SQL, dnKeyParams } from './cs-columns.ts';
import { inLists } from './in-lists.ts';
import type { SqlDatabase } from './sql/sql-database.ts';

/** DN keys per statement. */
const CHUNK = 256;

/** The DN keys read ahead, by connector. */
export class KnownDns {
  private keys: Set<string> | null = null;

  constructor(private readonly db: SqlDatabase) {}

  /** Reads which of these DN keys the connector space holds. */
  readAhead(connector: number, keys: Iterable<string>): void {
    const known = (this.keys ??= new Set());
    const wanted = [...keys].filter((k) => !known.has(`${connector}:${k}`));
    for (const { asked, keys: bound, marks } of inLists(wanted, CHUNK)) {
      const sql = `SELECT ${DN_KEY_SQL} FROM cs_objects WHERE connector = ? AND dn_hash IN (${marks})`;
      const found = new Set(this.db.prepare(sql).pluck().all(connector, ...bound.map((k) => dnKeyParams(k)[0])) as string[]);
      // A hash names a few keys at most: keep the ones asked for.
      for (const k of asked) if (found.has(k)) known.add(`${connector}:${k}`);
    }
  }

  /** True when the key was read ahead and found (false says nothing: look it up). */
  has(connector: number, key: string): boolean {
    return this.keys?.has(`${connector}:${key}`) ?? false;
  }

  /** Forgets everything read ahead (an object was renamed or deleted, or the batch ended). */
  forget(): void {
    this.keys = null;
  }
}
