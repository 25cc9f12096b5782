// The Entra ID connector: client-credential sign-in, import by delta query, export through `$batch`.
import type {
  Connector, ConnectorContext, DiscoveredSchema, ExportChange, ExportResult, ImportIterator, ImportScope, Partition,
  TestConnectionResult,
} from '../contract.ts';
import { CredentialsError } from '../contract.ts';
import type { EntraConfig } from './config.ts';
import { HttpsTransport } from './https-transport.ts';
import { TokenProvider } from './token-provider.ts';
import { GraphSession, graphErrorInfo } from './graph-session.ts';
import { entraSchema } from './graph-schema.ts';
import { runDeltaImport } from './delta-import.ts';
import { failedJob, planJob } from './export-plan.ts';
import { runJobs } from './batch-runner.ts';
import { resolveMemberNames } from './member-references.ts';
import { writeBudgetFor, type WriteBudget } from './write-budget.ts';
import { DirectoryExtensions, isExtensionAttribute, type ExtensionProperty } from './directory-extensions.ts';
import { registerMissing } from './extension-registration.ts';
import { localError } from './export-errors.ts';

interface Domain {
  readonly id: string;
  readonly isDefault?: boolean;
  readonly isInitial?: boolean;
}

/** A live connection to one Entra ID tenant. */
export class EntraConnector implements Connector {
  private readonly transport: HttpsTransport;
  private readonly session: GraphSession;
  private readonly budget: WriteBudget;
  private readonly extensionAdmin: DirectoryExtensions | undefined;
  /** The extension application's definitions, read once per connection (and updated when one is registered). */
  private definitions: Promise<ExtensionProperty[]> | undefined;

  constructor(private readonly config: EntraConfig) {
    this.transport = new HttpsTransport(config.caPem);
    this.session = new GraphSession(config.graphBaseUrl, new TokenProvider(config, this.transport), this.transport);
    this.budget = writeBudgetFor(config.tenantId, config.clientId, config.writeBudget);
    this.extensionAdmin = config.extensionApp ? new DirectoryExtensions(this.session, config.extensionApp) : undefined;
  }

  /** The directory extensions of the connector's extension application (list, register, remove). */
  directoryExtensions(): DirectoryExtensions {
    if (!this.extensionAdmin) {
      throw new Error('The connector has no extension application: set extensionApp.appId to the Application (client) ID of the app registration that holds the directory extensions');
    }
    return this.extensionAdmin;
  }

  /** Signs in and reads the tenant's domains. */
  async testConnection(ctx: ConnectorContext): Promise<TestConnectionResult> {
    try {
      const domains = await this.domains();
      const main = domains.find((d) => d.isDefault) ?? domains[0];
      return { ok: true, message: `Connected to Entra ID tenant ${this.config.tenantId}${main ? ` (default domain ${main.id})` : ''}; ${domains.length} domain(s) readable.` };
    } catch (e) {
      const info = graphErrorInfo(e);
      const message = info?.status === 403
        ? `Signed in, but the app may not read the directory (Graph ${info.code}); grant Directory.Read.All with admin consent.`
        : (e as Error).message;
      ctx.log('warn', `Entra connection test failed: ${message}`);
      return { ok: false, message, ...(e instanceof CredentialsError ? { detail: 'Check the tenant id, client id and the secret or certificate of the app registration.' } : {}) };
    }
  }

  /** Users, groups and contacts with the Graph properties the connector handles and the registered directory extensions. */
  async discoverSchema(): Promise<DiscoveredSchema> {
    return entraSchema(await this.extensionDefinitions());
  }

  /** One partition: the tenant. */
  async discoverPartitions(): Promise<readonly Partition[]> {
    const domains = await this.domains();
    const initial = domains.find((d) => d.isInitial) ?? domains[0];
    return [{ id: 'default', name: initial?.id ?? this.config.tenantId }];
  }

  /** Pages the full state of every object type through delta queries. */
  importFull(scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    return this.importWithExtensions(scope, null, ctx);
  }

  /**
   * Continues from the deltaLinks saved as watermark; throws WatermarkExpiredError on 410 or when the registered
   * directory extensions changed since (their values must be read in full).
   */
  importDelta(watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    return this.importWithExtensions(scope, watermark, ctx);
  }

  /** Exports through `$batch`; each change gets its own result. */
  async export(batch: readonly ExportChange[], ctx: ConnectorContext): Promise<readonly ExportResult[]> {
    const resolved = await resolveMemberNames(this.session, batch, ctx);
    const writesExtensions = resolved.some((c) => c.changes.some((a) => isExtensionAttribute(a.attribute)));
    let definitions = writesExtensions ? await this.extensionDefinitions() : [];
    let failures = new Map<string, string>();
    if (writesExtensions && this.extensionAdmin && this.config.extensionApp?.createMissing) {
      ({ definitions, failures } = await registerMissing(resolved, definitions, this.extensionAdmin, ctx));
      this.definitions = Promise.resolve(definitions);
    }
    const plan = { graphOrigin: new URL(this.config.graphBaseUrl).origin, extensions: { definitions, appId: this.config.extensionApp?.appId } };
    const jobs = resolved.map((change) => {
      const refused = change.changes.map((a) => failures.get(a.attribute.toLowerCase())).find((f) => f !== undefined);
      return refused ? failedJob(change, (label) => localError('schema-violation', `${label}: ${refused}`)) : planJob(change, plan);
    });
    const stats = await runJobs(jobs, { session: this.session, budget: this.budget, concurrency: this.config.concurrency, signal: ctx.signal });
    const failed = jobs.filter((j) => j.error).length;
    ctx.log('info', `Entra export: ${jobs.length - failed} applied, ${failed} failed, ${stats.batches} batch requests, ${stats.throttledItems} throttled items retried`);
    return jobs.map((j) => j.result());
  }

  /** Closes idle connections. */
  async close(): Promise<void> {
    this.transport.close();
  }

  private async *importWithExtensions(scope: ImportScope, watermark: string | null, ctx: ConnectorContext): ImportIterator {
    return yield* runDeltaImport(this.session, scope, watermark, ctx, await this.extensionDefinitions());
  }

  /** The registered directory extensions (none without an extension application). */
  private extensionDefinitions(): Promise<ExtensionProperty[]> {
    if (!this.extensionAdmin) return Promise.resolve([]);
    this.definitions ??= this.extensionAdmin.list().catch((e: unknown) => {
      this.definitions = undefined;
      throw e;
    });
    return this.definitions;
  }

  private async domains(): Promise<Domain[]> {
    return (await this.session.get<{ value?: Domain[] }>('/domains?$select=id,isDefault,isInitial')).value ?? [];
  }
}
