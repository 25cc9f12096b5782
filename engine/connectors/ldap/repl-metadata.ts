// Active Directory's replPropertyMetaData (MS-DRSR REPLPROPERTYMETADATA blob): per attribute, the local USN of
// its last change. The `name` attribute changes when, and only when, an object is renamed or moved, so a
// container whose other attributes changed need not have its subtree read again.

/** attributeID of `name` (ATT_RDN). */
const ATT_RDN = 0x00090001;
const HEADER = 16;
const ENTRY = 48;

/** The local USN at which the object was last renamed or moved (or created); undefined when unreadable. */
export function nameChangedUsn(blob: Uint8Array | undefined): bigint | undefined {
  if (!blob || blob.length < HEADER) return undefined;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (b.readUInt32LE(0) !== 1) return undefined;
  const count = b.readUInt32LE(8);
  if (b.length < HEADER + count * ENTRY) return undefined;
  for (let i = 0; i < count; i++) {
    const at = HEADER + i * ENTRY;
    // attrType, dwVersion, timeChanged, uuidDsaOriginating, usnOriginating, usnProperty (the local USN)
    if (b.readUInt32LE(at) === ATT_RDN) return b.readBigInt64LE(at + 40);
  }
  return undefined;
}
