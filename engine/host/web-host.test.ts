// The headless host's security model, exercised over real HTTP and WebSocket connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from './web-host.ts';
import { ENGINE_HEAP_MB } from './heap-budget.ts';
import { pageCookieName } from './security.ts';
import { MESSAGE_LIMIT } from './web-messages.ts';

let host: WebHost;
let dir: string;
const TOKEN = 'unit-test-token-0123456789';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/** Opens the API socket; resolves with the socket or the HTTP status that refused it. */
function openSocket(options: { token?: string; cookie?: string; origin?: string; port?: number }): Promise<WebSocket | number> {
  const query = options.token ? `?token=${options.token}` : '';
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${options.port ?? host.port}/api${query}`, { headers, origin: options.origin, maxPayload: 1024 * 1024 * 1024 });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

function pageCookie(): string {
  return `${pageCookieName(host.port)}=${String(lastCookie).split(';')[0].split('=')[1]}`;
}
let lastCookie = '';

async function apiSocket(): Promise<WebSocket> {
  const ws = await openSocket({ token: TOKEN, origin: `http://127.0.0.1:${host.port}` });
  expect(ws).toBeInstanceOf(WebSocket);
  return ws as WebSocket;
}

/** Resolves with each next message of a socket, in order. */
function nextMessage(socket: WebSocket): () => Promise<Record<string, unknown>> {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as Record<string, unknown>;
    if ('event' in m) return;
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  return () => new Promise((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve)));
}

