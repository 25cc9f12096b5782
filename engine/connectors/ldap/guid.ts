// Active Directory objectGUID: 16 bytes, the first three fields little-endian; shown in the usual text form.

/** Formats a 16-byte objectGUID as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
export function guidToString(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error(`objectGUID must be 16 bytes, got ${bytes.length}`);
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex');
  const swap = (s: string): string => s.match(/../g)!.reverse().join('');
  return `${swap(h.slice(0, 8))}-${swap(h.slice(8, 12))}-${swap(h.slice(12, 16))}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Parses the text form back into the 16 bytes AD stores (for `(objectGUID=…)` filters). */
export function guidToBytes(text: string): Buffer {
  const h = text.replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(h)) throw new Error(`not a GUID: ${JSON.stringify(text)}`);
  const swap = (s: string): string => s.match(/../g)!.reverse().join('');
  return Buffer.from(swap(h.slice(0, 8)) + swap(h.slice(8, 12)) + swap(h.slice(12, 16)) + h.slice(16), 'hex');
}
