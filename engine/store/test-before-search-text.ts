// Test helper: takes a store's database back to the schema before the search text indexes, as a database written
// by the previous version is, so opening it again shows what an upgrade does.
import { migrations } from './migrations.ts';
import type Database from 'better-sqlite3';
import type { Store } from './store.ts';

/** Drops what the search text migration made, runs the migration before it again and sets the version there. */
export function backToBeforeSearchText(store: Store): void {
  const version = migrations.findIndex((m) => typeof m === 'string' && m.includes('CREATE TABLE cs_text'));
  const previous = migrations[version - 1];
  if (typeof previous !== 'function') throw new Error('the migration before the search text is a function');
  const db = store.db as Database.Database;
  db.exec('DROP TABLE mv_text_fts; DROP TABLE mv_text; DROP TABLE cs_text_fts; DROP TABLE cs_text; DROP INDEX cs_connector;');
  previous(db);
  db.pragma(`user_version = ${version}`);
}
