// The identity-platform side: OpenID metadata, client credentials (secret or certificate assertion)
// and the device code flow, answering with the JSON and AADSTS codes msal-node expects.
import { X509Certificate, constants, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';

export interface EmulatedClient {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Public certificate registered as a credential (PEM). */
  readonly certificatePem?: string;
  /** Application permissions granted to the app (e.g. `User.ReadWrite.All`). */
  readonly roles: readonly string[];
}

export interface IssuedToken {
  readonly clientId: string;
  /** The resource the token was issued for (its `aud`), e.g. `https://graph.microsoft.com`. */
  readonly audience: string;
  readonly expiresAt: number;
  readonly roles: readonly string[];
  /** Delegated (device code) tokens carry the signed-in user. */
  readonly user?: string;
}

interface DeviceCode {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scope: string;
  readonly expiresAt: number;
  approvedBy?: string;
}

export interface IdentityReply {
  readonly status: number;
  readonly body: unknown;
}

const TOKEN_LIFETIME_S = 3599;
/** Microsoft Graph's application id: `00000003-0000-0000-c000-000000000000/.default` names the same resource. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

function aadError(status: number, error: string, code: number, description: string): IdentityReply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: traceId,
      correlation_id: correlationId,
    },
  };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function thumbprints(pem: string): { sha1: string; sha256: string } {
  const cert = new X509Certificate(pem);
  const hex = (fp: string): string => Buffer.from(fp.replace(/:/g, ''), 'hex').toString('base64url');
  return { sha1: hex(cert.fingerprint), sha256: hex(cert.fingerprint256) };
}

/** The emulated Microsoft identity platform for one tenant. */
export class IdentityPlatform {
  readonly tokens = new Map<string, IssuedToken>();
  private readonly deviceCodes = new Map<string, DeviceCode>();
  /** Token requests answered with a token, for tests that count sign-ins. */
  tokenRequests = 0;

  /**
   * @param resources resource URIs tokens can be issued for; the first is Microsoft Graph's (the only audience the
   *   Graph endpoints accept), the others stand for other APIs of the tenant (their tokens are refused by Graph).
   */
  constructor(
    private readonly tenantId: string,
    private readonly clients: Map<string, EmulatedClient>,
    private readonly origin: () => string,
    private readonly userName: string,
    private readonly resources: readonly string[],
  ) {}

  /** The resource (audience) Graph tokens carry. */
  get graphResource(): string {
    return this.resources[0]!;
  }

  /** The resource a scope names (`https://host/.default`, `https://host/Directory.Read.All`, a bare Graph permission, or Graph's app id). */
  private resourceOf(scope: string): string | undefined {
    const m = /^(.*)\/[^/]+$/.exec(scope);
    const prefix = m ? m[1]! : '';
    if (!prefix) return this.graphResource; // a bare permission name (User.Read) means Graph
    if (prefix.toLowerCase() === GRAPH_APP_ID) return this.graphResource;
    return this.resources.find((r) => r.replace(/\/+$/, '').toLowerCase() === prefix.toLowerCase());
  }

  /** AADSTS500011, as Entra answers a scope whose resource does not exist in the tenant. */
  private unknownResource(scope: string): IdentityReply {
    const name = scope.replace(/\/[^/]*$/, '');
    return aadError(400, 'invalid_resource', 500011, `The resource principal named ${name} was not found in the tenant named ${this.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }

  /** The authority URL, e.g. `https://127.0.0.1:PORT/<tenant>`. */
  authority(): string {
    return `${this.origin()}/${this.tenantId}`;
  }

  /** OpenID Connect discovery document. */
  openIdConfiguration(): IdentityReply {
    const a = this.authority();
    return {
      status: 200,
      body: {
        issuer: `${a}/v2.0`,
        token_endpoint: `${a}/oauth2/v2.0/token`,
        authorization_endpoint: `${a}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${a}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${a}/oauth2/v2.0/logout`,
        jwks_uri: `${a}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        tenant_region_scope: 'EU',
      },
    };
  }

  /** Starts a device code sign-in. */
  deviceCode(form: URLSearchParams): IdentityReply {
    const clientId = form.get('client_id') ?? '';
    if (!this.clients.has(clientId)) return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`);
    const scope = form.get('scope') ?? '';
    const foreign = scope.split(' ').filter((s) => s && !OIDC_SCOPES.has(s)).find((s) => !this.resourceOf(s));
    if (foreign) return this.unknownResource(foreign);
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    const entry: DeviceCode = {
      deviceCode: randomBytes(24).toString('base64url'), userCode, clientId,
      scope: form.get('scope') ?? '', expiresAt: Date.now() + 900_000,
    };
    this.deviceCodes.set(entry.deviceCode, entry);
    const verificationUri = `${this.origin()}/devicelogin`;
    return {
      status: 200,
      body: {
        user_code: userCode, device_code: entry.deviceCode, verification_uri: verificationUri, expires_in: 900, interval: 1,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      },
    };
  }

  /** Approves a pending device code as the test user; false when the code is unknown. */
  approveDeviceCode(userCode: string, userName = this.userName): boolean {
    for (const entry of this.deviceCodes.values()) {
      if (entry.userCode === userCode) { entry.approvedBy = userName; return true; }
    }
    return false;
  }

  /** The token endpoint. */
  token(form: URLSearchParams): IdentityReply {
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') return this.clientCredentials(form);
    if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') return this.devicePoll(form);
    return aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`);
  }

  private clientCredentials(form: URLSearchParams): IdentityReply {
    const assertion = form.get('client_assertion');
    const clientId = form.get('client_id') ?? (assertion ? String(decodeJwtPart(assertion, 1)?.iss ?? '') : '');
    const client = this.clients.get(clientId);
    if (!client) return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`);
    const scope = form.get('scope') ?? '';
    const scopes = scope.split(' ').filter(Boolean);
    if (scopes.length !== 1 || !scopes[0]!.endsWith('/.default')) {
      return aadError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
    }
    const audience = this.resourceOf(scopes[0]!);
    if (!audience) return this.unknownResource(scopes[0]!);
    if (assertion) {
      const problem = this.checkAssertion(client, assertion);
      if (problem) return aadError(401, 'invalid_client', 700027, problem);
    } else if (!client.clientSecret || form.get('client_secret') !== client.clientSecret) {
      return aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.');
    }
    return this.issue({ clientId, audience, roles: client.roles, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
  }

  private checkAssertion(client: EmulatedClient, assertion: string): string | undefined {
    if (!client.certificatePem) return 'Client assertion contains an invalid signature. No certificate is registered for the app.';
    const [h, p, s] = assertion.split('.');
    const header = decodeJwtPart(assertion, 0);
    const payload = decodeJwtPart(assertion, 1);
    if (!h || !p || !s || !header || !payload) return 'Client assertion failed signature validation. The assertion is not a JWT.';
    const prints = thumbprints(client.certificatePem);
    if (header['x5t#S256'] !== prints.sha256 && header.x5t !== prints.sha1) {
      return `Client assertion failed signature validation. Reason - The key was not found., Thumbprint of key used by client: '${String(header['x5t#S256'] ?? header.x5t)}'.`;
    }
    const key = createPublicKey(client.certificatePem);
    const data = Buffer.from(`${h}.${p}`);
    const signature = Buffer.from(s, 'base64url');
    const ok = header.alg === 'PS256'
      ? verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)
      : header.alg === 'RS256' && verify('sha256', data, key, signature);
    if (!ok) return 'Client assertion contains an invalid signature.';
    if (payload.aud !== `${this.authority()}/oauth2/v2.0/token`) return `The audience claim value '${String(payload.aud)}' is invalid.`;
    if (typeof payload.exp !== 'number' || payload.exp * 1000 < Date.now()) return 'The client assertion has expired.';
    return undefined;
  }

  private devicePoll(form: URLSearchParams): IdentityReply {
    const entry = this.deviceCodes.get(form.get('device_code') ?? '');
    if (!entry || entry.expiresAt < Date.now()) return aadError(400, 'expired_token', 70020, 'The provided value for the input parameter \'device_code\' is not valid. The device code has expired.');
    if (!entry.approvedBy) return aadError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
    this.deviceCodes.delete(entry.deviceCode);
    const oid = '00000000-0000-4000-8000-000000000001';
    const now = Math.floor(Date.now() / 1000);
    const idToken = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
      aud: entry.clientId, iss: `${this.authority()}/v2.0`, iat: now, nbf: now, exp: now + TOKEN_LIFETIME_S,
      oid, sub: oid, tid: this.tenantId, preferred_username: entry.approvedBy, name: entry.approvedBy, ver: '2.0',
    })}.`;
    const client = this.clients.get(entry.clientId)!;
    const resource = entry.scope.split(' ').filter((s) => s && !OIDC_SCOPES.has(s)).map((s) => this.resourceOf(s))[0] ?? this.graphResource;
    const reply = this.issue({ clientId: entry.clientId, audience: resource, roles: client.roles, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000, user: entry.approvedBy });
    return {
      status: 200,
      body: {
        ...(reply.body as object),
        scope: `${entry.scope.split(' ').filter((s) => !['openid', 'profile', 'offline_access'].includes(s)).join(' ')} openid profile`.trim(),
        id_token: idToken,
        client_info: b64url({ uid: oid, utid: this.tenantId }),
      },
    };
  }

  private issue(token: IssuedToken): IdentityReply {
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, token);
    this.tokenRequests++;
    return { status: 200, body: { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, ext_expires_in: TOKEN_LIFETIME_S, access_token: accessToken } };
  }
}

function decodeJwtPart(jwt: string, index: number): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
