// The headless host: serves the built console and relays the API over a WebSocket, on loopback by default.
import http from 'node:http';
import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isMethodName } from '../../shared/api.ts';
import { EngineWorker, EngineCallError } from './engine-worker.ts';
import { resolveStatic } from './static-files.ts';
import {
  SECURITY_HEADERS,
  TOKEN_COOKIE,
  generateToken,
  ownAuthorities,
  readCookie,
  tokenMatches,
} from './security.ts';
import { WEB_API_PATH, type WebClientMessage, type WebServerMessage } from './web-protocol.ts';

export interface WebHostOptions {
  readonly home: string;
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Fixed token (IDSYNC_TOKEN); otherwise a random one per start. */
  readonly token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly engine: EngineWorker;
  close(): Promise<void>;
}

/** Starts the headless host; resolves once it listens and the engine is ready. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  const engine = new EngineWorker({ home: options.home, host: 'web' });
  try {
    await engine.whenReady();
  } catch (err) {
    await engine.close();
    throw err;
  }
  const sockets = new Set<WebSocket>();
  let authorities = new Set<string>();

  const hostAllowed = (req: http.IncomingMessage) => authorities.has(req.headers.host ?? '');
  const authenticated = (req: http.IncomingMessage, url: URL) =>
    tokenMatches(readCookie(req, TOKEN_COOKIE), token) || tokenMatches(url.searchParams.get('token'), token);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!hostAllowed(req)) return plain(res, 403, 'Forbidden: unknown host name');
    if (!authenticated(req, url)) return plain(res, 401, 'Unauthorized: open the URL with the token that idsync serve printed');
    if (url.searchParams.has('token')) {
      // Trade the token in the address bar for a cookie that scripts cannot read.
      url.searchParams.delete('token');
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
    const found = resolveStatic(options.rendererDir, url.pathname);
    if (!found) return plain(res, 404, 'Not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': found.type });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(found.file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket: Duplex, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== WEB_API_PATH) return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req)) return refuse(socket, 403, 'Forbidden');
    if (!authenticated(req, url)) return refuse(socket, 401, 'Unauthorized');
    const origin = req.headers.origin;
    if (!origin || !authorities.has(origin.replace(/^https?:\/\//, '')) || !origin.startsWith('http://')) {
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void relay(ws, String(data)));
    });
  });

  const relay = async (ws: WebSocket, text: string) => {
    let msg: WebClientMessage;
    try {
      msg = JSON.parse(text) as WebClientMessage;
    } catch {
      return;
    }
    if (typeof msg?.id !== 'number') return;
    let reply: WebServerMessage;
    if (!isMethodName(msg.method)) {
      reply = { id: msg.id, ok: false, error: { code: 'unknown-method', message: `Unknown API method: ${String(msg.method)}` } };
    } else {
      try {
        reply = { id: msg.id, ok: true, value: await engine.callUntyped(msg.method, msg.request) };
      } catch (err) {
        const e = err instanceof EngineCallError ? err : new EngineCallError('unexpected-error', String(err));
        reply = { id: msg.id, ok: false, error: { code: e.code, message: e.message, detail: e.detail } };
      }
    }
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  };

  engine.onEvent((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies WebServerMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  authorities = ownAuthorities(bindHost, port);
  const urlHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    engine,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
