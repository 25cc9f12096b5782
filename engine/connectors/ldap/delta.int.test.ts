import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapAddText, peopleLdif, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import { WatermarkExpiredError, type ImportChange } from '../contract.ts';
import { applyChanges, connectorFor, deltaEqualsFull, drain, objectsByAnchor, picture, testContext } from './test-fixtures.ts';

let slapd: SlapdInstance;
let client: Client;
const anchorOf = new Map<string, string>();

beforeAll(async () => {
  slapd = await startSlapd();
  await ldapAddText(slapd, peopleLdif(20, slapd.suffix));
  client = new Client({ url: slapd.url });
  await client.bind(slapd.bindDn, slapd.password);
});
afterAll(async () => {
  await client?.unbind();
  await slapd?.dispose();
});

const people = () => `ou=people,${slapd.suffix}`;
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
const setAttr = (dn: string, type: string, ...values: string[]) => client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type, values }) }));
const addOu = (dn: string) => client.add(dn, { objectClass: 'organizationalUnit', ou: dn.slice(3, dn.indexOf(',')) });
const addPerson = (dn: string, extra: Record<string, string> = {}) => {
  const uid = dn.slice(4, dn.indexOf(','));
  return client.add(dn, { objectClass: 'inetOrgPerson', uid, cn: uid, sn: uid, ...extra });
};

