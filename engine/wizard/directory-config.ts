// Turns a directory of the wizard into the LDAP connector's configuration, with the OU and pilot-group scope.
import type { LdapConfigInput } from '../connectors/ldap/index.ts';
import type { DirectoryInput, OuFilter } from '../../shared/model/wizard.ts';

export interface DirectoryScope {
  readonly ouFilter?: OuFilter;
  /** LDAP filter limiting users, groups and contacts to the pilot group's direct members. */
  readonly pilotFilter?: string;
}

/** The LDAP connector configuration for a directory; AD keeps its object types, OpenLDAP gets AD-named ones. */
export function directoryConfig(d: DirectoryInput, scope: DirectoryScope = {}): LdapConfigInput {
  const selected = scope.ouFilter?.mode === 'selected' ? scope.ouFilter.included : [];
  const pilot = scope.pilotFilter;
  const objectTypes = d.kind === 'ad'
    ? [
        { name: 'user', objectClasses: ['user'], filter: pilot ? `(&(objectCategory=person)${pilot})` : '(objectCategory=person)' },
        { name: 'group', objectClasses: ['group'], ...(pilot ? { filter: pilot } : {}) },
        { name: 'contact', objectClasses: ['contact'], ...(pilot ? { filter: pilot } : {}) },
        { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
      ]
    : [
        // The default rules read inetOrgPerson and group objects.
        { name: 'inetOrgPerson', objectClasses: ['inetOrgPerson'], ...(pilot ? { filter: pilot } : {}) },
        { name: 'group', objectClasses: ['groupOfNames'], ...(pilot ? { filter: pilot } : {}) },
        { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
      ];
  return {
    url: d.url,
    security: d.security,
    ...(d.caPem ? { caPem: d.caPem } : {}),
    ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}),
    bindDn: d.bindDn,
    password: d.password,
    flavour: d.kind === 'ad' ? 'ad' : 'openldap',
    includeContainers: selected,
    objectTypes,
    connectTimeoutMs: 5000,
    timeoutMs: 30_000,
  };
}
