// HTTPS for msal-node and the Graph client through node:https, so a configured CA (a test emulator's, or a
// corporate TLS inspection CA) is trusted for these connections only. Certificate checks always stay on.
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export interface HttpsReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** A keep-alive HTTPS client that trusts the system CAs plus an optional extra CA. */
export class HttpsTransport {
  private readonly agent: Agent;
  /** The last transport failure (msal reports only `network_error`, so sign-in errors quote this). */
  lastError?: Error;

  constructor(caPem?: string, private readonly timeoutMs = 60_000) {
    // Passing `ca` replaces the default roots, so the extra CA is appended to Node's bundled ones.
    this.agent = new Agent({ keepAlive: true, maxSockets: 16, ...(caPem ? { ca: [...rootCertificates, caPem] } : {}) });
  }

  /** Sends one request and buffers the reply. */
  send(method: string, url: string, headers: Record<string, string>, body?: string | Buffer, signal?: AbortSignal): Promise<HttpsReply> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent, timeout: this.timeoutMs, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`HTTPS request timed out after ${this.timeoutMs} ms: ${method} ${new URL(url).origin}`)));
      req.on('error', (e) => { this.lastError = e; reject(e); });
      req.end(body);
    });
  }

  /** msal-node's network module over this transport. */
  msalNetworkModule(): INetworkModule {
    const call = async <T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
      const reply = await this.send(method, url, options?.headers ?? {}, options?.body);
      const text = reply.body.toString('utf8');
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { error: 'invalid_response', error_description: `Non-JSON reply (HTTP ${reply.status}) from ${new URL(url).origin}` };
      }
      return { status: reply.status, headers: reply.headers, body: parsed as T };
    };
    return {
      sendGetRequestAsync: (url, options) => call('GET', url, options),
      sendPostRequestAsync: (url, options) => call('POST', url, options),
    };
  }

  /** The last middleware of a Graph client chain: performs the request over this transport. */
  graphMiddleware(): Middleware {
    return {
      execute: async (context: Context) => {
        const req = context.request;
        const url = typeof req === 'string' ? req : req.url;
        const init = context.options ?? {};
        const headers: Record<string, string> = {};
        new Headers(init.headers as HeadersInit | undefined).forEach((v, k) => { headers[k] = v; });
        const body = typeof init.body === 'string' ? init.body : init.body === undefined || init.body === null ? undefined : String(init.body);
        const reply = await this.send(init.method ?? 'GET', url, headers, body, (init.signal ?? undefined) as AbortSignal | undefined);
        const empty = reply.status === 204 || reply.status === 304 || reply.body.length === 0;
        context.response = new Response(empty ? null : reply.body.toString('utf8'), { status: reply.status, headers: reply.headers });
      },
      setNext: () => undefined,
    };
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
