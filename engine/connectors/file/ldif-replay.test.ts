import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportChange } from '../contract.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const record = (lines: string[]): string => lines.join('\n') + '\n\n';
const objects = (changes: ImportChange[]) => changes.map((c) => (c.kind === 'object' ? c.object : c));

const history =
  record(['dn: ou=staff,dc=x', 'changetype: add', 'objectClass: organizationalUnit', 'ou: staff']) +
  record(['dn: uid=ann,ou=people,dc=x', 'changetype: add', 'objectClass: inetOrgPerson', 'uid: ann', 'cn: Ann', 'mail: a@x', 'mail: ann@x', 'title: Dev']) +
  record(['dn: uid=bo,ou=people,dc=x', 'changetype: add', 'objectClass: inetOrgPerson', 'uid: bo', 'title: Old']) +
  record(['dn: cn=g,dc=x', 'changetype: add', 'objectClass: groupOfNames', 'cn: g', 'member: uid=bo,ou=people,dc=x']) +
  record(['dn: uid=ann,ou=people,dc=x', 'changetype: modify', 'replace: title', 'title: Lead', '-', 'delete: mail', 'mail: a@x', '-', 'add: description', 'description: new', '-']) +
  record(['dn: uid=ann,ou=people,dc=x', 'changetype: moddn', 'newrdn: uid=anna', 'deleteoldrdn: 1', 'newsuperior: ou=staff,dc=x']) +
  record(['dn: cn=g,dc=x', 'changetype: modify', 'add: member', 'member: uid=anna,ou=staff,dc=x', '-', 'delete: member', 'member: UID=Bo, OU=People,DC=x', '-']) +
  record(['dn: uid=bo,ou=people,dc=x', 'changetype: delete']) +
  record(['dn: uid=bo,ou=people,dc=x', 'changetype: add', 'objectClass: inetOrgPerson', 'uid: bo', 'title: Recreated']) +
  record(['dn: uid=bo,ou=people,dc=x', 'changetype: modrdn', 'newrdn: cn=Bo', 'deleteoldrdn: 0']);

