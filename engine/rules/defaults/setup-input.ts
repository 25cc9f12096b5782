// The headless setup's input (a file or command-line options) and the connector configurations it makes.
// Secrets are never part of it: only the names of the environment variables that hold them.
import { z } from 'zod';
import type { ConnectorSpec, DefaultConfigurationInput } from './apply-defaults.ts';
import { defaultAdAttributes } from './ad-attributes.ts';

/** Object types of an Active Directory forest the default rules read. */
export const AD_OBJECT_TYPES = [
  { name: 'user', objectClasses: ['user'], filter: '(&(objectCategory=person)(!(objectClass=inetOrgPerson)))' },
  { name: 'inetOrgPerson', objectClasses: ['inetOrgPerson'] },
  { name: 'group', objectClasses: ['group'] },
  { name: 'contact', objectClasses: ['contact'] },
  { name: 'computer', objectClasses: ['computer'] },
  { name: 'foreignSecurityPrincipal', objectClasses: ['foreignSecurityPrincipal'] },
  { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
];

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable');
const SECRET_KEYS = /^(password|secret|clientSecret|privateKey|privateKeyPem)$/i;

export const ForestSetup = z.object({
  url: z.string().regex(/^ldaps?:\/\/\S+$/i, 'must be ldap://host[:port] or ldaps://host[:port]'),
  bindDn: z.string().min(1),
  passwordEnv: envName,
  name: z.string().min(1).optional(),
  flavour: z.enum(['ad', 'openldap', 'generic']).default('ad'),
  security: z.enum(['none', 'starttls', 'ldaps']).optional(),
  caFile: z.string().optional(),
  /** Host name the DC's certificate names, when the URL gives another name or an address. */
  tlsServerName: z.string().min(1).optional(),
  /** OU filtering: containers to include (empty = the whole forest). */
  ous: z.array(z.string().min(1)).default([]),
  excludeOus: z.array(z.string().min(1)).default([]),
  baseDns: z.array(z.string().min(1)).default([]),
}).strict();
export type ForestSetup = z.infer<typeof ForestSetup>;

export const SetupInput = z.object({
  forests: z.array(ForestSetup).min(1, 'at least one AD forest is required'),
  entra: z.object({
    tenant: z.string().min(1),
    clientId: z.string().min(1),
    secretEnv: envName,
    name: z.string().min(1).optional(),
    authorityHost: z.string().optional(),
    graphBaseUrl: z.string().optional(),
    /** Scope of Graph tokens, `<Graph resource>/.default`; default from the cloud (see the Entra connector's README). */
    graphScope: z.string().optional(),
    caFile: z.string().optional(),
  }).strict(),
  sourceAnchor: z.enum(['ms-DS-ConsistencyGuid', 'objectGUID']).default('ms-DS-ConsistencyGuid'),
  userMatching: z.enum(['unique', 'objectSid']).default('unique'),
  groupMemberLimit: z.number().int().positive().default(250_000),
  deleteThreshold: z.number().int().min(0).nullable().default(500),
}).strict();
export type SetupInput = z.infer<typeof SetupInput>;

/** Refuses an input that carries a secret value instead of an environment variable name, naming where. */
export function refusePlainSecrets(value: unknown, where = ''): void {
  if (Array.isArray(value)) value.forEach((v, i) => refusePlainSecrets(v, `${where}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = where ? `${where}.${k}` : k;
      if (SECRET_KEYS.test(k)) throw new Error(`${at}: secrets are not accepted in the setup input; put the secret in an environment variable and give its name (passwordEnv / secretEnv)`);
      refusePlainSecrets(v, at);
    }
  }
}

/** Validates a setup input, with messages naming the field. */
export function parseSetupInput(value: unknown): SetupInput {
  refusePlainSecrets(value);
  const parsed = SetupInput.safeParse(value);
  if (!parsed.success) throw new Error(`Invalid setup input: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface SecretSource {
  /** The value of an environment variable (or a prompt's answer); throws naming the variable when absent. */
  secret(envVar: string, purpose: string): string;
  /** A file's content (a CA certificate). */
  file(path: string): string;
}

/** A forest's connector name: the given one, else the host of its URL. */
function forestName(f: ForestSetup): string {
  return f.name ?? new URL(f.url).hostname;
}

/** Turns the setup input into connector specifications (secrets read now, from their variables). */
export function connectorSpecs(input: SetupInput, secrets: SecretSource): DefaultConfigurationInput {
  const attributes = defaultAdAttributes({ sourceAnchor: input.sourceAnchor, userMatching: input.userMatching });
  const forests: ConnectorSpec[] = input.forests.map((f) => ({
    name: forestName(f),
    type: 'ldap',
    description: `Active Directory forest at ${f.url}`,
    config: {
      url: f.url,
      security: f.security ?? (f.url.toLowerCase().startsWith('ldaps:') ? 'ldaps' : 'starttls'),
      bindDn: f.bindDn,
      password: secrets.secret(f.passwordEnv, `password of ${f.bindDn}`),
      flavour: f.flavour,
      baseDns: f.baseDns,
      includeContainers: f.ous,
      excludeContainers: f.excludeOus,
      ...(f.flavour === 'ad' ? { objectTypes: AD_OBJECT_TYPES, attributes } : {}),
      ...(f.caFile ? { caPem: secrets.file(f.caFile) } : {}),
      ...(f.tlsServerName ? { tlsServerName: f.tlsServerName } : {}),
    },
  }));
  const e = input.entra;
  const entra: ConnectorSpec = {
    name: e.name ?? `${e.tenant} - AAD`,
    type: 'entra',
    description: `Microsoft Entra ID tenant ${e.tenant}`,
    config: {
      tenantId: e.tenant,
      clientId: e.clientId,
      auth: { kind: 'secret', clientSecret: secrets.secret(e.secretEnv, `client secret of ${e.clientId}`) },
      ...(e.authorityHost ? { authorityHost: e.authorityHost } : {}),
      ...(e.graphBaseUrl ? { graphBaseUrl: e.graphBaseUrl } : {}),
      ...(e.graphScope ? { graphScope: e.graphScope } : {}),
      ...(e.caFile ? { caPem: secrets.file(e.caFile) } : {}),
    },
  };
  return { forests, entra, sourceAnchor: input.sourceAnchor, userMatching: input.userMatching, groupMemberLimit: input.groupMemberLimit, deleteThreshold: input.deleteThreshold };
}
