import { describe, expect, it } from 'vitest';
import { nameChangedUsn } from './repl-metadata.ts';

/** A replPropertyMetaData blob with (attribute id, local USN) entries. */
function blob(entries: [number, bigint][]): Uint8Array {
  const b = Buffer.alloc(16 + entries.length * 48);
  b.writeUInt32LE(1, 0);
  b.writeUInt32LE(entries.length, 8);
  entries.forEach(([id, usn], i) => {
    b.writeUInt32LE(id, 16 + i * 48);
    b.writeBigInt64LE(usn, 16 + i * 48 + 40);
  });
  return b;
}

describe('replPropertyMetaData', () => {
  it('gives the local USN of the last rename or move (attribute name)', () => {
    expect(nameChangedUsn(blob([[0x0b, 4000n], [0x90001, 3995n], [0x0d, 4010n]]))).toBe(3995n);
  });
  it('says nothing for a blob it cannot read', () => {
    expect(nameChangedUsn(undefined)).toBeUndefined();
    expect(nameChangedUsn(new Uint8Array([2, 0, 0, 0]))).toBeUndefined();
    expect(nameChangedUsn(blob([[0x0b, 1n]]).subarray(0, 40))).toBeUndefined();
  });
});
