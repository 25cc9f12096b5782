// One connector's live state: the bound client (re-opened after a drop), the RootDSE and the schema, read once.
import type { Client } from 'ldapts';
import type { LdapConfig } from './config.ts';
import { openConnection, type OpenConnection } from './connection.ts';
import { classify, isConnectivityFailure } from './errors.ts';
import { readRootDse, readSchema, type RootDse } from './root-dse.ts';
import type { DirectorySchema } from './schema.ts';

/** The connection state of one connector; every operation goes through `run` for uniform error handling. */
export class LdapSession {
  private connection: OpenConnection | undefined;
  private opening: Promise<OpenConnection> | undefined;
  private rootDseCache: RootDse | undefined;
  private schemaCache: DirectorySchema | undefined;

  constructor(readonly config: LdapConfig) {}

  /** The secrets that must never appear in a message. */
  get secrets(): readonly string[] {
    return [this.config.password];
  }

  /** A bound client; reconnects when the previous connection dropped. */
  async client(): Promise<Client> {
    return (await this.open()).client;
  }

  /** The URL of the server currently in use (after fail-over). */
  async url(): Promise<string> {
    return (await this.open()).url;
  }

  /** True when the current connection is encrypted. */
  async secure(): Promise<boolean> {
    return (await this.open()).secure;
  }

  private async open(): Promise<OpenConnection> {
    if (this.connection?.client.isConnected) return this.connection;
    this.connection = undefined;
    this.opening ??= openConnection(this.config).finally(() => (this.opening = undefined));
    this.connection = await this.opening;
    return this.connection;
  }

  /** Runs fn with a client; failures become ConnectivityError / CredentialsError / a plain Error naming `where`. */
  async run<T>(where: string, fn: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.client());
    } catch (error) {
      if (isConnectivityFailure(error)) await this.drop();
      throw classify(error, where, this.secrets);
    }
  }

  /** Forgets the connection so the next call reconnects. */
  async drop(): Promise<void> {
    const c = this.connection;
    this.connection = undefined;
    if (c) await c.client.unbind().catch(() => undefined);
  }

  async rootDse(): Promise<RootDse> {
    this.rootDseCache ??= await this.run('reading the RootDSE', readRootDse);
    return this.rootDseCache;
  }

  /** Re-reads the RootDSE (values such as highestCommittedUSN change). */
  async freshRootDse(): Promise<RootDse> {
    this.rootDseCache = await this.run('reading the RootDSE', readRootDse);
    return this.rootDseCache;
  }

  async schema(): Promise<DirectorySchema> {
    if (!this.schemaCache) {
      const rootDse = await this.rootDse();
      this.schemaCache = await this.run('reading the schema', (c) => readSchema(c, rootDse));
    }
    return this.schemaCache;
  }

  async close(): Promise<void> {
    await this.drop();
  }
}
