// App-only tokens for Microsoft Graph through msal-node's ConfidentialClientApplication,
// with a client secret or a certificate credential.
import { X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication, LogLevel, type NodeAuthOptions } from '@azure/msal-node';
import { authoritySettings } from './authority.ts';
import { mapAuthError } from './auth-errors.ts';
import type { EntraConfig } from './config.ts';
import type { HttpsTransport } from './https-transport.ts';

/** Gets access tokens for Graph; msal caches them until five minutes before expiry. */
export class TokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;
  private readonly where: string;

  constructor(config: EntraConfig, private readonly transport: HttpsTransport) {
    const settings = authoritySettings(config.authorityHost, config.tenantId);
    this.where = new URL(config.authorityHost).host;
    this.scope = config.graphScope;
    const auth: NodeAuthOptions = { clientId: config.clientId, ...settings };
    if (config.auth.kind === 'secret') {
      auth.clientSecret = config.auth.clientSecret;
    } else {
      const cert = new X509Certificate(config.auth.certificatePem);
      auth.clientCertificate = {
        privateKey: config.auth.privateKeyPem,
        // SHA-256 thumbprints make msal sign with PS256; the configuration checks a given SHA-1 one against the certificate.
        thumbprintSha256: cert.fingerprint256.replace(/:/g, ''),
        x5c: config.auth.certificatePem,
      };
    }
    this.app = new ConfidentialClientApplication({
      auth,
      system: {
        networkClient: transport.msalNetworkModule(),
        // msal's own logging is off: its verbose levels may print request details.
        loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
      },
    });
  }

  /** A valid access token for Graph. */
  async accessToken(): Promise<string> {
    try {
      const result = await this.app.acquireTokenByClientCredential({ scopes: [this.scope] });
      if (!result?.accessToken) throw new Error('the token endpoint returned no access token');
      return result.accessToken;
    } catch (e) {
      throw mapAuthError(e, this.where, this.transport.lastError);
    }
  }
}
