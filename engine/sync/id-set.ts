// A set of positive integer ids (store ids) as a bit per id in fixed-size blocks: a step remembers which objects it
// already counted in an eighth of a byte per id, so a million objects cost about 128 KB per counter.

/** Ids per block: 8 KiB blocks, allocated only for the id ranges used. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/** Positive integer ids; other ids are never members (`add` returns true for them every time). */
export class IdSet {
  private readonly blocks = new Map<number, Uint8Array>();

  /** True when the id is a member. */
  has(id: number): boolean {
    if (!Number.isSafeInteger(id) || id <= 0) return false;
    const bit = id % BLOCK;
    return ((this.blocks.get(Math.floor(id / BLOCK))?.[bit >> 3] ?? 0) & (1 << (bit & 7))) !== 0;
  }

  /** Adds an id; true when it was not a member before. */
  add(id: number): boolean {
    if (!Number.isSafeInteger(id) || id <= 0) return true;
    const key = Math.floor(id / BLOCK);
    let block = this.blocks.get(key);
    if (!block) this.blocks.set(key, (block = new Uint8Array(BLOCK / 8)));
    const bit = id % BLOCK;
    const mask = 1 << (bit & 7);
    if (block[bit >> 3] & mask) return false;
    block[bit >> 3] |= mask;
    return true;
  }
}
