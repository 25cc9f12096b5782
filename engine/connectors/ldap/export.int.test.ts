import { Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapAddText, peopleLdif, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import type { AttributeChange, ExportChange } from '../contract.ts';
import { buildDn } from './dn.ts';
import { connectorFor, drain, objectsByDn, testContext } from './test-fixtures.ts';

let slapd: SlapdInstance;
let client: Client;
const people = () => `ou=people,${slapd.suffix}`;

beforeAll(async () => {
  slapd = await startSlapd();
  await ldapAddText(slapd, peopleLdif(20, slapd.suffix));
  client = new Client({ url: slapd.url });
  await client.bind(slapd.bindDn, slapd.password);
  // A non-admin account for the permission check.
  await client.add(`uid=reader,${people()}`, { objectClass: 'inetOrgPerson', uid: 'reader', cn: 'Reader', sn: 'R', userPassword: 'reader-pw' });
});
afterAll(async () => {
  await client?.unbind();
  await slapd?.dispose();
});

const replace = (attribute: string, ...values: string[]): AttributeChange => ({ attribute, op: 'replace', values });
let n = 0;
const add = (dn: string, changes: AttributeChange[]): ExportChange => ({ csId: `cs${++n}`, op: 'add', objectType: 'inetOrgPerson', dn, anchor: null, changes });
const update = (dn: string, changes: AttributeChange[], newDn?: string): ExportChange => ({ csId: `cs${++n}`, op: 'update', objectType: 'inetOrgPerson', dn, newDn, anchor: 'a', changes });
const del = (dn: string): ExportChange => ({ csId: `cs${++n}`, op: 'delete', objectType: 'inetOrgPerson', dn, anchor: 'a', changes: [] });
const person = (uid: string) => [replace('objectClass', 'inetOrgPerson'), replace('uid', uid), replace('cn', `Person ${uid}`), replace('sn', uid)];

async function read(dn: string, attributes: string[]) {
  const { searchEntries } = await client.search(dn, { scope: 'base', attributes });
  return searchEntries[0];
}

describe('export to slapd', () => {
  it('adds objects, returns the anchor the next import sees, and respects order within the batch', async () => {
    const c = connectorFor(slapd);
    const ou = { ...add(`ou=new,${slapd.suffix}`, [replace('objectClass', 'organizationalUnit'), replace('ou', 'new')]), objectType: 'organizationalUnit' };
    const inside = add(`uid=inside,ou=new,${slapd.suffix}`, person('inside'));
    const withRef = add(`uid=a1,${people()}`, [...person('a1'), replace('manager', `uid=inside,ou=new,${slapd.suffix}`), { attribute: 'jpegPhoto', op: 'replace', values: [new Uint8Array([1, 2, 255])] }]);
    const results = await c.export([ou, inside, withRef], testContext());
    expect(results.map((r) => [r.csId, r.ok])).toEqual([[ou.csId, true], [inside.csId, true], [withRef.csId, true]]);
    const imported = objectsByDn((await drain(c.importFull({}, testContext()))).changes);
    await c.close();
    expect(results[2].anchor).toBe(imported.get(`uid=a1,${people()}`)?.anchor);
    expect(results[0].anchor).toBe(imported.get(`ou=new,${slapd.suffix}`)?.anchor);
    expect(Buffer.from(imported.get(`uid=a1,${people()}`)!.attributes.jpegPhoto[0] as Uint8Array)).toEqual(Buffer.from([1, 2, 255]));
  });

  it('applies minimal modifications, renames, moves and deletes', async () => {
    const c = connectorFor(slapd);
    const results = await c.export(
      [
        update(`uid=user000001,${people()}`, [
          { attribute: 'mail', op: 'add', values: ['second@example.com'] },
          { attribute: 'title', op: 'replace', values: ['Chief'] },
          { attribute: 'telephoneNumber', op: 'delete', values: [] },
        ]),
        update(`uid=user000002,${people()}`, [{ attribute: 'mail', op: 'delete', values: ['user000002@example.com'] }]),
        update(`uid=user000003,${people()}`, [replace('title', 'Moved')], `uid=user000003,ou=groups,${slapd.suffix}`),
        update(`uid=user000005,${people()}`, [], `uid=renamed5,${people()}`),
        del(`uid=user000006,${people()}`),
      ],
      testContext(),
    );
    await c.close();
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(results[2].dn).toBe(`uid=user000003,ou=groups,${slapd.suffix}`);
    const u1 = await read(`uid=user000001,${people()}`, ['mail', 'title', 'telephoneNumber']);
    expect(u1.mail).toEqual(['user000001@example.com', 'second@example.com']);
    expect(u1.title).toBe('Chief');
    expect(u1.telephoneNumber).toEqual([]);
    expect((await read(`uid=user000002,${people()}`, ['mail'])).mail).toEqual([]);
    expect((await read(`uid=user000003,ou=groups,${slapd.suffix}`, ['title'])).title).toBe('Moved');
    expect((await read(`uid=renamed5,${people()}`, ['uid'])).uid).toBe('renamed5'); // old RDN value removed
    await expect(read(`uid=user000006,${people()}`, ['uid'])).rejects.toThrow();
  });

  it('maps LDAP result codes to export error codes and keeps going after a failure', async () => {
    const c = connectorFor(slapd);
    const batch = [
      add(`uid=user000007,${people()}`, person('other')), // exists, with other values
      update(`uid=ghost,${people()}`, [replace('title', 'x')]), // missing
      del(`uid=ghost,${people()}`), // already gone: done
      add(`uid=orphan,ou=nowhere,${slapd.suffix}`, person('orphan')), // parent missing
      add(`uid=nosn,${people()}`, [replace('objectClass', 'inetOrgPerson'), replace('uid', 'nosn'), replace('cn', 'No Sn')]), // schema
      update(`uid=user000008,${people()}`, [replace('mail', 'bad é@example.com')]), // IA5 syntax
      update(`uid=user000008,${people()}`, [replace('displayName', 'one', 'two')]), // single-valued
      update(`uid=user000008,${people()}`, [replace('noSuchAttr', 'x')]), // undefined attribute
      add(`uid=fine,${people()}`, person('fine')),
    ];
    const results = await c.export(batch, testContext());
    await c.close();
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual([
      'cd-existing-object',
      'cd-missing-object',
      'ok',
      'non-existent-parent',
      'schema-violation',
      'syntax-violation',
      'constraint-violation',
      'schema-violation',
      'ok',
    ]);
    expect(results[1].error?.message).toContain(`uid=ghost,${people()}`);
    expect(results[1].error?.message).toMatch(/no such object \(LDAP 32\)/);
    expect(results[0].error?.message).toMatch(/already exists \(LDAP 68\).*differs in uid/);
    expect(results.map((r) => r.csId)).toEqual(batch.map((b) => b.csId));
  });

  it('reports missing write permission as permission-issue', async () => {
    const reader = connectorFor({ url: slapd.url, bindDn: `uid=reader,${people()}`, password: 'reader-pw' });
    const [r] = await reader.export([update(`uid=user000009,${people()}`, [replace('title', 'nope')])], testContext());
    await reader.close();
    expect(r).toMatchObject({ ok: false, error: { code: 'permission-issue' } });
    expect(JSON.stringify(r)).not.toContain('reader-pw');
  });

  it('exports a DN built from hostile data as one entry', async () => {
    const c = connectorFor(slapd);
    const dn = buildDn('uid', 'x,ou=admins+cn=y', people());
    const [r] = await c.export([add(dn, person('x,ou=admins+cn=y'))], testContext());
    await c.close();
    expect(r.ok).toBe(true);
    expect((await read(dn, ['uid'])).uid).toBe('x,ou=admins+cn=y');
  });

  it('refuses to send a password over an unencrypted connection', async () => {
    const c = connectorFor(slapd);
    const [r] = await c.export([update(`uid=user000009,${people()}`, [replace('unicodePwd', 'Secret-Pw-1')])], testContext());
    await c.close();
    expect(r.error?.code).toBe('encryption-not-enabled');
    expect(JSON.stringify(r)).not.toContain('Secret-Pw-1');
  });

  it('renames before it modifies and never removes the naming value', async () => {
    const c = connectorFor(slapd);
    await client.add(`uid=nm1,${people()}`, { objectClass: 'inetOrgPerson', uid: 'nm1', cn: 'nm1', sn: 'n' });
    await client.add(`uid=nm2,${people()}`, { objectClass: 'inetOrgPerson', uid: ['nm2', 'alias2'], cn: 'nm2', sn: 'n' });
    await client.add(`uid=nm3,${people()}`, { objectClass: 'inetOrgPerson', uid: ['nm3', 'alias3'], cn: 'nm3', sn: 'n' });
    const results = await c.export(
      [
        // The engine's view: the uid changes, and so does the DN built from it.
        update(`uid=nm1,${people()}`, [{ attribute: 'uid', op: 'delete', values: ['nm1'] }, { attribute: 'uid', op: 'add', values: ['nm1b'] }, replace('title', 'Renamed')], `uid=nm1b,ou=groups,${slapd.suffix}`),
        // A replace and a whole-attribute delete that leave out the value the entry is named by.
        update(`uid=nm2,${people()}`, [replace('uid', 'alias3')]),
        update(`uid=nm3,${people()}`, [{ attribute: 'uid', op: 'delete', values: [] }]),
      ],
      testContext(),
    );
    await c.close();
    expect(results.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    expect(await read(`uid=nm1b,ou=groups,${slapd.suffix}`, ['uid', 'title'])).toMatchObject({ uid: 'nm1b', title: 'Renamed' });
    const nm2 = await read(`uid=nm2,${people()}`, ['uid', 'cn']);
    expect([nm2.uid].flat().sort()).toEqual(['alias3', 'nm2']);
    expect((await read(`uid=nm3,${people()}`, ['uid'])).uid).toBe('nm3');
  });

  it('confirms a replayed add, delete, rename and modify instead of failing', async () => {
    const c = connectorFor(slapd);
    const batch = [
      add(`uid=rp1,${people()}`, [...person('rp1'), replace('mail', 'rp1@example.com')]),
      update(`uid=user000010,${people()}`, [{ attribute: 'mail', op: 'add', values: ['more@example.com'] }, { attribute: 'telephoneNumber', op: 'delete', values: [] }]),
      update(`uid=user000011,${people()}`, [{ attribute: 'mail', op: 'delete', values: ['user000011@example.com'] }], `uid=rp11,${people()}`),
      del(`uid=user000012,${people()}`),
    ];
    const first = await c.export(batch, testContext());
    const { searchEntries } = await client.search(`uid=rp11,${people()}`, { scope: 'base', attributes: ['entryUUID'] });
    const replay = batch.map((b) => (b.newDn ? { ...b, anchor: String(searchEntries[0].entryUUID) } : b));
    const second = await c.export(replay, testContext());
    await c.close();
    expect(first.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(second.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(second[0]).toMatchObject({ matchedExisting: true, anchor: first[0].anchor });
    expect(second[2].dn).toBe(`uid=rp11,${people()}`);
    expect((await read(`uid=user000010,${people()}`, ['mail'])).mail).toEqual(['user000010@example.com', 'more@example.com']);
  });

  it('frees a DN before it is taken again within one batch', async () => {
    const c = connectorFor(slapd);
    await client.add(`ou=tmp,${slapd.suffix}`, { objectClass: 'organizationalUnit', ou: 'tmp' });
    await client.add(`uid=inner,ou=tmp,${slapd.suffix}`, { objectClass: 'inetOrgPerson', uid: 'inner', cn: 'inner', sn: 'i' });
    const results = await c.export(
      [
        // In the order a careless planner might send them: the take before the free.
        add(`uid=user000013,${people()}`, person('user000013-new').map((x) => (x.attribute === 'uid' ? replace('uid', 'user000013') : x))),
        update(`uid=user000014,${people()}`, [], `uid=user000015,${people()}`),
        update(`uid=user000015,${people()}`, [], `uid=user000016b,${people()}`),
        del(`uid=user000013,${people()}`),
        del(`ou=tmp,${slapd.suffix}`),
        del(`uid=inner,ou=tmp,${slapd.suffix}`),
      ],
      testContext(),
    );
    await c.close();
    expect(results.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect((await read(`uid=user000013,${people()}`, ['cn'])).cn).toBe('Person user000013-new');
    expect((await read(`uid=user000015,${people()}`, ['mail'])).mail).toBe('user000014@example.com');
    expect((await read(`uid=user000016b,${people()}`, ['mail'])).mail).toBe('user000015@example.com');
    await expect(read(`ou=tmp,${slapd.suffix}`, ['ou'])).rejects.toThrow();
  });

  it('lets the entries below a renamed OU follow it within the batch', async () => {
    const c = connectorFor(slapd);
    await client.add(`ou=before,${slapd.suffix}`, { objectClass: 'organizationalUnit', ou: 'before' });
    for (const uid of ['c1', 'c2']) await client.add(`uid=${uid},ou=before,${slapd.suffix}`, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid });
    const results = await c.export(
      [
        update(`ou=before,${slapd.suffix}`, [{ attribute: 'ou', op: 'replace', values: ['after'] }], `ou=after,${slapd.suffix}`),
        // Sent with the DNs the engine knew before the OU moved: one without a rename of its own, one renamed too.
        update(`uid=c1,ou=before,${slapd.suffix}`, [replace('title', 'Followed')]),
        update(`uid=c2,ou=before,${slapd.suffix}`, [replace('title', 'Renamed')], `uid=c2b,ou=after,${slapd.suffix}`),
      ],
      testContext(),
    );
    await c.close();
    expect(results.map((r) => r.error?.message ?? r.dn)).toEqual([`ou=after,${slapd.suffix}`, `uid=c1,ou=after,${slapd.suffix}`, `uid=c2b,ou=after,${slapd.suffix}`]);
    expect((await read(`uid=c1,ou=after,${slapd.suffix}`, ['title'])).title).toBe('Followed');
    expect((await read(`uid=c2b,ou=after,${slapd.suffix}`, ['title'])).title).toBe('Renamed');
  });
});
