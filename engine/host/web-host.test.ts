// The headless host's security model, exercised over real HTTP and WebSocket connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from './web-host.ts';

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
function openSocket(options: { token?: string; cookie?: string; origin?: string }): Promise<WebSocket | number> {
  const query = options.token ? `?token=${options.token}` : '';
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers, origin: options.origin });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
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
    expect((await get('/', { Cookie: 'idsync_token=wrong' })).status).toBe(401);
  });

  it('trades the query token for an HttpOnly SameSite=Strict cookie', async () => {
    const res = await get(`/?token=${TOKEN}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`idsync_token=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('serves the console with a strict Content-Security-Policy once the cookie is presented', async () => {
    const res = await get('/', { Cookie: `idsync_token=${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>console</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a file outside the console directory', async () => {
    const res = await get('/..%2Fsecret.txt', { Cookie: `idsync_token=${TOKEN}` });
    expect(res.body).not.toContain('outside');
  });

  it('refuses a request addressed to a foreign host name (DNS rebinding)', async () => {
    const res = await get('/', { Cookie: `idsync_token=${TOKEN}`, Host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
  });

  it('refuses a WebSocket upgrade without a token (401)', async () => {
    expect(await openSocket({ origin: `http://127.0.0.1:${host.port}` })).toBe(401);
  });

  it('refuses a WebSocket upgrade from a foreign Origin (403), even with the token', async () => {
    expect(await openSocket({ cookie: `idsync_token=${TOKEN}`, origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket({ cookie: `idsync_token=${TOKEN}` })).toBe(403);
  });

  it('relays API calls to the engine worker for an authenticated same-origin socket', async () => {
    const ws = await openSocket({ cookie: `idsync_token=${TOKEN}`, origin: `http://127.0.0.1:${host.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    const call = (id: number, method: string, request: unknown) =>
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

describe('one engine per data directory', () => {
  it('refuses a second host on the same data directory, naming the first', async () => {
    await expect(startWebHost({ home: path.join(dir, 'home'), rendererDir: path.join(dir, 'renderer'), token: TOKEN })).rejects.toThrow(
      /data directory is in use by IdSync \(web, process \d+/,
    );
  });
});
