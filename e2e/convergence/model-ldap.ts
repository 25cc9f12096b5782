// The LDAP scenario's rules, restated on their own: what the target slapd must hold for the current content of
// the source slapd. Written from the configuration's intent, not from engine code.
//
// - Every source inetOrgPerson is projected; those with employeeType "active" are provisioned to
//   cn=<cn>,ou=<departmentNumber>,ou=people,dc=target,dc=test (the source OU does not matter).
// - Every source groupOfNames is provisioned to cn=<cn>,ou=groups,dc=target,dc=test.
// - manager and member become the target DN of what they name when the target holds it; a value that names
//   nothing (or an entry that is not a synchronized person or group) contributes no value. A group none of
//   whose members resolve gets the placeholder member (groupOfNames needs one).
import { dn } from './dn.ts';
import { ReferenceIndex, distinctDns } from './reference-index.ts';
import type { Group, Person, SourceShape, SourceState } from './source-state.ts';
import { put, type ExpectedEntry, type ExpectedTarget } from './target-content.ts';

export const LDAP_TARGET = 'Target';
export const TARGET_SUFFIX = 'dc=target,dc=test';
/** The member a target group gets when none of its members resolve. */
export const PLACEHOLDER_MEMBER = `cn=empty-group-placeholder,${TARGET_SUFFIX}`;

type SourceObject = { readonly kind: 'person'; readonly p: Person } | { readonly kind: 'group'; readonly g: Group };

export function targetPersonDn(p: Person): string {
  return dn(['cn', p.cn], ['ou', p.department], ['ou', 'people'], ['dc', 'target'], ['dc', 'test']);
}

export function targetGroupDn(g: Group): string {
  return dn(['cn', g.cn], ['ou', 'groups'], ['dc', 'target'], ['dc', 'test']);
}

const inTarget = (p: Person) => p.status === 'active';

/** The expected content of the target directory. */
export function expectLdap(state: SourceState, shape: SourceShape): ExpectedTarget[] {
  const source = new ReferenceIndex<SourceObject>();
  for (const p of state.persons.values()) source.add(shape.personDn(p), { kind: 'person', p });
  for (const g of state.groups.values()) source.add(g.dn, { kind: 'group', g });
  const resolve = (v: string | undefined): string | undefined => {
    const o = source.find(v);
    if (o?.kind === 'group') return targetGroupDn(o.g);
    return o && inTarget(o.p) ? targetPersonDn(o.p) : undefined;
  };

  const entries: ExpectedEntry[] = [];
  for (const p of state.persons.values()) {
    if (!inTarget(p)) continue;
    const attributes: Record<string, string[]> = {};
    put(attributes, 'objectClass', ['inetOrgPerson']);
    put(attributes, 'cn', [p.cn]);
    put(attributes, 'sn', [p.sn]);
    put(attributes, 'givenName', [p.givenName]);
    put(attributes, 'title', [p.title]);
    put(attributes, 'mail', [p.mail]);
    put(attributes, 'employeeNumber', [p.employeeId]);
    put(attributes, 'manager', [resolve(p.manager)]);
    entries.push({ dn: targetPersonDn(p), source: p.key, attributes });
  }
  for (const g of state.groups.values()) {
    const members = distinctDns(g.member.map(resolve).filter((m): m is string => m !== undefined));
    const attributes: Record<string, string[]> = {};
    put(attributes, 'objectClass', ['groupOfNames']);
    put(attributes, 'cn', [g.cn]);
    put(attributes, 'description', [g.description]);
    put(attributes, 'member', members.length > 0 ? members : [PLACEHOLDER_MEMBER]);
    entries.push({ dn: targetGroupDn(g), source: g.key, attributes });
  }
  return [{ name: LDAP_TARGET, entries, references: new Set(['manager', 'member']) }];
}
