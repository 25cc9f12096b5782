// A lean decoder for the LDAP responses of a paged search (RFC 4511 BER): entries straight into plain objects,
// text values decoded once, binary values copied out. ldapts builds several objects per value and validates
// UTF-8 twice; on large imports that decoding, not the server, set the pace.

export interface ResponseEntry {
  dn: string;
  [attribute: string]: string | string[] | Buffer | Buffer[];
}

/** One decoded LDAP message; entries and references carry no result. */
export type Response =
  | { readonly kind: 'entry'; readonly id: number; readonly entry: ResponseEntry }
  | { readonly kind: 'reference'; readonly id: number }
  | {
      readonly kind: 'result';
      readonly id: number;
      /** Protocol op tag (0x61 bind, 0x65 search done, 0x78 extended). */
      readonly op: number;
      readonly code: number;
      readonly message: string;
      /** Paged-results cookie when the search-done carried the control. */
      readonly cookie?: Buffer;
    };

/** Whether values of an attribute (server spelling) stay bytes. */
export type BinaryTest = (attribute: string) => boolean;

/** A BinaryTest over lower-cased names that remembers each spelling it has seen. */
export function binaryTest(lowerCaseNames: Iterable<string>): BinaryTest {
  const names = new Set(lowerCaseNames);
  const seen = new Map<string, boolean>();
  return (attribute) => {
    let b = seen.get(attribute);
    if (b === undefined) seen.set(attribute, (b = names.has(attribute.toLowerCase())));
    return b;
  };
}

const PAGED_OID = '1.2.840.113556.1.4.319';

/** Reads a BER length at offset; returns [length, offset after it], or undefined when incomplete. */
function readLength(buf: Buffer, offset: number): [number, number] | undefined {
  if (offset >= buf.length) return undefined;
  const first = buf[offset];
  if (first < 0x80) return [first, offset + 1];
  const n = first & 0x7f;
  if (n === 0 || n > 4) throw new Error(`unsupported BER length form 0x${first.toString(16)} at ${offset}`);
  if (offset + 1 + n > buf.length) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 1 + i];
  return [len, offset + 1 + n];
}

// The decoder runs once per value of every entry; returning [length, start] pairs would allocate an array
// each time, so `contentLength` leaves the start here instead.
let contentStart = 0;

/** Length of the element at offset; its content starts at `contentStart` (complete buffer assumed). */
function contentLength(buf: Buffer, offset: number): number {
  const first = buf[offset + 1];
  if (first < 0x80) {
    contentStart = offset + 2;
    return first;
  }
  const n = first & 0x7f;
  if (n === 0 || n > 4 || offset + 2 + n > buf.length) throw new Error(`bad BER length at ${offset + 1}`);
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
  contentStart = offset + 2 + n;
  return len;
}

/** Length and content start of the element at offset (complete buffer assumed). */
function element(buf: Buffer, offset: number): [number, number] {
  const len = contentLength(buf, offset);
  return [len, contentStart];
}

function readInt(buf: Buffer, start: number, len: number): number {
  let v = buf[start] & 0x80 ? -1 : 0;
  for (let i = 0; i < len; i++) v = v * 256 + buf[start + i];
  return v;
}

/**
 * Decodes every complete message in buf from offset; returns them and the offset of the first incomplete one.
 * `binary` holds the lower-cased attribute names whose values stay bytes.
 */
export function decodeResponses(buf: Buffer, offset: number, binary: BinaryTest): { responses: Response[]; next: number } {
  const responses: Response[] = [];
  for (;;) {
    if (offset >= buf.length) break;
    if (buf[offset] !== 0x30) throw new Error(`expected an LDAP message at ${offset}, found tag 0x${buf[offset].toString(16)}`);
    const l = readLength(buf, offset + 1);
    if (!l || l[1] + l[0] > buf.length) break;
    const [msgLen, body] = l;
    const end = body + msgLen;
    responses.push(decodeMessage(buf, body, end, binary));
    offset = end;
  }
  return { responses, next: offset };
}

