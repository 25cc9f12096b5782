import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientCertificate, startEntraEmulator, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { CredentialsError } from '../contract.ts';
import { entraConnectorType, startDeviceCodeSignIn } from './index.ts';
import { emulatorConfig, testContext } from './test-harness.ts';
import { HttpsTransport } from './https-transport.ts';
import { TokenProvider } from './token-provider.ts';

describe('Entra connector sign-in against the emulator', () => {
  let emu: EntraEmulator;
  const cert = generateClientCertificate();
  const certClientId = randomUUID();
  const secretClientId = randomUUID();

  beforeAll(async () => {
    emu = await startEntraEmulator({
      clients: [
        { clientId: secretClientId, clientSecret: 'S3cret-value-for-tests', roles: ['Directory.Read.All', 'User.ReadWrite.All', 'Group.ReadWrite.All'] },
        { clientId: certClientId, certificatePem: cert.certificatePem, roles: ['Directory.Read.All'] },
      ],
    });
  });
  afterAll(async () => { await emu?.stop(); });

  it('signs in with a client secret and reads the tenant', async () => {
    const connector = entraConnectorType.create(emulatorConfig(emu));
    const result = await connector.testConnection(testContext());
    await connector.close();
    expect(result.ok).toBe(true);
    expect(result.message).toContain('contoso.onmicrosoft.com');
  });

  it('asks tokens for the cloud\'s Graph resource, not for the address Graph is reached at; graphScope names another cloud\'s', async () => {
    // A US Government tenant reached through an address that is not Microsoft's (a gateway; here the emulator).
    const gov = await startEntraEmulator({ graphResource: 'https://graph.microsoft.us' });
    try {
      const byDefault = entraConnectorType.create(emulatorConfig(gov));
      const refused = await byDefault.testConnection(testContext());
      await byDefault.close();
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/invalid_resource: AADSTS500011: The resource principal named https:\/\/graph\.microsoft\.com was not found/) });
      const explicit = entraConnectorType.create(emulatorConfig(gov, { graphScope: 'https://graph.microsoft.us/.default' }));
      const ok = await explicit.testConnection(testContext());
      await explicit.close();
      expect(ok).toMatchObject({ ok: true });
    } finally {
      await gov.stop();
    }
  });

  it('signs in with a certificate credential (signed client assertion)', async () => {
    const connector = entraConnectorType.create(emulatorConfig(emu, {
      clientId: certClientId,
      auth: { kind: 'certificate', certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem },
    }));
    const result = await connector.testConnection(testContext());
    await connector.close();
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses a certificate whose key does not match the registered one', async () => {
    const other = generateClientCertificate('someone else');
    const transport = new HttpsTransport(emu.caPem);
    const tokens = new TokenProvider(emulatorConfig(emu, {
      clientId: certClientId, auth: { kind: 'certificate', certificatePem: other.certificatePem, privateKeyPem: other.privateKeyPem },
    }), transport);
    await expect(tokens.accessToken()).rejects.toThrow(/invalid_client.*AADSTS700027/);
    transport.close();
  });

  it('turns a wrong secret into a readable CredentialsError without the secret', async () => {
    const connector = entraConnectorType.create(emulatorConfig(emu, { auth: { kind: 'secret', clientSecret: 'wrong-secret-123' } }));
    const result = await connector.testConnection(testContext());
    await connector.close();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/refused the app's credentials: invalid_client: AADSTS7000215: Invalid client secret provided\./);
    expect(result.message).not.toContain('wrong-secret-123');
    const transport = new HttpsTransport(emu.caPem);
    const err = await new TokenProvider(emulatorConfig(emu, { auth: { kind: 'secret', clientSecret: 'wrong-secret-123' } }), transport)
      .accessToken().catch((e: unknown) => e);
    transport.close();
    expect(err).toBeInstanceOf(CredentialsError);
  });

  it('reports an unknown application id', async () => {
    const connector = entraConnectorType.create(emulatorConfig(emu, { clientId: randomUUID() }));
    const result = await connector.testConnection(testContext());
    await connector.close();
    expect(result.message).toMatch(/unauthorized_client: AADSTS700016/);
  });

  it('fails TLS when the emulator CA is not trusted (checks are never disabled)', async () => {
    const connector = entraConnectorType.create(emulatorConfig(emu, { caPem: undefined }));
    const result = await connector.testConnection(testContext());
    await connector.close();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/certificate|self.signed|issuer/i);
  });

  it('completes a device code sign-in approved by the test', async () => {
    const signIn = await startDeviceCodeSignIn({ tenantId: emu.tenantId, clientId: secretClientId, authorityHost: emu.authorityHost, caPem: emu.caPem });
    expect(signIn.message).toContain(signIn.userCode);
    expect(signIn.verificationUri).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/devicelogin$/);
    expect(emu.state.approveDeviceCode(signIn.userCode, 'admin@contoso.onmicrosoft.com')).toBe(true);
    const token = await signIn.result;
    expect(token.username).toBe('admin@contoso.onmicrosoft.com');
    expect(token.tenantId).toBe(emu.tenantId);
    expect(token.accessToken.length).toBeGreaterThan(20);
  });

  it('stops polling when a device code sign-in is cancelled', async () => {
    const abort = new AbortController();
    const signIn = await startDeviceCodeSignIn({ tenantId: emu.tenantId, clientId: secretClientId, authorityHost: emu.authorityHost, caPem: emu.caPem, signal: abort.signal });
    abort.abort();
    await expect(signIn.result).rejects.toThrow(/cancel/i);
  });

  it('validates the configuration with readable messages', () => {
    const parsed = entraConnectorType.configSchema.safeParse({ tenantId: 'x', clientId: 'not-a-guid', auth: { kind: 'certificate', certificatePem: 'x', privateKeyPem: 'y' }, graphBaseUrl: 'http://graph.example' });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toEqual(expect.arrayContaining([
      'clientId: must be the application (client) id, a GUID',
      'auth.certificatePem: must be a PEM certificate',
      'graphBaseUrl: must be an https:// URL',
    ]));
    expect(entraConnectorType.secretFields).toEqual(['auth']);
    const other = generateClientCertificate('other');
    const mismatch = entraConnectorType.configSchema.safeParse({ tenantId: 'x', clientId: randomUUID(),
      auth: { kind: 'certificate', certificatePem: cert.certificatePem, privateKeyPem: other.privateKeyPem, thumbprint: '0'.repeat(40) } });
    const issues = mismatch.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      'auth.privateKeyPem: does not belong to the certificate',
      expect.stringMatching(/^auth\.thumbprint: does not match the certificate \(its SHA-1 thumbprint is [0-9A-F]{40}\)$/),
    ]);
    expect(JSON.stringify(issues)).not.toContain('PRIVATE KEY');
  });
});
