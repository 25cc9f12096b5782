// Directory extensions in the emulator, one test per rule Graph applies (README.md, "Directory extensions"):
// definitions on application objects, and typed extension values on users and groups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startEntraEmulator, type Application, type EntraEmulator } from './index.ts';
import { HttpsTransport } from '../../../engine/connectors/entra/https-transport.ts';

// Replies are checked structurally by the assertions, so the test reads them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Entra emulator: directory extensions', () => {
  let emu: EntraEmulator;
  let http: HttpsTransport;
  let app: Application;
  const tokens = new Map<string, string>();
  const owner = { clientId: randomUUID(), clientSecret: 'owner-secret', roles: ['User.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Application.ReadWrite.OwnedBy'] };
  const reader = { clientId: randomUUID(), clientSecret: 'reader-secret', roles: ['User.ReadWrite.All', 'Directory.Read.All'] };
  const nothing = { clientId: randomUUID(), clientSecret: 'nothing-secret', roles: ['User.ReadWrite.All'] };

  const token = async (client: { clientId: string; clientSecret: string }) => {
    const known = tokens.get(client.clientId);
    if (known) return known;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'https://graph.microsoft.com/.default' });
    const reply = await http.send('POST', `${emu.authority}/oauth2/v2.0/token`, { 'Content-Type': 'application/x-www-form-urlencoded' }, form.toString());
    const t = (JSON.parse(reply.body.toString('utf8')) as Json).access_token as string;
    tokens.set(client.clientId, t);
    return t;
  };
  const call = async (method: string, path: string, body?: unknown, as: { clientId: string; clientSecret: string } = owner) => {
    const reply = await http.send(method, `${emu.graphBaseUrl}/v1.0${path}`, {
      Authorization: `Bearer ${await token(as)}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    }, body === undefined ? undefined : JSON.stringify(body));
    const text = reply.body.toString('utf8');
    return { status: reply.status, json: (text ? JSON.parse(text) : undefined) as Json };
  };
  const prefix = () => `extension_${app.appId.replace(/-/g, '')}_`;
  const define = (name: string, dataType: string, targetObjects: string[] = ['User'], isMultiValued = false) =>
    call('POST', `/applications/${app.id}/extensionProperties`, { name, dataType, targetObjects, isMultiValued });
  const newUser = (n: string) => emu.state.addUser({ userPrincipalName: `${n}@contoso.onmicrosoft.com`, displayName: n, mailNickname: n });
  const expectInvalid = (r: { status: number; json: Json }, property: string, resource = 'ExtensionProperty') => {
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message: `Invalid value specified for property '${property}' of resource '${resource}'.` });
  };

  beforeAll(async () => {
    emu = await startEntraEmulator({ clients: [owner, reader, nothing] });
    http = new HttpsTransport(emu.caPem);
    app = emu.state.addApplication({ displayName: 'Tenant Schema Extension App', owners: [owner.clientId] });
  });
  afterAll(async () => { http?.close(); await emu?.stop(); });

  it('creates a definition named extension_{appId without dashes}_{name}, listed and read back by object id or appId', async () => {
    const r = await define('costCenter', 'String', ['User', 'Group']);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      name: `${prefix()}costCenter`, dataType: 'String', isMultiValued: false, isSyncedFromOnPremises: false,
      targetObjects: ['User', 'Group'], appDisplayName: 'Tenant Schema Extension App', deletedDateTime: null,
    });
    const list = await call('GET', `/applications(appId='${app.appId}')/extensionProperties`);
    expect(list.status).toBe(200);
    expect(list.json.value.map((d: Json) => d.name)).toContain(`${prefix()}costCenter`);
    const one = await call('GET', `/applications/${app.id}/extensionProperties/${r.json.id}`);
    expect(one.json.name).toBe(`${prefix()}costCenter`);
    const byName = await call('GET', `/applications/${app.id}/extensionProperties?$filter=${encodeURIComponent(`name eq '${prefix()}costCenter'`)}`);
    expect(byName.json.value).toHaveLength(1);
  });

  it('refuses a name that is empty, not letters, digits and underscores, or longer than a property name allows', async () => {
    for (const bad of ['', 'cost-center', 'cost center', 'café', 'a.b', 'x'.repeat(86)]) expectInvalid(await define(bad, 'String'), 'name');
    expect((await define('x'.repeat(85), 'String')).status).toBe(201);
  });

  it('refuses a dataType other than Binary, Boolean, DateTime, Integer, LargeInteger, String (PascalCase)', async () => {
    for (const bad of ['string', 'Int', 'Double', '']) expectInvalid(await define('typeCheck', bad), 'dataType');
    for (const good of ['Binary', 'Boolean', 'DateTime', 'Integer', 'LargeInteger', 'String']) expect((await define(`t${good}`, good)).status, good).toBe(201);
  });

  it('refuses targetObjects that are empty, unknown or not PascalCase', async () => {
    for (const bad of [[], ['user'], ['Contact'], ['User', 'Mailbox']]) expectInvalid(await define('targets', 'String', bad), 'targetObjects');
  });

  it('refuses a second definition of the same name on the application (409 Request_MultipleObjectsWithSameKeyValue)', async () => {
    expect((await define('dupe', 'String')).status).toBe(201);
    const r = await define('Dupe', 'Integer');
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: 'Request_MultipleObjectsWithSameKeyValue', message: `An extension property exists with the name ${prefix()}Dupe.` });
  });

  it('refuses read-only and unknown properties in a definition', async () => {
    const r = await call('POST', `/applications/${app.id}/extensionProperties`, { name: 'ro', dataType: 'String', targetObjects: ['User'], appDisplayName: 'x' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("Property 'appDisplayName' is read-only and cannot be set.");
  });

  it('needs Application.ReadWrite.OwnedBy on an owned application (or .All) to write definitions; Directory.Read.All reads them', async () => {
    const other = emu.state.addApplication({ displayName: 'Someone else' });
    expect((await call('POST', `/applications/${other.id}/extensionProperties`, { name: 'x', dataType: 'String', targetObjects: ['User'] })).status).toBe(403);
    const byReader = await call('POST', `/applications/${app.id}/extensionProperties`, { name: 'y', dataType: 'String', targetObjects: ['User'] }, reader);
    expect(byReader.status).toBe(403);
    expect(byReader.json.error.code).toBe('Authorization_RequestDenied');
    expect((await call('GET', `/applications/${app.id}/extensionProperties`, undefined, reader)).status).toBe(200);
    expect((await call('GET', `/applications/${app.id}/extensionProperties`, undefined, nothing)).status).toBe(403);
  });

  it('never updates a definition (405); deletes one (204), but not one synchronized from on-premises', async () => {
    const d = await define('temp', 'String');
    expect((await call('PATCH', `/applications/${app.id}/extensionProperties/${d.json.id}`, { dataType: 'Integer' })).status).toBe(405);
    expect((await call('DELETE', `/applications/${app.id}/extensionProperties/${d.json.id}`)).status).toBe(204);
    expect((await call('DELETE', `/applications/${app.id}/extensionProperties/${d.json.id}`)).status).toBe(404);
    emu.state.addExtensionProperty(app.id, { name: 'fromAd', dataType: 'String', targetObjects: ['User'], isSyncedFromOnPremises: true });
    const synced = (await call('GET', `/applications/${app.id}/extensionProperties`)).json.value.find((x: Json) => x.name.endsWith('_fromAd'));
    expect(synced.isSyncedFromOnPremises).toBe(true);
    expect((await call('DELETE', `/applications/${app.id}/extensionProperties/${synced.id}`)).status).toBe(400);
  });

  it('refuses to write an extension property that is not registered, or not registered for the object type', async () => {
    const id = newUser('unreg');
    const r = await call('PATCH', `/users/${id}`, { [`${prefix()}nowhere`]: 'x' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message: `Property '${prefix()}nowhere' does not exist as a declared property or extension property.` });
    await define('userOnly', 'String', ['User']);
    const gid = emu.state.addGroup({ displayName: 'G', mailNickname: 'g' });
    expect((await call('PATCH', `/groups/${gid}`, { [`${prefix()}userOnly`]: 'x' })).status).toBe(400);
    expect((await call('PATCH', `/users/${id}`, { [`${prefix()}userOnly`]: 'x' })).status).toBe(204);
  });

  it('type-checks values: String ≤ 256, Integer 32-bit, LargeInteger, Boolean, DateTime ISO 8601, Binary base64 ≤ 256 bytes, collections only when multi-valued', async () => {
    await define('multi', 'String', ['User'], true);
    const id = newUser('typed');
    const bad: Array<[string, unknown]> = [
      ['tString', 'x'.repeat(257)], ['tString', 5], ['tInteger', 2 ** 31], ['tInteger', 1.5], ['tInteger', '5'], ['tLargeInteger', 'big'],
      ['tBoolean', 'true'], ['tDateTime', '2024-13-01T00:00:00Z'], ['tDateTime', 'yesterday'], ['tBinary', 'not base64!'],
      ['tBinary', Buffer.alloc(257).toString('base64')], ['tString', ['a', 'b']], ['multi', 'single'],
    ];
    for (const [name, value] of bad) expectInvalid(await call('PATCH', `/users/${id}`, { [`${prefix()}${name}`]: value }), `${prefix()}${name}`, 'User');
    const good = {
      [`${prefix()}tString`]: 'x'.repeat(256), [`${prefix()}tInteger`]: -(2 ** 31), [`${prefix()}tLargeInteger`]: 2 ** 40, [`${prefix()}tBoolean`]: false,
      [`${prefix()}tDateTime`]: '2024-05-01T12:00:00+02:00', [`${prefix()}tBinary`]: Buffer.alloc(256, 7).toString('base64'), [`${prefix()}multi`]: ['a', 'b'],
    };
    expect((await call('PATCH', `/users/${id}`, good)).status).toBe(204);
    const read = await call('GET', `/users/${id}?$select=${Object.keys(good).join(',')}`);
    // DateTime values are kept in UTC.
    expect(read.json).toMatchObject({ ...good, [`${prefix()}tDateTime`]: '2024-05-01T10:00:00Z' });
  });

  it('returns extension values only when selected, refuses selecting an undeclared one, and clears one set to null', async () => {
    const id = newUser('reader');
    expect((await call('PATCH', `/users/${id}`, { [`${prefix()}costCenter`]: 'CC-1' })).status).toBe(204);
    expect((await call('GET', `/users/${id}`)).json).not.toHaveProperty(`${prefix()}costCenter`);
    expect((await call('GET', `/users/${id}?$select=id,${prefix()}costCenter`)).json[`${prefix()}costCenter`]).toBe('CC-1');
    const undeclared = await call('GET', `/users?$select=id,${prefix()}nowhere`);
    expect(undeclared.status).toBe(400);
    expect(undeclared.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: `Property '${prefix()}nowhere' does not exist as a declared property or extension property.` });
    expect((await call('PATCH', `/users/${id}`, { [`${prefix()}costCenter`]: null })).status).toBe(204);
    expect((await call('GET', `/users/${id}?$select=id,${prefix()}costCenter`)).json[`${prefix()}costCenter`]).toBeNull();
  });

  it('delta queries return selected extension values and report their changes; a deleted definition makes the token refuse', async () => {
    const def = await define('deltaProp', 'Integer');
    const id = newUser('delta');
    expect((await call('PATCH', `/users/${id}`, { [`${prefix()}deltaProp`]: 1 })).status).toBe(204);
    let page = await call('GET', `/users/delta?$select=id,${prefix()}deltaProp`);
    while (page.json['@odata.nextLink']) page = await call('GET', new URL(page.json['@odata.nextLink']).pathname.slice(5) + new URL(page.json['@odata.nextLink']).search);
    const deltaLink = new URL(page.json['@odata.deltaLink']);
    expect((await call('PATCH', `/users/${id}`, { [`${prefix()}deltaProp`]: 2 })).status).toBe(204);
    const next = await call('GET', deltaLink.pathname.slice(5) + deltaLink.search);
    expect(next.json.value).toEqual([{ id, [`${prefix()}deltaProp`]: 2 }]);
    expect((await call('DELETE', `/applications/${app.id}/extensionProperties/${def.json.id}`)).status).toBe(204);
    const gone = await call('GET', deltaLink.pathname.slice(5) + deltaLink.search);
    expect(gone.status).toBe(400);
    expect(gone.json.error.code).toBe('Request_UnsupportedQuery');
  });

  it('hides the values of a deleted definition until a definition of the same name comes back', async () => {
    const def = await define('comeback', 'String');
    const id = newUser('comeback');
    await call('PATCH', `/users/${id}`, { [`${prefix()}comeback`]: 'kept' });
    await call('DELETE', `/applications/${app.id}/extensionProperties/${def.json.id}`);
    expect((await call('GET', `/users/${id}?$select=id,${prefix()}comeback`)).status).toBe(400);
    expect((await define('comeback', 'String')).status).toBe(201);
    expect((await call('GET', `/users/${id}?$select=id,${prefix()}comeback`)).json[`${prefix()}comeback`]).toBe('kept');
  });

  it('holds at most 100 extension values on one object', async () => {
    const names: string[] = [];
    for (let i = 0; i < 101; i++) {
      const r = await define(`many${i}`, 'Boolean');
      expect(r.status).toBe(201);
      names.push(r.json.name);
    }
    const id = newUser('many');
    const body = (n: number) => Object.fromEntries(names.slice(0, n).map((name) => [name, true]));
    expect((await call('PATCH', `/users/${id}`, body(100))).status).toBe(204);
    const r = await call('PATCH', `/users/${id}`, { [names[100]!]: true });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/at most 100/);
    // Clearing one makes room for another.
    expect((await call('PATCH', `/users/${id}`, { [names[0]!]: null, [names[100]!]: true })).status).toBe(204);
  });
});
