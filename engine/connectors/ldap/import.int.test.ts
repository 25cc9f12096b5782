import { Attribute, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapAddText, peopleLdif, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import { isDnRef } from '../../model/values.ts';
import { buildDn } from './dn.ts';
import { and, eq } from './filter.ts';
import { connectorFor, drain, objectsByDn, testContext } from './test-fixtures.ts';

let slapd: SlapdInstance;
let client: Client;
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x80, 0xfe]);
const MEMBERS = 1600;

beforeAll(async () => {
  slapd = await startSlapd();
  const s = slapd.suffix;
  await ldapAddText(slapd, peopleLdif(MEMBERS, s));
  client = new Client({ url: slapd.url });
  await client.bind(slapd.bindDn, slapd.password);
  await client.add(`ou=staff,ou=people,${s}`, { objectClass: 'organizationalUnit', ou: 'staff' });
  await client.add(`ou=hidden,${s}`, { objectClass: 'organizationalUnit', ou: 'hidden' });
  await client.add(`uid=boss,ou=staff,ou=people,${s}`, { objectClass: 'inetOrgPerson', uid: 'boss', cn: 'Boss', sn: 'B' });
  await client.add(`uid=photo,ou=staff,ou=people,${s}`, [
    new Attribute({ type: 'objectClass', values: ['inetOrgPerson'] }),
    new Attribute({ type: 'uid', values: ['photo'] }),
    new Attribute({ type: 'cn', values: ['Photo Person'] }),
    new Attribute({ type: 'sn', values: ['P'] }),
    new Attribute({ type: 'manager', values: [`uid=boss,ou=staff,ou=people,${s}`] }),
    new Attribute({ type: 'jpegPhoto', values: [PHOTO] }),
    new Attribute({ type: 'mail', values: ['p1@example.com', 'p2@example.com'] }),
  ]);
  await client.add(`uid=secret,ou=hidden,${s}`, { objectClass: 'inetOrgPerson', uid: 'secret', cn: 'Secret', sn: 'S' });
  const members = Array.from({ length: MEMBERS }, (_, i) => `uid=user${String(i).padStart(6, '0')},ou=people,${s}`);
  await client.add(`cn=everyone,ou=groups,${s}`, { objectClass: 'groupOfNames', cn: 'everyone', member: members });
});
afterAll(async () => {
  await client?.unbind();
  await slapd?.dispose();
});

describe('discovery against slapd', () => {
  it('lists the naming context without the change log', async () => {
    const c = connectorFor(slapd);
    expect(await c.discoverPartitions(testContext())).toEqual([{ id: slapd.suffix, name: slapd.suffix }]);
    await c.close();
  });

  it('builds the container tree', async () => {
    const c = connectorFor(slapd);
    const tree = await c.discoverContainers(slapd.suffix);
    await c.close();
    expect(tree.map((n) => n.name)).toEqual(['groups', 'hidden', 'people']);
    expect(tree.find((n) => n.name === 'people')?.children.map((n) => n.dn)).toEqual([`ou=staff,ou=people,${slapd.suffix}`]);
  });

  it('reads object types and attribute syntaxes from the subschema', async () => {
    const c = connectorFor(slapd);
    const schema = await c.discoverSchema(testContext());
    await c.close();
    const person = schema.objectTypes.find((t) => t.name === 'inetOrgPerson')!;
    const attr = (n: string) => person.attributes.find((a) => a.name === n);
    expect(attr('jpegPhoto')).toMatchObject({ type: 'binary', multiValued: true });
    expect(attr('manager')).toMatchObject({ type: 'reference' });
    expect(attr('displayName')).toMatchObject({ type: 'string', multiValued: false });
    expect(attr('sn')).toBeDefined();
    expect(schema.objectTypes.find((t) => t.name === 'groupOfNames')?.attributes.find((a) => a.name === 'member')?.type).toBe('reference');
    expect(schema.objectTypes.some((t) => t.name === 'device')).toBe(true);
  });
});

