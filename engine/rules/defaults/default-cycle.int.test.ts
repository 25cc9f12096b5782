// End to end with the default configuration: a Samba Active Directory domain to the Entra ID emulator,
// through the out-of-box rules and the scheduler's cycle order. Users, a disabled account, a group and a
// membership change are checked on the Entra side against the directory, and the rename trap against the forest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sambaAvailable, startSambaAd, type SambaAdInstance } from '../../../e2e/env/samba/index.ts';
import { startEntraEmulator, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { connectorType } from '../../connectors/registry.ts';
import type { AttributeChange, ExportChange } from '../../connectors/contract.ts';
import { SyncEngine } from '../../sync/engine.ts';
import { createEngineScheduler, type EngineScheduler } from '../../scheduler/engine-scheduler.ts';
import { applyDefaultConfiguration } from './apply-defaults.ts';
import { AD_OBJECT_TYPES } from './setup-input.ts';
import { defaultAdAttributes } from './ad-attributes.ts';
import { checkConnectorOus, recordOuSelection } from './filtering/ou-check.ts';

const samba = await sambaAvailable();
const skipReason = samba.ok ? null : `Samba AD cannot run here: ${samba.reason}`;
if (skipReason) console.log(`default configuration end-to-end test skipped: ${skipReason}`);

const replace = (attribute: string, ...values: (string | bigint | { dn: string })[]): AttributeChange => ({ attribute, op: 'replace', values });

describe.runIf(skipReason === null)('default configuration: Samba AD to the Entra ID emulator', () => {
  let dc: SambaAdInstance;
  let emu: EntraEmulator;
  let home: string;
  let engine: SyncEngine;
  let sched: EngineScheduler;
  const ou = () => `OU=Synced,${dc.baseDn}`;
  const adConfig = () => ({
    url: dc.ldapsUrl, security: 'ldaps', caPem: dc.caPem, tlsServerName: dc.tlsServerName, bindDn: dc.bindDn, password: dc.password,
    flavour: 'ad', includeContainers: [ou()], objectTypes: AD_OBJECT_TYPES, attributes: defaultAdAttributes(),
  });
  /** Writes to the directory with the LDAP connector (it sets passwords over LDAPS). */
  async function ad(changes: ExportChange[]): Promise<void> {
    const t = connectorType('ldap');
    const c = t.create(t.configSchema.parse({ ...adConfig(), includeContainers: [] }));
    try {
      const results = await c.export(changes, { signal: new AbortController().signal, log: () => {} });
      for (const r of results) if (!r.ok) throw new Error(`${r.csId}: ${r.error?.message}`);
    } finally {
      await c.close();
    }
  }
  const userDn = (n: string) => `CN=${n},${ou()}`;
  const users = () => emu.state.list('user').filter((u) => !u.deleted);
  const byUpn = (upn: string) => users().find((u) => String(u.props.userPrincipalName).toLowerCase() === upn);

  beforeAll(async () => {
    dc = await startSambaAd();
    emu = await startEntraEmulator();
    emu.state.addDomain('example.test');
    const add = (csId: string, dn: string, objectType: string, changes: AttributeChange[]): ExportChange => ({ csId, op: 'add', objectType, dn, anchor: null, changes });
    const person = (n: string, enabled: boolean) => add(n, userDn(n), 'user', [
      replace('objectClass', 'user'), replace('sAMAccountName', n), replace('userPrincipalName', `${n}@example.test`), replace('givenName', n.toUpperCase()),
      replace('sn', 'Tester'), replace('displayName', `${n.toUpperCase()} Tester`), replace('unicodePwd', `${n.toUpperCase()}-pw-2026!x`),
      replace('userAccountControl', enabled ? 512n : 514n),
    ]);
    await ad([add('ou', ou(), 'organizationalUnit', [replace('objectClass', 'organizationalUnit'), replace('ou', 'Synced')])]);
    await ad([person('ann', true), person('bob', true), person('cid', false)]);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-e2e-defaults-'));
    engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    applyDefaultConfiguration(engine, {
      forests: [{ name: 'example.test', type: 'ldap', config: adConfig() }],
      entra: {
        name: 'tenant - AAD', type: 'entra',
        config: { tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret }, authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem },
      },
    });
    sched = createEngineScheduler({ home, engine, holder: 'cli' });
    await recordOuSelection(home, engine.connector('example.test'));
  }, 300_000);

  afterAll(async () => {
    await sched?.close();
    engine?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
    await emu?.stop();
    await dc?.stop();
  });

  it('an initial cycle provisions the users, a disabled account disabled, and writes ms-DS-ConsistencyGuid back', async () => {
    const cycle = await sched.scheduler.runCycle('Initial');
    expect(cycle.steps.map((s) => `${s.step} ${s.connectorName}`)).toEqual([
      'full-import example.test', 'full-import tenant - AAD', 'full-sync example.test', 'full-sync tenant - AAD', 'export tenant - AAD', 'export example.test',
      'delta-import tenant - AAD', 'delta-import example.test', 'delta-sync tenant - AAD', 'delta-sync example.test',
    ]);
    expect(cycle.steps.filter((s) => !/^(success|completed)/.test(s.status))).toEqual([]);
    const ann = byUpn('ann@example.test');
    expect(ann?.props).toMatchObject({ displayName: 'ANN Tester', givenName: 'ANN', surname: 'Tester', mailNickname: 'ann', accountEnabled: true });
    const annCs = engine.store.cs.byDn(engine.connector('example.test').seq, userDn('ann'))!;
    const guid = annCs.hologram.objectGUID?.[0] as { bin: string };
    expect(ann?.props.onPremisesImmutableId).toBe(guid.bin);
    expect(byUpn('bob@example.test')?.props.accountEnabled).toBe(true);
    expect(byUpn('cid@example.test')?.props.accountEnabled).toBe(false);
    expect(users().length).toBe(3);
    // The cycle's confirming import already saw the ms-DS-ConsistencyGuid write-back.
    const after = engine.store.cs.byDn(engine.connector('example.test').seq, userDn('ann'))!;
    expect(after.hologram['mS-DS-ConsistencyGuid']).toEqual([guid]);
    expect(after.unconfirmed).toEqual({});
  });

  it('a delta cycle carries a newly disabled account and a changed name', async () => {
    await ad([
      { csId: 'bob', op: 'update', objectType: 'user', dn: userDn('bob'), anchor: null, changes: [replace('userAccountControl', 514n)] },
      { csId: 'ann', op: 'update', objectType: 'user', dn: userDn('ann'), anchor: null, changes: [replace('displayName', 'Ann Renamed')] },
    ]);
    const cycle = await sched.scheduler.runCycle('Delta');
    expect(cycle.steps.filter((s) => !/^(success|completed)/.test(s.status))).toEqual([]);
    expect(byUpn('bob@example.test')?.props.accountEnabled).toBe(false);
    expect(byUpn('ann@example.test')?.props.displayName).toBe('Ann Renamed');
  });

  it('the rename trap: a renamed selected OU is found by objectGUID before a full import would delete its objects', async () => {
    const forest = engine.connector('example.test');
    expect((await checkConnectorOus(home, engine, forest)).findings.map((f) => f.status)).toEqual(['ok']);
    const renamed = `OU=Synced Renamed,${dc.baseDn}`;
    await ad([{ csId: 'ou', op: 'update', objectType: 'organizationalUnit', dn: ou(), newDn: renamed, anchor: null, changes: [] }]);
    try {
      const report = await checkConnectorOus(home, engine, forest);
      expect(report.blocksFullImport).toBe(true);
      expect(report.findings[0]).toMatchObject({ status: 'renamed', newDn: renamed, objectsAtRisk: 4 });
      expect(report.repairedSelection.map((o) => o.dn)).toEqual([renamed]);
    } finally {
      await ad([{ csId: 'ou', op: 'update', objectType: 'organizationalUnit', dn: renamed, newDn: ou(), anchor: null, changes: [] }]);
    }
  });

  it('a group and a membership change reach Entra ID', async () => {
    await ad([{ csId: 'team', op: 'add', objectType: 'group', dn: `CN=team,${ou()}`, anchor: null, changes: [
      replace('objectClass', 'group'), replace('sAMAccountName', 'team'), replace('groupType', -2147483646n), replace('member', { dn: userDn('ann') }, { dn: userDn('bob') }),
    ] }]);
    await sched.scheduler.runCycle('Delta');
    const team = () => emu.state.list('group').find((g) => g.props.displayName === 'team' && !g.deleted)!;
    expect([...team().members].sort()).toEqual([byUpn('ann@example.test')!.id, byUpn('bob@example.test')!.id].sort());
    await ad([{ csId: 'team', op: 'update', objectType: 'group', dn: `CN=team,${ou()}`, anchor: null, changes: [replace('member', { dn: userDn('ann') })] }]);
    await sched.scheduler.runCycle('Delta');
    expect([...team().members]).toEqual([byUpn('ann@example.test')!.id]);
    // Later cycles leave the synchronized group alone: no rename back, no export error.
    const later = await sched.scheduler.runCycle('Delta');
    expect(later.steps.filter((s) => /errors|stopped/.test(s.status))).toEqual([]);
    expect(team().members.size ?? [...team().members].length).toBe(1);
  });
});
