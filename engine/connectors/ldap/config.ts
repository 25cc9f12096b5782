// Configuration of an LDAP connector (any LDAP v3 directory, with Active Directory and OpenLDAP flavours).
import { z } from 'zod';

const ldapUrl = z.string().regex(/^ldaps?:\/\/[^/\s]+\/?$/i, 'expected ldap://host[:port] or ldaps://host[:port]');

export const objectTypeSchema = z.object({
  /** Name the engine uses for the type, e.g. `user`, `group`, `inetOrgPerson`. */
  name: z.string().min(1),
  /** An entry is of this type when it carries all these object classes. */
  objectClasses: z.array(z.string().min(1)).min(1),
  /** Extra LDAP filter the entries must match, e.g. `(objectCategory=person)` to leave computers out. */
  filter: z.string().startsWith('(').optional(),
});

export const ldapConfigSchema = z
  .object({
    /** One or more server URLs (`ldap://host:389`, `ldaps://host:636`); later ones are fail-over. */
    url: z.union([ldapUrl, z.array(ldapUrl).min(1)]),
    security: z.enum(['none', 'starttls', 'ldaps']).default('starttls'),
    /** PEM of the CA (or self-signed server certificate) to trust in addition to the system store. */
    caPem: z.string().optional(),
    rejectUnauthorized: z.boolean().default(true),
    /** Host name the server certificate must name, when it differs from the URL's host (e.g. `dc1.example.test`). */
    tlsServerName: z.string().optional(),
    bindDn: z.string().min(1),
    password: z.string(),
    flavour: z.enum(['openldap', 'ad', 'generic']).default('generic'),
    /** Naming contexts to import; empty = every naming context the RootDSE lists. */
    baseDns: z.array(z.string().min(1)).default([]),
    includeContainers: z.array(z.string().min(1)).default([]),
    excludeContainers: z.array(z.string().min(1)).default([]),
    objectTypes: z.array(objectTypeSchema).min(1).optional(),
    /** Attribute inclusion list; empty = every user attribute the server returns. */
    attributes: z.array(z.string().min(1)).default([]),
    /** Anchor attribute; default objectGUID (ad), entryUUID (openldap, generic). */
    anchorAttribute: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(10_000).default(500),
    /** Per-operation timeout in ms (0 = none). */
    timeoutMs: z.number().int().min(0).default(120_000),
    connectTimeoutMs: z.number().int().min(1).default(10_000),
    /** Objects per import batch. */
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /** LDAP requests kept in flight during export. */
    exportConcurrency: z.number().int().min(1).max(64).default(8),
  })
  .strict();

export type LdapConfigInput = z.input<typeof ldapConfigSchema>;
export type LdapConfig = z.output<typeof ldapConfigSchema>;
export type LdapObjectType = z.output<typeof objectTypeSchema>;

/** Object types used when the configuration names none. */
export function defaultObjectTypes(flavour: LdapConfig['flavour']): LdapObjectType[] {
  if (flavour === 'ad') {
    return [
      { name: 'user', objectClasses: ['user'], filter: '(objectCategory=person)' },
      { name: 'group', objectClasses: ['group'] },
      { name: 'contact', objectClasses: ['contact'] },
      { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
    ];
  }
  return [
    { name: 'inetOrgPerson', objectClasses: ['inetOrgPerson'] },
    { name: 'groupOfNames', objectClasses: ['groupOfNames'] },
    { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
  ];
}

/** The anchor attribute in effect for a configuration. */
export function anchorAttributeOf(config: LdapConfig): string {
  return config.anchorAttribute ?? (config.flavour === 'ad' ? 'objectGUID' : 'entryUUID');
}

/** Server URLs in order of preference. */
export function urlsOf(config: LdapConfig): string[] {
  return Array.isArray(config.url) ? config.url : [config.url];
}
