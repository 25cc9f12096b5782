// The runtime value model (spec §3) and conversion to and from stored attribute values.
import type { AttributeValue, DnRef } from '../model/values.ts';
import { DateTime } from './datetime.ts';

/** A Reference value: DN text pointing at another object (same shape as a stored DnRef). */
export type Reference = DnRef;

/** One value of a data type: String, Integer (Int64), Boolean, Binary, DateTime or Reference. */
export type Scalar = string | bigint | boolean | Uint8Array | DateTime | Reference;

/** A multi-valued result: an ordered list of scalars (never nested). */
export type List = Scalar[];

/** The flow sentinels AuthoritativeNull and IgnoreThisFlow (spec §6). */
export class SpecialValue {
  private constructor(readonly name: 'AuthoritativeNull' | 'IgnoreThisFlow') {}
  static readonly authoritativeNull = new SpecialValue('AuthoritativeNull');
  static readonly ignoreThisFlow = new SpecialValue('IgnoreThisFlow');
  toString(): string {
    return this.name;
  }
}

/** A value carrying data: a scalar, a list or Null. */
export type DataValue = Scalar | List | null;

/** Anything an expression can produce. */
export type Value = DataValue | SpecialValue;

/** The type names used in messages and signatures. */
export type TypeName = 'String' | 'Integer' | 'Boolean' | 'Binary' | 'DateTime' | 'Reference' | 'List' | 'Null' | 'Special';

/** The AuthoritativeNull sentinel. */
export const AUTHORITATIVE_NULL = SpecialValue.authoritativeNull;
/** The IgnoreThisFlow sentinel. */
export const IGNORE_THIS_FLOW = SpecialValue.ignoreThisFlow;

/** True for a Reference value. */
export function isReference(v: unknown): v is Reference {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !(v instanceof DateTime) && !Array.isArray(v) && !(v instanceof SpecialValue) && typeof (v as Reference).dn === 'string';
}

/** Creates a Reference value. */
export function reference(dn: string): Reference {
  return { dn };
}

/** The type name of a value, for messages. */
export function typeName(v: Value): TypeName {
  if (v === null) return 'Null';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'bigint':
      return 'Integer';
    case 'boolean':
      return 'Boolean';
  }
  if (Array.isArray(v)) return 'List';
  if (v instanceof Uint8Array) return 'Binary';
  if (v instanceof DateTime) return 'DateTime';
  if (v instanceof SpecialValue) return 'Special';
  return 'Reference';
}

/** Structural equality of two data values (bytes for Binary, ticks for DateTime, DN text for Reference). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i]));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return bytesEqual(a, b);
  if (a instanceof DateTime && b instanceof DateTime) return a.ticks === b.ticks;
  if (isReference(a) && isReference(b)) return a.dn === b.dn;
  return false;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Converts stored attribute values to an expression value; `multiValued` comes from the schema. */
export function fromAttributeValues(values: readonly AttributeValue[] | undefined, multiValued: boolean): DataValue {
  if (values === undefined || values.length === 0) return null;
  if (!multiValued && values.length === 1) return fromAttributeValue(values[0]);
  const out: List = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fromAttributeValue(values[i]);
  return out;
}

/** Converts one stored value; a JS Date becomes a DateTime. */
export function fromAttributeValue(v: AttributeValue): Scalar {
  return v instanceof Date ? DateTime.fromEpochMs(v.getTime()) : v;
}

/** Converts an expression data value to stored attribute values (Null → [], DateTime → Date). */
export function toAttributeValues(v: DataValue): AttributeValue[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v.map(toAttributeValue);
  return [toAttributeValue(v as Scalar)];
}

/** Converts one scalar to a stored value. */
export function toAttributeValue(v: Scalar): AttributeValue {
  return v instanceof DateTime ? new Date(v.epochMs) : v;
}

export { DateTime };

/** What a flow does with an expression result (spec §6): store values, contribute nothing, or a sentinel. */
export type FlowOutcome =
  | { readonly kind: 'values'; readonly values: AttributeValue[] }
  | { readonly kind: 'null' }
  | { readonly kind: 'authoritativeNull' }
  | { readonly kind: 'ignoreThisFlow' };

/** Classifies a result for the flow layer; an empty list counts as Null (spec §4.4 rule 7). */
export function toFlowOutcome(v: Value): FlowOutcome {
  if (v === AUTHORITATIVE_NULL) return { kind: 'authoritativeNull' };
  if (v === IGNORE_THIS_FLOW) return { kind: 'ignoreThisFlow' };
  const values = toAttributeValues(v as DataValue);
  return values.length === 0 ? { kind: 'null' } : { kind: 'values', values };
}
