// Directory extension values between the engine and Graph: each definition's data type decides the JSON sent
// (String ≤ 256 characters, Binary base64 ≤ 256 bytes, Integer 32-bit, LargeInteger, Boolean, DateTime ISO 8601)
// and the value an import brings back (so an exported value is read back equal and never exported again).
import { isDnRef, type AttributeType, type AttributeValue } from '../../model/values.ts';
import type { ExtensionDataType, ExtensionProperty } from './directory-extensions.ts';

const MAX_TEXT = 256;
const MAX_BINARY = 256;
const INT32 = 2n ** 31n;

/** The engine's attribute type of a data type. */
export const ATTRIBUTE_TYPE: Record<ExtensionDataType, AttributeType> = {
  String: 'string', Integer: 'integer', LargeInteger: 'integer', Boolean: 'boolean', Binary: 'binary', DateTime: 'datetime',
};

/** What is wrong with a value for a definition: the engine's export error code and why. */
export interface ValueProblem {
  readonly code: 'invalid-attribute-value' | 'constraint-violation';
  readonly reason: string;
}

function integer(value: AttributeValue): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return BigInt(value.trim());
  return undefined;
}

/** The Graph JSON of one value, or the problem that keeps it from being written. */
export function toGraphValue(def: ExtensionProperty, value: AttributeValue): { value: unknown } | ValueProblem {
  if (isDnRef(value)) return { code: 'invalid-attribute-value', reason: 'a reference cannot be written to a directory extension' };
  switch (def.dataType) {
    case 'String': {
      const text = value instanceof Date ? value.toISOString() : value instanceof Uint8Array ? Buffer.from(value).toString('base64') : String(value);
      if (text.length > MAX_TEXT) return { code: 'constraint-violation', reason: `the value has ${text.length} characters; a String directory extension holds at most ${MAX_TEXT}` };
      return { value: text };
    }
    case 'Integer':
    case 'LargeInteger': {
      const n = integer(value);
      if (n === undefined) return { code: 'invalid-attribute-value', reason: `'${String(value)}' is not a whole number (the extension is ${def.dataType})` };
      const fits = def.dataType === 'Integer' ? n >= -INT32 && n < INT32 : n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
      if (!fits) return { code: 'constraint-violation', reason: `${n} does not fit a${def.dataType === 'Integer' ? ' 32-bit Integer' : ' LargeInteger Graph can carry in JSON'}` };
      return { value: Number(n) };
    }
    case 'Boolean': {
      if (typeof value === 'boolean') return { value };
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return { value: value.toLowerCase() === 'true' };
      return { code: 'invalid-attribute-value', reason: `'${String(value)}' is not a Boolean` };
    }
    case 'DateTime': {
      const t = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(t)) return { code: 'invalid-attribute-value', reason: `'${String(value)}' is not a date and time` };
      return { value: new Date(t).toISOString() };
    }
    case 'Binary': {
      const bytes = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value), 'utf8');
      if (bytes.length > MAX_BINARY) return { code: 'constraint-violation', reason: `the value has ${bytes.length} bytes; a Binary directory extension holds at most ${MAX_BINARY}` };
      return { value: bytes.toString('base64') };
    }
  }
}

/** The engine's value of one Graph JSON value (undefined for a value of another shape, which is skipped). */
export function fromGraphValue(def: ExtensionProperty, raw: unknown): AttributeValue | undefined {
  switch (def.dataType) {
    case 'String':
      return typeof raw === 'string' ? raw : undefined;
    case 'Integer':
    case 'LargeInteger':
      return typeof raw === 'number' && Number.isInteger(raw) ? BigInt(raw) : typeof raw === 'string' && /^-?\d+$/.test(raw) ? BigInt(raw) : undefined;
    case 'Boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'DateTime': {
      const t = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      return Number.isNaN(t) ? undefined : new Date(t);
    }
    case 'Binary':
      return typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'base64')) : undefined;
  }
}

/** The data type a new definition gets from the values that first need it (text unless every value says otherwise). */
export function dataTypeOf(values: readonly AttributeValue[]): ExtensionDataType | undefined {
  if (values.length === 0 || values.some(isDnRef)) return undefined;
  if (values.every((v) => typeof v === 'boolean')) return 'Boolean';
  if (values.every((v) => typeof v === 'bigint')) return values.every((v) => (v as bigint) >= -INT32 && (v as bigint) < INT32) ? 'Integer' : 'LargeInteger';
  if (values.every((v) => v instanceof Date)) return 'DateTime';
  if (values.every((v) => v instanceof Uint8Array)) return 'Binary';
  return 'String';
}
