// The attribute values a results grid shows in its chosen columns, for connector space and metaverse rows.
import type { StoredAttributes } from '../../model/stored-values.ts';
import { csSearchView } from '../../store/cs-text-index.ts';

/** What the engine knows of a connector space object's attributes: the values its search clauses compare too. */
export const csColumnView = csSearchView;

/** The values of `columns` in `attrs` (attributes without values are left out). */
export function pickColumns(attrs: StoredAttributes, columns: readonly string[]): StoredAttributes {
  const out: StoredAttributes = {};
  for (const c of columns) {
    const v = attrs[c];
    if (v && v.length > 0) out[c] = v;
  }
  return out;
}
