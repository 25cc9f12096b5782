// Device code sign-in for the installation wizard: an administrator signs in on another device while
// the wizard shows the code; the resulting delegated token lets the wizard inspect the tenant.
import { LogLevel, PublicClientApplication, type DeviceCodeRequest } from '@azure/msal-node';
import { authoritySettings } from './authority.ts';
import { mapAuthError } from './auth-errors.ts';
import { HttpsTransport } from './https-transport.ts';
import { scopeResource } from './graph-scope.ts';

export interface DeviceCodeSignInOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly authorityHost?: string;
  /** Delegated scopes, default `Directory.Read.All` of the Graph resource of `graphScope`. */
  readonly scopes?: readonly string[];
  /** The app's Graph scope (`<Graph resource>/.default`), default the global cloud's. */
  readonly graphScope?: string;
  readonly caPem?: string;
  readonly signal?: AbortSignal;
}

export interface DeviceCodeSignInResult {
  readonly accessToken: string;
  readonly username: string;
  readonly tenantId: string;
  readonly expiresOn: Date | null;
}

export interface DeviceCodeSignIn {
  readonly userCode: string;
  readonly verificationUri: string;
  /** The text to show, as Entra ID words it. */
  readonly message: string;
  /** Settles when the user completes (or the code expires / sign-in is cancelled). */
  readonly result: Promise<DeviceCodeSignInResult>;
}

/** Starts a device code sign-in; resolves once the code to show is known. */
export function startDeviceCodeSignIn(options: DeviceCodeSignInOptions): Promise<DeviceCodeSignIn> {
  const host = options.authorityHost ?? 'https://login.microsoftonline.com';
  const transport = new HttpsTransport(options.caPem);
  const app = new PublicClientApplication({
    auth: { clientId: options.clientId, ...authoritySettings(host, options.tenantId) },
    system: { networkClient: transport.msalNetworkModule(), loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined } },
  });
  return new Promise((resolveCode, rejectCode) => {
    let announced = false;
    const request: DeviceCodeRequest = {
      scopes: [...(options.scopes ?? [`${scopeResource(options.graphScope ?? 'https://graph.microsoft.com/.default')}/Directory.Read.All`])],
      deviceCodeCallback: (r) => {
        announced = true;
        resolveCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, result });
      },
    };
    // msal polls until the code expires unless the request is cancelled.
    options.signal?.addEventListener('abort', () => { request.cancel = true; }, { once: true });
    const result = app.acquireTokenByDeviceCode(request).then((auth) => {
      if (!auth) throw new Error('Device code sign-in ended without a token');
      return { accessToken: auth.accessToken, username: auth.account?.username ?? '', tenantId: auth.tenantId, expiresOn: auth.expiresOn };
    }).catch((e: unknown) => { throw mapAuthError(e, new URL(host).host, transport.lastError); }).finally(() => transport.close());
    result.catch((e: unknown) => { if (!announced) rejectCode(e); });
  });
}
