// Seeded randomness: a stateless 32-bit hash of (seed, stream, index) and a small sequential generator.

/** Mixes integers into a well-distributed 32-bit unsigned value (murmur3 finalizer over a running hash). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35);
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h >>> 0;
}

/** A value in [0, 1) for (seed, stream, index). */
export function unit(...parts: number[]): number {
  return hash32(...parts) / 0x1_0000_0000;
}

/** An integer in [0, n) for (seed, stream, index). */
export function pick(n: number, ...parts: number[]): number {
  return Math.floor(unit(...parts) * n);
}

/** A sequential generator (mulberry32) for when one object needs many random numbers. */
export class Rng {
  private state: number;

  constructor(...seedParts: number[]) {
    this.state = hash32(...seedParts);
  }

  /** Next value in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a list. */
  of<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
}
