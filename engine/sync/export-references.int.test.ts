// Export of objects that refer to objects added in the same run: a group whose member is a user still to be
// created waits for the user, and its reference follows the DN Entra ID gave the user (the object id).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from '../../e2e/env/entra-emulator/index.ts';
import type { CsObject } from '../model/objects.ts';
import type { StoredValue } from '../model/stored-values.ts';
import { SyncEngine } from './engine.ts';

let emu: EntraEmulator;
let home: string;
let engine: SyncEngine;

beforeAll(async () => {
  emu = await startEntraEmulator();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-export-refs-'));
  engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
});

afterAll(async () => {
  engine?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
  await emu?.stop();
});

/** Stages a pending add in the connector space, as an outbound sync would. */
function stageAdd(connector: number, objectType: string, dn: string, changes: Record<string, StoredValue[]>): number {
  const o: Omit<CsObject, 'id'> = {
    connector, dn, anchor: null, objectType, state: 'connector.normal', transient: false, mvId: null, link: null, hologram: {},
    pendingImport: null, pendingExport: { op: 'add', changes }, unconfirmed: {}, errors: {}, needsSync: false, seen: 0, importedAt: null, exportedAt: null,
  };
  return engine.store.cs.insert(o);
}

it('exports a group after the members it adds in the same run, with their object ids', async () => {
  const tenant = engine.createConnector({
    name: 'tenant', type: 'entra',
    config: { tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret }, authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem },
  });
  // The groups come first in the connector space, so without waiting they would be sent before their members.
  const outer = stageAdd(tenant.seq, 'group', 'CN={outer}', { displayName: ['Outer'], mailNickname: ['outer'], member: [{ ref: 'CN={inner}' }] });
  const inner = stageAdd(tenant.seq, 'group', 'CN={inner}', { displayName: ['Inner'], mailNickname: ['inner'], member: [{ ref: 'CN={ann}' }, { ref: 'CN={bob}' }] });
  for (const n of ['ann', 'bob']) stageAdd(tenant.seq, 'user', `CN={${n}}`, { userPrincipalName: [`${n}@contoso.onmicrosoft.com`], displayName: [n] });

  const run = await engine.run('tenant', 'Export', { startedBy: 'test', stopStatus: 'stopped-user-termination-from-ui' });
  expect(run.status).toBe('success');
  const users = emu.state.list('user').filter((u) => /^(ann|bob)@/.test(String(u.props.userPrincipalName)));
  const group = (name: string) => emu.state.list('group').find((g) => g.props.displayName === name)!;
  expect([...group('Inner').members].sort()).toEqual(users.map((u) => u.id).sort());
  expect([...group('Outer').members]).toEqual([group('Inner').id]);
  // What was sent is kept with the object ids, so the next import confirms it.
  expect(engine.store.cs.get(outer)!.unconfirmed.member).toEqual([{ ref: group('Inner').id }]);
  expect(engine.store.cs.get(inner)!.dn).toBe(group('Inner').id);
});
