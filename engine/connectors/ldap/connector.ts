// The LDAP connector: one session per configured connection, dispatching to import, delta and export.
import type {
  Connector,
  ConnectorContext,
  ContainerNode,
  DiscoveredSchema,
  ExportChange,
  ExportResult,
  ImportIterator,
  ImportScope,
  Partition,
  TestConnectionResult,
} from '../contract.ts';
import type { LdapConfig } from './config.ts';
import { accesslogDelta, accesslogWatermark, hasAccesslog } from './delta-accesslog.ts';
import { csnDelta, csnWatermark } from './delta-csn.ts';
import { usnDelta, usnWatermark } from './delta-usn.ts';
import { discoverContainers, discoverSchema, partitionsOf } from './discovery.ts';
import { redact } from './errors.ts';
import { exportBatch } from './export.ts';
import { fullImport } from './full-import.ts';
import { LdapSession } from './session.ts';
import { parseWatermark } from './watermark.ts';

/** A live LDAP connector: one session, dispatching to discovery, import, delta import and export. */
export class LdapConnector implements Connector {
  private readonly session: LdapSession;

  constructor(private readonly config: LdapConfig) {
    this.session = new LdapSession(config);
  }

  private async isAd(): Promise<boolean> {
    return this.config.flavour === 'ad' || (this.config.flavour === 'generic' && (await this.session.rootDse()).isActiveDirectory);
  }

  async testConnection(_ctx?: ConnectorContext): Promise<TestConnectionResult> {
    try {
      await this.session.drop();
      const rootDse = await this.session.freshRootDse();
      const secure = await this.session.secure();
      const what = rootDse.isActiveDirectory ? 'Active Directory' : (rootDse.vendorName ?? 'LDAP server');
      return {
        ok: true,
        message: `Connected to ${what} as ${this.config.bindDn}${secure ? ' over TLS' : ' without encryption'}`,
        detail: `naming contexts: ${rootDse.namingContexts.join('; ')}`,
      };
    } catch (error) {
      return { ok: false, message: redact(error instanceof Error ? error.message : String(error), this.session.secrets) };
    }
  }

  async discoverSchema(_ctx?: ConnectorContext): Promise<DiscoveredSchema> {
    const flavour = (await this.isAd()) ? 'ad' : this.config.flavour;
    return discoverSchema(await this.session.schema(), flavour, this.config.objectTypes);
  }

  async discoverPartitions(_ctx?: ConnectorContext): Promise<readonly Partition[]> {
    return partitionsOf(await this.session.freshRootDse());
  }

  async discoverContainers(partition: string, _ctx?: ConnectorContext): Promise<readonly ContainerNode[]> {
    return discoverContainers(this.session, partition);
  }

  /**
   * The watermark a delta import would continue from, taken now: the server's own change tracking, whatever the
   * flavour says (a directory configured as Active Directory that keeps no update sequence numbers still has one).
   */
  async currentWatermark(scope: ImportScope = {}): Promise<string | null> {
    const usn = (await this.isAd()) ? await usnWatermark(this.session) : null;
    if (usn !== null) return usn;
    if (await hasAccesslog(this.session)) return accesslogWatermark(this.session);
    return csnWatermark(this.session, scope);
  }

  importFull(scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    return fullImport(this.session, scope, ctx, () => this.currentWatermark(scope));
  }

  async *importDelta(watermark: string, scope: ImportScope, ctx: ConnectorContext): ImportIterator {
    const w = parseWatermark(watermark, ['accesslog', 'csn', 'usn']);
    if (w.type === 'usn') return yield* usnDelta(this.session, watermark, scope, ctx);
    if (w.type === 'csn') return yield* csnDelta(this.session, watermark, scope, ctx);
    return yield* accesslogDelta(this.session, watermark, scope, ctx);
  }

  async export(batch: readonly ExportChange[], ctx: ConnectorContext): Promise<readonly ExportResult[]> {
    return exportBatch(this.session, batch, ctx);
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
