import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import { ConnectivityError, CredentialsError } from '../contract.ts';
import { ldapConfigSchema } from './config.ts';
import { connectorFor, drain, testContext } from './test-fixtures.ts';

let slapd: SlapdInstance;
beforeAll(async () => {
  slapd = await startSlapd({ tls: true });
});
afterAll(async () => {
  await slapd?.dispose();
});

describe('LDAP connection modes against slapd', () => {
  it('binds over plain ldap://', async () => {
    const c = connectorFor(slapd);
    const r = await c.testConnection(testContext());
    await c.close();
    expect(r).toMatchObject({ ok: true });
    expect(r.message).toMatch(/without encryption/);
  });

  it('binds with StartTLS when the CA is configured', async () => {
    const c = connectorFor(slapd, { security: 'starttls', caPem: slapd.caPem });
    const r = await c.testConnection(testContext());
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/over TLS/);
    // The bulk search runs on a connection of its own, which must negotiate StartTLS the same way.
    const imported = await drain(c.importFull({}, testContext()));
    await c.close();
    expect(imported.changes.map((x) => x.kind === 'object' && x.object.dn).sort()).toEqual([`ou=groups,${slapd.suffix}`, `ou=people,${slapd.suffix}`]);
  });

  it('binds over ldaps:// when the CA is configured', async () => {
    const c = connectorFor(slapd, { url: slapd.ldapsUrl, security: 'ldaps', caPem: slapd.caPem });
    const r = await c.testConnection(testContext());
    expect(r.ok).toBe(true);
    expect((await drain(c.importFull({}, testContext()))).changes).toHaveLength(2);
    await c.close();
  });

  it('refuses an untrusted certificate (ldaps and StartTLS) unless validation is switched off', async () => {
    for (const overrides of [{ url: slapd.ldapsUrl, security: 'ldaps' as const }, { security: 'starttls' as const }]) {
      const c = connectorFor(slapd, overrides);
      const r = await c.testConnection(testContext());
      await c.close();
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/TLS negotiation failed.*(self-signed|certificate)/i);
    }
    const lax = connectorFor(slapd, { url: slapd.ldapsUrl, security: 'ldaps', rejectUnauthorized: false });
    expect((await lax.testConnection(testContext())).ok).toBe(true);
    await lax.close();
  });

  it('reports refused credentials without revealing the password', async () => {
    const c = connectorFor(slapd, { password: 'Wrong-Secret-123' });
    const r = await c.testConnection(testContext());
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/credentials refused/);
    expect(JSON.stringify(r)).not.toContain('Wrong-Secret-123');
    const error = await drain(c.importFull({}, testContext())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(String((error as Error).message)).not.toContain('Wrong-Secret-123');
    await c.close();
  });

  it('reports an unreachable server as a connectivity failure', async () => {
    const c = connectorFor({ ...slapd, url: 'ldap://127.0.0.1:1' }, { connectTimeoutMs: 2000 });
    const error = await c.discoverPartitions(testContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectivityError);
    expect((error as Error).message).toMatch(/ldap:\/\/127\.0\.0\.1:1/);
    await c.close();
  });

  it('fails over to the next URL when the first cannot be reached', async () => {
    const dead = `ldap://127.0.0.1:${await freePort()}`;
    const c = connectorFor(slapd, { url: [dead, slapd.url], connectTimeoutMs: 2000 });
    const r = await c.testConnection(testContext());
    await c.close();
    expect(r.ok).toBe(true);
  });

  it('gives up on a server that stops answering after the configured timeout', async () => {
    const c = connectorFor(slapd, { timeoutMs: 800, connectTimeoutMs: 800 });
    expect((await c.testConnection(testContext())).ok).toBe(true);
    const pid = Number((await readFile(path.join(slapd.dir, 'slapd.pid'), 'utf8')).trim());
    process.kill(pid, 'SIGSTOP');
    try {
      const error = await drain(c.importFull({}, testContext())).catch((e: unknown) => e);
      // The message says what came instead, should it ever be something else.
      expect(error, `${String(error)} ${JSON.stringify(error)}`).toBeInstanceOf(ConnectivityError);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Once the server answers again, the connector does too.
    expect((await c.testConnection(testContext())).ok).toBe(true);
    await c.close();
  });

  it('validates the configuration with messages naming the field', () => {
    const bad = ldapConfigSchema.safeParse({ url: 'http://x', bindDn: 'cn=a', password: 'p' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/url/);
    const mismatch = connectorFor(slapd, { security: 'ldaps' });
    return expect(mismatch.testConnection(testContext())).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/needs an ldaps:\/\/ URL/) });
  });
});
