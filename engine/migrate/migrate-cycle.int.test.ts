// A real cycle with migrated rules: Microsoft's sample export, with its forest renamed to the test domain
// (example.test) in a temporary copy, is imported with `idsync migrate` and credentials for a Samba AD DC and
// the Entra ID emulator. `cycle --initial` runs in staging mode (nothing exported; the staging report lists the
// users of OU=CORP and nobody else); after `staging disable` a cycle provisions exactly those users.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationReport } from '../../shared/model/migration.ts';
import { sambaAvailable, startSambaAd, type SambaAdInstance } from '../../e2e/env/samba/index.ts';
import { startEntraEmulator, type EntraEmulator } from '../../e2e/env/entra-emulator/index.ts';
import type { AttributeChange, ExportChange } from '../connectors/contract.ts';
import { connectorType } from '../connectors/registry.ts';
import type { CycleRecord } from '../scheduler/scheduler.ts';
import { bundleCli, runCli } from '../sync/cli-bundle.ts';
import { contosoExport, contosoMissing } from './test-exports.ts';

const samba = await sambaAvailable();
const skipReason = contosoMissing ?? (!samba.ok ? `Samba AD cannot run here: ${samba.reason}` : null);
if (skipReason) console.log(`migrated-rules cycle test skipped: ${skipReason}`);

const AD_FILE = 'Connector_{ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d}.xml';
const replace = (attribute: string, ...values: (string | bigint)[]): AttributeChange => ({ attribute, op: 'replace', values });

