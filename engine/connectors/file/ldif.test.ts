import { describe, expect, it } from 'vitest';
import { readLdif, type LdifError, type LdifRecord } from './ldif-reader.ts';
import { formatLdifRecord, type LdifOutRecord } from './ldif-writer.ts';
import type { TextLine } from './text-source.ts';

async function* linesOf(text: string): AsyncGenerator<TextLine> {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) yield { text: parts[i].replace(/\r$/, ''), line: i + 1 };
}

async function parse(text: string): Promise<(LdifRecord | LdifError)[]> {
  const out: (LdifRecord | LdifError)[] = [];
  for await (const r of readLdif(linesOf(text))) out.push(r);
  return out;
}

describe('LDIF reader', () => {
  it('reads version, comments, folding, base64 and change records', async () => {
    const text = [
      'version: 1',
      '# a comment that is',
      '  folded',
      'dn: cn=Ann Example,ou=people,',
      ' dc=example,dc=com',
      'objectClass: inetOrgPerson',
      'cn: Ann Example',
      'description:: w6lsw6h2ZQ==',
      'jpegPhoto;binary:: AAH/',
      '',
      '',
      'dn: cn=Bo,dc=example,dc=com',
      'changetype: modify',
      'replace: title',
      'title: Lead',
      '-',
      'delete: mail',
      '-',
      'add: mail',
      'mail: a@x',
      'mail: b@x',
      '-',
      '',
      'dn: cn=Gone,dc=example,dc=com',
      'changetype: delete',
      '',
      'dn: cn=Bo,dc=example,dc=com',
      'changetype: modrdn',
      'newrdn: cn=Bob',
      'deleteoldrdn: 1',
      'newsuperior: ou=x,dc=example,dc=com',
    ].join('\r\n');
    const [a, m, d, r] = await parse(text);
    expect(a).toMatchObject({ kind: 'content', dn: 'cn=Ann Example,ou=people,dc=example,dc=com', line: 4 });
    const attrs = (a as Extract<LdifRecord, { attributes: unknown }>).attributes;
    expect(attrs.map((x) => x.name)).toEqual(['objectClass', 'cn', 'description', 'jpegPhoto']);
    expect(new TextDecoder().decode(attrs[2].value as Uint8Array)).toBe('élève');
    expect(attrs[3].value).toEqual(new Uint8Array([0, 1, 255]));
    expect(attrs[3].line).toBe(9);
    expect(m).toMatchObject({ kind: 'modify', dn: 'cn=Bo,dc=example,dc=com' });
    const mods = (m as Extract<LdifRecord, { modifications: unknown }>).modifications;
    expect(mods.map((x) => [x.op, x.attribute, x.values.map((v) => v.value)])).toEqual([
      ['replace', 'title', ['Lead']],
      ['delete', 'mail', []],
      ['add', 'mail', ['a@x', 'b@x']],
    ]);
    expect(d).toMatchObject({ kind: 'delete', dn: 'cn=Gone,dc=example,dc=com', line: 24 });
    expect(r).toMatchObject({ kind: 'moddn', newRdn: 'cn=Bob', deleteOldRdn: true, newSuperior: 'ou=x,dc=example,dc=com' });
  });

  it('reports bad records with their line and goes on', async () => {
    const text = [
      'dn: cn=A,dc=x',
      'cn:: not*base64',
      '',
      'cn: B',
      '',
      ' folded first line',
      'cn: C',
      '',
      'dn: cn=D,dc=x',
      'changetype: explode',
      '',
      'dn: cn=E,dc=x',
      'cn: E',
    ].join('\n');
    const out = await parse(text);
    expect(out.map((r) => [r.kind, 'code' in r ? r.code : '', r.line])).toEqual([
      ['error', 'invalid-base64-value', 2],
      ['error', 'missing-dn', 4],
      ['error', 'parse-error', 6],
      ['error', 'invalid-change-type', 10],
      ['content', '', 12],
    ]);
    expect((out[0] as LdifError).message).toContain('cn=A,dc=x');
    expect((out[2] as LdifError).message).toContain('folding');
  });
});

describe('LDIF writer', () => {
  it('round-trips every record kind, including unsafe, unicode, binary and long values', async () => {
    const long = 'x'.repeat(300);
    const records: LdifOutRecord[] = [
      {
        kind: 'content',
        dn: 'cn=Zoë Ünïcode,dc=example,dc=com',
        attributes: [
          { name: 'cn', value: 'Zoë Ünïcode' },
          { name: 'description', value: long },
          { name: 'note', value: ' leading space' },
          { name: 'colon', value: ':starts with colon' },
          { name: 'lt', value: '<angle' },
          { name: 'trail', value: 'trailing ' },
          { name: 'multi', value: 'line1\nline2' },
          { name: 'empty', value: '' },
          { name: 'objectGUID', value: new Uint8Array([0, 255, 16, 32]) },
        ],
      },
      { kind: 'add', dn: 'cn=N,dc=x', attributes: [{ name: 'cn', value: 'N' }] },
      { kind: 'modify', dn: 'cn=N,dc=x', modifications: [{ op: 'replace', attribute: 'sn', values: ['Ñ', 'b'] }, { op: 'delete', attribute: 'title', values: [] }] },
      { kind: 'moddn', dn: 'cn=N,dc=x', newRdn: 'cn=M', deleteOldRdn: true, newSuperior: 'ou=y,dc=x' },
      { kind: 'moddn', dn: 'cn=M,ou=y,dc=x', newRdn: 'cn=K', deleteOldRdn: false },
      { kind: 'delete', dn: 'cn=K,ou=y,dc=x' },
    ];
    const text = records.map(formatLdifRecord).join('');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(76);
    const back = await parse(text);
    expect(back.map((r) => r.kind)).toEqual(['content', 'add', 'modify', 'moddn', 'moddn', 'delete']);
    const content = back[0] as Extract<LdifRecord, { attributes: unknown }>;
    expect(content.dn).toBe('cn=Zoë Ünïcode,dc=example,dc=com');
    const text2 = (v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v);
    const expected = [...(records[0] as Extract<LdifOutRecord, { attributes: unknown }>).attributes];
    for (let i = 0; i < expected.length - 1; i++) expect(text2(content.attributes[i].value)).toBe(expected[i].value);
    expect(content.attributes[8].value).toEqual(new Uint8Array([0, 255, 16, 32]));
    const mod = back[2] as Extract<LdifRecord, { modifications: unknown }>;
    expect(mod.modifications[0].values.map((v) => text2(v.value))).toEqual(['Ñ', 'b']);
    expect(mod.modifications[1]).toMatchObject({ op: 'delete', attribute: 'title', values: [] });
    expect(back[3]).toMatchObject({ newRdn: 'cn=M', deleteOldRdn: true, newSuperior: 'ou=y,dc=x' });
    expect(back[4]).toMatchObject({ newRdn: 'cn=K', deleteOldRdn: false, newSuperior: undefined });
  });
});
