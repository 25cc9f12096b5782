// Live checks of the Microsoft Entra tenant for the wizard: app sign-in, device code sign-in and the tenant's domains.
import type { EntraPageInput } from '../../shared/model/wizard.ts';
import { entraConfigSchema, startDeviceCodeSignIn, type DeviceCodeSignIn, type EntraConfig, type EntraConfigInput } from '../connectors/entra/index.ts';
import { HttpsTransport } from '../connectors/entra/https-transport.ts';
import { TokenProvider } from '../connectors/entra/token-provider.ts';
import { defaultGraphScope } from '../connectors/entra/graph-scope.ts';
import type { TenantDomain } from './upn-suffixes.ts';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

/** The Entra connector configuration for the page's input (validated: problems name the field). */
export function entraConfig(e: EntraPageInput): EntraConfig {
  const input: EntraConfigInput = {
    tenantId: e.tenantId,
    clientId: e.clientId,
    auth: e.authKind === 'secret'
      ? { kind: 'secret', clientSecret: e.clientSecret ?? '' }
      : { kind: 'certificate', certificatePem: e.certificatePem ?? '', privateKeyPem: e.privateKeyPem ?? '' },
    authorityHost: e.authorityHost || DEFAULT_AUTHORITY_HOST,
    graphBaseUrl: e.graphBaseUrl || DEFAULT_GRAPH_BASE_URL,
    ...(e.graphScope ? { graphScope: e.graphScope } : {}),
    ...(e.caPem?.trim() ? { caPem: e.caPem } : {}),
  };
  return entraConfigSchema.parse(input);
}

/** Reads the tenant's domains with a bearer token. */
export async function readDomains(graphBaseUrl: string, token: string, caPem?: string): Promise<TenantDomain[]> {
  const transport = new HttpsTransport(caPem);
  try {
    const url = `${new URL(graphBaseUrl).origin}/v1.0/domains?$select=id,isVerified,isDefault`;
    const reply = await transport.send('GET', url, { Authorization: `Bearer ${token}`, Accept: 'application/json' });
    const body = JSON.parse(reply.body.toString('utf8') || '{}') as { value?: TenantDomain[]; error?: { code?: string; message?: string } };
    if (reply.status !== 200) throw new Error(`Reading the tenant's domains failed (HTTP ${reply.status} ${body.error?.code ?? ''}: ${body.error?.message ?? 'no message'})`);
    return (body.value ?? []).map((d) => ({ id: d.id, isVerified: Boolean(d.isVerified), isDefault: Boolean(d.isDefault) }));
  } finally {
    transport.close();
  }
}

/** Signs in as the sync app (client credentials) and reads the domains; errors are readable and hold no secret. */
export async function testTenant(config: EntraConfig): Promise<{ message: string; domains: TenantDomain[] }> {
  const transport = new HttpsTransport(config.caPem);
  try {
    const token = await new TokenProvider(config, transport).accessToken();
    const domains = await readDomains(config.graphBaseUrl, token, config.caPem);
    return { message: `Signed in to tenant ${config.tenantId} as application ${config.clientId}; ${domains.length} domain(s) read.`, domains };
  } finally {
    transport.close();
  }
}

/** Starts a device code sign-in (delegated Directory.Read.All of the cloud's Graph); resolves once the code to show is known. */
export function startAdminSignIn(options: { tenantId: string; clientId: string; authorityHost?: string; graphBaseUrl?: string; graphScope?: string; caPem?: string; signal: AbortSignal }): Promise<DeviceCodeSignIn> {
  const authorityHost = options.authorityHost || DEFAULT_AUTHORITY_HOST;
  return startDeviceCodeSignIn({
    tenantId: options.tenantId,
    clientId: options.clientId,
    authorityHost,
    graphScope: options.graphScope || defaultGraphScope(options.graphBaseUrl || DEFAULT_GRAPH_BASE_URL, authorityHost),
    ...(options.caPem?.trim() ? { caPem: options.caPem } : {}),
    signal: options.signal,
  });
}
