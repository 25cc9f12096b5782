// A modification never removes the value an entry is named by: directories refuse it (OpenLDAP: namingViolation,
// AD: notAllowedOnRDN for any modify of the naming attribute). The DN decides the naming value, so the change
// list is adjusted to it instead of failing: the value is kept in replaces and deletes, a rename's own work (the
// new value added, the old one removed) is not repeated, and on Active Directory the naming attribute is left to
// the rename altogether.
import type { AttributeChange, AttributeValue } from '../contract.ts';
import { foldValue } from '../../model/dn.ts';
import { rdnParts } from './dn.ts';

export interface NamingContext {
  /** The DN the entry has when the modification is sent (after a rename, the new one). */
  readonly dn: string;
  /** The DN before a rename sent just before (with deleteOldRdn), if any. */
  readonly renamedFrom?: string;
  readonly activeDirectory: boolean;
}

function sameValue(v: AttributeValue, rdnValue: string): boolean {
  return typeof v === 'string' && foldValue(v) === foldValue(rdnValue);
}

/** The modifications of an update, made acceptable to the directory for the entry's naming value(s). */
export function adjustForNaming(changes: readonly AttributeChange[], at: NamingContext): AttributeChange[] {
  const naming = rdnParts(at.dn);
  const isNaming = (attribute: string) => naming.some((p) => p.type.toLowerCase() === attribute.toLowerCase());
  if (at.activeDirectory) return changes.filter((c) => !isNaming(c.attribute));
  const removedByRename = at.renamedFrom ? rdnParts(at.renamedFrom).filter((old) => !naming.some((p) => p.type.toLowerCase() === old.type.toLowerCase() && sameValue(p.value, old.value))) : [];
  const out: AttributeChange[] = [];
  for (const c of changes) {
    const lower = c.attribute.toLowerCase();
    const keep = naming.filter((p) => p.type.toLowerCase() === lower).map((p) => p.value);
    const gone = removedByRename.filter((p) => p.type.toLowerCase() === lower).map((p) => p.value);
    if (c.op === 'replace' && keep.length > 0) {
      const missing = keep.filter((k) => !c.values.some((v) => sameValue(v, k)));
      out.push(missing.length > 0 ? { ...c, values: [...c.values, ...missing] } : c);
    } else if (c.op === 'delete' && keep.length > 0 && c.values.length === 0) {
      out.push({ attribute: c.attribute, op: 'replace', values: keep });
    } else if (c.op === 'delete' && (keep.length > 0 || gone.length > 0)) {
      const values = c.values.filter((v) => !keep.some((k) => sameValue(v, k)) && !gone.some((g) => sameValue(v, g)));
      if (values.length > 0) out.push({ ...c, values });
    } else if (c.op === 'add' && at.renamedFrom && keep.length > 0) {
      const values = c.values.filter((v) => !keep.some((k) => sameValue(v, k)));
      if (values.length > 0) out.push({ ...c, values });
    } else out.push(c);
  }
  return out;
}

/** The attributes of an add: AD takes the naming attribute from the DN and refuses a different one (other
 * directories add the naming value themselves when it is missing). */
export function namedAdd(changes: readonly AttributeChange[], dn: string, activeDirectory: boolean): readonly AttributeChange[] {
  if (!activeDirectory) return changes;
  const naming = rdnParts(dn);
  return changes.filter((c) => !naming.some((p) => p.type.toLowerCase() === c.attribute.toLowerCase()));
}
