// The JSON encoding of attribute sets and results used by the test vectors and `idsync eval` (spec §9).
import { z } from 'zod';
import { DateTime } from './datetime.ts';
import { createValueContext, type EvaluationContext } from './context.ts';
import { SpecialValue, isReference, reference, type DataValue, type Scalar, type Value } from './values.ts';

const scalarJson = z.union([
  z.string(),
  z.number().int(),
  // Integers beyond 2^53 (AD FILETIMEs, USNs) when the JSON was read losslessly.
  z.bigint(),
  z.boolean(),
  z.strictObject({ base64: z.string() }),
  z.strictObject({ ref: z.string() }),
]);

/** JSON attribute set: a key `%Name%` is a parameter; an array is a multi-valued attribute. */
export const vectorAttributesSchema = z.record(z.string(), z.union([scalarJson, z.array(scalarJson)]));

/** Attribute set in the vector encoding. */
export type VectorAttributes = z.infer<typeof vectorAttributesSchema>;

/** An encoded result: scalar JSON, `{base64}`, `{ref}`, an array, `{null:true}` or `{special}` (bigint for Integers). */
export type EncodedResult =
  | string
  | bigint
  | boolean
  | { base64: string }
  | { ref: string }
  | { null: true }
  | { special: string }
  | EncodedResult[];

function decodeScalar(v: z.infer<typeof scalarJson>): Scalar {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if ('base64' in v) return new Uint8Array(Buffer.from(v.base64, 'base64'));
  return reference(v.ref);
}

/** Builds an evaluation context from the vector encoding; throws a zod error naming the bad key. */
export function decodeVectorAttributes(input: unknown): EvaluationContext {
  const attrs = vectorAttributesSchema.parse(input);
  const values: Record<string, DataValue> = {};
  const parameters: Record<string, string> = {};
  for (const [key, v] of Object.entries(attrs)) {
    if (key.length > 2 && key.startsWith('%') && key.endsWith('%')) {
      if (typeof v !== 'string') throw new Error(`parameter ${key} must be a string`);
      parameters[key.slice(1, -1)] = v;
    } else values[key] = Array.isArray(v) ? v.map(decodeScalar) : decodeScalar(v);
  }
  return createValueContext({ values, parameters });
}

/** Encodes a result value. */
export function encodeResult(v: Value): EncodedResult {
  if (v === null) return { null: true };
  if (v instanceof SpecialValue) return { special: v.name };
  if (Array.isArray(v)) return v.map(encodeScalar);
  return encodeScalar(v as Scalar);
}

function encodeScalar(v: Scalar): EncodedResult {
  if (typeof v === 'string' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return { base64: Buffer.from(v).toString('base64') };
  if (v instanceof DateTime) return v.toISOString();
  if (isReference(v)) return { ref: v.dn };
  return String(v);
}

/** JSON text of an encoded result; Integers are written as exact JSON numbers. */
export function stringifyResult(v: unknown): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${marker}${x}` : x));
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
