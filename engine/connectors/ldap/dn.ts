// What the LDAP connector needs on top of the model's DN value type (engine/model/dn.ts, which does all parsing
// and comparing): building a DN from data, the decoded pairs of an RDN, and the new-RDN/new-superior split of a
// modifyDN request.
import { escapeDnValue, formatRdn, parentDn, parseDn, rdnText, type AvaPart } from '../../model/dn.ts';

/** Builds `attr=value,parent` with the value escaped (RFC 4514). */
export function buildDn(attribute: string, value: string, parent: string): string {
  const rdn = `${attribute}=${escapeDnValue(value)}`;
  return parent ? `${rdn},${parent}` : rdn;
}

/** The decoded attribute/value pairs of a DN's first RDN (`[{type:'cn', value:'Ann'}]`); [] when unparseable. */
export function rdnParts(dn: string): readonly AvaPart[] {
  try {
    return parseDn(rdnText(dn))[0] ?? [];
  } catch {
    return [];
  }
}

/** The decoded value of a DN's first RDN (`Ann` for `cn=Ann,ou=people`), for display. */
export function rdnDisplayName(dn: string): string {
  return rdnParts(dn).map((p) => p.value).join('+') || rdnText(dn);
}

/**
 * The new DN as ldapts' modifyDN wants it: ldapts splits `rdn,superior` at the first comma not preceded by a
 * backslash, which a value ending in an escaped backslash (`cn=a\\`) would defeat; such an RDN is re-escaped
 * with hex pairs so the split falls where it should.
 */
export function modifyDnTarget(newDn: string): string {
  const rdn = rdnText(newDn);
  const parent = parentDn(newDn);
  const safeRdn = rdn.includes('\\\\') ? formatRdn(rdnParts(newDn)).replace(/\\\\/g, '\\5C') : rdn;
  return parent ? `${safeRdn},${parent}` : safeRdn;
}
