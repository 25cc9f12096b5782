// The LDAP connector type: any LDAP v3 directory, with Active Directory and OpenLDAP flavours.
import type { ConnectorType } from '../contract.ts';
import { type LdapConfig, ldapConfigSchema } from './config.ts';
import { LdapConnector } from './connector.ts';

export const ldapConnectorType: ConnectorType<LdapConfig> = {
  type: 'ldap',
  displayName: 'LDAP directory (Active Directory, OpenLDAP, generic LDAP v3)',
  configSchema: ldapConfigSchema,
  secretFields: ['password'],
  capabilities: { deltaImport: true, export: true, rename: true, passwordExport: true, exportsWholeSet: false },
  // Active Directory keeps member/manager links pointing at a moved object without touching the referrers;
  // OpenLDAP's refint overlay (where installed) rewrites the referrers, which delta import then reads.
  keepsReferencesOnRename: (config) => config.flavour === 'ad',
  create: (config) => new LdapConnector(ldapConfigSchema.parse(config)),
};

export { ldapConfigSchema, type LdapConfig, type LdapConfigInput } from './config.ts';
export { LdapConnector } from './connector.ts';
