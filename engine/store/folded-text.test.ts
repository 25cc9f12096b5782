import { describe, expect, it } from 'vitest';
import { foldedPattern } from './folded-text.ts';

describe('foldedPattern (the trigram index pattern of a PostgreSQL substring search)', () => {
  it('folds separators to q and keeps digits, so `.9` stays in the pattern', () => {
    expect(foldedPattern('torvalds.9')).toBe('%torvaldsq9%');
    expect(foldedPattern('cn=a b')).toBe('%cnqaqb%');
  });

  it('leaves other punctuation and non-ASCII characters to wildcards, keeping the stretches in order', () => {
    expect(foldedPattern("o'brien+ops/7")).toBe('%oqbrien%ops%');
    expect(foldedPattern('josé.müller-9')).toBe('%jos%llerq9%');
    expect(foldedPattern('日本語テキスト.9')).toBeNull();
    expect(foldedPattern('ab')).toBeNull();
    expect(foldedPattern('é.m')).toBeNull();
  });

  it('asks a long text for its rarest stretch of ten characters, digits first', () => {
    expect(foldedPattern('linus.torvalds.9001@x.example')).toBe('%valdsq9001%');
    const pattern = foldedPattern('a.b.c.d.e.f.g.h.i.j.k.l.m.n.9876')!;
    expect(pattern).toMatch(/^%[a-z0-9]{10}%$/);
    expect('aqbqcqdqeqfqgqhqiqjqkqlqmqnq9876').toContain(pattern.slice(1, -1));
    expect(pattern).toContain('9876');
  });

  it('never spells a LIKE wildcard or escape of the text', () => {
    for (const text of ['100%', 'a_b', 'a\\b', '%%%', '___']) expect(foldedPattern(text) ?? '').not.toMatch(/[_\\]|%.*%.*%/);
  });
});
