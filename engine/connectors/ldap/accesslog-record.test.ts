import { describe, expect, it } from 'vitest';
import { parseLogRecord, parseReqMod } from './accesslog-record.ts';

describe('accesslog records', () => {
  it('parses reqMod lines of every form', () => {
    expect(parseReqMod(Buffer.from('title:= Lead'))).toEqual({ attribute: 'title', op: '=', value: Buffer.from('Lead') });
    expect(parseReqMod(Buffer.from('mail:+ c@example.com')).value?.toString()).toBe('c@example.com');
    expect(parseReqMod(Buffer.from('mail:- a@example.com')).op).toBe('-');
    expect(parseReqMod(Buffer.from('description:-'))).toEqual({ attribute: 'description', op: '-', value: undefined });
    expect(parseReqMod(Buffer.from('description:= a: b')).value?.toString()).toBe('a: b');
    const binary = Buffer.concat([Buffer.from('jpegPhoto:+ '), Buffer.from([0xff, 0xd8, 0x00])]);
    expect(parseReqMod(binary).value).toEqual(Buffer.from([0xff, 0xd8, 0x00]));
  });

  it('rejects malformed lines with the offending text', () => {
    expect(() => parseReqMod(Buffer.from('nocolon'))).toThrow(/malformed reqMod "nocolon"/);
    expect(() => parseReqMod(Buffer.from('cn:? x'))).toThrow(/reqMod of cn: unknown operation/);
  });

  it('parses modify, modrdn and delete records', () => {
    const modify = parseLogRecord({
      dn: 'reqStart=20261123231036.000012Z,cn=accesslog',
      reqStart: '20261123231036.000012Z',
      reqType: 'modify',
      reqDN: 'uid=ft1,ou=people,dc=example,dc=com',
      reqMod: [Buffer.from('title:= Lead'), Buffer.from('entryCSN:= 20261123231036.032529Z#000000#000#000000')],
      reqEntryUUID: 'd5c0b626-7bde-1041-8ad4-e1333e7e8f1e',
    });
    expect(modify).toMatchObject({ type: 'modify', dn: 'uid=ft1,ou=people,dc=example,dc=com', entryUUID: 'd5c0b626-7bde-1041-8ad4-e1333e7e8f1e' });
    expect(modify.mods.map((m) => m.attribute)).toEqual(['title', 'entryCSN']);

    const modrdn = parseLogRecord({ dn: 'x', reqStart: '2', reqType: 'modrdn', reqDN: 'uid=a,ou=people,dc=x', reqNewRDN: 'uid=b', reqNewSuperior: 'ou=groups,dc=x', reqDeleteOldRDN: 'TRUE', reqEntryUUID: 'u' });
    expect(modrdn).toMatchObject({ newRdn: 'uid=b', newSuperior: 'ou=groups,dc=x', deleteOldRdn: true, mods: [] });

    expect(parseLogRecord({ dn: 'x', reqStart: '3', reqType: 'delete', reqDN: 'uid=a,dc=x', reqEntryUUID: 'u' }).type).toBe('delete');
  });

  it('refuses records it cannot apply', () => {
    expect(() => parseLogRecord({ dn: 'x', reqStart: '4', reqType: 'bind', reqDN: 'cn=a' })).toThrow(/unsupported reqType "bind"/);
    expect(() => parseLogRecord({ dn: 'reqStart=5,cn=accesslog', reqType: 'add' })).toThrow(/reqStart=5,cn=accesslog lacks reqStart/);
  });
});
