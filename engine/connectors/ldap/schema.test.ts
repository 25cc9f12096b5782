import { describe, expect, it } from 'vitest';
import { attributesOfClass, parseSchema, tokenize } from './schema.ts';
import { guidToBytes, guidToString } from './guid.ts';
import { formatLdapTime, parseLdapTime } from './values.ts';

const attributeTypes = [
  "( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32768} )",
  "( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'RFC4519: common name(s) for which the entity is known by' SUP name )",
  "( 2.5.4.31 NAME 'member' SUP distinguishedName )",
  "( 2.5.4.49 NAME 'distinguishedName' EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )",
  "( 0.9.2342.19200300.100.1.60 NAME 'jpegPhoto' SYNTAX 1.3.6.1.4.1.1466.115.121.1.28 )",
  "( 1.3.6.1.1.16.4 NAME 'entryUUID' EQUALITY UUIDMatch SYNTAX 1.3.6.1.1.16.1 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )",
  "( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
  "( 1.2.840.113556.1.4.8 NAME 'userAccountControl' SYNTAX '1.3.6.1.4.1.1466.115.121.1.27' SINGLE-VALUE )",
  "( 2.5.18.2 NAME 'modifyTimestamp' SYNTAX 1.3.6.1.4.1.1466.115.121.1.24 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )",
];
const objectClasses = [
  "( 2.5.6.0 NAME 'top' ABSTRACT MUST objectClass )",
  "( 2.5.6.6 NAME 'person' DESC 'RFC2256: a person' SUP top STRUCTURAL MUST ( sn $ cn ) MAY ( userPassword $ telephoneNumber ) )",
  "( 2.5.6.9 NAME 'groupOfNames' SUP top STRUCTURAL MUST ( member $ cn ) )",
];

describe('subschema parsing', () => {
  it('tokenizes quoted names with spaces and lists', () => {
    expect(tokenize("( 1 NAME ( 'a' 'b' ) DESC 'x y' )")).toEqual(['(', '1', 'NAME', '(', 'a', 'b', ')', 'DESC', 'x y', ')']);
  });

  it('resolves syntax through SUP and reads SINGLE-VALUE and USAGE', () => {
    const s = parseSchema(attributeTypes, objectClasses);
    expect(s.attributes.get('cn')).toMatchObject({ names: ['cn', 'commonName'], type: 'string', multiValued: true });
    expect(s.attributes.get('commonname')?.names[0]).toBe('cn');
    expect(s.attributes.get('member')?.type).toBe('reference');
    expect(s.attributes.get('jpegphoto')?.type).toBe('binary');
    expect(s.attributes.get('entryuuid')).toMatchObject({ multiValued: false, operational: true });
    expect(s.attributes.get('useraccountcontrol')).toMatchObject({ type: 'integer', multiValued: false });
    expect(s.attributes.get('modifytimestamp')?.type).toBe('datetime');
  });

  it('collects inherited attributes of an object class', () => {
    const s = parseSchema(attributeTypes, objectClasses);
    expect(attributesOfClass(s, 'person').sort()).toEqual(['cn', 'objectClass', 'sn', 'telephoneNumber', 'userPassword']);
  });

  it('adds the attributes of auxiliary classes a DIT content rule allows', () => {
    const s = parseSchema(attributeTypes, [...objectClasses, "( 9.9 NAME 'securityPrincipal' AUXILIARY MAY ( jpegPhoto ) )"], [
      "( 2.5.6.6 NAME 'person' AUX ( securityPrincipal ) MAY ( userPrincipalName ) )",
    ]);
    expect(attributesOfClass(s, 'person')).toEqual(expect.arrayContaining(['jpegPhoto', 'userPrincipalName', 'sn']));
  });
});

describe('value conversions', () => {
  it('round-trips AD GUIDs with the byte-swapped first fields', () => {
    const text = '94adab2d-5a8f-4d11-8e2c-0123456789ab';
    const bytes = guidToBytes(text);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x2d, 0xab, 0xad, 0x94]));
    expect(guidToString(bytes)).toBe(text);
    expect(() => guidToBytes('nope')).toThrow(/not a GUID: "nope"/);
  });

  it('parses generalized times', () => {
    expect(parseLdapTime('20261123231036.032529Z')?.toISOString()).toBe('2026-11-23T23:10:36.033Z');
    expect(parseLdapTime('20261123231402.0Z')?.toISOString()).toBe('2026-11-23T23:14:02.000Z');
    expect(parseLdapTime('20261123231036+0100')?.toISOString()).toBe('2026-11-23T22:10:36.000Z');
    expect(parseLdapTime('garbage')).toBeUndefined();
    expect(formatLdapTime(new Date('2026-11-23T23:10:36Z'))).toBe('20261123231036Z');
  });
});