describe.runIf(skipReason === null)('migrated rules: a cycle from Samba AD to the Entra ID emulator', () => {
  let dc: SambaAdInstance;
  let emu: EntraEmulator;
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  let dir: string;
  const home = () => path.join(dir, 'home');
  const run = (...args: string[]) => runCli(cli.file, home(), args);
  const users = () => emu.state.list('user').filter((u) => !u.deleted);
  const corp = () => `OU=CORP,${dc.baseDn}`;

  /** Writes to the directory with the LDAP connector (it sets passwords over LDAPS). */
  async function ad(changes: ExportChange[]): Promise<void> {
    const t = connectorType('ldap');
    const c = t.create(t.configSchema.parse({ url: dc.ldapsUrl, security: 'ldaps', caPem: dc.caPem, tlsServerName: dc.tlsServerName, bindDn: dc.bindDn, password: dc.password, flavour: 'ad' }));
    try {
      const results = await c.export(changes, { signal: new AbortController().signal, log: () => {} });
      for (const r of results) if (!r.ok) throw new Error(`${r.csId}: ${r.error?.message}`);
    } finally {
      await c.close();
    }
  }
  const add = (csId: string, dn: string, objectType: string, changes: AttributeChange[]): ExportChange => ({ csId, op: 'add', objectType, dn, anchor: null, changes });
  const person = (n: string, parent: string) => add(n, `CN=${n},${parent}`, 'user', [
    replace('objectClass', 'user'), replace('sAMAccountName', n), replace('userPrincipalName', `${n}@example.test`), replace('givenName', n.toUpperCase()),
    replace('sn', 'Tester'), replace('displayName', `${n.toUpperCase()} Tester`), replace('unicodePwd', `${n.toUpperCase()}-pw-2026!x`), replace('userAccountControl', 512n),
  ]);

  beforeAll(async () => {
    [dc, emu, cli] = await Promise.all([startSambaAd(), startEntraEmulator(), bundleCli()]);
    emu.state.addDomain('example.test');
    await ad([add('corp', corp(), 'organizationalUnit', [replace('objectClass', 'organizationalUnit'), replace('ou', 'CORP')])]);
    await ad([add('x', `OU=X,${corp()}`, 'organizationalUnit', [replace('objectClass', 'organizationalUnit'), replace('ou', 'X')])]);
    await ad([person('ann', corp()), person('bob', `OU=X,${corp()}`), person('dan', `CN=Users,${dc.baseDn}`)]);
    await ad([add('team', `CN=team,${corp()}`, 'group', [
      replace('objectClass', 'group'), replace('sAMAccountName', 'team'), replace('groupType', -2147483646n),
      { attribute: 'member', op: 'replace', values: [{ dn: `CN=ann,${corp()}` }, { dn: `CN=bob,OU=X,${corp()}` }] },
    ])]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-migrate-cycle-'));
    // The export, with its forest renamed to the test domain (only in this temporary copy).
    const copy = path.join(dir, 'export');
    fs.cpSync(contosoExport, copy, { recursive: true });
    const adFile = path.join(copy, 'Connectors', AD_FILE);
    // Plus an exclusion of an OU the forest does not have (the old server's selection can outlive an OU, R19).
    const renamed = fs.readFileSync(adFile, 'utf8')
      .replace('<exclusion>DC=contoso,DC=com</exclusion>', '<exclusion>DC=contoso,DC=com</exclusion><exclusion>OU=Gone,OU=CORP,DC=contoso,DC=com</exclusion>')
      .replaceAll('DC=contoso,DC=com', dc.baseDn).replaceAll('contoso.com', 'example.test');
    expect(renamed).toContain(`<exclusion>OU=Gone,OU=CORP,${dc.baseDn}</exclusion>`);
    fs.writeFileSync(adFile, renamed);
    fs.writeFileSync(path.join(dir, 'dc.pem'), dc.caPem);
    fs.writeFileSync(path.join(dir, 'graph.pem'), emu.caPem);
    process.env.IDSYNC_CYCLE_AD_PW = dc.password;
    process.env.IDSYNC_CYCLE_APP_SECRET = emu.clientSecret;
  }, 300_000);

  afterAll(async () => {
    cli?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await emu?.stop();
    await dc?.stop();
  });

  it('imports the export with the credentials, in staging mode', async () => {
    const r = await run('migrate', 'from-entra-connect', path.join(dir, 'export'), '--json',
      '--ad-url', dc.ldapsUrl, '--ad-bind-dn', dc.bindDn, '--ad-password-env', 'IDSYNC_CYCLE_AD_PW', '--ad-ca-file', path.join(dir, 'dc.pem'), '--ad-tls-server-name', dc.tlsServerName,
      '--entra-client-id', emu.clientId, '--entra-secret-env', 'IDSYNC_CYCLE_APP_SECRET', '--entra-tenant', emu.tenantId,
      '--authority-host', emu.authorityHost, '--graph-base-url', emu.graphBaseUrl, '--entra-ca-file', path.join(dir, 'graph.pem'));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; report: MigrationReport };
    expect(out.status).toBe('applied');
    expect(out.report.connectors.map((c) => c.credentials)).toEqual(['given', 'given']);
    // The OU the forest no longer has is reported, and the tenant given differs from the export's.
    expect(out.report.warnings.filter((w) => w.code === 'R19').map((w) => w.message)).toEqual([
      `The exported OU filter names OU the directory no longer has: OU=Gone,OU=CORP,${dc.baseDn}. Nothing under it is synchronized; fix the filter if it was renamed.`,
    ]);
    expect(out.report.warnings.find((w) => w.code === 'tenant-override')?.subject).toBe('contoso.onmicrosoft.com - AAD');
  });

  it('cycle --initial imports and synchronizes with the migrated rules but exports nothing in staging mode', async () => {
    const r = await run('cycle', '--initial', '--json');
    const cycle = JSON.parse(r.stdout) as CycleRecord;
    expect(cycle.steps.filter((s) => !/^(success|completed-no-objects)$/.test(s.status)), r.stdout).toEqual([]);
    expect(cycle.steps.map((s) => s.step)).toEqual(['full-import', 'full-import', 'full-sync', 'full-sync']);
    expect(users()).toEqual([]);
    const staging = JSON.parse((await run('staging', 'report', '--json')).stdout) as { rows: { connector: string; omodt: string; dn: string; attributes: { attribute: string; after: string[] }[] }[] };
    const adds = staging.rows.filter((x) => x.connector === 'contoso.onmicrosoft.com - AAD' && x.omodt === 'Add');
    const upns = adds.map((x) => x.attributes.find((a) => a.attribute === 'userPrincipalName')?.after[0]).filter(Boolean).sort();
    expect(upns).toEqual(['ann@example.test', 'bob@example.test']);
  });

  it('after staging disable, a cycle provisions the users and the group of OU=CORP and nobody else', async () => {
    expect((await run('staging', 'disable')).code).toBe(0);
    const r = await run('cycle', '--delta', '--json');
    const cycle = JSON.parse(r.stdout) as CycleRecord;
    expect(cycle.steps.filter((s) => !/^(success|completed-no-objects)$/.test(s.status)), r.stdout).toEqual([]);
    const byUpn = new Map(users().map((u) => [String(u.props.userPrincipalName), u.props]));
    expect([...byUpn.keys()].sort()).toEqual(['ann@example.test', 'bob@example.test']);
    expect(byUpn.get('ann@example.test')).toMatchObject({ displayName: 'ANN Tester', givenName: 'ANN', surname: 'Tester', accountEnabled: true });
    expect(String(byUpn.get('bob@example.test')!.onPremisesImmutableId)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const team = emu.state.list('group').filter((g) => !g.deleted && g.props.displayName === 'team');
    expect(team).toHaveLength(1);
    const ids = new Map(users().map((u) => [u.id, String(u.props.userPrincipalName)]));
    expect([...team[0]!.members].map((m) => ids.get(m)).sort()).toEqual(['ann@example.test', 'bob@example.test']);
  });
});
