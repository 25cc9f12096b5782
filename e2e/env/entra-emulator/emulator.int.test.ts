import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntraEmulator, type EntraEmulator } from './index.ts';
import { HttpsTransport } from '../../../engine/connectors/entra/https-transport.ts';

// Replies are checked structurally by the assertions, so the test reads them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Entra emulator: Graph behaviours at the HTTP level', () => {
  let emu: EntraEmulator;
  let http: HttpsTransport;
  let token = '';

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const reply = await http.send(method, `${emu.graphBaseUrl}/v1.0${path}`, {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers,
    }, body === undefined ? undefined : JSON.stringify(body));
    const text = reply.body.toString('utf8');
    return { status: reply.status, headers: reply.headers, json: (text ? JSON.parse(text) : undefined) as Json };
  };
  const newUser = (n: string) => ({ accountEnabled: true, displayName: n, mailNickname: n, userPrincipalName: `${n}@contoso.onmicrosoft.com`, passwordProfile: { password: 'Xy12345678!' } });

  beforeAll(async () => {
    emu = await startEntraEmulator({ writeQuota: { limit: 5, windowMs: 60_000 } });
    http = new HttpsTransport(emu.caPem);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret, scope: 'https://graph.microsoft.com/.default' });
    const reply = await http.send('POST', `${emu.authority}/oauth2/v2.0/token`, { 'Content-Type': 'application/x-www-form-urlencoded' }, form.toString());
    token = JSON.parse(reply.body.toString('utf8')).access_token;
  });
  afterAll(async () => { http?.close(); await emu?.stop(); });

  it('serves OpenID metadata whose issuer has the emulator host and port', async () => {
    const reply = await http.send('GET', `${emu.authority}/v2.0/.well-known/openid-configuration`, {});
    const doc = JSON.parse(reply.body.toString('utf8'));
    expect(doc.issuer).toBe(`${emu.authority}/v2.0`);
    expect(doc.token_endpoint).toBe(`${emu.authority}/oauth2/v2.0/token`);
  });

  it('answers 401 InvalidAuthenticationToken without a valid token, with Graph error body and request ids', async () => {
    const saved = token;
    token = 'forged';
    const r = await call('GET', '/users', undefined, { 'client-request-id': 'abc-123' });
    token = saved;
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('InvalidAuthenticationToken');
    expect(r.json.error.innerError).toMatchObject({ 'client-request-id': 'abc-123', 'request-id': expect.any(String), date: expect.any(String) });
    expect(r.headers['client-request-id']).toBe('abc-123');
  });

  it('filters, selects and pages with $top and absolute nextLinks', async () => {
    for (const n of ['ann', 'anna', 'bob']) emu.state.addUser({ userPrincipalName: `${n}@contoso.onmicrosoft.com`, displayName: n, mailNickname: n, mail: `${n}@contoso.com` });
    const first = await call('GET', `/users?$filter=${encodeURIComponent("startswith(displayName,'AN')")}&$select=displayName&$top=1`);
    expect(first.json.value).toEqual([{ id: expect.any(String), displayName: expect.stringMatching(/^ann/) }]);
    expect(first.json['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?.*\$skiptoken=/);
    const next = await call('GET', first.json['@odata.nextLink'].replace(`${emu.graphBaseUrl}/v1.0`, ''));
    expect(next.json.value).toHaveLength(1);
    expect(next.json['@odata.nextLink']).toBeUndefined();
    const any = await call('GET', `/users?$filter=${encodeURIComponent("proxyAddresses/any(p:p eq 'smtp:BOB@contoso.com')")}`);
    expect(any.json.value.map((u: Json) => u.displayName)).toEqual(['bob']);
    expect((await call('GET', '/users?$top=1000')).json.error.code).toBe('Request_UnsupportedQuery');
    expect((await call('GET', `/users?$filter=${encodeURIComponent('displayName ne 1')}`)).json.error.code).toBe('Request_UnsupportedQuery');
    expect((await call('GET', '/users/bob@contoso.onmicrosoft.com?$select=mail')).json.mail).toBe('bob@contoso.com');
    expect((await call('GET', '/users/missing')).json.error.code).toBe('Request_ResourceNotFound');
  });

  it('runs $batch items with per-item statuses, dependsOn (424) and Graph limits', async () => {
    const r = await call('POST', '/$batch', { requests: [
      { id: '1', method: 'POST', url: '/users', headers: { 'Content-Type': 'application/json' }, body: newUser('b1') },
      { id: '2', method: 'POST', url: '/users', headers: { 'Content-Type': 'application/json' }, body: newUser('B1'), dependsOn: ['1'] },
      { id: '3', method: 'GET', url: '/users/b1@contoso.onmicrosoft.com', dependsOn: ['2'] },
    ] });
    expect(r.status).toBe(200);
    const status = Object.fromEntries(r.json.responses.map((x: Json) => [x.id, x.status]));
    expect(status).toEqual({ 1: 201, 2: 400, 3: 424 });
    const conflict = r.json.responses.find((x: Json) => x.id === '2').body.error;
    expect(conflict.details[0]).toMatchObject({ code: 'ObjectConflict', target: 'userPrincipalName' });
    const parallel = await call('POST', '/$batch', { requests: [
      { id: '4', method: 'GET', url: '/v1.0/users' },
      { id: '5', method: 'POST', url: '/users', body: newUser('b5') },
    ] });
    expect(Object.fromEntries(parallel.json.responses.map((x: Json) => [x.id, x.status]))).toEqual({ 4: 400, 5: 400 });
    const tooMany = await call('POST', '/$batch', { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toBe('Number of requests in the batch exceeds the limit of 20.');
    const dupIds = await call('POST', '/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users' }, { id: 'A', method: 'GET', url: '/users' }] });
    expect(dupIds.status).toBe(400);
  });

  it('throttles writes over the quota with 429 + Retry-After, also inside $batch', async () => {
    // Two writes were counted above (b1 created, B1 refused); the quota is 5 per minute.
    const r = await call('POST', '/$batch', { requests: Array.from({ length: 5 }, (_, i) => ({
      id: String(i), method: 'POST', url: '/users', headers: { 'Content-Type': 'application/json' }, body: newUser(`t${i}`) })) });
    const statuses = r.json.responses.map((x: Json) => x.status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const throttled = r.json.responses[3];
    expect(Number(throttled.headers['Retry-After'])).toBeGreaterThan(0);
    expect(throttled.body.error.code).toBe('TooManyRequests');
    const single = await call('PATCH', `/users/t0@contoso.onmicrosoft.com`, { jobTitle: 'x' });
    expect(single.status).toBe(429);
    expect(Number(single.headers['retry-after'])).toBeGreaterThan(0);
    emu.state.quota.options = { limit: 1000, windowMs: 60_000 };
  });

  it('enforces read-only properties, read-only contacts and on-premises mastered objects', async () => {
    expect((await call('POST', '/users', { ...newUser('ro'), proxyAddresses: ['SMTP:x@contoso.com'] })).json.error.message).toMatch(/'proxyAddresses' is read-only/);
    const contact = await call('POST', '/contacts', { displayName: 'c' });
    expect(contact.status).toBe(405);
    expect(contact.json.error.message).toMatch(/read-only in Microsoft Graph/);
    const synced = emu.state.addUser({ userPrincipalName: 'synced@contoso.onmicrosoft.com', displayName: 's', mailNickname: 's', onPremisesSyncEnabled: true });
    const patch = await call('PATCH', `/users/${synced}`, { displayName: 'changed' });
    expect(patch.json.error.message).toMatch(/on-premises mastered Directory Sync objects/);
    expect((await call('PATCH', `/users/${synced}`, { usageLocation: 'DE' })).status).toBe(204);
    expect((await call('POST', '/users', { displayName: 'x' })).json.error.message).toMatch(/Invalid value specified for property 'accountEnabled'/);
    const dl = await call('POST', '/groups', { displayName: 'DL', mailNickname: 'dl', mailEnabled: true, securityEnabled: false });
    expect(dl.json.error.message).toBe('Cannot Create a mail-enabled security groups and or distribution list.');
  });

  it('answers delta with deltaLink, @removed and members@delta, and 410 with Location after a reset', async () => {
    const member = emu.state.addUser({ userPrincipalName: 'dm@contoso.onmicrosoft.com', displayName: 'dm', mailNickname: 'dm' });
    let page = await call('GET', '/groups/delta?$select=displayName,members');
    while (page.json['@odata.nextLink']) page = await call('GET', page.json['@odata.nextLink'].replace(`${emu.graphBaseUrl}/v1.0`, ''));
    const link = page.json['@odata.deltaLink'].replace(`${emu.graphBaseUrl}/v1.0`, '');
    const group = emu.state.addGroup({ displayName: 'dg', mailNickname: 'dg' }, [member]);
    const round = await call('GET', link);
    expect(round.json.value).toEqual([{ id: group, displayName: 'dg', 'members@delta': [{ '@odata.type': '#microsoft.graph.user', id: member }] }]);
    const link2 = round.json['@odata.deltaLink'].replace(`${emu.graphBaseUrl}/v1.0`, '');
    emu.state.removeMember(group, member);
    emu.state.softDelete(member);
    const round2 = await call('GET', link2);
    expect(round2.json.value[0]['members@delta']).toEqual([{ '@odata.type': '#microsoft.graph.user', id: member, '@removed': { reason: 'deleted' } }]);
    const users = await call('GET', link2.replace('/groups/', '/users/'));
    expect(users.json.value).toEqual([{ id: member, '@removed': { reason: 'changed' } }]);
    emu.state.resetDeltaTokens();
    const gone = await call('GET', link2);
    expect(gone.status).toBe(410);
    expect(gone.headers.location).toMatch(/\/v1\.0\/groups\/delta\?\$deltatoken=$/);
  });
});