function caller(socket: WebSocket) {
  return (id: number, method: string, request: unknown) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data)) as Record<string, unknown>;
        if (msg.id === id) {
          socket.off('message', onMessage);
          resolve(msg);
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, request }));
    });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-webhost-'));
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  host = await startWebHost({ home: path.join(dir, 'home'), rendererDir: renderer, token: TOKEN });
  lastCookie = String((await get(`/?token=${TOKEN}`)).headers['set-cookie']);
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('headless host', () => {
  it('binds to loopback and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('answers 401 to a request without a token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { Cookie: `${pageCookieName(host.port)}=wrong` })).status).toBe(401);
  });

  it('serves the page for the token in the URL and gives it a page cookie that is bound to this port and is not the token', async () => {
    const res = await get(`/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toContain('<title>console</title>');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^idsync_page_${host.port}=[A-Za-z0-9_-]{43};`));
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('never redirects, so the token exchange cannot send the browser elsewhere', async () => {
    for (const p of [`/.//evil.example/?token=${TOKEN}`, `//evil.example/?token=${TOKEN}`, `/\\evil.example/?token=${TOKEN}`]) {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('serves the console with a strict Content-Security-Policy once the page cookie is presented', async () => {
    const res = await get('/', { Cookie: pageCookie() });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>console</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a file outside the console directory', async () => {
    const res = await get('/..%2Fsecret.txt', { Cookie: pageCookie() });
    expect(res.body).not.toContain('outside');
  });

  it('refuses a request addressed to a foreign host name (DNS rebinding)', async () => {
    const res = await get('/', { Cookie: pageCookie(), Host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
  });

  it('refuses a WebSocket upgrade without a token (401), and the page cookie alone does not open it', async () => {
    expect(await openSocket({ origin: `http://127.0.0.1:${host.port}` })).toBe(401);
    expect(await openSocket({ cookie: pageCookie(), origin: `http://127.0.0.1:${host.port}` })).toBe(401);
  });

  it('refuses a WebSocket upgrade from a foreign Origin (403), even with the token', async () => {
    expect(await openSocket({ token: TOKEN, origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket({ token: TOKEN })).toBe(403);
  });

  it('runs the engine thread under the engine heap cap', () => {
    expect(host.engine.resourceLimits().maxOldGenerationSizeMb).toBe(ENGINE_HEAP_MB);
  });

  it('relays API calls to the engine worker for an authenticated same-origin socket', async () => {
    const socket = await apiSocket();
    const call = caller(socket);
    expect(await call(1, 'system.ping', { echo: 'hello' })).toEqual({ id: 1, ok: true, value: { echo: 'hello' } });
    const status = (await call(2, 'system.status', {})) as { ok: boolean; value: { host: string; state: string } };
    expect(status.ok).toBe(true);
    expect(status.value.host).toBe('web');
    const unknown = (await call(3, 'no.such.method', {})) as { ok: boolean; error: { code: string } };
    expect(unknown.ok).toBe(false);
    expect(unknown.error.code).toBe('unknown-method');
    const invalid = (await call(4, 'system.ping', { echo: 42 })) as { ok: boolean; error: { code: string; message: string } };
    expect(invalid.error.code).toBe('invalid-request');
    expect(invalid.error.message).toContain('echo');
    socket.close();
  });
});

describe('the host survives any message', () => {
  it('answers an oversized config.import with a clear error and keeps serving', async () => {
    const socket = await apiSocket();
    const call = caller(socket);
    const big = 'x'.repeat(MESSAGE_LIMIT + 1024 * 1024);
    const reply = await call(1, 'config.import', { document: { format: 'idsync-config', padding: big } });
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatchObject({ code: 'message-too-large' });
    expect((reply.error as { message: string }).message).toMatch(/^configuration too large for the console .*; use `idsync config import`$/);
    expect(await call(2, 'system.ping', { echo: 'still here' })).toEqual({ id: 2, ok: true, value: { echo: 'still here' } });
    socket.close();
  });

  it('answers invalid UTF-8, malformed JSON, binary frames and wrong shapes, on the same socket', async () => {
    const socket = await apiSocket();
    const next = nextMessage(socket);
    socket.send(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x37, 0x2c, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await next()).toEqual({ id: 7, ok: false, error: { code: 'invalid-message', message: 'The message is not valid UTF-8 text' } });
    socket.send('{"id": 8, "method": "system.ping", "request": {');
    const malformed = await next();
    expect(malformed).toMatchObject({ id: 8, ok: false, error: { code: 'invalid-message' } });
    expect((malformed.error as { message: string }).message).toMatch(/^The message is not valid JSON: .*line 1, column \d+/);
    socket.send('not json at all');
    expect(await next()).toMatchObject({ id: null, ok: false, error: { code: 'invalid-message' } });
    socket.send(Buffer.from('{"id":9}'), { binary: true });
    expect(await next()).toMatchObject({ id: 9, ok: false, error: { code: 'invalid-message', message: expect.stringContaining('Binary') } });
    socket.send('[1,2,3]');
    expect(await next()).toMatchObject({ id: null, ok: false, error: { code: 'invalid-message' } });
    expect(await caller(socket)(10, 'system.ping', { echo: 'ok' })).toEqual({ id: 10, ok: true, value: { echo: 'ok' } });
    socket.close();
  });

  it('reads 64-bit integers in a message exactly instead of rounding them', async () => {
    const socket = await apiSocket();
    const next = nextMessage(socket);
    socket.send('{"id":12,"method":"system.ping","request":{"echo":129699324000000001}}');
    const reply = await next();
    expect(reply).toMatchObject({ id: 12, ok: false, error: { code: 'invalid-request' } });
    // The engine saw the exact integer (a bigint), not a rounded double it would have taken as a number.
    expect((reply.error as { message: string }).message).toMatch(/echo: .*received bigint/);
    socket.close();
  });

  it('refuses deep nesting with a clear error, not a stack overflow', async () => {
    const socket = await apiSocket();
    const next = nextMessage(socket);
    const depth = 200_000;
    socket.send(`{"id":11,"method":"config.import","request":{"document":${'['.repeat(depth)}${']'.repeat(depth)}}}`);
    const reply = await next();
    expect(reply).toMatchObject({ id: 11, ok: false, error: { code: 'invalid-message' } });
    const message = (reply.error as { message: string }).message;
    expect(message).toMatch(/nested deeper than \d+ levels/);
    expect(message).not.toMatch(/call stack/i);
    socket.close();
  });

  it('closes only the offending socket for a frame beyond the hard limit', async () => {
    const socket = await apiSocket();
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send(Buffer.alloc(65 * 1024 * 1024, 0x20));
    expect(await closed).toBe(1009);
    const again = await apiSocket();
    expect(await caller(again)(1, 'system.ping', { echo: 'alive' })).toEqual({ id: 1, ok: true, value: { echo: 'alive' } });
    again.close();
  });
});

describe('where the host listens', () => {
  it('refuses a non-loopback address with the reason', async () => {
    await expect(startWebHost({ home: path.join(dir, 'other'), rendererDir: path.join(dir, 'renderer'), host: '0.0.0.0' })).rejects.toThrow(
      /0\.0\.0\.0 is not a loopback address: the console and its API are served without TLS/,
    );
    expect(fs.existsSync(path.join(dir, 'other'))).toBe(false);
  });

  it('lets two consoles (two data directories) run side by side, each with its own page cookie', async () => {
    const second = await startWebHost({ home: path.join(dir, 'home2'), rendererDir: path.join(dir, 'renderer'), token: 'second-token-abcdefghijkl' });
    try {
      const first = String((await get(`/?token=${TOKEN}`)).headers['set-cookie']).split(';')[0];
      const other = await new Promise<string>((resolve) => {
        http.get({ host: '127.0.0.1', port: second.port, path: '/?token=second-token-abcdefghijkl' }, (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']).split(';')[0]);
        });
      });
      expect(first.split('=')[0]).not.toBe(other.split('=')[0]);
      // A browser sends both cookies to both ports; each host still serves its page and its API.
      const both = `${first}; ${other}`;
      expect((await get('/', { Cookie: both })).status).toBe(200);
      const s1 = await apiSocket();
      const s2 = await openSocket({ token: 'second-token-abcdefghijkl', port: second.port, origin: `http://127.0.0.1:${second.port}` });
      expect(s2).toBeInstanceOf(WebSocket);
      expect(await caller(s1)(1, 'system.ping', { echo: 'one' })).toMatchObject({ ok: true });
      expect(await caller(s2 as WebSocket)(1, 'system.ping', { echo: 'two' })).toMatchObject({ ok: true });
      // The first console's token does not open the second one.
      expect(await openSocket({ token: TOKEN, port: second.port, origin: `http://127.0.0.1:${second.port}` })).toBe(401);
      s1.close();
      (s2 as WebSocket).close();
    } finally {
      await second.close();
    }
  });
});

describe('one engine per data directory', () => {
  it('refuses a second host on the same data directory, naming the first', async () => {
    await expect(startWebHost({ home: path.join(dir, 'home'), rendererDir: path.join(dir, 'renderer'), token: TOKEN })).rejects.toThrow(
      /data directory is in use by IdSync \(web, process \d+/,
    );
  });
});
