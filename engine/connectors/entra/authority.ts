// The msal authority for a tenant: Microsoft's cloud hosts are known to msal; any other host (a sovereign
// cloud proxy, or a test emulator) gets explicit metadata so msal makes no discovery calls to Microsoft.

const MICROSOFT_HOSTS = new Set([
  'login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net', 'sts.windows.net',
  'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn',
]);

export interface AuthoritySettings {
  readonly authority: string;
  readonly knownAuthorities?: string[];
  readonly authorityMetadata?: string;
}

/** Builds the msal authority options for `tenantId` on `authorityHost`. */
export function authoritySettings(authorityHost: string, tenantId: string): AuthoritySettings {
  const url = new URL(authorityHost);
  const authority = `${url.origin}/${tenantId}`;
  if (MICROSOFT_HOSTS.has(url.hostname.toLowerCase())) return { authority };
  return {
    authority,
    // msal matches known authorities on host:port, so the port must be part of it.
    knownAuthorities: [url.host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    }),
  };
}
