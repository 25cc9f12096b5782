// The attribute values a results grid shows in its chosen columns, for connector space and metaverse rows.
import type { CsObject } from '../../model/objects.ts';
import type { StoredAttributes } from '../../model/stored-values.ts';
import { exportBaseView } from '../../sync/views.ts';

/**
 * What the engine knows of a connector space object's attributes: the newest import (with unconfirmed exports),
 * and for attributes not imported yet, the values a pending export will write (a provisioned object).
 */
export function csColumnView(cs: CsObject): StoredAttributes {
  const pending = cs.pendingExport && cs.pendingExport.op !== 'delete' ? cs.pendingExport.changes : {};
  return { ...pending, ...exportBaseView(cs) };
}

/** The values of `columns` in `attrs` (attributes without values are left out). */
export function pickColumns(attrs: StoredAttributes, columns: readonly string[]): StoredAttributes {
  const out: StoredAttributes = {};
  for (const c of columns) {
    const v = attrs[c];
    if (v && v.length > 0) out[c] = v;
  }
  return out;
}
