// A Microsoft Graph client (graph-client's middleware chain) on our HTTPS transport, with typed errors.
import { AuthenticationHandler, Client, GraphError, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { ConnectivityError, CredentialsError } from '../contract.ts';
import type { HttpsTransport } from './https-transport.ts';
import type { TokenProvider } from './token-provider.ts';

/** One request of a `$batch`, in Graph's JSON batching shape. */
export interface BatchRequestItem {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version, e.g. `/users/{id}` (Graph rejects `/v1.0/...` here). */
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly dependsOn?: readonly string[];
}

export interface BatchResponseItem {
  readonly id: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** The inner Graph error of a failed response (`error.code`, `error.message`, `details`). */
export interface GraphErrorInfo {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detailCodes: readonly string[];
  readonly target?: string;
  readonly retryAfterSeconds?: number;
}

/** A Graph connection for one tenant. */
export class GraphSession {
  readonly client: Client;

  constructor(readonly baseUrl: string, tokens: TokenProvider, transport: HttpsTransport) {
    const host = new URL(baseUrl).hostname;
    this.client = Client.initWithMiddleware({
      baseUrl: new URL(baseUrl).origin,
      // The bearer token is attached only to Graph's own host or these (hostname only, no port).
      customHosts: new Set([host]),
      middleware: [
        new AuthenticationHandler({ getAccessToken: () => tokens.accessToken() }),
        new RetryHandler(new RetryHandlerOptions(3, 3)),
        transport.graphMiddleware(),
      ],
    });
  }

  /** GET a path (relative to the version) or an absolute nextLink/deltaLink. */
  async get<T>(pathOrUrl: string): Promise<T> {
    return (await guard(() => this.client.api(pathOrUrl).get())) as T;
  }

  /** POSTs a JSON body to a path (relative to the version); a 429 or 503 is retried after its Retry-After. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return (await guard(() => this.client.api(path).post(body))) as T;
  }

  /** DELETEs a path (relative to the version). */
  async delete(path: string): Promise<void> {
    await guard(() => this.client.api(path).delete());
  }

  /** POSTs one `$batch`; the items' own statuses are for the caller to read. Never retried blindly. */
  async batch(requests: readonly BatchRequestItem[]): Promise<BatchResponseItem[]> {
    const reply = (await guard(() => this.client.api('/$batch')
      .middlewareOptions([new RetryHandlerOptions(0, 0)])
      .post({ requests }))) as { responses?: BatchResponseItem[] };
    return reply.responses ?? [];
  }
}

async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof CredentialsError || e instanceof ConnectivityError) throw e;
    if (e instanceof GraphError) {
      // graph-client wraps errors of the token provider, keeping their name as `code`.
      if (e.code === 'CredentialsError') throw new CredentialsError(e.message);
      if (e.code === 'ConnectivityError') throw new ConnectivityError(e.message);
      if (e.statusCode === 401) throw new CredentialsError(`Microsoft Graph refused the access token: ${e.code ?? ''} ${e.message}`.trim());
      if (e.statusCode === -1 || e.statusCode === 0) throw new ConnectivityError(`Cannot reach Microsoft Graph: ${e.message}`);
      throw e;
    }
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code || e instanceof TypeError) throw new ConnectivityError(`Cannot reach Microsoft Graph: ${(e as Error).message}`);
    throw e;
  }
}

/** Reads a GraphError (thrown by the client) into plain fields. */
export function graphErrorInfo(e: unknown): GraphErrorInfo | undefined {
  if (!(e instanceof GraphError)) return undefined;
  let details: Array<{ code?: string; target?: string }> = [];
  try {
    // graph-client stores the inner error object (not `{error: …}`) as JSON in `body`.
    details = (JSON.parse(String(e.body ?? '{}')) as { details?: typeof details }).details ?? [];
  } catch {
    details = [];
  }
  const retry = e.headers?.get('retry-after');
  return {
    status: e.statusCode, code: e.code ?? 'unknown', message: e.message,
    detailCodes: details.map((d) => d.code ?? ''), target: details[0]?.target,
    retryAfterSeconds: retry ? Number(retry) : undefined,
  };
}

/** Reads a batch item's error body into plain fields. */
export function batchErrorInfo(item: BatchResponseItem): GraphErrorInfo {
  const error = (item.body as { error?: { code?: string; message?: string; details?: Array<{ code?: string; target?: string }> } } | undefined)?.error;
  const retryHeader = Object.entries(item.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  return {
    status: item.status, code: error?.code ?? `HTTP ${item.status}`, message: error?.message ?? '',
    detailCodes: (error?.details ?? []).map((d) => d.code ?? ''), target: error?.details?.[0]?.target,
    retryAfterSeconds: retryHeader !== undefined ? Number(retryHeader) : undefined,
  };
}
