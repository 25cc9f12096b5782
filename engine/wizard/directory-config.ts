// Turns a directory of the wizard into the LDAP connector's configuration, with the OU and pilot-group scope.
// Active Directory gets the object types and attribute list of the default configuration.
import type { LdapConfigInput } from '../connectors/ldap/index.ts';
import type { DirectoryInput, OuFilter } from '../../shared/model/wizard.ts';
import { AD_OBJECT_TYPES } from '../rules/defaults/setup-input.ts';
import { defaultAdAttributes } from '../rules/defaults/ad-attributes.ts';

export interface DirectoryScope {
  readonly ouFilter?: OuFilter;
  /** LDAP filter limiting users, groups and contacts to the pilot group's direct members. */
  readonly pilotFilter?: string;
  readonly sourceAnchor?: 'ms-DS-ConsistencyGuid' | 'objectGUID';
  readonly userMatching?: 'unique' | 'objectSid';
  /** Naming contexts the connection test found; the import reads them and the domain parameters come from them. */
  readonly namingContexts?: readonly string[];
}

/** Object types a pilot group limits (containers stay, so the tree is whole). */
const PILOTED = new Set(['user', 'inetOrgPerson', 'group', 'contact', 'computer']);

/** Adds the pilot filter to a type's own filter. */
function scoped<T extends { name: string; filter?: string }>(t: T, pilot: string | undefined): T {
  if (!pilot || !PILOTED.has(t.name)) return t;
  return { ...t, filter: t.filter ? `(&${t.filter}${pilot})` : pilot };
}

/** The naming contexts to import: AD's domain partition (the shortest all-DC= one, not its DNS zones), else all. */
function baseDnsOf(kind: DirectoryInput['kind'], contexts: readonly string[]): string[] {
  if (kind !== 'ad') return [...contexts];
  const domains = contexts.filter((nc) => nc.split(/(?<!\\),/).every((rdn) => /^\s*dc=/i.test(rdn)));
  const domain = [...domains].sort((a, b) => a.length - b.length)[0];
  return domain ? [domain] : [];
}

/** The LDAP connector configuration for a directory; OpenLDAP gets the AD type names the default rules read. */
export function directoryConfig(d: DirectoryInput, scope: DirectoryScope = {}): LdapConfigInput {
  const selected = scope.ouFilter?.mode === 'selected' ? scope.ouFilter.included : [];
  const pilot = scope.pilotFilter;
  const objectTypes = d.kind === 'ad'
    ? AD_OBJECT_TYPES.map((t) => scoped(t, pilot))
    : [
        { name: 'inetOrgPerson', objectClasses: ['inetOrgPerson'] },
        { name: 'group', objectClasses: ['groupOfNames'] },
        { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
      ].map((t) => scoped(t, pilot));
  return {
    url: d.url,
    security: d.security,
    ...(d.caPem ? { caPem: d.caPem } : {}),
    ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}),
    bindDn: d.bindDn,
    password: d.password,
    flavour: d.kind === 'ad' ? 'ad' : 'openldap',
    // Without a naming context or a selected container the connector has no %Domain.FQDN% for the rules.
    baseDns: baseDnsOf(d.kind, scope.namingContexts ?? []),
    includeContainers: selected,
    objectTypes,
    ...(d.kind === 'ad' ? { attributes: defaultAdAttributes({ sourceAnchor: scope.sourceAnchor, userMatching: scope.userMatching }) } : {}),
    connectTimeoutMs: 5000,
    timeoutMs: 30_000,
  };
}
