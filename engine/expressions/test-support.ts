// Shared by the tests of this folder: evaluate text over attributes in the vector encoding.
import { compile } from './expression.ts';
import { decodeVectorAttributes, encodeResult, type EncodedResult } from './json-encoding.ts';
import { ExpressionError } from './errors.ts';

/** Evaluates and encodes the result (Integers as bigint, DateTimes as ISO text). */
export function ev(expr: string, attrs: Record<string, unknown> = {}): EncodedResult {
  return encodeResult(compile(expr).evaluate(decodeVectorAttributes(attrs)));
}

/** The typed error an expression raises, or undefined when it succeeds. */
export function errorOf(expr: string, attrs: Record<string, unknown> = {}): ExpressionError | undefined {
  try {
    ev(expr, attrs);
    return undefined;
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
}
