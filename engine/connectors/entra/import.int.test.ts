import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { WatermarkExpiredError, type Connector, type ImportChange, type ImportedObject } from '../contract.ts';
import { entraConnectorType } from './index.ts';
import { collectImport, emulatorConfig, testContext } from './test-harness.ts';

function objects(changes: ImportChange[]): ImportedObject[] {
  return changes.flatMap((c) => (c.kind === 'object' ? [c.object] : []));
}

function byAnchor(changes: ImportChange[], anchor: string): ImportedObject | undefined {
  return objects(changes).filter((o) => o.anchor === anchor).at(-1);
}

describe('Entra connector import (full and delta) against the emulator', () => {
  let emu: EntraEmulator;
  let connector: Connector;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Small pages and members split over several items, as Graph does for large groups.
    emu = await startEntraEmulator({ pageSize: 3, deltaMembersPerItem: 2 });
    connector = entraConnectorType.create(emulatorConfig(emu));
  });
  afterAll(async () => { await connector?.close(); await emu?.stop(); });

  beforeEach(() => { emu.state.settings.duplicateDeltaItems = false; });

  it('pages the full state of users, groups (with members) and contacts', async () => {
    for (let i = 0; i < 7; i++) {
      ids[`u${i}`] = emu.state.addUser({ userPrincipalName: `user${i}@contoso.onmicrosoft.com`, displayName: `User ${i}`, mailNickname: `user${i}`, mail: `user${i}@contoso.com`, department: 'Sales' });
    }
    ids.g1 = emu.state.addGroup({ displayName: 'Group 1', mailNickname: 'group1' }, [ids.u0!, ids.u1!, ids.u2!, ids.u3!, ids.u4!]);
    ids.g2 = emu.state.addGroup({ displayName: 'Group 2', mailNickname: 'group2' }, [ids.g1!]);
    ids.c1 = emu.state.addContact({ displayName: 'Partner', mail: 'partner@fabrikam.com', proxyAddresses: ['SMTP:partner@fabrikam.com'] });
    const ctx = testContext();
    const { changes, batches, watermark } = await collectImport(connector.importFull({}, ctx));
    expect(batches.length).toBeGreaterThan(3); // 7 users over pages of 3, then groups and contacts
    expect(changes.every((c) => c.kind === 'object')).toBe(true);
    const all = objects(changes);
    expect(all.filter((o) => o.objectType === 'user')).toHaveLength(7);
    const u0 = byAnchor(changes, ids.u0!)!;
    expect(u0).toMatchObject({ dn: ids.u0, objectType: 'user' });
    expect(u0.attributes.userPrincipalName).toEqual(['user0@contoso.onmicrosoft.com']);
    expect(u0.attributes.proxyAddresses).toEqual(['SMTP:user0@contoso.com']);
    expect(u0.attributes.cloudAnchor).toEqual([`User_${ids.u0}`]);
    expect(u0.attributes.accountEnabled).toEqual([true]);
    const g1 = byAnchor(changes, ids.g1!)!;
    // Five members arrive split over three items of the round; the connector merges them.
    expect((g1.attributes.member ?? []).map((m) => (m as { dn: string }).dn).sort()).toEqual([ids.u0, ids.u1, ids.u2, ids.u3, ids.u4].sort());
    expect(g1.attributes.displayName).toEqual(['Group 1']);
    expect(byAnchor(changes, ids.g2!)!.attributes.member).toEqual([{ dn: ids.g1 }]);
    expect(byAnchor(changes, ids.c1!)).toMatchObject({ objectType: 'contact', attributes: { mail: ['partner@fabrikam.com'] } });
    expect(JSON.parse(watermark!).links).toHaveProperty('user');
    ids.watermark = watermark!;
  });

  it('applies the scope: object types and attribute inclusion list', async () => {
    const { changes } = await collectImport(connector.importFull({ objectTypes: ['contact'], attributes: ['displayName'] }, testContext()));
    expect(objects(changes).map((o) => o.objectType)).toEqual(['contact']);
    expect(Object.keys(objects(changes)[0]!.attributes)).toEqual(['displayName']);
  });

  it('imports changes, soft and hard deletes and membership changes by delta', async () => {
    emu.state.update(ids.u1!, { department: 'Finance' });
    emu.state.softDelete(ids.u2!); // also leaves Group 1
    emu.state.hardDelete(ids.u3!);
    ids.u7 = emu.state.addUser({ userPrincipalName: 'user7@contoso.onmicrosoft.com', displayName: 'User 7', mailNickname: 'user7' });
    emu.state.addMember(ids.g1!, ids.u7);
    emu.state.removeMember(ids.g1!, ids.u0!);
    const { changes, watermark } = await collectImport(connector.importDelta(ids.watermark!, {}, testContext()));
    expect(byAnchor(changes, ids.u1!)!.attributes.department).toEqual(['Finance']);
    expect(byAnchor(changes, ids.u7)).toBeDefined();
    const deletes = changes.filter((c) => c.kind === 'delete').map((c) => c.anchor).sort();
    expect(deletes).toEqual([ids.u2, ids.u3].sort());
    expect(byAnchor(changes, ids.u5!)).toBeUndefined(); // unchanged objects are not returned
    const g1 = byAnchor(changes, ids.g1!)!;
    expect((g1.attributes.member ?? []).map((m) => (m as { dn: string }).dn).sort()).toEqual([ids.u1, ids.u4, ids.u7].sort());
    ids.watermark = watermark!;
  });

  it('returns nothing new when nothing changed, and tolerates replayed items', async () => {
    const quiet = await collectImport(connector.importDelta(ids.watermark!, {}, testContext()));
    expect(quiet.changes).toEqual([]);
    emu.state.update(ids.u4!, { jobTitle: 'Lead' });
    emu.state.hardDelete(ids.u5!);
    emu.state.settings.duplicateDeltaItems = true;
    const replayed = await collectImport(connector.importDelta(quiet.watermark!, {}, testContext()));
    const u4 = objects(replayed.changes).filter((o) => o.anchor === ids.u4);
    expect(u4).toHaveLength(2); // the same full image twice: harmless for the engine
    expect(u4[1]!.attributes.jobTitle).toEqual(['Lead']);
    expect(replayed.changes.filter((c) => c.kind === 'delete').map((c) => c.anchor)).toEqual([ids.u5, ids.u5]);
  });

  it('waits out a throttled delta page (Retry-After) and completes', async () => {
    emu.state.injectFault({ method: 'GET', path: '/contacts/delta', status: 429, count: 1, retryAfterSeconds: 1 });
    const { changes } = await collectImport(connector.importFull({ objectTypes: ['contact'] }, testContext()));
    expect(objects(changes).map((o) => o.anchor)).toEqual([ids.c1]);
  });

  it('throws WatermarkExpiredError when Graph answers 410 for the delta token', async () => {
    const { watermark } = await collectImport(connector.importDelta(ids.watermark!, {}, testContext()));
    emu.state.resetDeltaTokens();
    const error = await collectImport(connector.importDelta(watermark!, {}, testContext())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatermarkExpiredError);
    expect((error as Error).message).toMatch(/no longer knows the user delta token \(410 syncStateNotFound.*full import is needed/);
  });

  it('refuses an unreadable watermark or one missing an object type', async () => {
    await expect(collectImport(connector.importDelta('not json', {}, testContext()))).rejects.toBeInstanceOf(WatermarkExpiredError);
    const usersOnly = JSON.stringify({ v: 1, links: { user: 'x' } });
    await expect(collectImport(connector.importDelta(usersOnly, {}, testContext()))).rejects.toThrow(/no delta link for group objects/);
  });
});
