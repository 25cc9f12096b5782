// `idsync migrate` as real processes: the dry run on Microsoft's sample export changes nothing, an import without
// credentials waits, `migrate credentials` applies it in staging mode, importing again gives the same
// configuration, `migrate report` prints it, and a broken folder is a clear error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../../shared/model/config.ts';
import type { MigrationReport } from '../../shared/model/migration.ts';
import { bundleCli, runCli } from '../sync/cli-bundle.ts';
import { contosoExport, contosoMissing, fixture } from './test-exports.ts';

if (contosoMissing) console.log(contosoMissing);

let cli: Awaited<ReturnType<typeof bundleCli>>;
let dir = '';
const home = () => path.join(dir, 'home');
const run = (...args: string[]) => runCli(cli.file, home(), args);

beforeAll(async () => {
  cli = await bundleCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-migrate-cli-'));
  process.env.IDSYNC_TEST_AD_PW = 'Ad-pa55-cli';
  process.env.IDSYNC_TEST_APP_SECRET = 'App-s3cret-cli';
}, 120_000);

afterAll(() => {
  cli?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('idsync migrate', () => {
  it('refuses a folder without GlobalSettings/MV.xml, naming it, and changes nothing', async () => {
    const r = await run('migrate', 'from-entra-connect', fixture('missing-mv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing GlobalSettings/MV.xml');
    expect(fs.existsSync(path.join(home(), 'idsync.sqlite'))).toBe(false);
  });

  describe.skipIf(contosoMissing !== null)('on the contoso-2016 export', () => {
    it('--dry-run prints the report and the configuration and writes nothing', async () => {
      const r = await run('migrate', 'from-entra-connect', contosoExport, '--dry-run', '--json');
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { report: MigrationReport; configuration: ConfigDocument };
      expect(out.report.status).toBe('dry-run');
      expect(out.report.counts).toMatchObject({ connectors: 2, rules: 62, disabledByIdSync: 14, changedStandardRules: 0 });
      expect(out.configuration.syncRules).toHaveLength(62);
      expect(out.configuration.connectors.map((c) => c.name)).toEqual(['contoso.com', 'contoso.onmicrosoft.com - AAD']);
      expect(fs.existsSync(home())).toBe(false);
      const md = await run('migrate', 'from-entra-connect', contosoExport, '--dry-run');
      expect(md.stdout).toContain('# Migration from Entra Connect: CONTOSO-SYNC01');
      expect(md.stdout).toContain('| 122 | In from AAD - User NGCKey | contoso.onmicrosoft.com - AAD | In from AAD - User NGCKey: the flow to deviceKey uses CBin and Thumbprint');
    });

    it('without credentials waits: nothing is configured, and the report says what is needed', async () => {
      const r = await run('migrate', 'from-entra-connect', contosoExport, '--json');
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { status: string; report: MigrationReport };
      expect(out.status).toBe('credentials-needed');
      expect(out.report.connectors.map((c) => c.credentials)).toEqual(['needed', 'needed']);
      const config = JSON.parse((await run('config', 'export')).stdout) as ConfigDocument;
      expect(config.connectors).toEqual([]);
      expect(config.syncRules).toEqual([]);
    });

    it('migrate credentials applies it in staging mode with the secrets stored, never printed', async () => {
      const reportFile = path.join(dir, 'report.md');
      // No directory answers on this port: the OU filter cannot be checked, which the report says.
      const r = await run('migrate', 'credentials', '--ad-url', 'ldaps://127.0.0.1:9', '--ad-bind-dn', 'MSOL_d1edb676ca03@contoso.com',
        '--ad-password-env', 'IDSYNC_TEST_AD_PW', '--entra-client-id', '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '--entra-secret-env', 'IDSYNC_TEST_APP_SECRET',
        '--report', reportFile);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Imported CONTOSO-SYNC01: 2 connectors, 62 rules \(48 enabled, 14 disabled on import, 0 disabled on the old server\); staging mode is on/);
      expect(fs.readFileSync(reportFile, 'utf8')).toContain('## Rules disabled on import');
      expect(r.stdout).toMatch(/warning \[R19\] contoso.com: The OU filter could not be checked against the directory/);
      const config = JSON.parse((await run('config', 'export')).stdout) as ConfigDocument;
      expect(config.connectors.map((c) => [c.name, c.type])).toEqual([['contoso.com', 'ldap'], ['contoso.onmicrosoft.com - AAD', 'entra']]);
      expect(config.connectors[0]!.config.password).toBe('********');
      expect(config.syncRules).toHaveLength(62);
      const scheduler = JSON.parse((await run('scheduler', 'get', '--json')).stdout) as { StagingModeEnabled: boolean; NextSyncCyclePolicyType: string };
      expect(scheduler).toMatchObject({ StagingModeEnabled: true, NextSyncCyclePolicyType: 'Initial' });
      const all = [r.stdout, r.stderr, ...fs.readdirSync(home()).filter((f) => /\.(json|md)$/.test(f)).map((f) => fs.readFileSync(path.join(home(), f), 'utf8'))].join('\n');
      expect(all).not.toContain('Ad-pa55-cli');
      expect(all).not.toContain('App-s3cret-cli');
    });

    it('importing the same folder again gives the same configuration, and migrate report prints it', async () => {
      const before = (await run('config', 'export')).stdout;
      const again = await run('migrate', 'from-entra-connect', contosoExport, '--json');
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as { status: string }).status).toBe('applied');
      expect((await run('config', 'export')).stdout).toBe(before);
      const r = await run('migrate', 'report', '--json');
      const rec = JSON.parse(r.stdout) as { status: string; report: MigrationReport };
      expect(rec.status).toBe('applied');
      expect(rec.report.connectors.map((c) => c.credentials)).toEqual(['stored', 'stored']);
      expect((await run('migrate', 'credentials')).stderr).toContain('already applied');
    });
  });
});
