// Schema 10: encoded attribute maps are written packed (packed-array.ts) on SQLite. Rows written as JSON text before
// are rewritten, page by page in id order, so a store holds one form and its size drops at the upgrade, not over
// months of writes. Run snapshots keep their form: they are read rarely and either form reads back.
import type Database from 'better-sqlite3';
import { encodedAs, type EncodedMap } from './attribute-codec.ts';

/** The tables and columns that hold encoded maps. */
const COLUMNS: readonly [table: string, columns: readonly string[]][] = [
  ['cs_objects', ['hologram', 'pending_import', 'pending_export', 'unconfirmed']],
  ['mv_objects', ['attrs']],
];

const PAGE = 1000;

/** Rewrites every encoded map held as JSON text in its packed form. */
export function packAttributeColumns(db: Database.Database): void {
  for (const [table, columns] of COLUMNS) {
    const page = db.prepare(`SELECT id, ${columns.join(', ')} FROM ${table} WHERE id > ? ORDER BY id LIMIT ${PAGE}`);
    const update = db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
    for (let after = 0; ; ) {
      const rows = page.all(after) as Record<string, EncodedMap | number | null>[];
      if (!rows.length) break;
      for (const r of rows) {
        if (!columns.some((c) => typeof r[c] === 'string')) continue;
        update.run(...columns.map((c) => (r[c] === null ? null : encodedAs(r[c] as EncodedMap, 'packed'))), r.id);
      }
      after = rows[rows.length - 1].id as number;
    }
  }
}
