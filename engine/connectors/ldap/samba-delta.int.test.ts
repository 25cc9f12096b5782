// Day two against a real Samba AD DC: the uSNChanged delta import sees objects leaving and entering the selected
// OUs, subtree renames and type filters exactly as a full import would, goes on without a renamed selected OU,
// and exports rename, modify and repeat as AD accepts them.
import { Attribute, Change, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SambaAdInstance, sambaAvailable, startSambaAd } from '../../../e2e/env/samba/index.ts';
import type { AttributeChange, ExportChange, ImportChange } from '../contract.ts';
import type { LdapConfigInput } from './config.ts';
import { connectorFor, deltaEqualsFull as deltaEqualsFullOn, drain, testContext } from './test-fixtures.ts';

const availability = await sambaAvailable();
if (!availability.ok) console.log(`Samba AD delta checks skipped: ${availability.reason}`);

const TYPES = [
  { name: 'user', objectClasses: ['user'], filter: '(&(objectCategory=person)(!(objectClass=inetOrgPerson)))' },
  { name: 'group', objectClasses: ['group'] },
  { name: 'computer', objectClasses: ['computer'] },
  { name: 'organizationalUnit', objectClasses: ['organizationalUnit'] },
];
const ATTRIBUTES = ['sAMAccountName', 'title', 'description', 'member', 'objectGUID', 'ou', 'cn'];

