// LDIF for directory servers: inetOrgPerson/groupOfNames for slapd, or an Active Directory flavour for Samba.
import { escapeDnValue } from '../../../engine/connectors/file/dn.ts';
import { formatLine } from '../../../engine/connectors/file/ldif-writer.ts';
import { IdentitySet, type GenerateOptions, type GeneratedGroup, type GeneratedOu, type GeneratedUser, type MemberRef } from './identities.ts';
import { writeText } from './text-file.ts';

export interface LdifOptions extends GenerateOptions {
  /** `inetOrgPerson` (slapd, default) or `ad` (user/group classes, sAMAccountName, userPrincipalName). */
  readonly flavour?: 'inetOrgPerson' | 'ad';
  /** Directory suffix; default dc=example,dc=com (DC=example,DC=com for AD). */
  readonly suffix?: string;
  /**
   * Emit the top containers (people, groups) too. Default: false for slapd, whose test launcher creates
   * ou=people and ou=groups itself; true for AD.
   */
  readonly includeTopContainers?: boolean;
}

/** Whether the AD flavour's accounts are enabled: 544 = NORMAL_ACCOUNT + PASSWD_NOTREQD, 546 adds ACCOUNTDISABLE. */
const UAC_ENABLED = 544;
const UAC_DISABLED = 546;
/** Global security group. */
const GROUP_TYPE = -2147483646;

/** Names of DNs in one flavour. */
class DnScheme {
  constructor(
    readonly ad: boolean,
    readonly suffix: string,
  ) {}
  private ou(name: string): string {
    const top = this.ad ? name.charAt(0).toUpperCase() + name.slice(1) : name;
    return `${this.ad ? 'OU' : 'ou'}=${escapeDnValue(top)}`;
  }
  container(path: readonly string[]): string {
    return [...path].reverse().map((p) => this.ou(p)).join(',') + ',' + this.suffix;
  }
  user(u: Pick<GeneratedUser, 'uid' | 'cn' | 'ouPath'>): string {
    return this.ad ? `CN=${escapeDnValue(u.cn)},${this.container(u.ouPath)}` : `uid=${escapeDnValue(u.uid)},${this.container(u.ouPath)}`;
  }
  group(name: string): string {
    return `${this.ad ? 'CN' : 'cn'}=${escapeDnValue(name)},${this.container(['groups'])}`;
  }
}

/** The LDIF text of the generated identities, record by record. */
export function* ldifRecords(set: IdentitySet, options: LdifOptions = { seed: 0, users: 0 }): Generator<string> {
  const ad = options.flavour === 'ad';
  const dn = new DnScheme(ad, options.suffix ?? (ad ? 'DC=example,DC=com' : 'dc=example,dc=com'));
  const top = options.includeTopContainers ?? ad;
  for (const ou of set.ous()) if (top || ou.path.length > 1) yield ouEntry(ou, dn);
  for (let i = 0; i < set.users; i++) yield userEntry(set, set.userAt(i), dn);
  for (const g of set.eachGroup()) yield* groupEntry(set, g, dn);
}

/** Writes the generated identities as LDIF; returns the numbers of entries written. */
export async function writeLdif(path: string, options: LdifOptions): Promise<{ users: number; groups: number }> {
  const set = new IdentitySet(options);
  await writeText(path, ldifRecords(set, options));
  return { users: set.users, groups: set.groupCount() };
}

function ouEntry(ou: GeneratedOu, dn: DnScheme): string {
  const name = ou.path[ou.path.length - 1];
  const value = dn.ad && ou.path.length === 1 ? name.charAt(0).toUpperCase() + name.slice(1) : name;
  return formatLine('dn', dn.container(ou.path)) + 'objectClass: organizationalUnit\n' + formatLine('ou', value) + '\n';
}

function userEntry(set: IdentitySet, u: GeneratedUser, dn: DnScheme): string {
  const manager = u.managerIndex === null ? undefined : dn.user(set.userAt(u.managerIndex));
  let out = formatLine('dn', dn.user(u));
  const line = (name: string, value: string | Uint8Array | undefined): void => {
    if (value !== undefined) out += formatLine(name, value);
  };
  if (dn.ad) {
    out += 'objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\n';
    line('cn', u.cn);
    line('sAMAccountName', u.sAMAccountName);
    line('userPrincipalName', u.userPrincipalName);
    line('givenName', u.givenName);
    line('sn', u.sn);
    line('displayName', u.displayName);
    line('mail', u.mail);
    line('department', u.department);
    line('title', u.title);
    line('manager', manager);
    line('employeeID', u.employeeId);
    line('employeeType', u.employeeType);
    line('telephoneNumber', u.telephoneNumber);
    line('company', u.company);
    line('l', u.city);
    line('mS-DS-ConsistencyGuid', u.objectGUID);
    for (const p of u.proxyAddresses) line('proxyAddresses', p);
    line('userAccountControl', String(u.accountEnabled ? UAC_ENABLED : UAC_DISABLED));
  } else {
    out += 'objectClass: inetOrgPerson\n';
    line('uid', u.uid);
    line('cn', u.cn);
    line('sn', u.sn);
    line('givenName', u.givenName);
    line('displayName', u.displayName);
    line('mail', u.mail);
    line('employeeNumber', u.employeeId);
    line('employeeType', u.employeeType);
    line('departmentNumber', u.department);
    line('title', u.title);
    line('manager', manager);
    line('telephoneNumber', u.telephoneNumber);
    line('o', u.company);
    line('l', u.city);
  }
  return out + '\n';
}

/** A group entry in pieces, so a group holding half a million members is never one string. */
function* groupEntry(set: IdentitySet, g: GeneratedGroup, dn: DnScheme): Generator<string> {
  let out = formatLine('dn', dn.group(g.name));
  if (dn.ad) out += `objectClass: top\nobjectClass: group\n` + formatLine('cn', g.name) + formatLine('sAMAccountName', g.mailNickname) + `groupType: ${GROUP_TYPE}\n`;
  else out += 'objectClass: groupOfNames\n' + formatLine('cn', g.name);
  yield out + formatLine('description', g.description);
  let count = 0;
  for (const m of g.members()) {
    yield formatLine('member', memberDn(set, m, dn));
    count++;
  }
  // groupOfNames requires a member; an empty group names the empty DN, as is customary.
  if (!count && !dn.ad) yield 'member:\n';
  yield '\n';
}

function memberDn(set: IdentitySet, m: MemberRef, dn: DnScheme): string {
  return m.kind === 'user' ? dn.user(set.userAt(m.index)) : dn.group(m.name);
}
