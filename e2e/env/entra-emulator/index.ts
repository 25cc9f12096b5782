// A Microsoft Entra ID + Microsoft Graph emulator for tests: HTTPS on 127.0.0.1 only, with the token
// endpoints msal-node uses and the Graph subset a directory-sync connector needs.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphFault, graphErrorBody } from './graph-fault.ts';
import { Directory, type DirectoryObject, type ObjectKind, type Props } from './directory.ts';
import { DeltaService } from './delta.ts';
import { IdentityPlatform, type EmulatedClient } from './identity.ts';
import { executeGraph, type BatchItemLogEntry, type PipelineParts, type WriteLogEntry } from './pipeline.ts';
import { executeBatch } from './batch.ts';
import { FaultInjector, WriteQuota, type FaultRule, type WriteQuotaOptions } from './throttle.ts';
import { generateTestPki, type TestPki } from './tls.ts';
import type { Application, ExtensionDataType, NewApplication } from './applications.ts';

export interface EntraEmulatorOptions {
  readonly tenantId?: string;
  /** Initial `*.onmicrosoft.com` domain; more verified domains can be added through `state.domains`. */
  readonly initialDomain?: string;
  /** App registrations; one with a random secret and full permissions is created when absent. */
  readonly clients?: readonly EmulatedClient[];
  /** Writes per window per app (default: Graph's 3,000 per 150 s). */
  readonly writeQuota?: Partial<WriteQuotaOptions>;
  /** Default page size of lists and delta rounds (default 100). */
  readonly pageSize?: number;
  /** Member changes per group item in delta responses (default 100). */
  readonly deltaMembersPerItem?: number;
  /** Reuse a CA + server certificate (saves the openssl run when starting several emulators). */
  readonly pki?: TestPki;
  /**
   * The resource Graph tokens are issued for and the only audience Graph accepts (default the global cloud's
   * `https://graph.microsoft.com`; a national cloud's Graph has its own, e.g. `https://graph.microsoft.us`).
   */
  readonly graphResource?: string;
  /** Other resources of the tenant tokens can be requested for (Graph refuses those tokens: wrong audience). */
  readonly otherResources?: readonly string[];
}

export interface EmulatorState {
  readonly directory: Directory;
  readonly writeLog: WriteLogEntry[];
  /** Every `$batch` item with its status (424 for a failed dependency). */
  readonly batchLog: BatchItemLogEntry[];
  readonly faults: FaultInjector;
  readonly quota: WriteQuota;
  /** Number of writes refused with 429 because of the quota. */
  readonly throttledWrites: number;
  /** Token requests answered with a token. */
  readonly tokenRequests: number;
  /** Emulator behaviour that tests may change at run time. */
  readonly settings: { pageSize: number; deltaMembersPerItem: number; duplicateDeltaItems: boolean; latencyMs: number };
  /** Seeds a user (`onPremisesSyncEnabled: true` makes it mastered on-premises). Returns its id. */
  addUser(props: Props): string;
  addGroup(props: Props, memberIds?: readonly string[]): string;
  /** Seeds an organizational contact (they cannot be created through Graph). */
  addContact(props: Props): string;
  get(id: string): DirectoryObject | undefined;
  list(kind: ObjectKind): DirectoryObject[];
  update(id: string, props: Props): void;
  addMember(groupId: string, memberId: string): void;
  removeMember(groupId: string, memberId: string): void;
  softDelete(id: string): void;
  hardDelete(id: string): void;
  /** Makes every issued delta token answer 410 Gone. */
  resetDeltaTokens(): void;
  /** Approves a device code sign-in, as the user would in a browser. */
  approveDeviceCode(userCode: string, userName?: string): boolean;
  /** Queues an injected failure (429, 500, 503, 504) for matching requests; a rule without `path` also matches `/$batch`. */
  injectFault(rule: FaultRule): void;
  /** Adds a verified domain (user principal names must use one). */
  addDomain(name: string): void;
  /**
   * Adds an application object (an app registration), e.g. one to hold directory extensions; `owners` are client
   * ids whose apps own it (what `Application.ReadWrite.OwnedBy` needs). Each emulated client has one already.
   */
  addApplication(input: NewApplication): Application;
  /** Registers a directory extension on an application (by object id or appId) as Entra Connect would; returns its full name. */
  addExtensionProperty(app: string, definition: ExtensionPropertySeed): string;
}

export interface ExtensionPropertySeed {
  readonly name: string;
  readonly dataType: ExtensionDataType;
  readonly targetObjects: readonly string[];
  readonly isMultiValued?: boolean;
  /** Created by Entra Connect's own channel (such definitions cannot be deleted through Graph). */
  readonly isSyncedFromOnPremises?: boolean;
}

