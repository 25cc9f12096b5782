// A minimal DER reader: enough of ASN.1 to walk an X.509 certificate.

/** One decoded TLV element. */
export interface DerElement {
  readonly tag: number;
  /** The content octets. */
  readonly content: Uint8Array;
  /** The whole encoding (tag, length and content). */
  readonly encoded: Uint8Array;
}

/** Malformed DER. */
export class DerError extends Error {}

/** Reads the element starting at `offset`; returns it and the offset after it. */
export function readElement(buf: Uint8Array, offset: number): { element: DerElement; next: number } {
  if (offset + 2 > buf.length) throw new DerError('truncated element');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let length = buf[offset + 1];
  let pos = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || pos + count > buf.length) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos + i];
    pos += count;
  }
  if (pos + length > buf.length) throw new DerError('element overruns its container');
  return { element: { tag, content: buf.subarray(pos, pos + length), encoded: buf.subarray(offset, pos + length) }, next: pos + length };
}

/** The child elements of a constructed element. */
export function children(element: DerElement): DerElement[] {
  const out: DerElement[] = [];
  let offset = 0;
  while (offset < element.content.length) {
    const { element: child, next } = readElement(element.content, offset);
    out.push(child);
    offset = next;
  }
  return out;
}

/** Decodes an OBJECT IDENTIFIER to dotted text. */
export function decodeOid(content: Uint8Array): string {
  if (content.length === 0) throw new DerError('empty OID');
  const parts: bigint[] = [];
  let value = 0n;
  for (const b of content) {
    value = (value << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      parts.push(value);
      value = 0n;
    }
  }
  const first = parts[0];
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...parts.slice(1)].join('.');
}

/** Decodes a directory string (UTF8, Printable, IA5, Teletex, BMP, Universal). */
export function decodeString(element: DerElement): string {
  const b = Buffer.from(element.content);
  switch (element.tag) {
    case 0x1e: {
      const swapped = Buffer.from(b);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case 0x1c: {
      let out = '';
      for (let i = 0; i + 3 < b.length; i += 4) out += String.fromCodePoint(b.readUInt32BE(i));
      return out;
    }
    case 0x14:
      return b.toString('latin1');
    default:
      return b.toString('utf8');
  }
}

/** Decodes UTCTime or GeneralizedTime to UTC calendar fields. */
export function decodeTime(element: DerElement): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const text = Buffer.from(element.content).toString('latin1');
  const m = element.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text);
  if (!m) throw new DerError(`unsupported time '${text}'`);
  let year = Number(m[1]);
  if (element.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return { year, month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: m[6] ? Number(m[6]) : 0 };
}