describe('OpenLDAP delta import from cn=accesslog', () => {
  it('delivers adds, modifies, renames, moves and deletes since the full import, then nothing', async () => {
    // Pages of two log records: the objects read between pages must not end the paged search of the log.
    const c = connectorFor(slapd, { batchSize: 1000, pageSize: 2 });
    const full = await drain(c.importFull({}, testContext()));
    for (const ch of full.changes) if (ch.kind === 'object') anchorOf.set(ch.object.dn, ch.object.anchor);
    const w0 = full.watermark!;

    await client.add(`uid=new1,${people()}`, [
      new Attribute({ type: 'objectClass', values: ['inetOrgPerson'] }),
      new Attribute({ type: 'uid', values: ['new1'] }),
      new Attribute({ type: 'cn', values: ['New One'] }),
      new Attribute({ type: 'sn', values: ['One'] }),
      new Attribute({ type: 'jpegPhoto', values: [Buffer.from([0xff, 0x00, 0xfe])] }),
    ]);
    await client.modify(`uid=user000001,${people()}`, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Lead'] }) }),
      new Change({ operation: 'add', modification: new Attribute({ type: 'mail', values: ['extra@example.com'] }) }),
      new Change({ operation: 'delete', modification: new Attribute({ type: 'telephoneNumber', values: [] }) }),
    ]);
    await client.modifyDN(`uid=user000002,${people()}`, `uid=renamed2,${people()}`);
    await client.modifyDN(`uid=user000003,${people()}`, `uid=user000003,ou=groups,${slapd.suffix}`);
    await client.del(`uid=user000004,${people()}`);
    // An entry of no configured type, added and changed: nothing to deliver (no update of an unknown object).
    await client.add(`cn=outside,ou=groups,${slapd.suffix}`, { objectClass: 'organizationalRole', cn: 'outside' });
    await setAttr(`cn=outside,ou=groups,${slapd.suffix}`, 'description', 'changed');

    const delta = await drain(c.importDelta(w0, {}, testContext()));
    const byKind = (k: ImportChange['kind']) => delta.changes.filter((x) => x.kind === k);
    const objects = byKind('object') as Extract<ImportChange, { kind: 'object' }>[];
    const added = objects.find((o) => o.object.dn === `uid=new1,${people()}`)!;
    expect(added.object.objectType).toBe('inetOrgPerson');
    expect(added.object.attributes.cn).toEqual(['New One']);
    expect(Buffer.from(added.object.attributes.jpegPhoto[0] as Uint8Array)).toEqual(Buffer.from([0xff, 0x00, 0xfe]));
    expect(Object.keys(added.object.attributes)).not.toContain('entryCSN');

    const updates = byKind('update') as Extract<ImportChange, { kind: 'update' }>[];
    expect(updates).toHaveLength(1);
    expect(updates[0].anchor).toBe(anchorOf.get(`uid=user000001,${people()}`));
    expect(json(updates[0].changes)).toBe(
      json([
        { attribute: 'title', op: 'replace', values: ['Lead'] },
        { attribute: 'mail', op: 'add', values: ['extra@example.com'] },
        { attribute: 'telephoneNumber', op: 'delete', values: [] },
      ]),
    );
    // Renamed and moved objects arrive whole, with their new DN and the same anchor.
    const renamed = objects.find((o) => o.object.anchor === anchorOf.get(`uid=user000002,${people()}`))!;
    expect(renamed.object.dn).toBe(`uid=renamed2,${people()}`);
    expect(renamed.object.attributes.uid).toEqual(['renamed2']);
    const moved = objects.find((o) => o.object.anchor === anchorOf.get(`uid=user000003,${people()}`))!;
    expect(moved.object.dn).toBe(`uid=user000003,ou=groups,${slapd.suffix}`);
    expect(objects).toHaveLength(3);
    expect(byKind('delete')).toEqual([{ kind: 'delete', anchor: anchorOf.get(`uid=user000004,${people()}`), dn: `uid=user000004,${people()}` }]);
    expect(delta.batchWatermarks.every((w) => w !== undefined)).toBe(true);

    const after = await drain(c.importFull({}, testContext()));
    expect(picture(applyChanges(objectsByAnchor(full.changes), delta.changes))).toEqual(picture(objectsByAnchor(after.changes)));
    const again = await drain(c.importDelta(delta.watermark!, {}, testContext()));
    expect(again.changes).toEqual([]);
    expect(again.watermark).toBe(delta.watermark);
    await c.close();
  });

  it('keeps a moved-out object out of scope and fetches one that moved in', async () => {
    const c = connectorFor(slapd, { includeContainers: [people()] });
    const { watermark } = await drain(c.importFull({}, testContext()));
    await client.modifyDN(`uid=user000005,${people()}`, `uid=user000005,ou=groups,${slapd.suffix}`);
    await client.modifyDN(`uid=user000003,ou=groups,${slapd.suffix}`, `uid=user000003,${people()}`);
    const delta = await drain(c.importDelta(watermark!, {}, testContext()));
    await c.close();
    expect(delta.changes.find((x) => x.kind === 'delete')).toMatchObject({ anchor: anchorOf.get(`uid=user000005,${people()}`) });
    const back = delta.changes.find((x) => x.kind === 'object') as Extract<ImportChange, { kind: 'object' }>;
    expect(back.object).toMatchObject({ dn: `uid=user000003,${people()}`, anchor: anchorOf.get(`uid=user000003,${people()}`) });
    expect(back.object.attributes.mail).toEqual(['user000003@example.com']);
  });

  it('moves every object below a renamed OU to its new DN in the same delta, and deletes them when the OU leaves the scope', async () => {
    const dept = `ou=dept,${people()}`;
    await addOu(dept);
    await addOu(`ou=team,${dept}`);
    await addPerson(`uid=d1,${dept}`);
    await addPerson(`uid=t1,ou=team,${dept}`);
    const config = { includeContainers: [people()] };
    const renamed = await deltaEqualsFull(slapd, config, () => client.modifyDN(dept, `ou=division,${people()}`));
    const dns = renamed.map((x) => (x.kind === 'object' ? x.object.dn : `${x.kind}:${x.dn}`));
    expect(dns).toEqual(expect.arrayContaining([`uid=d1,ou=division,${people()}`, `uid=t1,ou=team,ou=division,${people()}`, `ou=team,ou=division,${people()}`]));
    expect(renamed.every((x) => x.kind === 'object')).toBe(true);

    const left = await deltaEqualsFull(slapd, config, () => client.modifyDN(`ou=division,${people()}`, `ou=division,ou=groups,${slapd.suffix}`));
    expect(left.filter((x) => x.kind === 'delete')).toHaveLength(4);
    expect(left.filter((x) => x.kind !== 'delete')).toEqual([]);

    const back = await deltaEqualsFull(slapd, config, () => client.modifyDN(`ou=division,ou=groups,${slapd.suffix}`, `ou=division,${people()}`));
    expect(back.filter((x) => x.kind === 'object')).toHaveLength(4);
  });

  it("applies the object type's own LDAP filter exactly as the full import does", async () => {
    await addPerson(`uid=staffa,${people()}`, { employeeType: 'staff' });
    await addPerson(`uid=contrb,${people()}`, { employeeType: 'contractor' });
    const config = { objectTypes: [{ name: 'person', objectClasses: ['inetOrgPerson'], filter: '(employeeType=staff)' }] };
    const changes = await deltaEqualsFull(slapd, config, async () => {
      await addPerson(`uid=contrc,${people()}`, { employeeType: 'contractor' });
      await setAttr(`uid=contrc,${people()}`, 'title', 'Temp');
      await setAttr(`uid=staffa,${people()}`, 'employeeType', 'contractor');
      await setAttr(`uid=contrb,${people()}`, 'employeeType', 'staff');
    });
    const dns = (kind: string) => changes.filter((x) => x.kind === kind).map((x) => (x.kind === 'object' ? x.object.dn : x.kind === 'delete' ? x.anchor : ''));
    expect(dns('object')).toEqual([`uid=contrb,${people()}`]);
    // staffa left the type; contrc never matched it (a deletion of an unknown object is a filtered deletion).
    const uuid = async (uid: string) => String((await client.search(`uid=${uid},${people()}`, { scope: 'base', attributes: ['entryUUID'] })).searchEntries[0].entryUUID);
    expect(dns('delete').sort()).toEqual([await uuid('staffa'), await uuid('contrc')].sort());
  });

  it('goes on without a renamed selected container: names its old and new DN, deletes nothing; the full import refuses', async () => {
    const sel1 = `ou=sel1,${slapd.suffix}`;
    const sel2 = `ou=sel2,${slapd.suffix}`;
    await addOu(sel1);
    await addOu(sel2);
    await addPerson(`uid=s1,${sel1}`);
    await addPerson(`uid=s2,${sel2}`);
    const c = connectorFor(slapd, { includeContainers: [sel1, sel2] });
    const full = await drain(c.importFull({}, testContext()));
    expect(full.changes).toHaveLength(4);
    await client.modifyDN(sel1, `ou=sel1-renamed,${slapd.suffix}`);
    await setAttr(`uid=s2,${sel2}`, 'title', 'Still here');
    await setAttr(`uid=s1,ou=sel1-renamed,${slapd.suffix}`, 'title', 'Moved with its OU');
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(delta.changes.filter((x) => x.kind === 'delete')).toEqual([]);
    expect(delta.changes).toEqual([expect.objectContaining({ kind: 'update', dn: `uid=s2,${sel2}` })]);
    expect(delta.problems).toHaveLength(1);
    expect(delta.problems[0]).toMatchObject({ location: sel1 });
    expect(delta.problems[0].message).toContain(`was renamed or moved to "ou=sel1-renamed,${slapd.suffix}"`);
    expect(delta.problems[0].message).toContain(`--ou "ou=sel1-renamed,${slapd.suffix}"`);
    await expect(drain(c.importFull({}, testContext()))).rejects.toThrow(`the selected container "${sel1}" no longer exists`);
    await c.close();
  });

  it('refuses unreadable, foreign and purged watermarks with WatermarkExpiredError', async () => {
    const c = connectorFor(slapd);
    for (const w of ['garbage', '{"type":"usn","usn":"5","dsa":"x"}', '{"type":"accesslog","reqStart":"20000101000000.000001Z"}']) {
      await expect(drain(c.importDelta(w, {}, testContext()))).rejects.toBeInstanceOf(WatermarkExpiredError);
    }
    await c.close();
  });
});

