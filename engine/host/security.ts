// Security policy of the headless host: token check, allowed origins and response headers.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browsers send a cookie to every port of a host, so a cookie never carries the token: the page keeps the token
 * in its own (per-origin, so per-port) session storage and presents it when it opens the API socket. The cookie
 * is only a pass to the console's static files, named after the port and derived from the token, so it is
 * worthless to another local web app that receives it and two consoles side by side do not overwrite each other's.
 */
export function pageCookieName(port: number): string {
  return `idsync_page_${port}`;
}

/** The value of the page cookie for a token: a MAC that cannot be turned back into the token. */
export function pagePass(token: string, port: number): string {
  return crypto.createHmac('sha256', token).update(`console-page:${port}`).digest('base64url');
}

/** The Content-Security-Policy served with the console: nothing but the host's own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // MUI (emotion) injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent with every HTTP response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A random token for one start of the host. */
export function generateToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Constant-time comparison of a presented token with the expected one. */
export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Reads one cookie from a request. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** True for an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Why a bind address is refused, or null for a loopback one. */
export function bindRefusal(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return `${host} is not a loopback address: the console and its API are served without TLS, so IdSync listens only on this machine (127.0.0.1, ::1 or localhost). For remote access, use an SSH tunnel to the loopback port.`;
}

/** The origins (and Host header values) under which this host may be addressed. */
export function ownAuthorities(bindHost: string, port: number): Set<string> {
  const hosts = new Set([`${bindHost}:${port}`]);
  if (bindHost === '127.0.0.1' || bindHost === 'localhost' || bindHost === '::1') {
    hosts.add(`127.0.0.1:${port}`);
    hosts.add(`localhost:${port}`);
    hosts.add(`[::1]:${port}`);
  }
  return hosts;
}
