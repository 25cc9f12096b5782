// `idsync setup` signs in to Microsoft Entra ID before it writes anything (against the Entra ID emulator).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { bundleCli, runCli } from '../../sync/cli-bundle.ts';

describe('idsync setup: the Entra ID sign-in is tested before anything is written', () => {
  let emu: EntraEmulator;
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    [emu, cli] = await Promise.all([startEntraEmulator(), bundleCli()]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-setup-'));
    caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, emu.caPem);
    process.env.IDSYNC_SETUP_TEST_AD_PW = 'not-used-before-the-sign-in';
  }, 120_000);

  afterAll(async () => {
    delete process.env.IDSYNC_SETUP_TEST_AD_PW;
    delete process.env.IDSYNC_SETUP_TEST_SECRET;
    cli?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await emu?.stop();
  });

  const setup = (home: string, ...extra: string[]) => runCli(cli.file, home, [
    'setup', '--ad', 'ldap://127.0.0.1:1', '--ad-bind-dn', 'CN=sync,DC=example,DC=test', '--ad-password-env', 'IDSYNC_SETUP_TEST_AD_PW',
    '--entra-tenant', emu.tenantId, '--entra-client-id', emu.clientId, '--entra-secret-env', 'IDSYNC_SETUP_TEST_SECRET',
    '--authority-host', emu.authorityHost, '--graph-base-url', emu.graphBaseUrl, '--entra-ca-file', caFile, '--no-initial-cycle', ...extra,
  ]);

  it('stops with the refusal and writes nothing when the client secret is wrong', async () => {
    process.env.IDSYNC_SETUP_TEST_SECRET = 'wrong-secret';
    const home = path.join(dir, 'wrong-secret');
    const r = await setup(home);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Setup stopped, nothing was written: cannot sign in to Microsoft Entra ID .*invalid_client: AADSTS7000215/);
    expect(r.stderr).not.toContain('wrong-secret');
    expect(fs.existsSync(path.join(home, 'idsync.sqlite'))).toBe(false);
  });

  it('stops when tokens are asked for a resource other than Graph (a --graph-scope naming the gateway)', async () => {
    process.env.IDSYNC_SETUP_TEST_SECRET = emu.clientSecret;
    const home = path.join(dir, 'wrong-scope');
    const r = await setup(home, '--graph-scope', `${emu.graphBaseUrl}/.default`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/invalid_resource: AADSTS500011: The resource principal named https:\/\/127\.0\.0\.1:\d+ was not found/);
    expect(fs.existsSync(path.join(home, 'idsync.sqlite'))).toBe(false);
  });

  it('signs in through a Graph address that is not Microsoft\'s with the cloud\'s Graph scope, then tests the directory', async () => {
    process.env.IDSYNC_SETUP_TEST_SECRET = emu.clientSecret;
    const home = path.join(dir, 'ok');
    const before = emu.state.tokenRequests;
    const r = await setup(home, '--json');
    // The sign-in succeeded (one token issued); the next check, the directory (nothing listens there), stops setup.
    expect(emu.state.tokenRequests).toBe(before + 1);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Setup failed: cannot connect to 127\.0\.0\.1/);
    expect(r.stderr).not.toMatch(/cannot sign in/);
    expect(fs.existsSync(path.join(home, 'idsync.sqlite'))).toBe(false);
  });
});