describe('OpenLDAP delta import without accesslog (entryCSN)', () => {
  let plain: SlapdInstance;
  let admin: Client;
  beforeAll(async () => {
    plain = await startSlapd({ accesslog: false });
    await ldapAddText(plain, peopleLdif(5, plain.suffix));
    admin = new Client({ url: plain.url });
    await admin.bind(plain.bindDn, plain.password);
  });
  afterAll(async () => {
    await admin?.unbind();
    await plain?.dispose();
  });

  it('delivers changed entries as whole objects', async () => {
    const c = connectorFor(plain);
    const full = await drain(c.importFull({}, testContext()));
    expect(JSON.parse(full.watermark!)).toMatchObject({ type: 'csn' });
    await admin.modify(`uid=user000002,ou=people,${plain.suffix}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Changed'] }) }));
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    await c.close();
    const changed = delta.changes.filter((x) => x.kind === 'object' && x.object.attributes.title?.[0] === 'Changed');
    expect(changed).toHaveLength(1);
    expect(delta.changes.length).toBeLessThanOrEqual(2); // the change, plus at most the suffix's own entryCSN tie
  });

  it('hands over an entryCSN watermark when the configuration says Active Directory but the server keeps no update sequence numbers', async () => {
    const c = connectorFor(plain, { flavour: 'ad', anchorAttribute: 'entryUUID', objectTypes: [{ name: 'user', objectClasses: ['inetOrgPerson'] }] });
    const full = await drain(c.importFull({}, testContext()));
    expect(full.problems).toEqual([]);
    expect(full.changes.length).toBeGreaterThan(0);
    expect(JSON.parse(full.watermark!)).toMatchObject({ type: 'csn' });
    await admin.modify(`uid=user000003,ou=people,${plain.suffix}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Flavoured'] }) }));
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    await c.close();
    expect(delta.changes.filter((x) => x.kind === 'object' && x.object.attributes.title?.[0] === 'Flavoured')).toHaveLength(1);
  });

  it('sees objects leave and enter the selected containers and the subtree of a renamed OU', async () => {
    const people = `ou=people,${plain.suffix}`;
    await admin.add(`ou=unit,${people}`, { objectClass: 'organizationalUnit', ou: 'unit' });
    await admin.add(`uid=u9,ou=unit,${people}`, { objectClass: 'inetOrgPerson', uid: 'u9', cn: 'u9', sn: 'u9' });
    const config = { includeContainers: [people] };
    const out = await deltaEqualsFull(plain, config, () => admin.modifyDN(`uid=user000001,${people}`, `uid=user000001,ou=groups,${plain.suffix}`));
    expect(out.filter((x) => x.kind === 'delete')).toHaveLength(1);
    const renamed = await deltaEqualsFull(plain, config, () => admin.modifyDN(`ou=unit,${people}`, `ou=unit2,${people}`));
    expect(renamed.map((x) => (x.kind === 'object' ? x.object.dn : ''))).toContain(`uid=u9,ou=unit2,${people}`);
    const back = await deltaEqualsFull(plain, config, () => admin.modifyDN(`uid=user000001,ou=groups,${plain.suffix}`, `uid=user000001,${people}`));
    expect(back.map((x) => (x.kind === 'object' ? x.object.dn : ''))).toContain(`uid=user000001,${people}`);
  });
});
