// Directory extensions through the connector, against the emulator: registering them, discovering them as
// attributes, writing them on export (typed, or refused per object with what to do) and reading them back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, startEntraEmulator, type Application, type EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';
import { WatermarkExpiredError, type AttributeChange, type AttributeValue, type ExportChange, type ImportChange, type ImportedObject } from '../contract.ts';
import { EntraConnector } from './entra-connector.ts';
import { collectImport, emulatorConfig, testContext } from './test-harness.ts';

let seq = 0;
const replace = (attrs: Record<string, AttributeValue[]>): AttributeChange[] => Object.entries(attrs).map(([attribute, values]) => ({ attribute, op: 'replace', values }));
const addUser = (name: string, extra: Record<string, AttributeValue[]> = {}): ExportChange => ({
  csId: `cs-${++seq}`, op: 'add', objectType: 'user', dn: `CN={${name}}`, anchor: null,
  changes: replace({ userPrincipalName: [`${name}@contoso.onmicrosoft.com`], displayName: [name], ...extra }),
});
const update = (anchor: string, changes: AttributeChange[], objectType = 'user'): ExportChange => ({ csId: `cs-${++seq}`, op: 'update', objectType, dn: anchor, anchor, changes });
const objectsOf = (changes: ImportChange[]): ImportedObject[] => changes.flatMap((c) => (c.kind === 'object' ? [c.object] : []));

