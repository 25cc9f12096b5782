// One test per rule where the emulator refuses what Microsoft Graph and the identity platform refuse
// (each rule's documentation is named in README.md, "Strictness").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from './index.ts';
import { HttpsTransport } from '../../../engine/connectors/entra/https-transport.ts';

// Replies are checked structurally by the assertions, so the test reads them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Entra emulator strictness', () => {
  let emu: EntraEmulator;
  let http: HttpsTransport;
  let token = '';

  const tokenReply = async (scope: string) => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret, scope });
    const reply = await http.send('POST', `${emu.authority}/oauth2/v2.0/token`, { 'Content-Type': 'application/x-www-form-urlencoded' }, form.toString());
    return { status: reply.status, json: JSON.parse(reply.body.toString('utf8')) as Json };
  };
  const call = async (method: string, path: string, body?: unknown, bearer = token) => {
    const reply = await http.send(method, `${emu.graphBaseUrl}/v1.0${path}`, {
      Authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    }, body === undefined ? undefined : JSON.stringify(body));
    const text = reply.body.toString('utf8');
    return { status: reply.status, json: (text ? JSON.parse(text) : undefined) as Json };
  };
  const user = (n: string, extra: Record<string, unknown> = {}) => ({
    accountEnabled: true, displayName: n, mailNickname: n, userPrincipalName: `${n}@contoso.onmicrosoft.com`, passwordProfile: { password: 'Xy12345678!' }, ...extra,
  });
  const json = { 'Content-Type': 'application/json' };

  beforeAll(async () => {
    emu = await startEntraEmulator({ otherResources: ['https://management.azure.com'] });
    http = new HttpsTransport(emu.caPem);
    token = (await tokenReply('https://graph.microsoft.com/.default')).json.access_token;
  });
  afterAll(async () => { http?.close(); await emu?.stop(); });

  it('issues tokens only for resources of the tenant: a scope on another address answers AADSTS500011', async () => {
    const r = await tokenReply(`${emu.graphBaseUrl}/.default`);
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_resource');
    expect(r.json.error_description).toMatch(/^AADSTS500011: The resource principal named https:\/\/127\.0\.0\.1:\d+ was not found in the tenant named /);
    // Graph's application id names the same resource as its URI.
    expect((await tokenReply('00000003-0000-0000-c000-000000000000/.default')).status).toBe(200);
  });

  it('accepts on Graph only tokens issued for Graph (audience)', async () => {
    const other = await tokenReply('https://management.azure.com/.default');
    expect(other.status).toBe(200);
    const r = await call('GET', '/users', undefined, other.json.access_token);
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' });
  });

  it('wants exactly one resource/.default scope for client credentials', async () => {
    for (const scope of ['https://graph.microsoft.com/User.Read.All', 'https://graph.microsoft.com/.default https://management.azure.com/.default']) {
      const r = await tokenReply(scope);
      expect(r.status, scope).toBe(400);
      expect(r.json.error_codes, scope).toEqual([1002012]);
    }
  });

  it('validates mailNickname: required on create, never cleared, at most 64 ASCII characters without @ () \\ [] " ; : <> , or space', async () => {
    const invalid = (r: { status: number; json: Json }, kind: string) => {
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message: `Invalid value specified for property 'mailNickname' of resource '${kind}'.` });
    };
    const { mailNickname: _omitted, ...noNickname } = user('nonick');
    invalid(await call('POST', '/users', noNickname), 'User');
    for (const bad of ['has space', 'a@b', 'x(y)', 'semi;colon', 'é', 'x'.repeat(65), '']) invalid(await call('POST', '/users', user('bad', { mailNickname: bad })), 'User');
    const created = await call('POST', '/users', user('nick', { mailNickname: `n.${'x'.repeat(62)}` }));
    expect(created.status).toBe(201);
    invalid(await call('PATCH', `/users/${created.json.id}`, { mailNickname: null }), 'User');
    invalid(await call('PATCH', `/users/${created.json.id}`, { jobTitle: 'x', mailNickname: '' }), 'User');
    expect(emu.state.get(created.json.id)!.props.jobTitle).toBeUndefined();
    invalid(await call('POST', '/groups', { displayName: 'G', mailEnabled: false, securityEnabled: true, mailNickname: 'two words' }), 'Group');
  });

  it('refuses to clear the other properties a create requires (displayName, accountEnabled, userPrincipalName)', async () => {
    const created = await call('POST', '/users', user('keep'));
    for (const key of ['displayName', 'accountEnabled', 'userPrincipalName']) {
      const r = await call('PATCH', `/users/${created.json.id}`, { [key]: null });
      expect(r.status, key).toBe(400);
      expect(r.json.error.message, key).toBe(`Invalid value specified for property '${key}' of resource 'User'.`);
    }
  });

  it('answers the removal of a non-member with 400 "removed object references do not exist", of a missing object with 404', async () => {
    const a = emu.state.addUser({ userPrincipalName: 'member@contoso.onmicrosoft.com', displayName: 'M', mailNickname: 'member' });
    const b = emu.state.addUser({ userPrincipalName: 'outsider@contoso.onmicrosoft.com', displayName: 'O', mailNickname: 'outsider' });
    const group = emu.state.addGroup({ displayName: 'Team', mailNickname: 'team' }, [a]);
    const notMember = await call('DELETE', `/groups/${group}/members/${b}/$ref`);
    expect(notMember.status).toBe(400);
    expect(notMember.json.error).toMatchObject({ code: 'Request_BadRequest', message: "One or more removed object references do not exist for the following modified properties: 'members'." });
    const missing = await call('DELETE', `/groups/${group}/members/00000000-0000-4000-8000-00000000dead/$ref`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('Request_ResourceNotFound');
    expect((await call('DELETE', `/groups/${group}/members/${a}/$ref`)).status).toBe(204);
  });

  it('creates only security groups and Microsoft 365 groups', async () => {
    const create = (props: Record<string, unknown>) => call('POST', '/groups', { displayName: 'K', mailNickname: 'kind', ...props });
    for (const props of [{ mailEnabled: true, securityEnabled: false }, { mailEnabled: true, securityEnabled: true }]) {
      const r = await create(props);
      expect(r.status, JSON.stringify(props)).toBe(400);
      expect(r.json.error.message).toBe('Cannot Create a mail-enabled security groups and or distribution list.');
    }
    const neither = await create({ mailEnabled: false, securityEnabled: false });
    expect(neither.status).toBe(400);
    expect(neither.json.error.message).toMatch(/neither mail-enabled nor security-enabled cannot be created/);
    expect((await create({ mailEnabled: false, securityEnabled: false, groupTypes: ['Unified'] })).status).toBe(400);
    expect((await create({ mailEnabled: false, securityEnabled: true })).status).toBe(201);
    expect((await create({ mailNickname: 'm365', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] })).status).toBe(201);
    expect(emu.state.list('group').filter((g) => g.props.displayName === 'K')).toHaveLength(2);
  });

  it('keeps a mailNickname unique among Microsoft 365 groups only; security groups may share one', async () => {
    const sg = { displayName: 'S', mailNickname: 'shared', mailEnabled: false, securityEnabled: true };
    expect((await call('POST', '/groups', sg)).status).toBe(201);
    expect((await call('POST', '/groups', sg)).status).toBe(201);
    const m365 = { displayName: 'U', mailNickname: 'unified', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] };
    expect((await call('POST', '/groups', m365)).status).toBe(201);
    const again = await call('POST', '/groups', m365);
    expect(again.status).toBe(400);
    expect(again.json.error.details[0]).toMatchObject({ code: 'ObjectConflict', target: 'mailNickname' });
  });

  it('takes a $batch only fully parallel or fully sequential, at most 20 requests with unique ids', async () => {
    const get = (id: string, extra: Record<string, unknown> = {}) => ({ id, method: 'GET', url: '/users', ...extra });
    const mixed = await call('POST', '/$batch', { requests: [get('1'), get('2', { dependsOn: ['1'] }), get('3')] });
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.message).toBe('Batch should be either fully sequential or fully parallel.');
    expect((await call('POST', '/$batch', { requests: [get('1'), get('2', { dependsOn: ['1'] }), get('3', { dependsOn: ['2'] })] })).status).toBe(200);
    expect((await call('POST', '/$batch', { requests: [get('1'), get('2'), get('3')] })).status).toBe(200);
    const tooMany = await call('POST', '/$batch', { requests: Array.from({ length: 21 }, (_, i) => get(String(i))) });
    expect(tooMany.json.error.message).toBe('Number of requests in the batch exceeds the limit of 20.');
    expect((await call('POST', '/$batch', { requests: [get('a'), get('A')] })).status).toBe(400);
    expect((await call('POST', '/$batch', { requests: [get('1', { dependsOn: ['9'] })] })).status).toBe(400);
  });

  it('answers batch items like Graph: 424 after a failed dependency, 400 for /v1.0 item URLs and for a body without Content-Type', async () => {
    const r = await call('POST', '/$batch', { requests: [
      { id: '1', method: 'GET', url: '/users/nobody@contoso.onmicrosoft.com' },
      { id: '2', method: 'GET', url: '/users', dependsOn: ['1'] },
    ] });
    expect(r.json.responses.map((x: Json) => [x.id, x.status])).toEqual([['1', 404], ['2', 424]]);
    const items = await call('POST', '/$batch', { requests: [
      { id: '1', method: 'GET', url: '/v1.0/users' },
      { id: '2', method: 'POST', url: '/users', body: user('nobody') },
      { id: '3', method: 'POST', url: '/users', headers: json, body: user('somebody') },
    ] });
    expect(Object.fromEntries(items.json.responses.map((x: Json) => [x.id, x.status]))).toEqual({ 1: 400, 2: 400, 3: 201 });
  });

  it('lets a new user take the name of a deleted one, and then refuses to restore the deleted one under that name', async () => {
    const first = await call('POST', '/users', user('recycled'));
    expect(first.status).toBe(201);
    expect((await call('DELETE', `/users/${first.json.id}`)).status).toBe(204);
    const second = await call('POST', '/users', user('recycled'));
    expect(second.status).toBe(201);
    const restore = await call('POST', `/directory/deletedItems/${first.json.id}/restore`);
    expect(restore.status).toBe(400);
    expect(restore.json.error.details?.[0]?.code ?? restore.json.error.code).toMatch(/ObjectConflict/);
  });
});
