import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const people = `version: 1

dn: ou=people,dc=example,dc=com
objectClass: top
objectClass: organizationalUnit
ou: people

dn: uid=ann,ou=people,dc=example,dc=com
objectClass: top
objectClass: person
objectClass: inetOrgPerson
uid: ann
cn:: w4Fubg==
mail: ann@example.com
mail: a@example.com
manager: uid=bo,ou=people,dc=example,dc=com
objectGUID:: AAECAwQFBgcICQoLDA0ODw==
employeeNumber: 12

dn: cn=staff,ou=groups,dc=example,dc=com
objectClass: groupOfNames
cn: staff
member: uid=ann,ou=people,dc=example,dc=com
member: uid=bo,ou=people,dc=example,dc=com
`;

describe('LDIF full import', () => {
  it('uses the DN as anchor, the most specific objectClass as type, default reference and binary attributes', async () => {
    const path = join(dir, 'd.ldif');
    await writeFile(path, people);
    const c = connectorFor({ format: 'ldif', path, attributes: { employeeNumber: { type: 'integer' } } });
    const r = await drain(c.importFull({}, testContext()));
    expect(r.problems).toEqual([]);
    const objs = r.changes.map((ch) => (ch.kind === 'object' ? ch.object : null))!;
    expect(objs.map((o) => [o!.anchor, o!.objectType])).toEqual([
      ['ou=people,dc=example,dc=com', 'organizationalUnit'],
      ['uid=ann,ou=people,dc=example,dc=com', 'inetOrgPerson'],
      ['cn=staff,ou=groups,dc=example,dc=com', 'groupOfNames'],
    ]);
    const ann = objs[1]!;
    expect(ann.attributes.cn).toEqual(['Ánn']);
    expect(ann.attributes.mail).toEqual(['ann@example.com', 'a@example.com']);
    expect(ann.attributes.manager).toEqual([{ dn: 'uid=bo,ou=people,dc=example,dc=com' }]);
    expect(ann.attributes.objectGUID).toEqual([new Uint8Array([...Array(16).keys()])]);
    expect(ann.attributes.employeeNumber).toEqual([12n]);
    expect(objs[2]!.attributes.member).toHaveLength(2);
  });

  it('can anchor on an attribute and filter by container', async () => {
    const path = join(dir, 'd.ldif');
    await writeFile(path, people);
    const c = connectorFor({ format: 'ldif', path, anchor: 'cn', objectType: 'thing' });
    const r = await drain(c.importFull({ excludeContainers: ['OU=Groups, DC=Example,DC=com'] }, testContext()));
    expect(r.changes.map((ch) => ch.kind === 'object' && ch.object.anchor)).toEqual(['Ánn']);
    expect(r.problems.map((p) => p.code)).toEqual(['missing-anchor-component']);
    expect(r.problems[0].message).toContain('d.ldif:3');
    expect(r.problems[0].dn).toBe('ou=people,dc=example,dc=com');
  });
});
