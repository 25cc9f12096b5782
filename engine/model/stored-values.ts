// The engine's internal attribute encoding: the JSON-safe API encoding, used in the store and during sync.
// Strings and booleans stay themselves; integers, binaries, dates and references are tagged objects.
import type { ApiAttributes, ApiValue } from '../../shared/model/values.ts';
import type { AttributeValue, Attributes } from './values.ts';
import { isDnRef } from './values.ts';
import { dnKey, isValidDn } from './dn.ts';

export type StoredValue = ApiValue;
export type StoredAttributes = ApiAttributes;

/** Encodes one connector value. */
export function encodeValue(v: AttributeValue): StoredValue {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return { int: v.toString() };
  if (v instanceof Uint8Array) return { bin: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return { date: v.toISOString() };
  if (isDnRef(v)) return { ref: v.dn };
  throw new Error(`Unsupported attribute value: ${String(v)}`);
}

/** Decodes one stored value back into a connector value. */
export function decodeValue(v: StoredValue): AttributeValue {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if ('int' in v) return BigInt(v.int);
  if ('bin' in v) return new Uint8Array(Buffer.from(v.bin, 'base64'));
  if ('date' in v) return new Date(v.date);
  return { dn: v.ref };
}

/** Encodes a connector attribute map, dropping empty attributes. */
export function encodeAttributes(attrs: Attributes): StoredAttributes {
  const out: StoredAttributes = {};
  for (const [name, values] of Object.entries(attrs)) if (values && values.length > 0) out[name] = values.map(encodeValue);
  return out;
}

/** Decodes a stored attribute map for a connector. */
export function decodeAttributes(attrs: StoredAttributes): Attributes {
  const out: Attributes = {};
  for (const [name, values] of Object.entries(attrs)) out[name] = values.map(decodeValue);
  return out;
}

/** The text form of a value, used by comparisons, search and indexes. */
export function valueText(v: StoredValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if ('int' in v) return v.int;
  if ('bin' in v) return v.bin;
  if ('date' in v) return v.date;
  return v.ref;
}

/** Text that starts like a DN (`attr=`); only such text is tried as a DN. */
const DN_LIKE = /^\s*[A-Za-z][A-Za-z0-9-]*\s*=/;

/**
 * Comparison key of a value (case-folded unless asked otherwise). References compare as DNs; a metaverse
 * reference by the object it points to (and, exactly, also by its DN text, so a renamed referent shows). Text
 * that is a DN compares as a DN when case is folded (joins and searches on DN-valued attributes).
 */
export function valueKey(v: StoredValue, caseSensitive = false): string {
  if (typeof v === 'object' && 'ref' in v) {
    if (typeof v.mv === 'number') return caseSensitive ? `ref:#${v.mv}:${v.ref}` : `ref:#${v.mv}`;
    return `ref:${caseSensitive ? v.ref : dnKey(v.ref)}`;
  }
  if (!caseSensitive && typeof v === 'string' && DN_LIKE.test(v) && isValidDn(v)) return `s:${dnKey(v)}`;
  const kind = typeof v === 'string' ? 's' : typeof v === 'boolean' ? 'b' : Object.keys(v)[0];
  const text = valueText(v);
  return `${kind}:${caseSensitive || kind === 'bin' ? text : text.toLowerCase()}`;
}

/** True when two value lists hold the same values in any order (exact comparison). */
export function sameValues(a: readonly StoredValue[] | undefined, b: readonly StoredValue[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  if (x.length === 1) return valueKey(x[0], true) === valueKey(y[0], true);
  const keys = new Map<string, number>();
  for (const v of x) keys.set(valueKey(v, true), (keys.get(valueKey(v, true)) ?? 0) + 1);
  for (const v of y) {
    const k = valueKey(v, true);
    const n = keys.get(k);
    if (!n) return false;
    keys.set(k, n - 1);
  }
  return true;
}

/** True when two attribute maps are equal attribute by attribute. */
export function sameAttributes(a: StoredAttributes, b: StoredAttributes): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const n of names) if (!sameValues(a[n], b[n])) return false;
  return true;
}

/** Names of the attributes whose values differ between two maps. */
export function changedAttributes(a: StoredAttributes, b: StoredAttributes): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => !sameValues(a[n], b[n]));
}
