// ISMEMBEROF scoping (spec §3.2): is a CS object a member of a group of the same connector space.
import type { CsObject } from '../model/objects.ts';
import type { MembershipCheck } from '../rules/scoping.ts';
import type { WorkingSet } from './working-set.ts';

/** The membership check for one CS object: the group (by DN) lists the object's DN in its `member` values. */
export function membershipOf(ws: WorkingSet, cs: CsObject): MembershipCheck {
  return (groupDn) => {
    const group = ws.csByDn(cs.connector, groupDn);
    if (!group) return false;
    const dn = cs.dn.toLowerCase();
    const members = group.pendingImport && group.pendingImport.op !== 'delete' ? group.pendingImport.image.member : group.hologram.member;
    return (members ?? []).some((v) => typeof v === 'object' && 'ref' in v && v.ref.toLowerCase() === dn);
  };
}
