// The headless host: serves the built console and relays the API over a WebSocket, on loopback by default.
import http from 'node:http';
import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { isMethodName } from '../../shared/api.ts';
import { EngineWorker, EngineCallError } from './engine-worker.ts';
import { resolveStatic } from './static-files.ts';
import { SECURITY_HEADERS, bindRefusal, generateToken, ownAuthorities, pageCookieName, pagePass, readCookie, tokenMatches } from './security.ts';
import { WEB_API_PATH, type WebServerMessage } from './web-protocol.ts';
import { FRAME_LIMIT, MessageRefused, readClientMessage } from './web-messages.ts';
import { stringifyJson } from '../config/json-input.ts';

export interface WebHostOptions {
  readonly home: string;
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Fixed token (IDSYNC_TOKEN); otherwise a random one per start. */
  readonly token?: string;
  /** Where the host reports what it refused or survived (default: stderr). */
  readonly log?: (line: string) => void;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly engine: EngineWorker;
  close(): Promise<void>;
}

/** Starts the headless host; resolves once it listens and the engine is ready. Refuses a non-loopback address. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const refusal = bindRefusal(bindHost);
  if (refusal) throw new Error(refusal);
  const token = options.token ?? generateToken();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const engine = new EngineWorker({ home: options.home, host: 'web' });
  try {
    await engine.whenReady();
  } catch (err) {
    await engine.close();
    throw err;
  }
  const sockets = new Set<WebSocket>();
  let authorities = new Set<string>();
  let port = 0;

  const hostAllowed = (req: http.IncomingMessage) => authorities.has(req.headers.host ?? '');
  const queryToken = (url: URL) => tokenMatches(url.searchParams.get('token'), token);
  const pageAllowed = (req: http.IncomingMessage, url: URL) => queryToken(url) || tokenMatches(readCookie(req, pageCookieName(port)), pagePass(token, port));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!hostAllowed(req)) return plain(res, 403, 'Forbidden: unknown host name');
    if (!pageAllowed(req, url)) return plain(res, 401, 'Unauthorized: open the URL with the token that idsync serve printed');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
    const found = resolveStatic(options.rendererDir, url.pathname);
    if (!found) return plain(res, 404, 'Not found');
    const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': found.type };
    // The page takes the token from the address bar into its session storage; the cookie only opens the files.
    if (queryToken(url)) headers['Set-Cookie'] = `${pageCookieName(port)}=${pagePass(token, port)}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(found.file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: FRAME_LIMIT, skipUTF8Validation: true });
  wss.on('error', (err) => log(`WebSocket server error: ${err.message}`));
  server.on('upgrade', (req, socket: Duplex, head) => {
    // The HTTP server stops watching an upgraded socket: a reset before the handshake must not crash the host.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== WEB_API_PATH) return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req)) return refuse(socket, 403, 'Forbidden');
    // The API needs the token itself: the page cookie reaches every port of this host name.
    if (!queryToken(url)) return refuse(socket, 401, 'Unauthorized');
    const origin = req.headers.origin;
    if (!origin || !authorities.has(origin.replace(/^https?:\/\//, '')) || !origin.startsWith('http://')) {
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Protocol violations (a frame over FRAME_LIMIT, a bad opcode) close this socket only.
      ws.on('error', (err) => log(`A console connection was closed: ${err.message}`));
      ws.on('message', (data, isBinary) => {
        relay(ws, toBuffer(data), isBinary).catch((err: unknown) => log(`A console message could not be answered: ${(err as Error).message}`));
      });
    });
  });

  const send = (ws: WebSocket, message: WebServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(stringifyJson(message));
  };

  const relay = async (ws: WebSocket, data: Buffer, isBinary: boolean) => {
    let msg;
    try {
      msg = readClientMessage(data, isBinary);
    } catch (err) {
      const refused = err instanceof MessageRefused ? err : new MessageRefused(null, 'invalid-message', String(err));
      return send(ws, { id: refused.id, ok: false, error: { code: refused.code, message: refused.message } });
    }
    let reply: WebServerMessage;
    if (!isMethodName(msg.method)) {
      reply = { id: msg.id, ok: false, error: { code: 'unknown-method', message: `Unknown API method: ${String(msg.method)}` } };
    } else {
      try {
        reply = { id: msg.id, ok: true, value: await engine.callUntyped(msg.method, msg.request) };
      } catch (err) {
        const e = err instanceof EngineCallError ? err : new EngineCallError('unexpected-error', err instanceof Error ? err.message : String(err));
        reply = { id: msg.id, ok: false, error: { code: e.code, message: e.message, detail: e.detail } };
      }
    }
    try {
      send(ws, reply);
    } catch (err) {
      send(ws, { id: msg.id, ok: false, error: { code: 'unexpected-error', message: `The answer could not be sent: ${(err as Error).message}` } });
    }
  };

  engine.onEvent((event, payload) => {
    let text: string;
    try {
      text = stringifyJson({ event, payload } satisfies WebServerMessage);
    } catch (err) {
      return log(`Event ${event} could not be sent: ${(err as Error).message}`);
    }
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
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

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
