// Conversion functions (spec §7.2): CBool, CDate, CGuid, ConvertFrom/ToBase64, ConvertFrom/ToUTF8Hex, CNum, CRef, CStr, StringFromGuid, StringFromSid.
import { bin, enumArg, fail, str } from '../arguments.ts';
import { cstr, parseInteger, truth } from '../coercion.ts';
import { parseDateTime } from '../date-parse.ts';
import { DateTime } from '../datetime.ts';
import { param, type FunctionDef, type StaticType } from '../function-def.ts';
import { formatGuid, parseGuid } from '../guid.ts';
import { isReference, reference } from '../values.ts';

const ENCODINGS = ['Unicode', 'ASCII', 'UTF8'] as const;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fn(name: string, signatures: string[], doc: string, params: FunctionDef['params'], returns: StaticType, impl: FunctionDef['impl']): FunctionDef {
  return { name, category: 'Conversion', signatures, doc, params, returns, impl };
}

/** Decodes bytes as text in the named encoding; invalid bytes fail. */
function decode(bytes: Buffer, encoding: string, fail: (m: string) => never): string {
  switch (encoding) {
    case 'ASCII':
      if (bytes.some((b) => b > 0x7f)) fail('bytes are not ASCII');
      return bytes.toString('latin1');
    case 'UTF8':
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return fail('bytes are not valid UTF-8');
      }
    default:
      if (bytes.length % 2 !== 0) fail('an odd number of bytes is not UTF-16 text');
      return bytes.toString('utf16le');
  }
}

/** SDDL text of a binary security identifier. */
function sidToString(b: Uint8Array, reject: (m: string) => never): string {
  if (b.length < 8 || b[0] !== 1 || b.length !== 8 + 4 * b[1]) reject(`not a security identifier (${b.length} bytes)`);
  let authority = 0n;
  for (let i = 2; i < 8; i++) authority = (authority << 8n) | BigInt(b[i]);
  const parts = [`S-${b[0]}`, authority < 1n << 32n ? authority.toString() : `0x${authority.toString(16).toUpperCase().padStart(12, '0')}`];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < b[1]; i++) parts.push(String(view.getUint32(8 + 4 * i, true)));
  return parts.join('-');
}

/** The Conversion functions. */
export const conversionFunctions: readonly FunctionDef[] = [
  fn('CBool', ['bool CBool(exp Expression)'], 'True when the value is non-zero or "True"; Null gives False.', [param('Expression', ['bool', 'num', 'str'], { nullable: true })], 'bool', ([v], site) => truth(v, site)),
  fn('CDate', ['dt CDate(str value)'], 'Parses date/time text (ISO 8601, US M/d/yyyy, optional UTC offset) into a UTC DateTime.', [param('value', ['str', 'dt'])], 'dt', (a, site) => {
    const v = a[0];
    if (v instanceof DateTime) return v;
    const text = str(a, 0, site);
    return parseDateTime(text) ?? fail(site, `'${text}' is not a recognised date/time`);
  }),
  fn('CGuid', ['bin CGuid(str GUID)'], 'Converts GUID text to its 16-byte binary form.', [param('GUID', 'str')], 'bin', (a, site) => {
    const text = str(a, 0, site);
    return parseGuid(text) ?? fail(site, `'${text}' is not a GUID`);
  }),
  fn('ConvertFromBase64', ['str ConvertFromBase64(str source)', 'str ConvertFromBase64(str source, enum Encoding)'], 'Decodes Base64 text to a string (Unicode by default, or ASCII/UTF8).', [param('source', 'str'), param('Encoding', 'str', { shape: 'enum', optional: true, enumValues: ENCODINGS })], 'str', (a, site) => {
    const text = str(a, 0, site).replace(/\s+/g, '');
    const encoding = a.length > 1 ? enumArg(a, 1, site, ENCODINGS) : 'Unicode';
    if (!BASE64.test(text)) fail(site, 'source is not valid Base64');
    return decode(Buffer.from(text, 'base64'), encoding, (m) => fail(site, m));
  }),
  fn('ConvertToBase64', ['str ConvertToBase64(str source)', 'str ConvertToBase64(bin source)'], 'Base64 of a string’s UTF-16LE bytes, or of binary data as is.', [param('source', ['str', 'bin'])], 'str', (a, site) => {
    const v = a[0];
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    return Buffer.from(str(a, 0, site), 'utf16le').toString('base64');
  }),
  fn('ConvertFromUTF8Hex', ['str ConvertFromUTF8Hex(str source)'], 'Decodes hex pairs as UTF-8 text.', [param('source', 'str')], 'str', (a, site) => {
    const text = str(a, 0, site);
    if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) fail(site, 'source is not an even number of hex digits');
    return decode(Buffer.from(text, 'hex'), 'UTF8', (m) => fail(site, m));
  }),
  fn('ConvertToUTF8Hex', ['str ConvertToUTF8Hex(str source)'], 'Encodes text as upper-case hex of its UTF-8 bytes.', [param('source', 'str')], 'str', (a, site) => Buffer.from(str(a, 0, site), 'utf8').toString('hex').toUpperCase()),
  fn('CNum', ['num CNum(str value)'], 'Parses decimal integer text (optional sign) into an Integer.', [param('value', ['str', 'num'])], 'num', (a, site) => {
    const v = a[0];
    if (typeof v === 'bigint') return v;
    const text = str(a, 0, site);
    return parseInteger(text) ?? fail(site, `'${text}' is not a 64-bit integer`);
  }),
  fn('CRef', ['ref CRef(str value)'], 'Reinterprets DN text as a Reference.', [param('value', ['str', 'ref'])], 'ref', (a, site) => {
    const v = a[0];
    if (isReference(v)) return v;
    const text = str(a, 0, site);
    return text.length > 0 ? reference(text) : fail(site, 'an empty string is not a DN');
  }),
  fn('CStr', ['str CStr(num value)', 'str CStr(ref value)', 'str CStr(bool value)', 'str CStr(str value)'], 'Converts an Integer, Boolean, Reference or DateTime to text (strings unchanged).', [param('value', ['str', 'num', 'bool', 'ref', 'dt'])], 'str', ([v], site) => cstr(v, site)),
  fn('StringFromGuid', ['str StringFromGuid(bin GUID)'], 'Formats a 16-byte binary GUID as lower-case text.', [param('GUID', 'bin')], 'str', (a, site) => {
    const b = bin(a, 0, site);
    return b.length === 16 ? formatGuid(b) : fail(site, `a GUID has 16 bytes, got ${b.length}`);
  }),
  fn('StringFromSid', ['str StringFromSid(bin ObjectSID)'], 'Formats a binary security identifier as S-1-… text.', [param('ObjectSID', 'bin')], 'str', (a, site) => sidToString(bin(a, 0, site), (m) => fail(site, m))),
];

