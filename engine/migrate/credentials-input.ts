// Credentials as the command line and credential files give them: secrets only by the name of the environment
// variable that holds them (or a key file's path), never as values.
import { z } from 'zod';
import { refusePlainSecrets, type SecretSource } from '../rules/defaults/index.ts';
import type { MigrationCredentials } from './credentials.ts';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable');
const ldapUrl = z.string().regex(/^ldaps?:\/\/\S+$/i, 'must be ldap://host[:port] or ldaps://host[:port]');

export const DirectoryCredentialInput = z.object({
  /** The forest's connector name; may be left out when the export has one forest. */
  connector: z.string().min(1).optional(),
  url: ldapUrl,
  bindDn: z.string().min(1),
  passwordEnv: envName,
  security: z.enum(['ldaps', 'starttls', 'none']).optional(),
  caFile: z.string().min(1).optional(),
  tlsServerName: z.string().min(1).optional(),
}).strict();

export const EntraCredentialInput = z.object({
  tenant: z.string().min(1).optional(),
  clientId: z.string().min(1),
  secretEnv: envName.optional(),
  certificateFile: z.string().min(1).optional(),
  privateKeyFile: z.string().min(1).optional(),
  authorityHost: z.string().min(1).optional(),
  graphBaseUrl: z.string().min(1).optional(),
  caFile: z.string().min(1).optional(),
}).strict().refine((e) => Boolean(e.secretEnv) !== Boolean(e.certificateFile && e.privateKeyFile), {
  message: 'give either secretEnv (a client secret) or certificateFile and privateKeyFile',
});

export const CredentialsInput = z.object({
  directories: z.array(DirectoryCredentialInput).default([]),
  entra: EntraCredentialInput.optional(),
}).strict();
export type CredentialsInput = z.infer<typeof CredentialsInput>;

/** Validates credential input, with messages naming the field; a plain secret value is refused. */
export function parseCredentialsInput(value: unknown): CredentialsInput {
  refusePlainSecrets(value);
  const parsed = CredentialsInput.safeParse(value);
  if (!parsed.success) throw new Error(`Invalid credentials: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Reads the secrets (environment variables, key and CA files) now. */
export function resolveCredentials(input: CredentialsInput, secrets: SecretSource): MigrationCredentials {
  const e = input.entra;
  return {
    directories: input.directories.map((d) => ({
      ...(d.connector ? { connector: d.connector } : {}),
      url: d.url,
      bindDn: d.bindDn,
      password: secrets.secret(d.passwordEnv, `password of ${d.bindDn}`),
      ...(d.security ? { security: d.security } : {}),
      ...(d.caFile ? { caPem: secrets.file(d.caFile) } : {}),
      ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}),
    })),
    ...(e ? {
      entra: {
        ...(e.tenant ? { tenantId: e.tenant } : {}),
        clientId: e.clientId,
        auth: e.secretEnv
          ? { kind: 'secret' as const, clientSecret: secrets.secret(e.secretEnv, `client secret of ${e.clientId}`) }
          : { kind: 'certificate' as const, certificatePem: secrets.file(e.certificateFile!), privateKeyPem: secrets.file(e.privateKeyFile!) },
        ...(e.authorityHost ? { authorityHost: e.authorityHost } : {}),
        ...(e.graphBaseUrl ? { graphBaseUrl: e.graphBaseUrl } : {}),
        ...(e.caFile ? { caPem: secrets.file(e.caFile) } : {}),
      },
    } : {}),
  };
}
