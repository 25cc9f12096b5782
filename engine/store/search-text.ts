// The search text indexes are derived from the objects. When the store opens and the text it holds is not of this
// version (a database from before them, or another list of identity attributes), both are written again, in one
// transaction, so no search ever narrows by half an index.
import { IDENTITY_ATTRIBUTES } from './identity-attributes.ts';
import type { Store } from './store.ts';

/** What the text of this version holds; stored under the meta key 'search-text'. */
const VERSION = `2:${[...IDENTITY_ATTRIBUTES].sort().join(',')}`;

/** Writes the search text of every object when what is stored is not of this version. */
export function ensureSearchText(store: Store): void {
  const stored = store.db.prepare("SELECT value FROM meta WHERE key = 'search-text'").pluck();
  if (stored.get() === VERSION) return;
  store.transaction(() => {
    // Another process may have written it while this one waited for the lock.
    if (stored.get() === VERSION) return;
    store.mv.rebuildText();
    store.cs.rebuildText();
    store.db.prepare("INSERT INTO meta (key, value) VALUES ('search-text', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(VERSION);
  });
}
