// Configuration of an Entra ID connector, validated with zod.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { defaultGraphScope } from './graph-scope.ts';

const guidOrDomain = z.string().trim().min(1).regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id (GUID) or a tenant domain name');

export const secretAuthSchema = z.object({
  kind: z.literal('secret'),
  clientSecret: z.string().min(1, 'client secret is required'),
});

export const certificateAuthSchema = z.object({
  kind: z.literal('certificate'),
  certificatePem: z.string().includes('BEGIN CERTIFICATE', { message: 'must be a PEM certificate' }),
  privateKeyPem: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }),
  /** SHA-1 thumbprint (hex) as shown in the portal; derived from the certificate when absent. */
  thumbprint: z.string().regex(/^[0-9A-Fa-f]{40}$/, 'must be a 40-digit hex SHA-1 thumbprint').optional(),
}).superRefine((auth, ctx) => {
  // Messages never quote the key or certificate.
  let cert: X509Certificate | undefined;
  try {
    cert = new X509Certificate(auth.certificatePem);
  } catch {
    if (auth.certificatePem.includes('BEGIN CERTIFICATE')) ctx.addIssue({ code: 'custom', path: ['certificatePem'], message: 'is not a readable X.509 certificate' });
  }
  try {
    const key = createPrivateKey(auth.privateKeyPem);
    if (cert && !cert.checkPrivateKey(key)) ctx.addIssue({ code: 'custom', path: ['privateKeyPem'], message: 'does not belong to the certificate' });
  } catch {
    if (auth.privateKeyPem.includes('PRIVATE KEY')) ctx.addIssue({ code: 'custom', path: ['privateKeyPem'], message: 'is not a readable private key (PEM, unencrypted)' });
  }
  const sha1 = cert?.fingerprint.replace(/:/g, '');
  if (sha1 && auth.thumbprint && auth.thumbprint.toUpperCase() !== sha1) {
    ctx.addIssue({ code: 'custom', path: ['thumbprint'], message: `does not match the certificate (its SHA-1 thumbprint is ${sha1})` });
  }
});

export const writeBudgetSchema = z.object({
  /** Graph's write quota per app and tenant for the window (3,000 per 150 s for directory writes). */
  quotaWrites: z.number().int().positive().default(3000),
  windowSeconds: z.number().positive().default(150),
  /** Share of the quota the connector allows itself (below 1 so other writers and clock drift fit). */
  targetShare: z.number().gt(0).max(1).default(0.98),
});

const graphScopeSchema = z.string().trim()
  .regex(/^(https:\/\/[^/\s]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/\.default$/i,
    'must be the Graph resource followed by /.default, e.g. https://graph.microsoft.com/.default');

/** The application whose directory extensions (extension properties) hold the attributes synchronized to them. */
export const extensionAppSchema = z.object({
  /** Application (client) id of the app registration, e.g. Entra Connect's "Tenant Schema Extension App". */
  appId: z.string().trim().uuid('must be the application (client) id of the extension application, a GUID'),
  /**
   * Register a directory extension the first time an export writes an `extension_<appId>_<name>` attribute that is
   * not registered yet (its type taken from the values); needs Application.ReadWrite.OwnedBy (as an owner) or .All.
   */
  createMissing: z.boolean().default(false),
}).strict();

const entraConfigObject = z.object({
  tenantId: guidOrDomain,
  clientId: z.string().trim().uuid('must be the application (client) id, a GUID'),
  auth: z.discriminatedUnion('kind', [secretAuthSchema, certificateAuthSchema]),
  authorityHost: z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL').default('https://login.microsoftonline.com'),
  graphBaseUrl: z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL').default('https://graph.microsoft.com'),
  /**
   * Scope of the app's Graph tokens, `<Graph resource>/.default`. Entra ID issues Graph tokens only for its Graph
   * resource, so a gateway or emulator at another address keeps the cloud's resource. Default: from the Graph host
   * (national clouds) or the authority's cloud (see `graph-scope.ts`).
   */
  graphScope: graphScopeSchema.optional(),
  /** Extra CA (PEM) trusted for the authority and Graph, e.g. a TLS-inspecting proxy's; never disables checks. */
  caPem: z.string().optional(),
  writeBudget: writeBudgetSchema.prefault({}),
  /** Requests of a `$batch` running at the same time. */
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Directory extensions: the application that defines them; none means no extension attributes. */
  extensionApp: extensionAppSchema.optional(),
}).strict();

export const entraConfigSchema = entraConfigObject.transform((c) => ({ ...c, graphScope: c.graphScope ?? defaultGraphScope(c.graphBaseUrl, c.authorityHost) }));

export type EntraConfig = z.infer<typeof entraConfigSchema>;
export type EntraConfigInput = z.input<typeof entraConfigSchema>;
export type ExtensionAppConfig = z.infer<typeof extensionAppSchema>;
