import { Ber, BerWriter } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { binaryTest, decodeResponses } from './ber-responses.ts';

function entryMessage(id: number, dn: string, attributes: [string, (string | Buffer)[]][]): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(id);
  w.startSequence(0x64);
  w.writeString(dn);
  w.startSequence();
  for (const [type, values] of attributes) {
    w.startSequence();
    w.writeString(type);
    w.startSequence(0x31);
    for (const v of values) w.writeBuffer(Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8'), Ber.OctetString);
    w.endSequence();
    w.endSequence();
  }
  w.endSequence();
  w.endSequence();
  w.endSequence();
  return w.buffer;
}

function doneMessage(id: number, code: number, message: string, cookie?: Buffer): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(id);
  w.startSequence(0x65);
  w.writeEnumeration(code);
  w.writeString('');
  w.writeString(message);
  w.endSequence();
  if (cookie) {
    w.startSequence(0xa0);
    w.startSequence();
    w.writeString('1.2.840.113556.1.4.319');
    const v = new BerWriter();
    v.startSequence();
    v.writeInt(0);
    v.writeBuffer(cookie, Ber.OctetString);
    v.endSequence();
    w.writeBuffer(v.buffer, Ber.OctetString);
    w.endSequence();
    w.endSequence();
  }
  w.endSequence();
  return w.buffer;
}

describe('LDAP response decoding', () => {
  const binary = binaryTest(['jpegphoto']);

  it('decodes entries with text and binary values and the paged-results cookie', () => {
    const photo = Buffer.from([0xff, 0xd8, 0x00, 0x80]);
    const buf = Buffer.concat([
      entryMessage(7, 'uid=zoë,ou=people,dc=x', [['cn', ['Zoë', 'Z']], ['jpegPhoto', [photo]], ['mail', []]]),
      doneMessage(7, 0, '', Buffer.from('cookie-1')),
    ]);
    const { responses, next } = decodeResponses(buf, 0, binary);
    expect(next).toBe(buf.length);
    expect(responses[0]).toEqual({ kind: 'entry', id: 7, entry: { dn: 'uid=zoë,ou=people,dc=x', cn: ['Zoë', 'Z'], jpegPhoto: [photo], mail: [] } });
    expect(responses[1]).toMatchObject({ kind: 'result', id: 7, op: 0x65, code: 0, cookie: Buffer.from('cookie-1') });
  });

  it('stops before an incomplete message and resumes when the rest arrives', () => {
    const a = entryMessage(300, 'cn=a', [['cn', ['a'.repeat(300)]]]);
    const b = doneMessage(300, 32, 'no such object');
    const whole = Buffer.concat([a, b]);
    for (const cut of [1, 2, 5, a.length - 1, a.length, a.length + 3]) {
      const first = decodeResponses(whole.subarray(0, cut), 0, binary);
      const rest = decodeResponses(whole, first.next, binary);
      const all = [...first.responses, ...rest.responses];
      expect(all.map((r) => r.kind)).toEqual(['entry', 'result']);
      expect(all[1]).toMatchObject({ code: 32, message: 'no such object', id: 300 });
    }
  });

  it('names the position of a malformed message', () => {
    expect(() => decodeResponses(Buffer.from([0x31, 0x00]), 0, binary)).toThrow(/expected an LDAP message at 0, found tag 0x31/);
  });
});
