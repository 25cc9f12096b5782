// The credentials an export never holds: an account per AD forest and the Entra app registration. They complete
// the planned connector configurations; a connector imported before keeps the credentials stored with it.
import type { MigratedConnectorReport, MigrationWarning } from '../../shared/model/migration.ts';
import { connectorType } from '../connectors/registry.ts';
import type { MigrationPlan, PlannedConnector } from './migration-plan.ts';

export interface DirectoryCredential {
  /** The forest's connector name (or id); may be left out when the export has one forest. */
  readonly connector?: string;
  readonly url: string;
  readonly security?: 'ldaps' | 'starttls' | 'none';
  readonly bindDn: string;
  readonly password: string;
  readonly caPem?: string;
  readonly tlsServerName?: string;
}

export interface EntraCredential {
  /** Another tenant than the export names (a test tenant, or a tenant id GUID). */
  readonly tenantId?: string;
  readonly clientId: string;
  readonly auth: { readonly kind: 'secret'; readonly clientSecret: string } | { readonly kind: 'certificate'; readonly certificatePem: string; readonly privateKeyPem: string };
  readonly authorityHost?: string;
  readonly graphBaseUrl?: string;
  readonly caPem?: string;
}

export interface MigrationCredentials {
  readonly directories: readonly DirectoryCredential[];
  readonly entra?: EntraCredential;
}

export type CredentialState = MigratedConnectorReport['credentials'];

export interface CompletedConnector {
  readonly planned: PlannedConnector;
  /** The full configuration, or null while credentials are missing. */
  readonly config: Record<string, unknown> | null;
  readonly state: CredentialState;
}

/** Configuration keys the credentials supply (kept from the stored connector when no credential is given). */
const AD_KEYS = ['url', 'security', 'bindDn', 'password', 'caPem', 'tlsServerName', 'rejectUnauthorized'];
const ENTRA_KEYS = ['tenantId', 'clientId', 'auth', 'authorityHost', 'graphBaseUrl', 'caPem'];

function pick(config: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => config[k] !== undefined).map((k) => [k, config[k]]));
}

function directoryFor(c: PlannedConnector, list: readonly DirectoryCredential[], forests: number): DirectoryCredential | undefined {
  const named = list.find((d) => d.connector && [c.name.toLowerCase(), c.id.toLowerCase()].includes(d.connector.toLowerCase()));
  return named ?? (forests === 1 && list.length === 1 && !list[0]!.connector ? list[0] : undefined);
}

/** Completes each connector; `stored` gives the configuration of a connector imported before (by id). */
export function completeConnectors(
  plan: MigrationPlan,
  credentials: MigrationCredentials,
  stored: (id: string) => Record<string, unknown> | null,
  warnings: MigrationWarning[],
): CompletedConnector[] {
  const forests = plan.connectors.filter((c) => c.kind === 'ad').length;
  const unknown = credentials.directories.filter((d) => d.connector && !plan.connectors.some((c) => c.kind === 'ad' && [c.name.toLowerCase(), c.id].includes(d.connector!.toLowerCase())));
  if (unknown.length) {
    throw new Error(`No directory named ${unknown.map((d) => `"${d.connector}"`).join(', ')} in the export (directories cannot be added on import; the export has ${plan.connectors.filter((c) => c.kind === 'ad').map((c) => c.name).join(', ')})`);
  }
  return plan.connectors.filter((c) => c.type !== null).map((c): CompletedConnector => {
    const before = stored(c.id);
    if (c.kind === 'ad') {
      const d = directoryFor(c, credentials.directories, forests);
      if (d) {
        const security = d.security ?? (/^ldaps:/i.test(d.url) ? 'ldaps' : 'starttls');
        return { planned: c, state: 'given', config: { ...c.config, url: d.url, security, bindDn: d.bindDn, password: d.password, ...(d.caPem ? { caPem: d.caPem } : {}), ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}) } };
      }
      return before ? { planned: c, state: 'stored', config: { ...c.config, ...pick(before, AD_KEYS) } } : { planned: c, state: 'needed', config: null };
    }
    const e = credentials.entra;
    if (e) {
      const tenant = e.tenantId ?? String(c.config.tenantId);
      if (tenant.toLowerCase() !== String(c.config.tenantId).toLowerCase()) {
        warnings.push({ code: 'tenant-override', subject: c.name, message: `The export is for tenant ${String(c.config.tenantId)}; the connector was configured for ${tenant}, as given.` });
      }
      return {
        planned: c, state: 'given',
        config: { ...c.config, tenantId: tenant, clientId: e.clientId, auth: e.auth, ...(e.authorityHost ? { authorityHost: e.authorityHost } : {}), ...(e.graphBaseUrl ? { graphBaseUrl: e.graphBaseUrl } : {}), ...(e.caPem ? { caPem: e.caPem } : {}) },
      };
    }
    return before ? { planned: c, state: 'stored', config: { ...c.config, ...pick(before, ENTRA_KEYS) } } : { planned: c, state: 'needed', config: null };
  });
}

/** Validates the completed configurations with their connector types; problems name the connector and field. */
export function configurationProblems(connectors: readonly CompletedConnector[]): string[] {
  return connectors.flatMap((c) => {
    if (!c.config || !c.planned.type) return [];
    const check = connectorType(c.planned.type).configSchema.safeParse(c.config);
    return check.success ? [] : check.error.issues.map((i) => `${c.planned.name}: ${i.path.join('.') || '(configuration)'}: ${i.message}`);
  });
}
