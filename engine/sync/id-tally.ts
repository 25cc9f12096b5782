// A small count (0–255) per object id, kept in fixed-size blocks: a step remembers something about every object it
// touched in about one byte per id instead of a string in a Set, so a million objects cost about a megabyte.

/** Ids per block: 64 KiB blocks, allocated only for the id ranges used. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/** Counts per positive integer id (store ids); other ids are not tracked (`get` is 0, `increment` is a no-op). */
export class IdTally {
  private readonly blocks = new Map<number, Uint8Array>();

  /** The count of an id (0 when never incremented). */
  get(id: number): number {
    if (!Number.isSafeInteger(id) || id <= 0) return 0;
    return this.blocks.get(Math.floor(id / BLOCK))?.[id % BLOCK] ?? 0;
  }

  /** Adds one to an id's count (saturating at 255); returns the count before. */
  increment(id: number): number {
    if (!Number.isSafeInteger(id) || id <= 0) return 0;
    const key = Math.floor(id / BLOCK);
    let block = this.blocks.get(key);
    if (!block) this.blocks.set(key, (block = new Uint8Array(BLOCK)));
    const before = block[id % BLOCK];
    if (before < 255) block[id % BLOCK] = before + 1;
    return before;
  }
}
