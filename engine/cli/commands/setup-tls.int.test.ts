// `idsync setup` against a DC reached by address whose certificate names it by host name (Samba AD), with
// the Entra ID emulator as the tenant: refused with the name to give, then accepted with --tls-server-name.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntraEmulator, startEntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { type SambaAdInstance, sambaAvailable, startSambaAd } from '../../../e2e/env/samba/index.ts';
import { SyncEngine } from '../../sync/engine.ts';

const availability = await sambaAvailable();
if (!availability.ok) console.log(`setup against Samba AD skipped: ${availability.reason}`);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe.runIf(availability.ok)('idsync setup with a DC certificate for its host name over ldaps://<address>', () => {
  let dc: SambaAdInstance;
  let emu: EntraEmulator;
  let dir: string;
  const ou = () => `OU=Setup,${dc.baseDn}`;

  beforeAll(async () => {
    dc = await startSambaAd();
    emu = await startEntraEmulator();
    const admin = new Client({ url: dc.url });
    await admin.bind(dc.bindDn, dc.password);
    await admin.add(ou(), { objectClass: 'organizationalUnit' });
    await admin.unbind();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-setup-'));
    fs.writeFileSync(path.join(dir, 'dc-ca.pem'), dc.caPem);
    fs.writeFileSync(path.join(dir, 'entra-ca.pem'), emu.caPem);
  }, 120_000);
  afterAll(async () => {
    await emu?.stop();
    await dc?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function setup(home: string, ...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const args = [
      path.join(repoRoot, 'bin/idsync'), '--home', home, 'setup', '--ad', dc.ldapsUrl, '--ad-bind-dn', dc.bindDn, '--ad-password-env', 'AD_PW',
      '--ad-ca-file', path.join(dir, 'dc-ca.pem'), '--ou', ou(), '--entra-tenant', emu.tenantId, '--entra-client-id', emu.clientId,
      '--entra-secret-env', 'ENTRA_SECRET', '--authority-host', emu.authorityHost, '--graph-base-url', emu.graphBaseUrl,
      '--entra-ca-file', path.join(dir, 'entra-ca.pem'), '--no-initial-cycle', ...extra,
    ];
    // Asynchronously: the Entra emulator answers setup's sign-in from this process.
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, AD_PW: dc.password, ENTRA_SECRET: emu.clientSecret } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('refuses without the name, saying which one to give, and saves nothing', async () => {
    const home = path.join(dir, 'refused');
    const r = await setup(home);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect to 127.0.0.1');
    expect(r.stderr).toContain(`--tls-server-name ${dc.tlsServerName}`);
    expect(r.stderr).toContain('Nothing was saved');
    expect(fs.existsSync(path.join(home, 'idsync.sqlite'))).toBe(false);
  });

  it('stores tlsServerName, records the OU selection and warns about nothing', async () => {
    const home = path.join(dir, 'accepted');
    const r = await setup(home, '--tls-server-name', dc.tlsServerName, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual([]);
    const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    try {
      expect(engine.connector('127.0.0.1').config).toMatchObject({ url: dc.ldapsUrl, tlsServerName: dc.tlsServerName, includeContainers: [ou()] });
    } finally {
      engine.close();
    }
    const selection = Object.values(JSON.parse(fs.readFileSync(path.join(home, 'ou-selection.json'), 'utf8')));
    expect(selection).toEqual([[expect.objectContaining({ dn: ou(), kind: 'include' })]]);
  });
});
