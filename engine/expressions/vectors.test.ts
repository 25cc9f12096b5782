// Runs every vector of the specification's function-vectors.json (engine/test-data) through compile + evaluate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, decodeVectorAttributes, encodeResult, ExpressionError } from './index.ts';

interface Vector {
  id: string;
  expr: string;
  attrs: Record<string, unknown>;
  expected: unknown;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const vectorsPath = path.join(repoRoot, 'engine/test-data/function-vectors.json');

/** Normalises JSON numbers to bigint so Integers compare exactly. */
function normalise(v: unknown): unknown {
  if (typeof v === 'number') return BigInt(String(v));
  if (Array.isArray(v)) return v.map(normalise);
  return v;
}

/** Evaluates a vector: the encoded result or `{error: true}` for a typed error. */
function run(v: Vector): unknown {
  try {
    return encodeResult(compile(v.expr).evaluate(decodeVectorAttributes(v.attrs)));
  } catch (err) {
    if (err instanceof ExpressionError) return { error: true, message: err.message };
    throw err;
  }
}

describe('function vectors', () => {
  const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vector[];
  it('has the vectors', () => expect(vectors.length).toBe(355));
  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const got = run(v);
    if (typeof v.expected === 'object' && v.expected !== null && 'error' in v.expected) {
      expect(got).toMatchObject({ error: true });
    } else {
      expect(got).toEqual(normalise(v.expected));
    }
  });
});
