// GUID text ⇄ the 16-byte Active Directory layout (.NET Guid.ToByteArray: first three groups little-endian).

const GUID_TEXT = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

/** Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, optionally in braces; undefined if not a GUID. */
export function parseGuid(text: string): Uint8Array | undefined {
  const m = GUID_TEXT.exec(text);
  if (!m || text.startsWith('{') !== text.endsWith('}')) return undefined;
  const hex = (s: string) => Buffer.from(s, 'hex');
  const out = new Uint8Array(16);
  out.set(hex(m[1]).reverse(), 0);
  out.set(hex(m[2]).reverse(), 4);
  out.set(hex(m[3]).reverse(), 6);
  out.set(hex(m[4]), 8);
  out.set(hex(m[5]), 10);
  return out;
}

/** Formats 16 bytes as lower-case hyphenated GUID text. */
export function formatGuid(bytes: Uint8Array): string {
  const h = (from: number, to: number, reverse: boolean) => {
    const part = Buffer.from(bytes.subarray(from, to));
    return (reverse ? part.reverse() : part).toString('hex');
  };
  return `${h(0, 4, true)}-${h(4, 6, true)}-${h(6, 8, true)}-${h(8, 10, false)}-${h(10, 16, false)}`;
}
