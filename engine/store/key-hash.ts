// A 47-bit hash of a key (a DN key): index entries hold it instead of the text. SQLite stores an integer below 2^47
// in six bytes. Two keys may share a hash (about one lookup in ten million on a million-object space); the indexes
// that use it only ever name objects to re-evaluate, and re-evaluating an object that did not need it changes nothing.

/** Two 32-bit FNV-1a lanes with different offsets, each finished with the MurmurHash3 mixer, combined to 47 bits. */
export function keyHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c >>> 8) ^ ((c & 0xff) << 8), 0x01000193);
  }
  return (mix(b) & 0x7fff) * 0x100000000 + mix(a ^ key.length);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