export interface EntraEmulator {
  /** The resource Graph tokens are issued for (request `<graphResource>/.default`). */
  readonly graphResource: string;
  /** `https://127.0.0.1:PORT/<tenantId>` */
  readonly authority: string;
  /** `https://127.0.0.1:PORT` (without version). */
  readonly graphBaseUrl: string;
  /** `https://127.0.0.1:PORT` */
  readonly authorityHost: string;
  readonly caPem: string;
  readonly port: number;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly state: EmulatorState;
  stop(): Promise<void>;
}

const ALL_ROLES = ['User.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Application.ReadWrite.OwnedBy'];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json; odata.metadata=minimal' } : {}), ...headers });
  res.end(text);
}

/** Starts the emulator on 127.0.0.1 with a fresh test CA; `stop()` closes it. */
export async function startEntraEmulator(options: EntraEmulatorOptions = {}): Promise<EntraEmulator> {
  const tenantId = options.tenantId ?? randomUUID();
  const pki = options.pki ?? generateTestPki();
  const defaultClient: EmulatedClient = { clientId: randomUUID(), clientSecret: randomBytes(24).toString('base64url'), roles: ALL_ROLES };
  const clientList = options.clients && options.clients.length > 0 ? options.clients : [defaultClient];
  const clients = new Map(clientList.map((c) => [c.clientId, c]));
  let origin = '';
  const dir = new Directory(options.initialDomain ?? 'contoso.onmicrosoft.com');
  // Every client is an app registration of the tenant.
  clientList.forEach((c, i) => dir.applications.add({ displayName: `App ${i + 1}`, appId: c.clientId }));
  const settings = { pageSize: options.pageSize ?? 100, deltaMembersPerItem: options.deltaMembersPerItem ?? 100, duplicateDeltaItems: false, latencyMs: 0 };
  const delta = new DeltaService(dir, () => ({ pageSize: settings.pageSize, membersPerItem: settings.deltaMembersPerItem, duplicateItems: settings.duplicateDeltaItems }));
  const graphResource = options.graphResource ?? 'https://graph.microsoft.com';
  const identity = new IdentityPlatform(tenantId, clients, () => origin, `admin@${dir.domains[0]!.id}`, [graphResource, ...(options.otherResources ?? [])]);
  const parts: PipelineParts = {
    route: { dir, delta, tenantId, linkBase: () => `${origin}/v1.0`, pageSize: () => settings.pageSize },
    quota: new WriteQuota({ limit: options.writeQuota?.limit ?? 3000, windowMs: options.writeQuota?.windowMs ?? 150_000 }),
    faults: new FaultInjector(),
    writeLog: [],
    batchLog: [],
    throttled: 0,
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    // Test hook for out-of-process tests (loopback only, like the whole emulator): approve a device code.
    if (url.pathname !== '/_emulator/device/approve' || req.method !== 'POST') return false;
    const { userCode, userName } = JSON.parse((await readBody(req)) || '{}') as { userCode?: string; userName?: string };
    const ok = typeof userCode === 'string' && identity.approveDeviceCode(userCode, userName);
    send(res, ok ? 200 : 404, { approved: ok });
    return true;
  };

  const handleIdentity = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/devicecode)$/.exec(url.pathname);
    if (!m) return false;
    if (m[1] !== tenantId) {
      send(res, 400, { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${m[1]}' not found.`, error_codes: [90002] });
      return true;
    }
    const form = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : new URLSearchParams();
    const reply = m[2]!.endsWith('openid-configuration') ? identity.openIdConfiguration()
      : m[2]!.endsWith('token') ? identity.token(form) : identity.deviceCode(form);
    send(res, reply.status, reply.body, { 'Cache-Control': 'no-store' });
    return true;
  };

  const handleGraph = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const clientRequestId = String(req.headers['client-request-id'] ?? randomUUID());
    const common = { 'request-id': randomUUID(), 'client-request-id': clientRequestId };
    const fail = (fault: GraphFault): void => send(res, fault.status, graphErrorBody(fault, common['request-id'], clientRequestId), { ...common, ...fault.headers });
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const caller = bearer ? identity.tokens.get(bearer) : undefined;
    if (!caller || caller.expiresAt < Date.now()) {
      fail(new GraphFault(401, 'InvalidAuthenticationToken', bearer ? 'Access token validation failure.' : 'Access token is empty.'));
      return;
    }
    // Graph accepts only tokens issued for its own resource (the `aud` claim).
    if (caller.audience !== graphResource) {
      fail(new GraphFault(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'));
      return;
    }
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      fail(new GraphFault(400, 'BadRequest', 'Unable to read JSON request payload.'));
      return;
    }
    const path = url.pathname.slice('/v1.0'.length) || '/';
    // Simulated network and service latency (slow responses), before the request is handled.
    if (settings.latencyMs > 0) await new Promise((r) => setTimeout(r, settings.latencyMs));
    try {
      const reply = path === '/$batch' && req.method === 'POST'
        ? executeBatchWithFaults(parts, body, caller, clientRequestId)
        : executeGraph(parts, { method: req.method ?? 'GET', path, query: url.searchParams, body }, caller, clientRequestId, false);
      send(res, reply.status, reply.body, { ...common, ...(reply.headers ?? {}) });
    } catch (e) {
      if (e instanceof GraphFault) fail(e);
      else fail(new GraphFault(500, 'generalException', `Emulator failure: ${(e as Error).message}`));
    }
  };

  const server: Server = createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (req, res) => {
    const url = new URL(req.url ?? '/', origin || 'https://127.0.0.1');
    const work = url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')
      ? handleGraph(req, res, url)
      : handleControl(req, res, url)
        .then((handled) => handled || handleIdentity(req, res, url))
        .then((handled) => { if (!handled) send(res, 404, { error: 'not_found' }); });
    work.catch((e: unknown) => { if (!res.headersSent) send(res, 500, { error: String(e) }); });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://127.0.0.1:${port}`;

  const state: EmulatorState = {
    directory: dir,
    writeLog: parts.writeLog,
    batchLog: parts.batchLog,
    faults: parts.faults,
    quota: parts.quota,
    get throttledWrites() { return parts.throttled; },
    get tokenRequests() { return identity.tokenRequests; },
    settings,
    addUser: (props) => dir.create('user', { accountEnabled: true, ...props }).id,
    addGroup: (props, memberIds = []) => {
      const group = dir.create('group', { mailEnabled: false, securityEnabled: true, ...props });
      for (const id of memberIds) dir.addMember(group, id);
      return group.id;
    },
    addContact: (props) => dir.create('contact', props).id,
    get: (id) => dir.find(id),
    list: (kind) => [...dir.objects.values()].filter((o) => o.kind === kind && !o.deleted),
    update: (id, props) => dir.update(mustFind(dir, id), props),
    addMember: (groupId, memberId) => dir.addMember(mustFind(dir, groupId), memberId),
    removeMember: (groupId, memberId) => dir.removeMember(mustFind(dir, groupId), memberId),
    softDelete: (id) => dir.softDelete(mustFind(dir, id)),
    hardDelete: (id) => dir.hardDelete(mustFind(dir, id)),
    resetDeltaTokens: () => delta.resetTokens(),
    approveDeviceCode: (userCode, userName) => identity.approveDeviceCode(userCode, userName),
    injectFault: (rule) => parts.faults.add(rule),
    addDomain: (name) => { dir.domains.push({ id: name, isDefault: false, isInitial: false, isVerified: true }); },
    addApplication: (input) => dir.applications.add(input),
    addExtensionProperty: (key, { isSyncedFromOnPremises, ...definition }) => {
      const app = dir.applications.apps.get(key) ?? dir.applications.find({ appId: key });
      return dir.applications.create(app, { ...definition }, isSyncedFromOnPremises === true).name;
    },
  };
  const first = clientList[0]!;
  return {
    graphResource,
    authority: `${origin}/${tenantId}`,
    graphBaseUrl: origin,
    authorityHost: origin,
    caPem: pki.caPem,
    port,
    tenantId,
    clientId: first.clientId,
    clientSecret: first.clientSecret ?? '',
    state,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function mustFind(dir: Directory, id: string): DirectoryObject {
  const obj = dir.find(id);
  if (!obj) throw new Error(`Emulator state: no object '${id}'`);
  return obj;
}

/** Faults aimed at `/$batch` itself fail the whole batch (outer status), before any item runs. */
function executeBatchWithFaults(parts: PipelineParts, body: unknown, caller: Parameters<typeof executeBatch>[2], clientRequestId: string) {
  const fault = parts.faults.take('POST', '/$batch');
  if (fault) {
    throw new GraphFault(fault.status, fault.status === 429 ? 'TooManyRequests' : 'serviceNotAvailable', 'The service is temporarily unavailable.',
      undefined, { 'Retry-After': String(fault.retryAfterSeconds ?? 1) });
  }
  return executeBatch(parts, body, caller, clientRequestId);
}

export type { BatchItemLogEntry, EmulatedClient, FaultRule, TestPki, WriteLogEntry, DirectoryObject, ObjectKind, Props, Application, ExtensionDataType, NewApplication };
export { generateClientCertificate, generateTestPki } from './tls.ts';
