import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, startEntraEmulator, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import type { AttributeChange, AttributeValue, Connector, ExportChange } from '../contract.ts';
import { entraConnectorType } from './index.ts';
import { emulatorConfig, testContext } from './test-harness.ts';

let seq = 0;
function replace(attrs: Record<string, AttributeValue[]>): AttributeChange[] {
  return Object.entries(attrs).map(([attribute, values]) => ({ attribute, op: 'replace', values }));
}
function addUser(upn: string, extra: Record<string, AttributeValue[]> = {}): ExportChange {
  return { csId: `cs-${++seq}`, op: 'add', objectType: 'user', dn: `CN={${upn}}`, anchor: null,
    changes: replace({ userPrincipalName: [upn], displayName: [upn.split('@')[0]!], ...extra }) };
}
function upnOf(i: number): string {
  return `sync${i}@contoso.onmicrosoft.com`;
}

describe('Entra connector export against the emulator', () => {
  const pki = generateTestPki();
  let emu: EntraEmulator;
  let connector: Connector;

  beforeAll(async () => {
    emu = await startEntraEmulator({ pki });
    connector = entraConnectorType.create(emulatorConfig(emu));
  });
  afterAll(async () => { await connector?.close(); await emu?.stop(); });

  it('creates users and groups, updates and deletes them, and changes membership', async () => {
    const users = Array.from({ length: 25 }, (_, i) => addUser(upnOf(i), { department: ['IT'] }));
    const results = await connector.export(users, testContext());
    expect(results.every((r) => r.ok && !r.matchedExisting)).toBe(true);
    const anchors = results.map((r) => r.anchor!);
    expect(new Set(anchors).size).toBe(25);
    expect(results[0]!.dn).toBe(anchors[0]);
    expect(emu.state.get(anchors[3]!)!.props).toMatchObject({ userPrincipalName: upnOf(3), department: 'IT', accountEnabled: true, mailNickname: 'sync3' });

    // A group with 25 members: 20 bound on create, the rest in a follow-up PATCH.
    const [group] = await connector.export([{ csId: 'g1', op: 'add', objectType: 'group', dn: 'CN={g1}', anchor: null,
      changes: replace({ displayName: ['Sync Group'], mailNickname: ['syncgroup'], member: anchors.map((dn) => ({ dn })) }) }], testContext());
    expect(group).toMatchObject({ ok: true });
    const g = emu.state.get(group!.anchor!)!;
    expect(g.members.size).toBe(25);
    expect(g.props).toMatchObject({ securityEnabled: true, mailEnabled: false });

    const updates = await connector.export([
      { csId: 'u0', op: 'update', objectType: 'user', dn: anchors[0]!, anchor: anchors[0]!, changes: [
        { attribute: 'jobTitle', op: 'replace', values: ['Engineer'] }, { attribute: 'department', op: 'delete', values: [] },
        { attribute: 'businessPhones', op: 'add', values: ['+1 555 0100'] }] },
      { csId: 'g1', op: 'update', objectType: 'group', dn: group!.anchor!, anchor: group!.anchor!, changes: [
        { attribute: 'description', op: 'replace', values: ['Synced'] },
        { attribute: 'member', op: 'delete', values: [{ dn: anchors[0]! }, { dn: anchors[1]! }] },
        // anchors[2] is already a member: the chunk is refused by Graph and re-sent one by one.
        { attribute: 'member', op: 'add', values: [{ dn: anchors[2]! }, { dn: `User_${anchors[0]!}` }] }] },
    ], testContext());
    expect(updates.every((r) => r.ok)).toBe(true);
    expect(emu.state.get(anchors[0]!)!.props).toMatchObject({ jobTitle: 'Engineer', department: null, businessPhones: ['+1 555 0100'] });
    expect(g.props.description).toBe('Synced');
    expect(g.members.has(anchors[0]!)).toBe(true);
    expect(g.members.has(anchors[1]!)).toBe(false);
    expect(g.members.size).toBe(24);

    // Replace the member list as a whole: the connector reads the current members and sends the difference.
    const [replaced] = await connector.export([{ csId: 'g1', op: 'update', objectType: 'group', dn: g.id, anchor: g.id,
      changes: [{ attribute: 'member', op: 'replace', values: [{ dn: anchors[5]! }, { dn: anchors[6]! }] }] }], testContext());
    expect(replaced!.ok).toBe(true);
    expect([...g.members].sort()).toEqual([anchors[5], anchors[6]].sort());

    const deletes = await connector.export([
      { csId: 'd1', op: 'delete', objectType: 'user', dn: anchors[24]!, anchor: anchors[24]!, changes: [] },
      { csId: 'd2', op: 'delete', objectType: 'user', dn: 'x', anchor: randomUUID(), changes: [] },
    ], testContext());
    expect(deletes[0]).toEqual({ csId: 'd1', ok: true });
    expect(emu.state.get(anchors[24]!)!.deleted).toBe(true);
    // Deleting an object that is already gone (a replayed delete) leaves the wanted state: confirmed.
    expect(deletes[1]).toEqual({ csId: 'd2', ok: true });
    // An update of a missing object is an error.
    const [missing] = await connector.export([{ csId: 'u9', op: 'update', objectType: 'user', dn: 'x', anchor: randomUUID(), changes: replace({ jobTitle: ['X'] }) }], testContext());
    expect(missing!.error?.code).toBe('cd-missing-object');
  });

  it('hard-matches on onPremisesImmutableId and soft-matches on UPN or primary SMTP instead of creating duplicates', async () => {
    const hardId = emu.state.addUser({ userPrincipalName: 'cloud.hard@contoso.onmicrosoft.com', displayName: 'Cloud', mailNickname: 'ch', onPremisesImmutableId: 'AAAAhard==' });
    const softUpn = emu.state.addUser({ userPrincipalName: 'soft.upn@contoso.onmicrosoft.com', displayName: 'Soft', mailNickname: 'su' });
    const softMail = emu.state.addUser({ userPrincipalName: 'other@contoso.onmicrosoft.com', displayName: 'Mail', mailNickname: 'sm', mail: 'soft.mail@contoso.com' });
    const taken = emu.state.addUser({ userPrincipalName: 'taken@contoso.onmicrosoft.com', displayName: 'Taken', mailNickname: 'tk', onPremisesImmutableId: 'BBBBother==' });
    const before = emu.state.list('user').length;
    const results = await connector.export([
      addUser('renamed.onprem@contoso.onmicrosoft.com', { onPremisesImmutableId: ['AAAAhard=='] }),
      addUser('soft.upn@contoso.onmicrosoft.com', { onPremisesImmutableId: ['CCCCsoft=='] }),
      addUser('new.upn@contoso.onmicrosoft.com', { onPremisesImmutableId: ['DDDDmail=='], mail: ['soft.mail@contoso.com'] }),
      addUser('taken@contoso.onmicrosoft.com', { onPremisesImmutableId: ['EEEEmine=='] }),
    ], testContext());
    expect(results.slice(0, 3).map((r) => [r.ok, r.matchedExisting, r.anchor])).toEqual([[true, true, hardId], [true, true, softUpn], [true, true, softMail]]);
    expect(emu.state.get(hardId)!.props.userPrincipalName).toBe('renamed.onprem@contoso.onmicrosoft.com');
    expect(emu.state.get(softUpn)!.props.onPremisesImmutableId).toBe('CCCCsoft==');
    expect(emu.state.get(softMail)!.props.onPremisesImmutableId).toBe('DDDDmail==');
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'cd-error' } });
    expect(results[3]!.error!.message).toMatch(/^InvalidSoftMatch: user 'CN=\{taken@contoso.onmicrosoft.com\}'/);
    expect(emu.state.get(taken)!.props.onPremisesImmutableId).toBe('BBBBother==');
    expect(emu.state.list('user').length).toBe(before);
  });

  it('turns what Graph cannot do into clear export errors', async () => {
    const mastered = emu.state.addUser({ userPrincipalName: 'onprem@contoso.onmicrosoft.com', displayName: 'On-prem', mailNickname: 'op', onPremisesSyncEnabled: true });
    const existingGroup = emu.state.addGroup({ displayName: 'Existing', mailNickname: 'existing' });
    const other = emu.state.addUser({ userPrincipalName: 'other.one@contoso.onmicrosoft.com', displayName: 'Other', mailNickname: 'o1' });
    const writesBefore = emu.state.writeLog.length;
    const results = await connector.export([
      addUser('proxy@contoso.onmicrosoft.com', { proxyAddresses: ['SMTP:proxy@contoso.com'] }),
      { csId: 'c', op: 'add', objectType: 'contact', dn: 'CN={c}', anchor: null, changes: replace({ displayName: ['Contact'] }) },
      { csId: 'm', op: 'update', objectType: 'user', dn: mastered, anchor: mastered, changes: replace({ displayName: ['Changed'] }) },
      { csId: 'dup', op: 'update', objectType: 'user', dn: other, anchor: other, changes: replace({ userPrincipalName: ['ONPREM@contoso.onmicrosoft.com'] }) },
      addUser('bad@fabrikam.example'),
      { csId: 'noanchor', op: 'update', objectType: 'user', dn: 'CN={x}', anchor: null, changes: [] },
      { csId: 'ref', op: 'update', objectType: 'group', dn: existingGroup, anchor: existingGroup, changes: [{ attribute: 'member', op: 'add', values: [{ dn: 'CN=Someone,OU=People' }] }] },
    ], testContext());
    const byId = Object.fromEntries(results.map((r) => [r.csId, r]));
    expect(byId[results[0]!.csId]!.error).toMatchObject({ code: 'cd-error', message: expect.stringMatching(/cannot write 'proxyAddresses' on a user/) });
    expect(byId.c!.error).toMatchObject({ code: 'no-export-to-this-object-type', message: expect.stringMatching(/read-only in Microsoft Graph/) });
    expect(byId.m!.error).toMatchObject({ code: 'cd-error', message: expect.stringMatching(/mastered on-premises/) });
    expect(byId.dup!.error).toMatchObject({ code: 'cd-error', message: expect.stringMatching(/^AttributeValueMustBeUnique: .*userPrincipalName.*ObjectConflict/) });
    expect(byId[results[4]!.csId]!.error!.message).toMatch(/IdentityDataValidationFailed: .*verified domain/);
    expect(byId.noanchor!.error!.code).toBe('missing-anchor-component');
    expect(byId.ref!.error).toMatchObject({ code: 'invalid-attribute-value', message: expect.stringMatching(/CN=Someone,OU=People/) });
    expect(emu.state.get(mastered)!.props.displayName).toBe('On-prem');
    // Locally detected problems cost no write.
    expect(emu.state.writeLog.slice(writesBefore).map((w) => `${w.method} ${w.status}`).sort()).toEqual(['PATCH 400', 'PATCH 400', 'POST 400']);
  });

  it('reports missing permissions as permission-issue', async () => {
    const readOnlyApp = { clientId: randomUUID(), clientSecret: 'read-only-app-secret', roles: ['Directory.Read.All'] };
    const other = await startEntraEmulator({ pki, clients: [readOnlyApp] });
    const c = entraConnectorType.create(emulatorConfig(other));
    const [result] = await c.export([addUser('x@contoso.onmicrosoft.com')], testContext());
    await c.close();
    await other.stop();
    expect(result!.error).toMatchObject({ code: 'permission-issue', message: expect.stringMatching(/Authorization_RequestDenied/) });
  });

  it('sends fully parallel batches: a throttled request is re-sent alone, the other requests of the object are not held back', async () => {
    const a = emu.state.addUser({ userPrincipalName: 'dep.a@contoso.onmicrosoft.com', displayName: 'A', mailNickname: 'depa' });
    const b = emu.state.addUser({ userPrincipalName: 'dep.b@contoso.onmicrosoft.com', displayName: 'B', mailNickname: 'depb' });
    const group = emu.state.addGroup({ displayName: 'Dep', mailNickname: 'dep' }, [a]);
    emu.state.injectFault({ method: 'PATCH', path: `/groups/${group}`, status: 429, count: 1, retryAfterSeconds: 0 });
    const logStart = emu.state.batchLog.length;
    const [result] = await connector.export([{ csId: 'dep', op: 'update', objectType: 'group', dn: group, anchor: group, changes: [
      { attribute: 'description', op: 'replace', values: ['parallel'] },
      { attribute: 'member', op: 'add', values: [{ dn: b }] },
      { attribute: 'member', op: 'delete', values: [{ dn: a }] },
    ] }], testContext());
    expect(result).toEqual({ csId: 'dep', ok: true, dn: group });
    const items = emu.state.batchLog.slice(logStart);
    // The description PATCH (first in the batch) met the injected 429; the membership requests went through beside it.
    expect(items.map((i) => `${i.method} ${i.status}`)).toEqual(['PATCH 429', 'PATCH 204', 'DELETE 204', 'PATCH 204']);
    expect(items.every((i) => i.dependsOn.length === 0)).toBe(true);
    expect(emu.state.get(group)!.props.description).toBe('parallel');
    expect([...emu.state.get(group)!.members]).toEqual([b]);
  });

  it('treats removing a member that is already gone as done (Graph answers 400 "removed object references do not exist")', async () => {
    const a = emu.state.addUser({ userPrincipalName: 'rm.a@contoso.onmicrosoft.com', displayName: 'A', mailNickname: 'rma' });
    const b = emu.state.addUser({ userPrincipalName: 'rm.b@contoso.onmicrosoft.com', displayName: 'B', mailNickname: 'rmb' });
    const group = emu.state.addGroup({ displayName: 'Rm', mailNickname: 'rm' }, [a]);
    const logStart = emu.state.batchLog.length;
    const [result] = await connector.export([{ csId: 'rm', op: 'update', objectType: 'group', dn: group, anchor: group, changes: [
      { attribute: 'member', op: 'delete', values: [{ dn: a }, { dn: b }, { dn: randomUUID() }] },
    ] }], testContext());
    expect(result).toEqual({ csId: 'rm', ok: true, dn: group });
    expect(emu.state.batchLog.slice(logStart).map((i) => i.status).sort()).toEqual([204, 400, 404]);
    expect(emu.state.get(group)!.members.size).toBe(0);
  });

  it('resolves members still named CN={hex of the sourceAnchor}: users by immutable id, groups by their objectGUID alias', async () => {
    const userAnchor = 'k3vM9pQ2u0GmN1b5cXyZ0A==';
    const groupGuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64');
    const u = emu.state.addUser({ userPrincipalName: 'named@contoso.onmicrosoft.com', displayName: 'N', mailNickname: 'named', onPremisesImmutableId: userAnchor });
    const nested = emu.state.addGroup({ displayName: 'Nested', mailNickname: '33221100-5544-7766-8899-aabbccddeeff' });
    const parent = emu.state.addGroup({ displayName: 'Parent', mailNickname: 'parent' });
    const name = (anchor: string) => ({ dn: `CN={${Buffer.from(anchor, 'utf8').toString('hex').toUpperCase()}}` });
    const results = await connector.export([
      { csId: 'p', op: 'update', objectType: 'group', dn: parent, anchor: parent, changes: [{ attribute: 'member', op: 'replace', values: [name(userAnchor), name(groupGuid)] }] },
      { csId: 'q', op: 'update', objectType: 'group', dn: parent, anchor: parent, changes: [{ attribute: 'member', op: 'add', values: [name('bm8tc3VjaC1hbmNob3I=')] }] },
    ], testContext());
    expect(results[0]).toEqual({ csId: 'p', ok: true, dn: parent });
    expect([...emu.state.get(parent)!.members].sort()).toEqual([u, nested].sort());
    expect(results[1]!.error).toMatchObject({ code: 'invalid-attribute-value', message: expect.stringMatching(/member value 'CN=\{626D.*\}' is not an Entra object id, and no Entra user or group was found for it/) });
  });

  it('never clears a property Graph requires, and refuses group kinds Graph cannot create, without sending anything', async () => {
    const u = emu.state.addUser({ userPrincipalName: 'nick@contoso.onmicrosoft.com', displayName: 'Nick', mailNickname: 'nick' });
    const writesBefore = emu.state.writeLog.length;
    const results = await connector.export([
      { csId: 'clear', op: 'update', objectType: 'user', dn: u, anchor: u, changes: [
        { attribute: 'displayName', op: 'replace', values: ['Nick New'] }, { attribute: 'mailNickname', op: 'delete', values: [] }] },
      { csId: 'dl', op: 'add', objectType: 'group', dn: 'CN={dl}', anchor: null, changes: replace({ displayName: ['Sales DL'], mailNickname: ['salesdl'], securityEnabled: [false] }) },
      { csId: 'mesg', op: 'add', objectType: 'group', dn: 'CN={mesg}', anchor: null, changes: replace({ displayName: ['Mail SG'], mailNickname: ['mailsg'], securityEnabled: [true], mailEnabled: [true] }) },
    ], testContext());
    expect(results[0]!.error).toEqual({ code: 'constraint-violation', message: expect.stringMatching(/^user '.+': Microsoft Graph cannot clear 'mailNickname'/) });
    expect(results[1]!.error).toEqual({ code: 'cd-error', message: expect.stringMatching(/^group 'CN=\{dl\}': Microsoft Graph cannot create distribution groups.*Nothing was created/) });
    expect(results[2]!.error).toEqual({ code: 'cd-error', message: expect.stringMatching(/cannot create mail-enabled security groups/) });
    expect(emu.state.writeLog.length).toBe(writesBefore);
    expect(emu.state.get(u)!.props).toMatchObject({ displayName: 'Nick', mailNickname: 'nick' });
    expect(emu.state.list('group').filter((g) => /Sales DL|Mail SG/.test(String(g.props.displayName)))).toEqual([]);
  });

  it('confirms an add replayed after a crash: the object exists with the same values, nothing is created twice', async () => {
    const m1 = emu.state.addUser({ userPrincipalName: 'rp1@contoso.onmicrosoft.com', displayName: 'R1', mailNickname: 'rp1' });
    const m2 = emu.state.addUser({ userPrincipalName: 'rp2@contoso.onmicrosoft.com', displayName: 'R2', mailNickname: 'rp2' });
    const add = (csId: string): ExportChange => ({ csId, op: 'add', objectType: 'group', dn: `CN={${csId}}`, anchor: null,
      changes: replace({ displayName: ['Replayed'], mailNickname: ['replayed'], securityEnabled: [true], member: [{ dn: m1 }, { dn: m2 }] }) });
    const [first] = await connector.export([add('rp')], testContext());
    // The process died before the result was recorded; the member list changed in Entra meanwhile.
    emu.state.removeMember(first!.anchor!, m2);
    const writesBefore = emu.state.writeLog.length;
    const [again] = await connector.export([add('rp')], testContext());
    expect(again).toMatchObject({ ok: true, anchor: first!.anchor, matchedExisting: true });
    expect(emu.state.list('group').filter((g) => g.props.displayName === 'Replayed')).toHaveLength(1);
    expect([...emu.state.get(first!.anchor!)!.members].sort()).toEqual([m1, m2].sort());
    expect(emu.state.writeLog.slice(writesBefore).map((w) => `${w.method} ${w.status}`)).toEqual(['PATCH 204']);
    // A replayed user add finds the user by its immutable id and rewrites the same values.
    const userAdd = addUser('replay.user@contoso.onmicrosoft.com', { onPremisesImmutableId: ['RRRRuser=='] });
    const [u1] = await connector.export([userAdd], testContext());
    const [u2] = await connector.export([userAdd], testContext());
    expect(u2).toMatchObject({ ok: true, anchor: u1!.anchor, matchedExisting: true });
    expect(emu.state.list('user').filter((u) => u.props.userPrincipalName === 'replay.user@contoso.onmicrosoft.com')).toHaveLength(1);
  });

  it('does not duplicate a create whose reply was lost (503 after the write was applied)', async () => {
    emu.state.injectFault({ method: 'POST', path: '/users', status: 503, count: 1, retryAfterSeconds: 0, afterApply: true });
    emu.state.injectFault({ method: 'POST', path: '/groups', status: 503, count: 1, retryAfterSeconds: 0, afterApply: true });
    const member = emu.state.addUser({ userPrincipalName: 'm1@contoso.onmicrosoft.com', displayName: 'M1', mailNickname: 'm1' });
    const results = await connector.export([
      addUser('ambiguous@contoso.onmicrosoft.com'),
      { csId: 'ag', op: 'add', objectType: 'group', dn: 'CN={ag}', anchor: null, changes: replace({ displayName: ['Ambiguous'], mailNickname: ['ambiguous'], member: [{ dn: member }] }) },
    ], testContext());
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const creates = emu.state.writeLog.filter((w) => w.method === 'POST' && w.status === 201 && (w.createdId === results[0]!.anchor || w.createdId === results[1]!.anchor));
    expect(creates).toHaveLength(2);
    expect(emu.state.list('user').filter((u) => u.props.userPrincipalName === 'ambiguous@contoso.onmicrosoft.com')).toHaveLength(1);
    expect([...emu.state.get(results[1]!.anchor!)!.members]).toEqual([member]);
  });

  it('finishes a throttling storm with every write applied exactly once', async () => {
    // The emulator allows 20 writes per second while the connector believes in Graph's real quota: most batches hit 429.
    const stormy = await startEntraEmulator({ pki, writeQuota: { limit: 20, windowMs: 1000 } });
    stormy.state.injectFault({ method: 'PATCH', path: /^\/users\//, status: 503, count: 3, retryAfterSeconds: 0 });
    const c = entraConnectorType.create(emulatorConfig(stormy, { concurrency: 3 }));
    const first = await c.export(Array.from({ length: 40 }, (_, i) => addUser(`storm${i}@contoso.onmicrosoft.com`)), testContext());
    const second = await c.export(first.map((r, i) => ({ csId: `p${i}`, op: 'update' as const, objectType: 'user', dn: r.anchor!, anchor: r.anchor!,
      changes: replace({ jobTitle: [`T${i}`] }) })), testContext());
    await c.close();
    await stormy.stop();
    expect(first.every((r) => r.ok) && second.every((r) => r.ok)).toBe(true);
    expect(stormy.state.throttledWrites).toBeGreaterThan(0);
    const applied = stormy.state.writeLog.filter((w) => w.status >= 200 && w.status < 300);
    expect(applied.filter((w) => w.method === 'POST')).toHaveLength(40);
    expect(applied.filter((w) => w.method === 'PATCH')).toHaveLength(40);
    const users = stormy.state.list('user');
    expect(new Set(users.map((u) => u.props.userPrincipalName)).size).toBe(40);
    expect(users.every((u) => /^T\d+$/.test(String(u.props.jobTitle)))).toBe(true);
  });

  it('stays under the quota without any 429 when the write budget matches it', async () => {
    // A wide margin (half the quota) so that a loaded machine's scheduling jitter cannot push a window over.
    const quiet = await startEntraEmulator({ pki, writeQuota: { limit: 200, windowMs: 2000 } });
    const c = entraConnectorType.create(emulatorConfig(quiet, { writeBudget: { quotaWrites: 200, windowSeconds: 2, targetShare: 0.5 } }));
    const results = await c.export(Array.from({ length: 120 }, (_, i) => addUser(`calm${i}@contoso.onmicrosoft.com`)), testContext());
    await c.close();
    await quiet.stop();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(quiet.state.throttledWrites).toBe(0);
    expect(quiet.state.writeLog).toHaveLength(120);
  });
});