describe('LDIF change file import', () => {
  it('replays add, modify, moddn with newsuperior, delete and a recreated DN into each entry’s current state', async () => {
    const path = join(dir, 'changes.ldif');
    await writeFile(path, history);
    const r = await drain(connectorFor({ format: 'ldif', path }).importFull({}, testContext()));
    expect(r.problems).toEqual([]);
    expect(objects(r.changes)).toEqual([
      { anchor: 'ou=staff,dc=x', dn: 'ou=staff,dc=x', objectType: 'organizationalUnit', attributes: { objectClass: ['organizationalUnit'], ou: ['staff'] } },
      {
        anchor: 'uid=anna,ou=staff,dc=x',
        dn: 'uid=anna,ou=staff,dc=x',
        objectType: 'inetOrgPerson',
        attributes: { objectClass: ['inetOrgPerson'], uid: ['anna'], cn: ['Ann'], mail: ['ann@x'], title: ['Lead'], description: ['new'] },
      },
      { anchor: 'cn=g,dc=x', dn: 'cn=g,dc=x', objectType: 'groupOfNames', attributes: { objectClass: ['groupOfNames'], cn: ['g'], member: [{ dn: 'uid=anna,ou=staff,dc=x' }] } },
      { anchor: 'cn=Bo,ou=people,dc=x', dn: 'cn=Bo,ou=people,dc=x', objectType: 'inetOrgPerson', attributes: { objectClass: ['inetOrgPerson'], uid: ['bo'], title: ['Recreated'], cn: ['Bo'] } },
    ]);
  });

  it('moves the entries below a renamed container with it', async () => {
    const path = join(dir, 'tree.ldif');
    await writeFile(
      path,
      record(['dn: ou=a,dc=x', 'changetype: add', 'objectClass: organizationalUnit', 'ou: a']) +
        record(['dn: ou=sub,ou=a,dc=x', 'changetype: add', 'objectClass: organizationalUnit', 'ou: sub']) +
        record(['dn: uid=z,ou=sub,ou=a,dc=x', 'changetype: add', 'objectClass: person', 'uid: z']) +
        record(['dn: OU=A,dc=x', 'changetype: moddn', 'newrdn: ou=b', 'deleteoldrdn: 1']) +
        record(['dn: uid=z,ou=sub,ou=b,dc=x', 'changetype: modify', 'replace: sn', 'sn: Zed', '-']),
    );
    const r = await drain(connectorFor({ format: 'ldif', path }).importFull({}, testContext()));
    expect(r.problems).toEqual([]);
    expect(objects(r.changes).map((o) => 'dn' in o && `${o.dn} ${JSON.stringify('attributes' in o ? o.attributes : {})}`)).toEqual([
      'ou=b,dc=x {"objectClass":["organizationalUnit"],"ou":["b"]}',
      'ou=sub,ou=b,dc=x {"objectClass":["organizationalUnit"],"ou":["sub"]}',
      'uid=z,ou=sub,ou=b,dc=x {"objectClass":["person"],"uid":["z"],"sn":["Zed"]}',
    ]);
  });

  it('delta import yields the difference from the last import, and nothing when the file did not change', async () => {
    const path = join(dir, 'changes.ldif');
    await writeFile(path, history);
    const c = connectorFor({ format: 'ldif', path, stateDir: join(dir, 'state') });
    const full = await drain(c.importFull({}, testContext()));
    await appendFile(
      path,
      record(['dn: uid=anna,ou=staff,dc=x', 'changetype: moddn', 'newrdn: uid=ann', 'deleteoldrdn: 1', 'newsuperior: ou=people,dc=x']) +
        record(['dn: uid=ann,ou=people,dc=x', 'changetype: modify', 'replace: title', 'title: Boss', '-']) +
        record(['dn: cn=g,dc=x', 'changetype: modify', 'replace: cn', 'cn: g', '-']) +
        record(['dn: cn=Bo,ou=people,dc=x', 'changetype: delete']),
    );
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(delta.problems).toEqual([]);
    // Deletes come last, in the order of the anchors' comparison keys.
    expect(delta.changes.map((ch) => (ch.kind === 'object' ? `object ${ch.object.anchor} ${ch.object.attributes.title}` : `${ch.kind} ${ch.anchor}`))).toEqual([
      'object uid=ann,ou=people,dc=x Boss',
      'delete cn=Bo,ou=people,dc=x',
      'delete uid=anna,ou=staff,dc=x',
    ]);
    const again = await drain(c.importDelta(delta.watermark!, {}, testContext()));
    expect(again.changes).toEqual([]);
    expect(again.problems).toEqual([]);
  });

  it('anchors on an attribute: a change record needs no anchor of its own, the replayed entry has it', async () => {
    const path = join(dir, 'changes.ldif');
    await writeFile(path, history);
    const r = await drain(connectorFor({ format: 'ldif', path, anchor: 'uid', objectTypeAttribute: 'objectClass' }).importFull({ objectTypes: ['inetOrgPerson'] }, testContext()));
    expect(objects(r.changes).map((o) => 'dn' in o && [o.anchor, o.dn])).toEqual([
      ['anna', 'uid=anna,ou=staff,dc=x'],
      ['bo', 'cn=Bo,ou=people,dc=x'],
    ]);
    expect(r.problems.map((p) => p.code)).toEqual(['missing-anchor-component', 'missing-anchor-component']);
  });

  it('reports records that cannot be applied by line, keeps the entries they concern, and infers no deletes', async () => {
    const path = join(dir, 'changes.ldif');
    const stateDir = join(dir, 'state');
    await writeFile(path, history);
    const c = connectorFor({ format: 'ldif', path, stateDir });
    const full = await drain(c.importFull({}, testContext()));
    await appendFile(
      path,
      record(['dn: uid=ghost,dc=x', 'changetype: modify', 'replace: title', 'title: Boo', '-']) +
        record(['dn: cn=g,dc=x', 'changetype: modify', 'replace: member', 'member:: ###', '-']) +
        record(['dn: uid=anna,ou=staff,dc=x', 'changetype: moddn', 'newrdn: cn=g', 'deleteoldrdn: 1', 'newsuperior: dc=x']) +
        record(['dn: cn=Bo,ou=people,dc=x', 'changetype: delete']),
    );
    const lines = (await import('node:fs/promises')).readFile(path, 'utf8').then((t) => t.split('\n'));
    const lineOf = async (text: string): Promise<number> => (await lines).indexOf(text) + 1;
    const ctx = testContext();
    const delta = await drain(c.importDelta(full.watermark!, {}, ctx));
    expect(delta.problems.map((p) => [p.code, p.location, p.anchor])).toEqual([
      ['need-full-object', `${path}:${await lineOf('dn: uid=ghost,dc=x')}`, 'uid=ghost,dc=x'],
      ['invalid-base64-value', `${path}:${await lineOf('member:: ###')}`, 'cn=g,dc=x'],
      ['duplicate-object', `${path}:${(await lineOf('newrdn: cn=g')) - 2}`, 'uid=anna,ou=staff,dc=x'],
    ]);
    expect(delta.problems[0].message).toContain('not in the file');
    // The group (unreadable record) and anna (refused rename) keep their last imported state: neither changed nor
    // deleted. Every problem names its entry, so Bo's delete record still counts.
    expect(delta.changes).toEqual([{ kind: 'delete', anchor: 'cn=Bo,ou=people,dc=x' }]);

    // A record without a readable DN could have been about any entry: then nothing is deleted.
    await appendFile(path, record(['changetype: delete']) + record(['dn: cn=g,dc=x', 'changetype: delete']));
    const blind = await drain(c.importDelta(delta.watermark!, {}, ctx));
    expect(blind.problems.map((p) => p.code)).toEqual(['need-full-object', 'invalid-base64-value', 'duplicate-object', 'missing-dn']);
    expect(blind.changes).toEqual([]);
    expect(ctx.lines.join('\n')).toContain('deletes are not inferred');
  });

  it('an add onto an existing DN, or a modify before the add, is reported and never hides the entry', async () => {
    const path = join(dir, 'changes.ldif');
    await writeFile(path, record(['dn: uid=x,dc=x', 'changetype: add', 'objectClass: person', 'uid: x']));
    const c = connectorFor({ format: 'ldif', path, stateDir: join(dir, 'state') });
    const full = await drain(c.importFull({}, testContext()));
    await appendFile(
      path,
      record(['dn: uid=y,dc=x', 'changetype: modify', 'replace: title', 'title: Early', '-']) +
        record(['dn: UID=X,dc=x', 'changetype: add', 'objectClass: person', 'uid: again']) +
        record(['dn: uid=y,dc=x', 'changetype: add', 'objectClass: person', 'uid: y']) +
        record(['dn: uid=x,dc=x', 'changetype: modify', 'replace: title', 'title: Kept', '-']),
    );
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(delta.problems.map((p) => [p.code, p.location, p.anchor])).toEqual([
      ['need-full-object', `${path}:6`, undefined],
      ['duplicate-object', `${path}:12`, undefined],
    ]);
    expect(delta.changes.map((ch) => ch.kind === 'object' && `${ch.object.dn} ${ch.object.attributes.uid} ${ch.object.attributes.title}`)).toEqual([
      'uid=x,dc=x x Kept',
      'uid=y,dc=x y undefined',
    ]);
  });

  it('discovers the schema from the replayed entries, attributes added by modify records included', async () => {
    const path = join(dir, 'changes.ldif');
    await writeFile(path, history);
    const schema = await connectorFor({ format: 'ldif', path }).discoverSchema(testContext());
    const person = schema.objectTypes.find((t) => t.name === 'inetOrgPerson');
    expect(person?.attributes.map((a) => a.name)).toEqual(['cn', 'description', 'mail', 'objectClass', 'title', 'uid']);
  });
});
