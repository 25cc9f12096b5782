import { describe, expect, it } from 'vitest';
import { codeRepeats, decodeRepeats } from './repeat-coding.ts';

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

/** Bytes with repeats of earlier parts (short and long, overlapping their own start) among random ones. */
function sample(next: () => number): Uint8Array {
  const out: number[] = [];
  const n = Math.floor(next() * 600);
  while (out.length < n) {
    if (out.length > 4 && next() < 0.4) {
      const from = Math.floor(next() * out.length);
      const len = 1 + Math.floor(next() * 40);
      for (let k = 0; k < len; k++) out.push(out[from + k]);
    } else out.push(Math.floor(next() * (next() < 0.5 ? 4 : 256)));
  }
  return Uint8Array.from(out);
}

describe('repeat coding', () => {
  it('reads back every input it codes, byte for byte, and codes repeats shorter', () => {
    const next = random(20261207);
    let plain = 0;
    let coded = 0;
    for (let i = 0; i < 3000; i++) {
      const input = sample(next);
      const c = codeRepeats(input, 3);
      expect(Buffer.compare(decodeRepeats(c, 3), input)).toBe(0);
      plain += input.length;
      coded += c.length - 3;
    }
    expect(coded).toBeLessThan(plain * 0.8);
  });

  it('codes a run of one byte (a repeat overlapping its own start) in a few bytes', () => {
    const input = new Uint8Array(1000).fill(7);
    const c = codeRepeats(input, 0);
    expect(c.length).toBeLessThan(10);
    expect(Buffer.compare(decodeRepeats(c, 0), input)).toBe(0);
  });

  it('refuses a damaged form: cut short, or a repeat from before the start', () => {
    const input = new TextEncoder().encode('leo.sorensen908@example.com SMTP:leo.sorensen908@example.com');
    const c = codeRepeats(input, 0);
    expect(() => decodeRepeats(c.subarray(0, 20), 0)).toThrow(/past the end|ends inside/);
    expect(() => decodeRepeats(Uint8Array.of(1, 65, 0, 5), 0)).toThrow(/before the start/);
  });
});
