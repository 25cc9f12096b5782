// End to end, as an administrator would do it from the command line: a Samba AD domain → `idsync setup` → the Entra
// ID emulator; then a directory extension for the AD attribute employeeType (`idsync entra extension app` and
// `add --from`), sync cycles, and the value on the Entra users: written, changed and cleared in AD, and nothing
// written by a cycle without changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sambaAvailable, startSambaAd, type SambaAdInstance } from '../../../e2e/env/samba/index.ts';
import { startEntraEmulator, type Application, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { connectorType } from '../registry.ts';
import type { AttributeChange, ExportChange } from '../contract.ts';
import { bundleCli, runCli } from '../../sync/cli-bundle.ts';
import type { CycleRecord } from '../../scheduler/scheduler.ts';
import { ApiService } from '../../service/service.ts';
import type { DirectoryExtensionFlow, DirectoryExtensionList } from '../../../shared/api/entra-extensions.ts';

const samba = await sambaAvailable();
if (!samba.ok) console.log(`AD → Entra directory extension test skipped: Samba AD cannot run here: ${samba.reason}`);

const replace = (attribute: string, ...values: (string | bigint)[]): AttributeChange => ({ attribute, op: 'replace', values });

describe.runIf(samba.ok)('Samba AD → idsync setup → Entra ID emulator: a directory extension for employeeType', () => {
  let dc: SambaAdInstance;
  let emu: EntraEmulator;
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  let extensionApp: Application;
  let dir: string;
  let home: string;
  let extension = '';
  const writes: Record<string, number> = {};

  const dnOf = (sam: string) => `CN=${sam},OU=Corp,${dc.baseDn}`;
  async function ad(changes: ExportChange[]): Promise<void> {
    const t = connectorType('ldap');
    const c = t.create(t.configSchema.parse({
      url: dc.ldapsUrl, security: 'ldaps', caPem: dc.caPem, tlsServerName: dc.tlsServerName, bindDn: dc.bindDn, password: dc.password, flavour: 'ad',
    }));
    try {
      const results = await c.export(changes, { signal: new AbortController().signal, log: () => {} });
      for (const r of results) if (!r.ok) throw new Error(`AD write ${r.csId}: ${r.error?.message}`);
    } finally {
      await c.close();
    }
  }
  const change = (op: ExportChange['op'], dn: string, objectType: string, changes: AttributeChange[]): ExportChange => ({ csId: dn, op, objectType, dn, anchor: null, changes });
  const user = (sam: string, employeeType?: string): ExportChange => change('add', dnOf(sam), 'user', [
    replace('objectClass', 'user'), replace('sAMAccountName', sam), replace('userPrincipalName', `${sam}@example.test`), replace('givenName', sam),
    replace('sn', 'Tester'), replace('displayName', `${sam} Tester`), replace('unicodePwd', `${sam}-Pw-2026!x`), replace('userAccountControl', 512n),
    ...(employeeType ? [replace('employeeType', employeeType)] : []),
  ]);

  async function idsync<T>(...args: string[]): Promise<T> {
    const r = await runCli(cli.file, home, [...args, '--json']);
    if (r.code !== 0) throw new Error(`idsync ${args.join(' ')} failed (exit ${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }
  /** Runs a delta cycle; returns the Entra writes it made and the steps that did not succeed. */
  async function cycle(label: string, kind: '--initial' | '--delta' = '--delta'): Promise<number> {
    const before = emu.state.writeLog.length;
    const record = await idsync<CycleRecord>('cycle', kind);
    writes[label] = emu.state.writeLog.length - before;
    expect(record.steps.filter((s) => !/^(success|completed-no-objects)$/.test(s.status)).map((s) => `${s.step} ${s.connectorName}: ${s.status}`), label).toEqual([]);
    expect(record.result, label).toBe('completed');
    return writes[label]!;
  }
  /** employeeType as Entra holds it, per user name. */
  const entraValues = () => Object.fromEntries(emu.state.list('user')
    .map((u) => [String(u.props.userPrincipalName).split('@')[0], u.props[extension] ?? null]));

  beforeAll(async () => {
    [dc, emu, cli] = await Promise.all([startSambaAd(), startEntraEmulator(), bundleCli()]);
    emu.state.addDomain('example.test');
    // The application that holds the extensions, owned by IdSync's app (Application.ReadWrite.OwnedBy).
    extensionApp = emu.state.addApplication({ displayName: 'Tenant Schema Extension App', owners: [emu.clientId] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-ad-extension-'));
    home = path.join(dir, 'home');
    await ad([change('add', `OU=Corp,${dc.baseDn}`, 'organizationalUnit', [replace('objectClass', 'organizationalUnit'), replace('ou', 'Corp')])]);
    await ad([user('ann', 'Contractor'), user('bob', 'Employee'), user('cid')]);
    const caFile = path.join(dir, 'entra-ca.pem');
    fs.writeFileSync(caFile, emu.caPem);
    const setupFile = path.join(dir, 'setup.json');
    fs.writeFileSync(setupFile, JSON.stringify({
      forests: [{ url: dc.url, security: 'none', bindDn: dc.bindDn, passwordEnv: 'IDSYNC_TEST_AD_PW', name: 'example.test', ous: [`OU=Corp,${dc.baseDn}`] }],
      entra: { tenant: emu.tenantId, clientId: emu.clientId, secretEnv: 'IDSYNC_TEST_ENTRA_SECRET', authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caFile },
    }));
    process.env.IDSYNC_TEST_AD_PW = dc.password;
    process.env.IDSYNC_TEST_ENTRA_SECRET = emu.clientSecret;
    const setup = await runCli(cli.file, home, ['setup', '--config', setupFile, '--json']);
    if (setup.code !== 0) throw new Error(`idsync setup failed (exit ${setup.code}): ${setup.stderr}`);
    await cycle('initial', '--initial');
  }, 300_000);

  afterAll(async () => {
    delete process.env.IDSYNC_TEST_AD_PW;
    delete process.env.IDSYNC_TEST_ENTRA_SECRET;
    cli?.remove();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await emu?.stop();
    await dc?.stop();
    console.log(`Entra writes per cycle: ${JSON.stringify(writes)}`);
  });

  it('sets the extension application, read in the tenant first (a wrong appId is refused and nothing is saved)', async () => {
    const wrong = await runCli(cli.file, home, ['entra', 'extension', 'app', '00000000-0000-4000-8000-000000000000', '--json']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/no application with appId 00000000-0000-4000-8000-000000000000 in the tenant/);
    const service = new ApiService({ home, host: 'cli' });
    try {
      const entra = (await service.dispatch('connectors.list', {})).find((c) => c.type === 'entra')!;
      expect((await service.dispatch('connectors.get', { connector: entra.id })).config.extensionApp).toBeUndefined();
    } finally {
      await service.close();
    }
    const list = await idsync<DirectoryExtensionList>('entra', 'extension', 'app', extensionApp.appId);
    expect(list).toMatchObject({ app: { appId: extensionApp.appId, displayName: 'Tenant Schema Extension App' }, extensions: [] });
  });

  it('adds the extension for employeeType from AD in one command: registration, metaverse attribute, attribute selection, rules', async () => {
    const flow = await idsync<DirectoryExtensionFlow>('entra', 'extension', 'add', 'employeeType', '--from', 'example.test');
    extension = `extension_${extensionApp.appId.replace(/-/g, '')}_employeeType`;
    expect(flow).toMatchObject({ registered: true, extension: { name: extension, dataType: 'String', targetObjects: ['User'] }, mvAttribute: 'employeeType', attributeSelected: true });
    expect(flow.rules.map((r) => [r.name, r.direction, r.created])).toEqual([
      ['In from AD - User DirectoryExtension', 'Inbound', true], ['Out to AAD - User DirectoryExtension', 'Outbound', true],
    ]);
    expect(emu.state.directory.applications.definitionFor('user', extension)).toMatchObject({ dataType: 'String', isMultiValued: false });
    // The Entra connector's schema (what the rule editor's attribute pickers list) now offers it.
    const entra = (await idsync<Array<{ name: string; type: string }>>('connector', 'list')).find((c) => c.type === 'entra')!;
    const service = new ApiService({ home, host: 'cli' });
    try {
      const schema = await service.dispatch('connectors.schema', { connector: entra.name, discover: true });
      expect(schema.objectTypes.find((t) => t.name === 'user')!.attributes.find((a) => a.name === extension)).toMatchObject({ type: 'string', from: 'schema' });
    } finally {
      await service.close();
    }
    // Running it again changes nothing more.
    const again = await idsync<DirectoryExtensionFlow>('entra', 'extension', 'add', 'employeeType', '--from', 'example.test');
    expect(again).toMatchObject({ registered: false, attributeSelected: false });
    expect(again.rules.every((r) => !r.created)).toBe(true);
  });

  it('the next cycle writes the AD values to the Entra users', async () => {
    await cycle('extension added');
    expect(entraValues()).toEqual({ ann: 'Contractor', bob: 'Employee', cid: null });
  });

  it('a cycle without changes writes nothing (the exported values are read back and confirmed)', async () => {
    expect(await cycle('no change')).toBe(0);
  });

  it('a change and a removal in AD reach Entra in the next delta cycle, with one write each', async () => {
    await ad([
      change('update', dnOf('ann'), 'user', [replace('employeeType', 'Employee')]),
      change('update', dnOf('bob'), 'user', [{ attribute: 'employeeType', op: 'delete', values: [] }]),
      change('update', dnOf('cid'), 'user', [replace('employeeType', 'Intern')]),
    ]);
    expect(await cycle('changed in AD')).toBe(3);
    expect(entraValues()).toEqual({ ann: 'Employee', bob: null, cid: 'Intern' });
    expect(await cycle('no change after')).toBe(0);
  });
});