describe('Entra connector: directory extensions', () => {
  const pki = generateTestPki();
  let emu: EntraEmulator;
  let app: Application;
  let connector: EntraConnector;
  let x: (name: string) => string;

  beforeAll(async () => {
    emu = await startEntraEmulator({ pki });
    app = emu.state.addApplication({ displayName: 'Tenant Schema Extension App', owners: [emu.clientId] });
    x = (name) => `extension_${app.appId.replace(/-/g, '')}_${name}`;
    connector = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
  });
  afterAll(async () => { await connector?.close(); await emu?.stop(); });

  it('registers, lists and removes definitions; AD attribute names get underscores; Graph refusals are explained', async () => {
    const admin = connector.directoryExtensions();
    const created = await admin.add({ name: 'msDS-cloudExtensionAttribute1', dataType: 'String', targetObjects: ['User', 'Group'] });
    expect(created).toMatchObject({ name: x('msDS_cloudExtensionAttribute1'), shortName: 'msDS_cloudExtensionAttribute1', dataType: 'String', targetObjects: ['User', 'Group'] });
    await expect(admin.add({ name: 'msDS_cloudExtensionAttribute1', dataType: 'String', targetObjects: ['User'] })).rejects.toThrow(/is registered already \(Graph 409 Request_MultipleObjectsWithSameKeyValue/);
    await expect(admin.add({ name: 'cost center', dataType: 'String', targetObjects: ['User'] })).rejects.toThrow(/'cost center' is not a valid directory extension name/);
    await admin.add({ name: 'temporary', dataType: 'Integer', targetObjects: ['User'] });
    expect((await admin.list()).map((d) => d.shortName).sort()).toEqual(['msDS_cloudExtensionAttribute1', 'temporary']);
    expect((await admin.remove(x('temporary'))).shortName).toBe('temporary');
    await expect(admin.remove('temporary')).rejects.toThrow(`No directory extension ${x('temporary')}`);
    expect((await admin.application()).displayName).toBe('Tenant Schema Extension App');
  });

  it('needs an extension application, and says which permission is missing', async () => {
    const plain = new EntraConnector(emulatorConfig(emu));
    expect(() => plain.directoryExtensions()).toThrow(/set extensionApp.appId/);
    await plain.close();
    const foreign = emu.state.addApplication({ displayName: 'Not ours' });
    const other = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: foreign.appId } }));
    await expect(other.directoryExtensions().add({ name: 'x', dataType: 'String', targetObjects: ['User'] }))
      .rejects.toThrow(/Application.ReadWrite.OwnedBy \(with the IdSync app an owner of application .*\) or Application.ReadWrite.All/);
    const missing = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: randomUUID() } }));
    await expect(missing.directoryExtensions().list()).rejects.toThrow(/no application with appId .* in the tenant/);
    await other.close();
    await missing.close();
  });

  it('lists registered extensions in the discovered schema of the object types they extend, typed', async () => {
    const admin = connector.directoryExtensions();
    await admin.add({ name: 'costCenter', dataType: 'String', targetObjects: ['User'] });
    await admin.add({ name: 'level', dataType: 'Integer', targetObjects: ['User'] });
    await admin.add({ name: 'isContractor', dataType: 'Boolean', targetObjects: ['User'] });
    await admin.add({ name: 'hired', dataType: 'DateTime', targetObjects: ['User'] });
    await admin.add({ name: 'skills', dataType: 'String', isMultiValued: true, targetObjects: ['User'] });
    const fresh = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
    const schema = await fresh.discoverSchema();
    await fresh.close();
    const attrs = (type: string) => schema.objectTypes.find((t) => t.name === type)!.attributes;
    expect(attrs('user')).toEqual(expect.arrayContaining([
      { name: x('costCenter'), type: 'string', multiValued: false }, { name: x('level'), type: 'integer', multiValued: false },
      { name: x('isContractor'), type: 'boolean', multiValued: false }, { name: x('hired'), type: 'datetime', multiValued: false },
      { name: x('skills'), type: 'string', multiValued: true }, { name: x('msDS_cloudExtensionAttribute1'), type: 'string', multiValued: false },
    ]));
    expect(attrs('group').map((a) => a.name)).toContain(x('msDS_cloudExtensionAttribute1'));
    expect(attrs('group').map((a) => a.name)).not.toContain(x('costCenter'));
  });

  it('writes extensions on create and update, typed, and a full import reads back the same values', async () => {
    const c = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
    const hired = new Date('2024-03-01T08:30:00.000Z');
    const [r] = await c.export([addUser('ann', {
      [x('costCenter')]: ['CC-100'], [x('level')]: [7n], [x('isContractor')]: [false], [x('hired')]: [hired], [x('skills')]: ['ldap', 'graph'],
    })], testContext());
    expect(r).toMatchObject({ ok: true });
    expect(emu.state.get(r!.anchor!)!.props).toMatchObject({
      [x('costCenter')]: 'CC-100', [x('level')]: 7, [x('isContractor')]: false, [x('hired')]: '2024-03-01T08:30:00Z', [x('skills')]: ['ldap', 'graph'],
    });
    const [u] = await c.export([update(r!.anchor!, [
      { attribute: x('costCenter'), op: 'replace', values: ['CC-200'] }, { attribute: x('level'), op: 'delete', values: [] },
      { attribute: x('skills'), op: 'add', values: ['sql'] }, { attribute: x('skills'), op: 'delete', values: ['ldap'] },
    ])], testContext());
    expect(u).toMatchObject({ ok: true });
    expect(emu.state.get(r!.anchor!)!.props).toMatchObject({ [x('costCenter')]: 'CC-200', [x('level')]: null, [x('skills')]: ['graph', 'sql'] });

    const { changes } = await collectImport(c.importFull({ objectTypes: ['user'] }, testContext()));
    const ann = objectsOf(changes).find((o) => o.anchor === r!.anchor)!;
    expect(ann.attributes).toMatchObject({ [x('costCenter')]: ['CC-200'], [x('isContractor')]: [false], [x('hired')]: [hired], [x('skills')]: ['graph', 'sql'] });
    expect(ann.attributes[x('level')]).toBeUndefined();
    await c.close();
  });

  it('refuses an unregistered extension per object, naming it and the command that registers it; other objects go on', async () => {
    const c = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
    const writesBefore = emu.state.writeLog.length;
    const results = await c.export([addUser('bad', { [x('nowhere')]: ['v'] }), addUser('good', { [x('costCenter')]: ['CC-1'] })], testContext());
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'schema-violation' } });
    expect(results[0]!.error!.message).toBe(`user 'CN={bad}': the directory extension '${x('nowhere')}' is not registered in Entra ID: register it (idsync entra extension add nowhere --type String --targets User, or Synchronization Rules → Directory extensions → Register without a flow), or set extensionApp.createMissing to register it on first export`);
    expect(results[1]).toMatchObject({ ok: true });
    // Only the good user was written (its create), nothing for the refused one.
    expect(emu.state.writeLog.slice(writesBefore).filter((w) => w.method !== 'GET').map((w) => w.createdId)).toEqual([results[1]!.anchor]);
    // Clearing an unregistered extension is already done: nothing to send, no error.
    const [cleared] = await c.export([update(results[1]!.anchor!, [{ attribute: x('nowhere'), op: 'delete', values: [] }])], testContext());
    expect(cleared).toMatchObject({ ok: true });
    // A user-only extension written on a group says so.
    const gid = emu.state.addGroup({ displayName: 'G1', mailNickname: 'g1' });
    const [g] = await c.export([update(gid, [{ attribute: x('costCenter'), op: 'replace', values: ['CC-9'] }], 'group')], testContext());
    expect(g!.error!.message).toMatch(/is registered for User objects only, not for Group objects/);
    await c.close();
  });

  it('refuses values that do not fit the definition before sending anything', async () => {
    const c = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
    const results = await c.export([
      addUser('long', { [x('costCenter')]: ['x'.repeat(257)] }), addUser('nan', { [x('level')]: ['seven'] }),
      addUser('big', { [x('level')]: [2n ** 40n] }), addUser('two', { [x('costCenter')]: ['a', 'b'] }),
    ], testContext());
    expect(results.map((r) => r.error?.code)).toEqual(['constraint-violation', 'invalid-attribute-value', 'constraint-violation', 'invalid-attribute-value']);
    expect(results[0]!.error!.message).toBe(`user 'CN={long}': ${x('costCenter')}: the value has 257 characters; a String directory extension holds at most 256`);
    expect(emu.state.list('user').map((u) => u.props.displayName)).not.toContain('long');
    await c.close();
  });

  it('with createMissing, registers an extension on first export with the type of its values, then writes it', async () => {
    const c = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId, createMissing: true } }));
    const ctx = testContext();
    const results = await c.export([addUser('eve', { [x('badge')]: [1234n], [x('office_codes')]: ['A', 'B'] }), addUser('fay', { [x('badge')]: [99n] })], ctx);
    expect(results.every((r) => r.ok)).toBe(true);
    const defs = await c.directoryExtensions().list();
    expect(defs.find((d) => d.shortName === 'badge')).toMatchObject({ dataType: 'Integer', isMultiValued: false, targetObjects: ['User'] });
    expect(defs.find((d) => d.shortName === 'office_codes')).toMatchObject({ dataType: 'String', isMultiValued: true });
    expect(ctx.logs.filter((l) => l.includes('Registered the directory extension'))).toHaveLength(2);
    expect(emu.state.get(results[1]!.anchor!)!.props[x('badge')]).toBe(99);
    await c.close();
    // Without the permission to register, each object names what is missing.
    const foreign = emu.state.addApplication({ displayName: 'Someone else' });
    const other = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: foreign.appId, createMissing: true } }));
    const prefix = `extension_${foreign.appId.replace(/-/g, '')}_`;
    const [denied] = await other.export([addUser('gil', { [`${prefix}badge`]: ['1'] })], testContext());
    expect(denied).toMatchObject({ ok: false, error: { code: 'schema-violation' } });
    expect(denied!.error!.message).toMatch(/^user 'CN=\{gil\}': Cannot register the directory extension .*badge: the app lacks the permission/);
    await other.close();
  });

  it('reads extension changes in delta imports; a newly registered extension makes the next delta import a full one', async () => {
    const c = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
    const { watermark } = await collectImport(c.importFull({ objectTypes: ['user'] }, testContext()));
    const ann = emu.state.list('user').find((u) => u.props.displayName === 'ann')!;
    emu.state.update(ann.id, { [x('costCenter')]: 'CC-300' });
    const delta = await collectImport(c.importDelta(watermark!, { objectTypes: ['user'] }, testContext()));
    expect(objectsOf(delta.changes).find((o) => o.anchor === ann.id)!.attributes[x('costCenter')]).toEqual(['CC-300']);
    await c.close();

    await new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } })).directoryExtensions().add({ name: 'region', dataType: 'String', targetObjects: ['User'] });
    const later = new EntraConnector(emulatorConfig(emu, { extensionApp: { appId: app.appId } }));
    await expect(collectImport(later.importDelta(delta.watermark!, { objectTypes: ['user'] }, testContext())))
      .rejects.toThrow(WatermarkExpiredError);
    await expect(collectImport(later.importDelta(delta.watermark!, { objectTypes: ['user'] }, testContext())))
      .rejects.toThrow(`added ${x('region').toLowerCase()}`);
    await later.close();
  });
});
