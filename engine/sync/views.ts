// Attribute views of a CS object (spec §1.3).
import type { CsObject } from '../model/objects.ts';
import type { StoredAttributes } from '../model/stored-values.ts';

/** Hologram overlaid with unconfirmed exports and then pending export changes: "the connector space value". */
export function exportAwareView(cs: CsObject): StoredAttributes {
  const hasUnconfirmed = Object.keys(cs.unconfirmed).length > 0;
  const pe = cs.pendingExport && cs.pendingExport.op !== 'delete' ? cs.pendingExport.changes : null;
  if (!hasUnconfirmed && (!pe || Object.keys(pe).length === 0)) return cs.hologram;
  const out: StoredAttributes = { ...cs.hologram, ...cs.unconfirmed };
  if (pe) for (const [k, v] of Object.entries(pe)) out[k] = v;
  for (const k of Object.keys(out)) if (out[k].length === 0) delete out[k];
  return out;
}

/**
 * What the connected system holds as far as the engine knows: the newest import (a pending import not yet
 * synchronized is newer than the hologram) overlaid with unconfirmed exports.
 */
export function exportBaseView(cs: CsObject): StoredAttributes {
  const imported = cs.pendingImport && cs.pendingImport.op !== 'delete' ? cs.pendingImport.image : cs.hologram;
  if (Object.keys(cs.unconfirmed).length === 0) return imported;
  const out: StoredAttributes = { ...imported, ...cs.unconfirmed };
  for (const k of Object.keys(out)) if (out[k].length === 0) delete out[k];
  return out;
}

/** The DN the object has in the connected system now (a pending import may bring a newer one). */
export function currentDn(cs: CsObject): string {
  return (cs.pendingImport?.op !== 'delete' && cs.pendingImport?.dn) || cs.dn;
}
