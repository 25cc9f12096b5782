// The directory extension methods on a data directory with an Entra connector pointed at the emulator: the
// extension application, registration, listing, removal, and the one-step flow from an on-premises attribute.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiService } from './service.ts';
import { startEntraEmulator, type Application, type EntraEmulator } from '../../e2e/env/entra-emulator/index.ts';
import { resetMemoryDirectories } from '../connectors/test-connector/index.ts';

describe('directory extension API methods', () => {
  let emu: EntraEmulator;
  let app: Application;
  let svc: ApiService;
  let home = '';
  const x = (name: string) => `extension_${app.appId.replace(/-/g, '')}_${name}`;

  beforeAll(async () => {
    resetMemoryDirectories();
    emu = await startEntraEmulator();
    app = emu.state.addApplication({ displayName: 'Tenant Schema Extension App', owners: [emu.clientId] });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-ext-'));
    svc = new ApiService({ home, host: 'cli' });
  });
  afterAll(async () => {
    await svc?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
    await emu?.stop();
  });

  it('names what is missing: an Entra connector, then its extension application', async () => {
    await expect(svc.dispatch('entra.extensions.list', {})).rejects.toThrow(/There is no Entra ID connector/);
    await svc.dispatch('connectors.create', {
      name: 'tenant - AAD', type: 'entra',
      config: { tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret }, authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem },
    });
    await svc.dispatch('connectors.create', { name: 'hr', type: 'test', config: { directory: 'ext-hr' } });
    await expect(svc.dispatch('entra.extensions.list', { connector: 'hr' })).rejects.toThrow('hr is a test connector; directory extensions belong to an Entra ID connector');
    await expect(svc.dispatch('entra.extensions.list', {})).rejects.toMatchObject({ code: 'entra-request-failed', message: expect.stringMatching(/set extensionApp.appId/) });
  });

  it('sets the extension application after reading it, and queues a full import', async () => {
    const l = await svc.dispatch('entra.extensions.setApp', { appId: app.appId, createMissing: false });
    expect(l).toMatchObject({ connector: 'tenant - AAD', app: { appId: app.appId, id: app.id }, prefix: x(''), createMissing: false, extensions: [] });
    const stored = await svc.dispatch('connectors.get', { connector: 'tenant - AAD' });
    expect(stored.config.extensionApp).toEqual({ appId: app.appId, createMissing: false });
    // The secret stayed as it was (masked here, still valid: the next call signs in).
    expect(JSON.stringify(stored.config)).not.toContain(emu.clientSecret);
    const overrides = (await svc.dispatch('scheduler.get', {})).ConnectorOverrides;
    expect(overrides[stored.id]).toEqual({ fullImportRequired: true, fullSyncRequired: false });
  });

  it('registers, lists and removes extensions; a removal needs confirmation', async () => {
    const added = await svc.dispatch('entra.extensions.add', { name: 'msDS-cloudExtensionAttribute1', dataType: 'String', targets: ['User', 'Group'] });
    expect(added).toMatchObject({ extension: { name: x('msDS_cloudExtensionAttribute1'), targetObjects: ['User', 'Group'] }, fullImportRequired: true });
    await expect(svc.dispatch('entra.extensions.add', { name: 'msDS_cloudExtensionAttribute1' })).rejects.toThrow(/registered already/);
    expect((await svc.dispatch('entra.extensions.list', {})).extensions.map((e) => e.shortName)).toEqual(['msDS_cloudExtensionAttribute1']);
    await expect(svc.dispatch('entra.extensions.remove', { name: 'msDS_cloudExtensionAttribute1' } as never)).rejects.toThrow(/confirm/);
    expect((await svc.dispatch('entra.extensions.remove', { name: 'msDS_cloudExtensionAttribute1', confirm: true })).removed.name).toBe(x('msDS_cloudExtensionAttribute1'));
    expect((await svc.dispatch('entra.extensions.list', {})).extensions).toEqual([]);
  });

  it('adds the flow of an on-premises attribute in one step, and a second time changes nothing more', async () => {
    await svc.dispatch('schema.addObjectType', { name: 'person', attributes: [] });
    await svc.dispatch('schema.addAttribute', { name: 'sourceObjectType', objectTypes: ['person'] });
    const flow = await svc.dispatch('entra.extensions.addFlow', { source: 'hr', attribute: 'costCenter' });
    expect(flow).toMatchObject({ registered: true, extension: { name: x('costCenter'), dataType: 'String' }, mvAttribute: 'costCenter', attributeSelected: false });
    const rules = await svc.dispatch('rules.list', {});
    const inbound = rules.find((r) => r.name === 'In from AD - User DirectoryExtension')!;
    const outbound = rules.find((r) => r.name === 'Out to AAD - User DirectoryExtension')!;
    expect(inbound).toMatchObject({ direction: 'Inbound', connector: { name: 'hr' }, sourceObjectType: 'user', targetObjectType: 'person', linkType: 'Join', precedence: 99,
      attributeFlows: [{ destination: 'costCenter', sources: ['costCenter'], flowType: 'Direct' }] });
    // The out-of-box scope, with the clauses whose metaverse attributes exist.
    expect(outbound).toMatchObject({ direction: 'Outbound', connector: { name: 'tenant - AAD' }, sourceObjectType: 'person', targetObjectType: 'user', precedence: 98,
      scopingFilter: [[{ attribute: 'sourceObjectType', operator: 'EQUAL', value: 'User' }]], attributeFlows: [{ destination: x('costCenter'), sources: ['costCenter'] }] });
    const schema = await svc.dispatch('schema.get', {});
    expect(schema.objectTypes.find((t) => t.name === 'person')!.attributes).toContain('costCenter');
    const again = await svc.dispatch('entra.extensions.addFlow', { source: 'hr', attribute: 'costCenter' });
    expect(again).toMatchObject({ registered: false });
    expect(again.rules.map((r) => r.created)).toEqual([false, false]);
    expect((await svc.dispatch('rules.list', {})).length).toBe(rules.length);
    // A second attribute joins the same two rules.
    await svc.dispatch('entra.extensions.addFlow', { source: 'hr', attribute: 'badge', dataType: 'Integer' });
    const after = await svc.dispatch('rules.list', {});
    expect(after.length).toBe(rules.length);
    expect(after.find((r) => r.id === outbound.id)!.attributeFlows.map((f) => f.destination)).toEqual([x('costCenter'), x('badge')]);
    expect((await svc.dispatch('schema.get', {})).attributes.find((a) => a.name === 'badge')).toMatchObject({ type: 'integer' });
    // The metaverse attribute must have the extension's type.
    await expect(svc.dispatch('entra.extensions.addFlow', { source: 'hr', attribute: 'flag', dataType: 'Boolean', mvAttribute: 'costCenter' })).rejects.toThrow(/The metaverse attribute costCenter is string; the extension is Boolean/);
    // Refused before anything was written: the extension was not registered.
    expect((await svc.dispatch('entra.extensions.list', {})).extensions.map((e) => e.shortName)).toEqual(['costCenter', 'badge']);
  });
});