describe('full import from slapd', () => {
  it('imports every object in scope with binary values, references and a large group whole', async () => {
    const c = connectorFor(slapd, { pageSize: 400, batchSize: 300 });
    const r = await drain(c.importFull({}, testContext()));
    await c.close();
    const objects = objectsByDn(r.changes);
    // people + staff/hidden/people/groups OUs + 3 extra persons + group
    expect(objects.size).toBe(MEMBERS + 4 + 3 + 1);
    expect(r.batches).toBeGreaterThan(5);
    expect(r.problems).toEqual([]);
    expect(JSON.parse(r.watermark!)).toMatchObject({ type: 'accesslog' });

    const photo = objects.get(`uid=photo,ou=staff,ou=people,${slapd.suffix}`)!;
    expect(photo.objectType).toBe('inetOrgPerson');
    expect(photo.anchor).toMatch(/^[0-9a-f-]{36}$/);
    expect(photo.attributes.jpegPhoto[0]).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(photo.attributes.jpegPhoto[0] as Uint8Array).equals(PHOTO)).toBe(true);
    expect(photo.attributes.manager).toEqual([{ dn: `uid=boss,ou=staff,ou=people,${slapd.suffix}` }]);
    expect(photo.attributes.mail).toEqual(['p1@example.com', 'p2@example.com']);
    expect(photo.attributes.entryUUID).toBeUndefined();

    const group = objects.get(`cn=everyone,ou=groups,${slapd.suffix}`)!;
    expect(group.objectType).toBe('groupOfNames');
    expect(group.attributes.member).toHaveLength(MEMBERS);
    expect(group.attributes.member.every(isDnRef)).toBe(true);
    const anchors = new Set([...objects.values()].map((o) => o.anchor));
    expect(anchors.size).toBe(objects.size);
  });

  it('honours included and excluded containers, object types and the attribute inclusion list', async () => {
    const c = connectorFor(slapd, {
      includeContainers: [`ou=people,${slapd.suffix}`, `ou=staff,ou=people,${slapd.suffix}`, `ou=hidden,${slapd.suffix}`],
      excludeContainers: [`ou=hidden,${slapd.suffix}`],
      attributes: ['cn', 'manager'],
    });
    const r = await drain(c.importFull({ objectTypes: ['inetOrgPerson'] }, testContext()));
    await c.close();
    const objects = objectsByDn(r.changes);
    expect(objects.size).toBe(MEMBERS + 2);
    expect(objects.has(`uid=secret,ou=hidden,${slapd.suffix}`)).toBe(false);
    const photo = objects.get(`uid=photo,ou=staff,ou=people,${slapd.suffix}`)!;
    expect(Object.keys(photo.attributes).sort()).toEqual(['cn', 'manager', 'objectClass']);
  });

  it('uses a configured per-type filter', async () => {
    const c = connectorFor(slapd, { objectTypes: [{ name: 'person', objectClasses: ['inetOrgPerson'], filter: '(uid=boss)' }] });
    const r = await drain(c.importFull({}, testContext()));
    await c.close();
    expect(r.changes.map((x) => (x.kind === 'object' ? x.object.dn : ''))).toEqual([`uid=boss,ou=staff,ou=people,${slapd.suffix}`]);
  });
});

describe('stopping early', () => {
  it('closes the searches cleanly when the consumer stops after the first batch', async () => {
    const c = connectorFor(slapd, { pageSize: 100, batchSize: 100 });
    const it = c.importFull({}, testContext());
    const first = await it.next();
    expect(first.done).toBe(false);
    await it.return(null);
    await new Promise((r) => setTimeout(r, 100));
    // The connector is still usable.
    expect((await c.discoverPartitions(testContext())).length).toBe(1);
    await c.close();
  });
});

describe('refused searches', () => {
  it('refuses a full import whose selected container is missing, naming it and what to do', async () => {
    const c = connectorFor(slapd, { includeContainers: [`ou=people,${slapd.suffix}`, `ou=gone,${slapd.suffix}`] });
    const failure = drain(c.importFull({}, testContext()));
    await expect(failure).rejects.toThrow(`Full import refused: the selected container "ou=gone,${slapd.suffix}" no longer exists`);
    await expect(failure).rejects.toThrow(/nothing was imported or deleted\. Select the container again under its new name \(idsync setup … --ou/);
    await c.close();
  });
});

describe('escaping against slapd', () => {
  it('cannot widen a search with a hostile value, and builds DNs that keep hostile values inside one RDN', async () => {
    const hostile = '*)(uid=*';
    const { searchEntries: none } = await client.search(slapd.suffix, { filter: and(eq('objectClass', 'inetOrgPerson'), eq('uid', hostile)) });
    expect(none).toHaveLength(0);
    const { searchEntries: all } = await client.search(slapd.suffix, { filter: '(uid=*)', attributes: ['1.1'], paged: { pageSize: 1000 } });
    expect(all.length).toBeGreaterThan(MEMBERS);

    const dn = buildDn('cn', 'Evil, Inc.+x=1', `ou=groups,${slapd.suffix}`);
    await client.add(dn, { objectClass: 'organizationalRole', cn: 'Evil, Inc.+x=1' });
    const { searchEntries } = await client.search(`ou=groups,${slapd.suffix}`, { scope: 'one', filter: eq('cn', 'Evil, Inc.+x=1'), attributes: ['cn'] });
    expect(searchEntries.map((e) => e.cn)).toEqual(['Evil, Inc.+x=1']);
    await client.del(dn);
  });
});