function decodeMessage(buf: Buffer, pos: number, end: number, binary: BinaryTest): Response {
  const [idLen, idStart] = element(buf, pos);
  const id = readInt(buf, idStart, idLen);
  pos = idStart + idLen;
  const op = buf[pos];
  const [opLen, opStart] = element(buf, pos);
  const opEnd = opStart + opLen;
  if (op === 0x64) return { kind: 'entry', id, entry: decodeEntry(buf, opStart, opEnd, binary) };
  if (op === 0x73) return { kind: 'reference', id };
  // LDAPResult: resultCode ENUMERATED, matchedDN, diagnosticMessage, ...
  const [codeLen, codeStart] = element(buf, opStart);
  const code = readInt(buf, codeStart, codeLen);
  let p = codeStart + codeLen;
  const [mdLen, mdStart] = element(buf, p);
  p = mdStart + mdLen;
  const [msgLen, msgStart] = element(buf, p);
  const message = buf.toString('utf8', msgStart, msgStart + msgLen);
  let cookie: Buffer | undefined;
  if (opEnd < end && buf[opEnd] === 0xa0) cookie = pagedCookie(buf, opEnd, end);
  return { kind: 'result', id, op, code, message, cookie };
}

// Attribute names repeat in every entry: decode each spelling once and reuse the string.
const names = new Map<number, { bytes: Buffer; name: string }[]>();

function internName(buf: Buffer, start: number, len: number): string {
  const key = len * 65536 + buf[start] * 256 + buf[start + len - 1];
  let bucket = names.get(key);
  if (bucket) {
    for (const candidate of bucket) {
      const bytes = candidate.bytes;
      let same = true;
      for (let i = 1; i < len - 1; i++) {
        if (bytes[i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return candidate.name;
    }
  } else names.set(key, (bucket = []));
  const name = buf.toString('utf8', start, start + len);
  if (bucket.length < 8) bucket.push({ bytes: Buffer.from(buf.subarray(start, start + len)), name });
  return name;
}

function decodeEntry(buf: Buffer, pos: number, end: number, binary: BinaryTest): ResponseEntry {
  const dnLen = contentLength(buf, pos);
  const entry: ResponseEntry = { dn: buf.toString('utf8', contentStart, contentStart + dnLen) };
  contentLength(buf, contentStart + dnLen); // attributes SEQUENCE
  let p = contentStart;
  while (p < end) {
    const attrLen = contentLength(buf, p);
    const attrEnd = contentStart + attrLen;
    const typeLen = contentLength(buf, contentStart);
    const typeStart = contentStart;
    const type = internName(buf, typeStart, typeLen);
    const isBinary = binary(type);
    contentLength(buf, typeStart + typeLen); // SET OF values
    let v = contentStart;
    if (isBinary) {
      const values: Buffer[] = [];
      while (v < attrEnd) {
        const len = contentLength(buf, v);
        values.push(Buffer.from(buf.subarray(contentStart, contentStart + len)));
        v = contentStart + len;
      }
      entry[type] = values;
    } else {
      const values: string[] = [];
      while (v < attrEnd) {
        const len = contentLength(buf, v);
        values.push(buf.toString('utf8', contentStart, contentStart + len));
        v = contentStart + len;
      }
      entry[type] = values;
    }
    p = attrEnd;
  }
  return entry;
}

/** The cookie of the paged-results response control, if present. */
function pagedCookie(buf: Buffer, pos: number, end: number): Buffer | undefined {
  const [, controlsStart] = element(buf, pos);
  let p = controlsStart;
  while (p < end) {
    const [cLen, cStart] = element(buf, p);
    const cEnd = cStart + cLen;
    const [oidLen, oidStart] = element(buf, cStart);
    const oid = buf.toString('latin1', oidStart, oidStart + oidLen);
    let q = oidStart + oidLen;
    if (q < cEnd && buf[q] === 0x01) q = element(buf, q).reduce((a, b) => a + b); // criticality
    if (oid === PAGED_OID && q < cEnd && buf[q] === 0x04) {
      const [, valueStart] = element(buf, q);
      const [, seqStart] = element(buf, valueStart);
      const [sizeLen, sizeStart] = element(buf, seqStart);
      const [cookieLen, cookieStart] = element(buf, sizeStart + sizeLen);
      return Buffer.from(buf.subarray(cookieStart, cookieStart + cookieLen));
    }
    p = cEnd;
  }
  return undefined;
}
