import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapAddText, peopleLdif, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import { WatermarkExpiredError, type ImportChange } from '../contract.ts';
import { connectorFor, drain, testContext } from './test-fixtures.ts';

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

describe('OpenLDAP delta import from cn=accesslog', () => {
  it('delivers adds, modifies, renames, moves and deletes since the full import, then nothing', async () => {
    const c = connectorFor(slapd, { batchSize: 1000 });
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
    await client.add(`cn=outside,ou=groups,${slapd.suffix}`, { objectClass: 'organizationalRole', cn: 'outside' });

    const delta = await drain(c.importDelta(w0, {}, testContext()));
    const byKind = (k: ImportChange['kind']) => delta.changes.filter((x) => x.kind === k);
    expect(byKind('object')).toHaveLength(1);
    const added = byKind('object')[0] as Extract<ImportChange, { kind: 'object' }>;
    expect(added.object).toMatchObject({ dn: `uid=new1,${people()}`, objectType: 'inetOrgPerson' });
    expect(added.object.attributes.cn).toEqual(['New One']);
    expect(Buffer.from(added.object.attributes.jpegPhoto[0] as Uint8Array)).toEqual(Buffer.from([0xff, 0x00, 0xfe]));
    expect(Object.keys(added.object.attributes)).not.toContain('entryCSN');

    const updates = byKind('update') as Extract<ImportChange, { kind: 'update' }>[];
    const modified = updates.find((u) => u.anchor === anchorOf.get(`uid=user000001,${people()}`))!;
    expect(json(modified.changes)).toBe(
      json([
        { attribute: 'title', op: 'replace', values: ['Lead'] },
        { attribute: 'mail', op: 'add', values: ['extra@example.com'] },
        { attribute: 'telephoneNumber', op: 'delete', values: [] },
      ]),
    );
    const renamed = updates.find((u) => u.anchor === anchorOf.get(`uid=user000002,${people()}`))!;
    expect(renamed.dn).toBe(`uid=renamed2,${people()}`);
    expect(json(renamed.changes)).toBe(json([{ attribute: 'uid', op: 'add', values: ['renamed2'] }, { attribute: 'uid', op: 'delete', values: ['user000002'] }]));
    const moved = updates.find((u) => u.anchor === anchorOf.get(`uid=user000003,${people()}`))!;
    expect(moved.dn).toBe(`uid=user000003,ou=groups,${slapd.suffix}`);
    expect(moved.changes).toEqual([]);
    expect(byKind('delete')).toEqual([{ kind: 'delete', anchor: anchorOf.get(`uid=user000004,${people()}`), dn: `uid=user000004,${people()}` }]);
    expect(delta.batchWatermarks.every((w) => w !== undefined)).toBe(true);

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

  it('refuses unreadable, foreign and purged watermarks with WatermarkExpiredError', async () => {
    const c = connectorFor(slapd);
    for (const w of ['garbage', '{"type":"usn","usn":"5","dsa":"x"}', '{"type":"accesslog","reqStart":"20000101000000.000001Z"}']) {
      await expect(drain(c.importDelta(w, {}, testContext()))).rejects.toBeInstanceOf(WatermarkExpiredError);
    }
    await c.close();
  });
});

describe('OpenLDAP delta import without accesslog (entryCSN)', () => {
  it('delivers changed entries as whole objects', async () => {
    const plain = await startSlapd({ accesslog: false });
    try {
      await ldapAddText(plain, peopleLdif(5, plain.suffix));
      const c = connectorFor(plain);
      const full = await drain(c.importFull({}, testContext()));
      expect(JSON.parse(full.watermark!)).toMatchObject({ type: 'csn' });
      const admin = new Client({ url: plain.url });
      await admin.bind(plain.bindDn, plain.password);
      await admin.modify(`uid=user000002,ou=people,${plain.suffix}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Changed'] }) }));
      await admin.unbind();
      const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
      await c.close();
      const changed = delta.changes.filter((x) => x.kind === 'object' && x.object.attributes.title?.[0] === 'Changed');
      expect(changed).toHaveLength(1);
      expect(delta.changes.length).toBeLessThanOrEqual(2); // the change, plus at most the suffix's own entryCSN tie
    } finally {
      await plain.dispose();
    }
  });
});
