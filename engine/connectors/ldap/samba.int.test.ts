// Active Directory flavour against a real Samba AD DC; where Samba cannot run, the AD-flavour checks that do
// not need AD itself run against slapd and the reason is printed.
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SambaAdInstance, sambaAvailable, startSambaAd } from '../../../e2e/env/samba/index.ts';
import { AD_LIKE_SCHEMA, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import { eq } from './filter.ts';
import { guidToBytes, guidToString } from './guid.ts';
import type { AttributeChange, ExportChange, ImportChange } from '../contract.ts';
import { completeRanges, hasRanges } from './range-retrieval.ts';
import { connectorFor, drain, objectsByDn, testContext } from './test-fixtures.ts';

const availability = await sambaAvailable();
if (!availability.ok) console.log(`Samba AD checks run against slapd instead: ${availability.reason}`);

const replace = (attribute: string, ...values: (string | bigint)[]): AttributeChange => ({ attribute, op: 'replace', values });

describe.runIf(availability.ok)('Active Directory flavour against Samba AD', () => {
  let dc: SambaAdInstance;
  let admin: Client;
  const ou = () => `OU=IdSync,${dc.baseDn}`;
  const adConfig = () => ({
    url: dc.ldapsUrl,
    security: 'ldaps' as const,
    caPem: dc.caPem,
    tlsServerName: dc.tlsServerName,
    flavour: 'ad' as const,
    includeContainers: [ou()],
  });

  beforeAll(async () => {
    dc = await startSambaAd();
    admin = new Client({ url: dc.url });
    await admin.bind(dc.bindDn, dc.password);
    await admin.add(ou(), { objectClass: 'organizationalUnit', ou: 'IdSync' });
    await admin.add(`OU=Moved,${ou()}`, { objectClass: 'organizationalUnit', ou: 'Moved' });
    for (const name of ['ann', 'bob', 'cid']) {
      await admin.add(`CN=${name},${ou()}`, [
        new Attribute({ type: 'objectClass', values: ['user'] }),
        new Attribute({ type: 'sAMAccountName', values: [name] }),
        new Attribute({ type: 'userPrincipalName', values: [`${name}@example.test`] }),
        new Attribute({ type: 'givenName', values: [name.toUpperCase()] }),
        new Attribute({ type: 'thumbnailPhoto', values: [Buffer.from([0xff, 0xd8, 0x00, name.length])] }),
      ]);
    }
    await admin.add(`CN=team,${ou()}`, { objectClass: 'group', sAMAccountName: 'team', groupType: '-2147483646', member: [`CN=ann,${ou()}`, `CN=bob,${ou()}`] });
  });
  afterAll(async () => {
    await admin?.unbind();
    await dc?.stop();
  });

  it('connects over LDAPS with the DC CA and refuses without it', async () => {
    const c = connectorFor(dc, adConfig());
    const r = await c.testConnection(testContext());
    await c.close();
    expect(r).toMatchObject({ ok: true, message: expect.stringMatching(/Active Directory.*over TLS/) });
    const untrusted = connectorFor(dc, { ...adConfig(), caPem: undefined });
    expect((await untrusted.testConnection(testContext())).ok).toBe(false);
    await untrusted.close();
    const starttls = connectorFor(dc, { ...adConfig(), url: dc.url, security: 'starttls' });
    expect((await starttls.testConnection(testContext())).ok).toBe(true);
    await starttls.close();
  });

  it('discovers the domain partition and the OU tree', async () => {
    const c = connectorFor(dc, adConfig());
    const partitions = await c.discoverPartitions(testContext());
    expect(partitions.map((p) => p.id)).toContain(dc.baseDn);
    const tree = await c.discoverContainers(dc.baseDn, testContext());
    const idsync = tree.find((n) => n.name === 'IdSync');
    expect(idsync?.children.map((n) => n.name)).toEqual(['Moved']);
    const schema = await c.discoverSchema(testContext());
    await c.close();
    const user = schema.objectTypes.find((t) => t.name === 'user')!;
    expect(user.attributes.find((a) => a.name === 'objectSid')?.type).toBe('binary');
    expect(user.attributes.find((a) => a.name === 'manager')?.type).toBe('reference');
  });

  it('imports users and groups with objectGUID anchors, binary SIDs and member references', async () => {
    const c = connectorFor(dc, adConfig());
    const r = await drain(c.importFull({}, testContext()));
    await c.close();
    const objects = objectsByDn(r.changes);
    const ann = objects.get(`cn=ann,${ou()}`.toLowerCase())!;
    expect(ann.objectType).toBe('user');
    expect(ann.anchor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ann.attributes.objectSid[0]).toBeInstanceOf(Uint8Array);
    expect(ann.attributes.thumbnailPhoto[0]).toEqual(new Uint8Array([0xff, 0xd8, 0x00, 3]));
    expect(ann.attributes.userAccountControl[0]).toBe(546n);
    const team = objects.get(`cn=team,${ou()}`.toLowerCase())!;
    expect(team.objectType).toBe('group');
    expect(team.attributes.member).toHaveLength(2);
    expect(team.attributes.member.map((m) => (m as { dn: string }).dn.toLowerCase()).sort()).toEqual([`cn=ann,${ou()}`.toLowerCase(), `cn=bob,${ou()}`.toLowerCase()]);
    expect(JSON.parse(r.watermark!)).toMatchObject({ type: 'usn' });
    expect(objects.get(`ou=moved,${ou()}`.toLowerCase())?.objectType).toBe('organizationalUnit');
  });

  it('completes a ranged multi-valued attribute with follow-up range requests', async () => {
    const { searchEntries } = await admin.search(`CN=team,${ou()}`, { scope: 'base', attributes: ['member;range=0-0'] });
    const entry = searchEntries[0];
    expect(Object.keys(entry)).toContain('member;range=0-0');
    expect(hasRanges(entry)).toBe(true);
    await completeRanges(admin, entry, []);
    expect(hasRanges(entry)).toBe(false);
    expect([entry.member].flat().map((m) => String(m).toLowerCase()).sort()).toEqual([`cn=ann,${ou()}`.toLowerCase(), `cn=bob,${ou()}`.toLowerCase()]);
  });

  it('exports a user with a password over LDAPS, enables it, renames, moves and deletes', async () => {
    const c = connectorFor(dc, adConfig());
    const dn = `CN=dora,${ou()}`;
    const added: ExportChange = {
      csId: 'dora', op: 'add', objectType: 'user', dn, anchor: null,
      changes: [replace('objectClass', 'user'), replace('sAMAccountName', 'dora'), replace('userPrincipalName', 'dora@example.test'), replace('unicodePwd', 'Dora-Pw-2026!'), replace('userAccountControl', 512n)],
    };
    const [r] = await c.export([added], testContext());
    expect(r).toMatchObject({ ok: true, dn });
    expect(r.anchor).toMatch(/^[0-9a-f-]{36}$/);
    const user = new Client({ url: dc.url });
    await user.bind('dora@example.test', 'Dora-Pw-2026!');
    await user.unbind();

    const [dup] = await c.export([{ ...added, csId: 'dup', changes: [...added.changes.filter((x) => x.attribute !== 'sAMAccountName'), replace('sAMAccountName', 'dora-other')] }], testContext());
    expect(dup.error?.code).toBe('cd-existing-object');
    const [replayed] = await c.export([{ ...added, csId: 'again' }], testContext());
    expect(replayed).toMatchObject({ ok: true, anchor: r.anchor, matchedExisting: true });

    const [moved] = await c.export([{ csId: 'm', op: 'update', objectType: 'user', dn, newDn: `CN=dora2,OU=Moved,${ou()}`, anchor: r.anchor!, changes: [replace('title', 'Lead')] }], testContext());
    expect(moved).toMatchObject({ ok: true, dn: `CN=dora2,OU=Moved,${ou()}` });
    const imported = objectsByDn((await drain(c.importFull({}, testContext()))).changes);
    const dora = imported.get(`cn=dora2,ou=moved,${ou()}`.toLowerCase())!;
    expect(dora.anchor).toBe(r.anchor);
    expect(dora.attributes.title).toEqual(['Lead']);
    expect(dora.attributes.userAccountControl).toEqual([512n]);

    const plain = connectorFor(dc, { ...adConfig(), url: dc.url, security: 'none' });
    const [refused] = await plain.export([{ csId: 'p', op: 'update', objectType: 'user', dn: `CN=dora2,OU=Moved,${ou()}`, anchor: r.anchor!, changes: [replace('unicodePwd', 'Other-Pw-1!')] }], testContext());
    await plain.close();
    expect(refused.error?.code).toBe('encryption-not-enabled');

    const [gone] = await c.export([{ csId: 'd', op: 'delete', objectType: 'user', dn: `CN=dora2,OU=Moved,${ou()}`, anchor: r.anchor!, changes: [] }], testContext());
    await c.close();
    expect(gone.ok).toBe(true);
  });

  it('delta-imports changes and tombstones by uSNChanged', async () => {
    const c = connectorFor(dc, adConfig());
    const full = await drain(c.importFull({}, testContext()));
    const anchors = new Map(full.changes.map((x) => (x.kind === 'object' ? [x.object.dn.toLowerCase(), x.object.anchor] : ['', ''])));
    await admin.modify(`CN=ann,${ou()}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Director'] }) }));
    await admin.del(`CN=cid,${ou()}`);
    await admin.add(`CN=eve,${ou()}`, { objectClass: 'user', sAMAccountName: 'eve' });
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    await c.close();
    const objects = delta.changes.filter((x): x is Extract<ImportChange, { kind: 'object' }> => x.kind === 'object');
    expect(objects.find((o) => o.object.dn.toLowerCase() === `cn=ann,${ou()}`.toLowerCase())?.object.attributes.title).toEqual(['Director']);
    expect(objects.some((o) => o.object.dn.toLowerCase() === `cn=eve,${ou()}`.toLowerCase())).toBe(true);
    expect(objects.some((o) => o.object.dn.toLowerCase() === `cn=bob,${ou()}`.toLowerCase())).toBe(false);
    expect(delta.changes.filter((x) => x.kind === 'delete').map((x) => x.kind === 'delete' && x.anchor)).toEqual([anchors.get(`cn=cid,${ou()}`.toLowerCase())]);
    const none = await drain(c.importDelta(delta.watermark!, {}, testContext()));
    expect(none.changes).toEqual([]);
  });
});

// Runs everywhere (and is all that runs where Samba cannot): the AD flavour against slapd with AD's attribute
// names and syntaxes. slapd does not generate objectGUID, so the test supplies it.
describe('Active Directory flavour against slapd with AD-like attributes', () => {
  let slapd: SlapdInstance;
  let admin: Client;
  const guid = (i: number) => Buffer.from(`0${i}`.repeat(16).slice(0, 32), 'hex');
  const users = () => `ou=people,${slapd.suffix}`;
  const adLike = () => ({
    flavour: 'ad' as const,
    baseDns: [slapd.suffix],
    objectTypes: [
      { name: 'user', objectClasses: ['user'] },
      { name: 'group', objectClasses: ['group'] },
    ],
  });

  beforeAll(async () => {
    slapd = await startSlapd({ schemas: [AD_LIKE_SCHEMA] });
    admin = new Client({ url: slapd.url });
    await admin.bind(slapd.bindDn, slapd.password);
    for (const i of [1, 2]) {
      await admin.add(`cn=u${i},${users()}`, [
        new Attribute({ type: 'objectClass', values: ['user'] }),
        new Attribute({ type: 'cn', values: [`u${i}`] }),
        new Attribute({ type: 'sn', values: [`U${i}`] }),
        new Attribute({ type: 'sAMAccountName', values: [`u${i}`] }),
        new Attribute({ type: 'userAccountControl', values: ['514'] }),
        new Attribute({ type: 'objectGUID', values: [guid(i)] }),
        new Attribute({ type: 'objectSid', values: [Buffer.from([1, 5, 0, 0, 0, 0, 0, 5, i])] }),
      ]);
    }
    await admin.add(`cn=g1,ou=groups,${slapd.suffix}`, [
      new Attribute({ type: 'objectClass', values: ['group'] }),
      new Attribute({ type: 'cn', values: ['g1'] }),
      new Attribute({ type: 'member', values: [`cn=u1,${users()}`, `cn=u2,${users()}`] }),
      new Attribute({ type: 'objectGUID', values: [guid(9)] }),
    ]);
  });
  afterAll(async () => {
    await admin?.unbind();
    await slapd?.dispose();
  });

  it('imports with objectGUID anchors in GUID text form, binary SIDs, integers and references', async () => {
    const c = connectorFor(slapd, adLike());
    const r = await drain(c.importFull({}, testContext()));
    await c.close();
    const objects = objectsByDn(r.changes);
    const u1 = objects.get(`cn=u1,${users()}`)!;
    expect(u1).toMatchObject({ objectType: 'user', anchor: guidToString(guid(1)) });
    expect(u1.attributes.objectSid[0]).toEqual(new Uint8Array([1, 5, 0, 0, 0, 0, 0, 5, 1]));
    expect(u1.attributes.userAccountControl).toEqual([514n]);
    const g1 = objects.get(`cn=g1,ou=groups,${slapd.suffix}`)!;
    expect(g1.attributes.member).toEqual([{ dn: `cn=u1,${users()}` }, { dn: `cn=u2,${users()}` }]);
    expect(r.changes).toHaveLength(3);
  });

  it('finds an object by its GUID bytes with a binary filter value', async () => {
    const { searchEntries } = await admin.search(slapd.suffix, { filter: eq('objectGUID', guidToBytes(guidToString(guid(2)))), attributes: ['cn'] });
    expect(searchEntries.map((e) => e.cn)).toEqual(['u2']);
  });

  it('reads a binary anchor back after an add and refuses unicodePwd without TLS', async () => {
    const c = connectorFor(slapd, adLike());
    const [added] = await c.export(
      [{ csId: 'n', op: 'add', objectType: 'user', dn: `cn=u3,${users()}`, anchor: null, changes: [replace('objectClass', 'user'), replace('cn', 'u3'), replace('sn', 'U3'), replace('userAccountControl', 512n), { attribute: 'objectGUID', op: 'replace', values: [new Uint8Array(guid(3))] }] }],
      testContext(),
    );
    expect(added).toMatchObject({ ok: true, anchor: guidToString(guid(3)) });
    const [refused] = await c.export([{ csId: 'p', op: 'update', objectType: 'user', dn: `cn=u3,${users()}`, anchor: added.anchor!, changes: [replace('unicodePwd', 'x-y-z')] }], testContext());
    await c.close();
    expect(refused.error?.code).toBe('encryption-not-enabled');
  });
});
