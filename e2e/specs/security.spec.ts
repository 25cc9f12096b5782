// The headless host's security model as a browser meets it.
import http from 'node:http';
import { test, expect } from './fixtures.ts';
import { startServe } from '../env/idsync-serve.ts';

test('without the token the console answers 401', async ({ request, served }) => {
  const res = await request.get(`${served.origin}/`, { maxRedirects: 0 });
  expect(res.status()).toBe(401);
});

test('the HTML carries a strict Content-Security-Policy', async ({ page, served }) => {
  const response = await page.goto(served.url);
  const csp = (await response!.allHeaders())['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
});

test('a page from another origin cannot open the API socket (403)', async ({ page, served }) => {
  // A foreign page on another loopback port tries to reach the API, as a malicious site would.
  const foreign = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>foreign</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const port = (foreign.address() as { port: number }).port;
  try {
    // First sign in to the console so the browser holds its page cookie and token.
    await page.goto(served.url);
    await page.goto(`http://127.0.0.1:${port}/`);
    const apiUrl = `${served.origin.replace('http', 'ws')}/api?token=${served.token}`;
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      apiUrl,
    );
    expect(outcome).toBe('refused');
    // The same check from Node, to see the status code itself.
    const status = await new Promise<number>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: Number(new URL(served.origin).port),
        path: `/api?token=${served.token}`,
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', Origin: `http://127.0.0.1:${port}`, 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
      req.end();
    });
    expect(status).toBe(403);
  } finally {
    foreign.close();
  }
});

test('two consoles side by side both work, and a page on another port never receives a token', async ({ page, served }) => {
  const seen: string[] = [];
  const foreign = http.createServer((req, res) => {
    seen.push(String(req.headers.cookie ?? ''));
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>foreign</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const second = await startServe();
  try {
    const ready = async (origin: string) => {
      await expect(page.getByRole('tab', { name: 'Operations' })).toBeVisible();
      await expect(page.getByLabel('Engine state')).toContainText(/idle|running/);
      // The token left the address bar.
      expect(page.url()).not.toContain('token=');
      expect(page.url().startsWith(origin)).toBe(true);
    };
    await page.goto(served.url);
    await ready(served.origin);
    const other = await page.context().newPage();
    await other.goto(second.url);
    await expect(other.getByLabel('Engine state')).toContainText(/idle|running/);
    // Signing in to the second console did not sign the first one out: it still reaches its API after a reload.
    await page.reload();
    await ready(served.origin);
    await other.reload();
    await expect(other.getByLabel('Engine state')).toContainText(/idle|running/);
    // A page of another local web app gets the cookies of 127.0.0.1, but neither token is among them.
    await page.goto(`http://127.0.0.1:${(foreign.address() as { port: number }).port}/`);
    expect(seen.length).toBeGreaterThan(0);
    for (const cookies of seen) {
      expect(cookies).not.toContain(served.token);
      expect(cookies).not.toContain(second.token);
    }
  } finally {
    await second.stop();
    foreign.close();
  }
});
