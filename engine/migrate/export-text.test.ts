// Export files in every encoding Windows tools write: UTF-8 with and without a BOM, UTF-16 LE/BE with a BOM and LE
// without one (the documenter's "hexadecimal value 0x00" case); damaged bytes are an error naming the file.
import { describe, expect, it } from 'vitest';
import { decodeExport } from './export-text.ts';

const XML = "<name>Custom: 'x' &amp; é</name>";
const utf16 = (text: string, be: boolean) => {
  const le = Buffer.from(text, 'utf16le');
  return be ? Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]!)) : le;
};

describe('reading export text', () => {
  it('reads every encoding to the same text', () => {
    const cases: [Uint8Array, string][] = [
      [Buffer.from(XML, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(XML, 'utf8')]), 'utf-8-bom'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(XML, false)]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(XML, true)]), 'utf-16be'],
      [utf16(XML, false), 'utf-16le'],
    ];
    for (const [bytes, encoding] of cases) expect(decodeExport(bytes, 'f.xml'), encoding).toEqual({ text: XML, encoding });
  });

  it('refuses bytes that are not text in their encoding, naming the file', () => {
    expect(() => decodeExport(Buffer.from([0x3c, 0x61, 0xff, 0x3e]), 'Connectors/Connector_{x}.xml')).toThrow('Connectors/Connector_{x}.xml: the file is not valid UTF-8 text');
  });
});
