// Opening a bound ldapts client: ldap:// with StartTLS, ldaps:// or plain; CA pinning; timeouts; fail-over URLs.
import net from 'node:net';
import tls, { type ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import { ConnectivityError } from '../contract.ts';
import { type LdapConfig, urlsOf } from './config.ts';
import { classify } from './errors.ts';

export interface OpenConnection {
  readonly client: Client;
  readonly url: string;
  /** True when traffic is encrypted (LDAPS or StartTLS). */
  readonly secure: boolean;
}

function tlsOptionsOf(config: LdapConfig): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: config.rejectUnauthorized };
  if (config.caPem) options.ca = [config.caPem];
  if (config.tlsServerName) options.servername = config.tlsServerName;
  return options;
}

/**
 * Requests issued in the same tick (several exports finishing at once start the next ones) leave in one
 * write instead of one system call each; Nagle is off so a lone request is not held back either.
 */
function coalesceWrites<S extends net.Socket>(socket: S): S {
  socket.setNoDelay(true);
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write(...args);
  }) as typeof socket.write;
  return socket;
}

/** Connects to the first reachable URL and binds; throws ConnectivityError or CredentialsError. */
export async function openConnection(config: LdapConfig): Promise<OpenConnection> {
  const secrets = [config.password];
  let lastError: Error = new ConnectivityError('no server URL configured');
  for (const configured of urlsOf(config)) {
    const url = adjustUrl(configured, config.security);
    const tlsOptions = tlsOptionsOf(config);
    const client = new Client({
      url,
      timeout: config.timeoutMs,
      connectTimeout: config.connectTimeoutMs,
      tlsOptions: url.startsWith('ldaps:') ? tlsOptions : undefined,
      strictDN: false,
      // Small requests with several in flight: send each at once instead of waiting for the previous ACK.
      createConnection: ((...args: Parameters<typeof net.connect>) => coalesceWrites(net.connect(...args))) as typeof net.connect,
      createSecureConnection: ((...args: Parameters<typeof tls.connect>) => coalesceWrites(tls.connect(...args))) as typeof tls.connect,
    });
    try {
      if (config.security === 'starttls') await client.startTLS(tlsOptions);
      await client.bind(config.bindDn, config.password);
      return { client, url, secure: config.security !== 'none' };
    } catch (error) {
      await client.unbind().catch(() => undefined);
      lastError = classify(error, `LDAP ${url}`, secrets);
      // Wrong credentials are the same on every replica; do not try the others.
      if (!(lastError instanceof ConnectivityError)) throw lastError;
    }
  }
  throw lastError;
}

/** ldaps security on an ldap:// URL (or the reverse) is a configuration mistake worth a clear message. */
function adjustUrl(url: string, security: LdapConfig['security']): string {
  const isLdaps = url.toLowerCase().startsWith('ldaps:');
  if (security === 'ldaps' && !isLdaps) throw new ConnectivityError(`security 'ldaps' needs an ldaps:// URL, got ${url}`);
  if (security !== 'ldaps' && isLdaps) throw new ConnectivityError(`security '${security}' needs an ldap:// URL, got ${url}`);
  return url.replace(/\/$/, '');
}