describe.runIf(availability.ok)('Active Directory delta import and export against Samba AD', () => {
  let dc: SambaAdInstance;
  let admin: Client;
  const corp = () => `OU=Corp,${dc.baseDn}`;
  const other = () => `OU=Other,${dc.baseDn}`;
  const config = (over: Partial<LdapConfigInput> = {}): Partial<LdapConfigInput> => ({
    url: dc.ldapsUrl, security: 'ldaps', caPem: dc.caPem, tlsServerName: dc.tlsServerName, flavour: 'ad',
    includeContainers: [corp()], objectTypes: TYPES, attributes: ATTRIBUTES, ...over,
  });
  const addUser = (dn: string) => admin.add(dn, { objectClass: 'user', sAMAccountName: dn.slice(3, dn.indexOf(',')) });
  const setTitle = (dn: string, title: string) => admin.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: [title] }) }));

  beforeAll(async () => {
    dc = await startSambaAd();
    admin = new Client({ url: dc.url });
    await admin.bind(dc.bindDn, dc.password);
    for (const ou of [corp(), `OU=Sales,${corp()}`, `OU=Team,OU=Sales,${corp()}`, other(), `OU=Sel2,${dc.baseDn}`]) {
      await admin.add(ou, { objectClass: 'organizationalUnit' });
    }
    for (const u of [`CN=ann,${corp()}`, `CN=bob,OU=Sales,${corp()}`, `CN=cid,OU=Team,OU=Sales,${corp()}`, `CN=dan,${other()}`, `CN=eve,OU=Sel2,${dc.baseDn}`]) await addUser(u);
    await admin.add(`CN=ws1,${corp()}`, { objectClass: 'computer', sAMAccountName: 'ws1$' });
  });
  afterAll(async () => {
    await admin?.unbind();
    await dc?.stop();
  });

  /** Full import, change, delta import: the delta applied to the first import must equal a new full import. */
  const deltaEqualsFull = (over: Partial<LdapConfigInput>, change: () => Promise<void>): Promise<ImportChange[]> => deltaEqualsFullOn(dc, config(over), change);
  const objectDns = (changes: ImportChange[]) => changes.flatMap((x) => (x.kind === 'object' ? [x.object.dn.toLowerCase()] : []));

  it('types a computer as a computer (the user type filter), in full and delta imports alike', async () => {
    const c = connectorFor(dc, config());
    const full = await drain(c.importFull({}, testContext()));
    await c.close();
    const ws1 = full.changes.find((x) => x.kind === 'object' && x.object.dn.toLowerCase() === `cn=ws1,${corp()}`.toLowerCase());
    expect(ws1).toMatchObject({ object: { objectType: 'computer' } });
    const changes = await deltaEqualsFull({}, () => setTitle(`CN=ws1,${corp()}`, 'Kiosk'));
    expect(changes).toEqual([expect.objectContaining({ kind: 'object', object: expect.objectContaining({ objectType: 'computer' }) })]);
  });

  it('deletes an object moved out of the selected OU in the next delta, and brings it back whole when it returns', async () => {
    const out = await deltaEqualsFull({}, () => admin.modifyDN(`CN=ann,${corp()}`, `CN=ann,${other()}`));
    expect(out.map((x) => x.kind)).toEqual(['delete']);
    const back = await deltaEqualsFull({}, () => admin.modifyDN(`CN=ann,${other()}`, `CN=ann,${corp()}`));
    expect(objectDns(back)).toEqual([`cn=ann,${corp()}`.toLowerCase()]);
  });

  it('gives every object below a renamed OU its new DN in the same delta, and reads no subtree for an attribute change', async () => {
    const renamed = await deltaEqualsFull({}, () => admin.modifyDN(`OU=Sales,${corp()}`, `OU=Revenue,${corp()}`));
    expect(objectDns(renamed).sort()).toEqual(
      [`OU=Revenue,${corp()}`, `CN=bob,OU=Revenue,${corp()}`, `OU=Team,OU=Revenue,${corp()}`, `CN=cid,OU=Team,OU=Revenue,${corp()}`].map((d) => d.toLowerCase()).sort(),
    );
    expect(renamed.every((x) => x.kind === 'object')).toBe(true);
    const described = await deltaEqualsFull({}, () =>
      admin.modify(`OU=Revenue,${corp()}`, new Change({ operation: 'replace', modification: new Attribute({ type: 'description', values: ['money'] }) })),
    );
    expect(objectDns(described)).toEqual([`OU=Revenue,${corp()}`.toLowerCase()]);
    const moved = await deltaEqualsFull({}, () => admin.modifyDN(`OU=Team,OU=Revenue,${corp()}`, `OU=Team,${other()}`));
    expect(moved.map((x) => x.kind)).toEqual(['delete', 'delete']);
  });

  it('goes on without a renamed selected OU, naming it and deleting nothing; the full import refuses', async () => {
    const c = connectorFor(dc, config({ includeContainers: [corp(), `OU=Sel2,${dc.baseDn}`] }));
    const full = await drain(c.importFull({}, testContext()));
    await admin.modifyDN(`OU=Sel2,${dc.baseDn}`, `OU=Sel2-renamed,${dc.baseDn}`);
    await setTitle(`CN=eve,OU=Sel2-renamed,${dc.baseDn}`, 'Still mine');
    await setTitle(`CN=ann,${corp()}`, 'Changed');
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(delta.changes.filter((x) => x.kind === 'delete')).toEqual([]);
    expect(objectDns(delta.changes)).toEqual([`cn=ann,${corp()}`.toLowerCase()]);
    expect(delta.problems).toEqual([expect.objectContaining({ location: `OU=Sel2,${dc.baseDn}`, message: expect.stringContaining('no longer exists (renamed, moved or deleted)') })]);
    expect(delta.problems[0].message).toContain('idsync setup … --ou');
    await expect(drain(c.importFull({}, testContext()))).rejects.toThrow(`the selected container "OU=Sel2,${dc.baseDn}" no longer exists`);
    await c.close();
  });

  it('exports a rename with a modification of cn, a case-only rename, and replays of everything', async () => {
    const c = connectorFor(dc, config());
    const replace = (attribute: string, ...values: string[]): AttributeChange => ({ attribute, op: 'replace', values });
    const add: ExportChange = { csId: 'a', op: 'add', objectType: 'user', dn: `CN=fay,${corp()}`, anchor: null, changes: [replace('objectClass', 'user'), replace('sAMAccountName', 'fay'), replace('cn', 'fay'), replace('title', 'New')] };
    const [added] = await c.export([add], testContext());
    expect(added).toMatchObject({ ok: true });
    const [again] = await c.export([add], testContext());
    expect(again).toMatchObject({ ok: true, matchedExisting: true, anchor: added.anchor });
    const rename: ExportChange = { csId: 'r', op: 'update', objectType: 'user', dn: `CN=fay,${corp()}`, newDn: `CN=fay2,${other()}`, anchor: added.anchor!, changes: [replace('cn', 'fay2'), replace('title', 'Moved')] };
    const caseOnly: ExportChange = { csId: 'k', op: 'update', objectType: 'user', dn: `CN=fay2,${other()}`, newDn: `CN=Fay2,${other()}`, anchor: added.anchor!, changes: [replace('cn', 'Fay2')] };
    const del: ExportChange = { csId: 'd', op: 'delete', objectType: 'user', dn: `CN=dan,${other()}`, anchor: null, changes: [] };
    const results = [];
    for (const step of [[rename, del], [rename, del], [caseOnly], [caseOnly]]) results.push(...(await c.export(step, testContext())));
    await c.close();
    expect(results.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    const { searchEntries } = await admin.search(other(), { scope: 'one', filter: '(sAMAccountName=fay)', attributes: ['cn', 'title'] });
    expect(searchEntries).toEqual([{ dn: `CN=Fay2,${other()}`, cn: 'Fay2', title: 'Moved' }]);
  });
});
