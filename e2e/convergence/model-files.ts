// The files scenario's rules, restated on their own: what the LDIF and CSV targets must hold for the current
// content of the HR CSV and the directory JSON. Written from the configuration's intent, not from engine code.
//
// - A person exists when an HR row or a directory account has its employeeId (both project and join on it).
//   HR wins for every attribute it has; the account adds mail, and its jobTitle when HR has no title.
// - LDIF target ("Ldif"): people with status "active" at cn=<name>,ou=<department>,ou=people,dc=example,dc=com,
//   and every group at cn=<name>,ou=groups,dc=example,dc=com.
// - CSV target ("Roster"): people with status "active" or "leave" at employeeNumber=<id>,ou=<department>,o=roster.
// - A reference (manager, member) becomes the target DN of what it names when that is in the same target;
//   a reference that names nothing, or something the target does not hold, contributes no value.
import { dn } from './dn.ts';
import { ReferenceIndex, distinctDns } from './reference-index.ts';
import type { Account, Group, Person, SourceShape, SourceState } from './source-state.ts';
import { put, type ExpectedEntry, type ExpectedTarget } from './target-content.ts';

export const LDIF_TARGET = 'Ldif';
export const CSV_TARGET = 'Roster';

type DirObject = { readonly kind: 'account'; readonly a: Account } | { readonly kind: 'group'; readonly g: Group };

export function ldifPersonDn(p: Person): string {
  return dn(['cn', p.cn], ['ou', p.department], ['ou', 'people'], ['dc', 'example'], ['dc', 'com']);
}

export function ldifGroupDn(g: Group): string {
  return dn(['cn', g.cn], ['ou', 'groups'], ['dc', 'example'], ['dc', 'com']);
}

export function rosterDn(p: Person): string {
  return dn(['employeeNumber', p.employeeId], ['ou', p.department], ['o', 'roster']);
}

const inLdif = (p: Person) => p.status === 'active';
const inRoster = (p: Person) => p.status === 'active' || p.status === 'leave';

/** The expected content of both targets. */
export function expectFiles(state: SourceState, shape: SourceShape): ExpectedTarget[] {
  const hr = new ReferenceIndex<Person>();
  for (const p of state.persons.values()) hr.add(shape.personDn(p), p);
  const dir = new ReferenceIndex<DirObject>();
  for (const a of state.accounts.values()) dir.add(a.dn, { kind: 'account', a });
  for (const g of state.groups.values()) dir.add(g.dn, { kind: 'group', g });
  const personOf = new Map<string, Person>([...state.persons.values()].map((p) => [p.employeeId, p]));
  const accountOf = new Map<string, Account>([...state.accounts.values()].map((a) => [a.employeeId, a]));

  const ldif: ExpectedEntry[] = [];
  const roster: ExpectedEntry[] = [];
  for (const p of state.persons.values()) {
    const account = accountOf.get(p.employeeId);
    const title = p.title ?? account?.jobTitle;
    const manager = hr.find(p.manager);
    if (inLdif(p)) {
      const attributes: Record<string, string[]> = {};
      put(attributes, 'objectClass', ['inetOrgPerson']);
      put(attributes, 'cn', [p.cn]);
      put(attributes, 'sn', [p.sn]);
      put(attributes, 'givenName', [p.givenName]);
      put(attributes, 'title', [title]);
      put(attributes, 'mail', [account?.mail]);
      put(attributes, 'employeeNumber', [p.employeeId]);
      put(attributes, 'manager', [manager && inLdif(manager) ? ldifPersonDn(manager) : undefined]);
      ldif.push({ dn: ldifPersonDn(p), source: p.key, attributes });
    }
    if (inRoster(p)) {
      const attributes: Record<string, string[]> = {};
      put(attributes, 'employeeNumber', [p.employeeId]);
      put(attributes, 'cn', [p.cn]);
      put(attributes, 'department', [p.department]);
      put(attributes, 'title', [title]);
      put(attributes, 'mail', [account?.mail]);
      put(attributes, 'manager', [manager && inRoster(manager) ? rosterDn(manager) : undefined]);
      roster.push({ dn: rosterDn(p), source: p.key, attributes });
    }
  }
  for (const g of state.groups.values()) {
    const members = g.member.map((v) => {
      const o = dir.find(v);
      if (o?.kind === 'group') return ldifGroupDn(o.g);
      const p = o ? personOf.get(o.a.employeeId) : undefined;
      return p && inLdif(p) ? ldifPersonDn(p) : undefined;
    });
    const attributes: Record<string, string[]> = {};
    put(attributes, 'objectClass', ['groupOfNames']);
    put(attributes, 'cn', [g.cn]);
    put(attributes, 'description', [g.description]);
    put(attributes, 'member', distinctDns(members.filter((m): m is string => m !== undefined)));
    ldif.push({ dn: ldifGroupDn(g), source: g.key, attributes });
  }
  return [
    { name: LDIF_TARGET, entries: ldif, references: new Set(['manager', 'member']) },
    { name: CSV_TARGET, entries: roster, references: new Set(['manager']) },
  ];
}
