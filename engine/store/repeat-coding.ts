// A small LZ77 coding for one stored object's bytes: a directory object repeats itself (the name in cn,
// displayName, mail and the DN; the mail in proxyAddresses), and writing a repeat as (distance, length) takes about
// a third off a packed attribute map. zlib would take a little more off, but each of its calls sets up and frees a
// stream, which costs more than the rest of the object's encoding; this runs in a few microseconds.
//
// The coded form is a sequence of: varint literal count, the literals, then (unless the input ended) varint
// (match length − MIN_MATCH) and varint distance.

const MIN_MATCH = 4;
const HASH_BITS = 12;
/** The last position of each 4-byte hash; reused between calls (positions are only trusted within the current input). */
const heads = new Int32Array(1 << HASH_BITS);
let generation = 0;
const stamps = new Int32Array(1 << HASH_BITS);

let out = Buffer.allocUnsafe(4096);
let at = 0;

function room(n: number): void {
  if (at + n <= out.length) return;
  const next = Buffer.allocUnsafe(Math.max(out.length * 2, at + n));
  out.copy(next, 0, 0, at);
  out = next;
}

function varint(n: number): void {
  room(5);
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[at++] = n;
}

function hash(b: Uint8Array, i: number): number {
  const v = b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
  return Math.imul(v, 0x9e3779b1) >>> (32 - HASH_BITS);
}

/** The coded form of bytes (written after `prefix` bytes the caller fills in). */
export function codeRepeats(input: Uint8Array, prefix: number): Buffer {
  generation = (generation + 1) | 0;
  at = prefix;
  const n = input.length;
  let literalStart = 0;
  let i = 0;
  while (i + MIN_MATCH <= n) {
    const h = hash(input, i);
    const candidate = stamps[h] === generation ? heads[h] : -1;
    heads[h] = i;
    stamps[h] = generation;
    if (candidate >= 0) {
      let len = 0;
      while (i + len < n && input[candidate + len] === input[i + len]) len++;
      if (len >= MIN_MATCH) {
        const literals = i - literalStart;
        varint(literals);
        room(literals);
        out.set(input.subarray(literalStart, i), at);
        at += literals;
        varint(len - MIN_MATCH);
        varint(i - candidate);
        // Positions inside the match are hashed too, so later repeats of its parts are found.
        const end = i + len;
        for (i++; i < end && i + MIN_MATCH <= n; i++) {
          const hh = hash(input, i);
          heads[hh] = i;
          stamps[hh] = generation;
        }
        i = end;
        literalStart = i;
        continue;
      }
    }
    i++;
  }
  const literals = n - literalStart;
  varint(literals);
  room(literals);
  out.set(input.subarray(literalStart, n), at);
  at += literals;
  return Buffer.from(out.subarray(0, at));
}

/** The bytes a coded form holds (read from `from`). */
export function decodeRepeats(coded: Uint8Array, from: number): Buffer {
  let result = Buffer.allocUnsafe(Math.max(64, coded.length * 3));
  let size = 0;
  let i = from;
  const readVarint = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (i >= coded.length) throw new Error('the coded form ends inside a number');
      const b = coded[i++];
      v |= (b & 0x7f) << shift;
      if (b < 0x80) return v >>> 0;
      shift += 7;
      if (shift > 28) throw new Error('a coded number is too long');
    }
  };
  const grow = (n: number) => {
    if (size + n <= result.length) return;
    const next = Buffer.allocUnsafe(Math.max(result.length * 2, size + n));
    result.copy(next, 0, 0, size);
    result = next;
  };
  for (;;) {
    const literals = readVarint();
    if (i + literals > coded.length) throw new Error('the coded literals run past the end');
    grow(literals);
    result.set(coded.subarray(i, i + literals), size);
    size += literals;
    i += literals;
    if (i === coded.length) break;
    const len = readVarint() + MIN_MATCH;
    const distance = readVarint();
    if (distance < 1 || distance > size) throw new Error(`a repeat refers to ${distance} bytes back, before the start`);
    grow(len);
    for (let k = 0; k < len; k++) result[size + k] = result[size - distance + k];
    size += len;
  }
  return result.subarray(0, size);
}
