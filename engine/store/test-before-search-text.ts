// Test helper: takes a store's database back to where an upgrade leaves it before the store opens (the migration to
// the compact store empties the search text and forgets its version), so opening it again shows what an upgrade does.
import type { Store } from './store.ts';

/** Empties both search text indexes and forgets the version of the text they held. */
export function backToBeforeSearchText(store: Store): void {
  store.db.exec(`
    DELETE FROM cs_text; INSERT INTO cs_text_fts (cs_text_fts) VALUES ('delete-all');
    DELETE FROM mv_text; INSERT INTO mv_text_fts (mv_text_fts) VALUES ('delete-all');
    DELETE FROM meta WHERE key = 'search-text';
  `);
}
