// Converts between the text of a file and typed attribute values, following the declared attribute types.
import type { AttributeType, AttributeValue } from '../../model/values.ts';
import { isDnRef } from '../../model/values.ts';
import { dnKey } from './dn.ts';
import { decodeBase64 } from './ldif-reader.ts';

/** A value as a reader found it: CSV text, a JSON scalar or object, or LDIF bytes. */
export type RawValue = string | number | bigint | boolean | Uint8Array | Record<string, unknown> | null;

/** Why a raw value could not be converted (spec §14.4 code). */
export interface ValueProblem {
  readonly code: string;
  readonly message: string;
}

const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})$/;
const INTEGER = /^[+-]?\d+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Converts one raw value to the declared type. `bytesAreText` is false for LDIF, where a plain value of a binary
 * attribute is its UTF-8 bytes; CSV and JSON carry binary values as base64 text.
 */
export function toAttributeValue(raw: RawValue, type: AttributeType, fromLdif: boolean): AttributeValue | ValueProblem {
  switch (type) {
    case 'string':
      if (typeof raw === 'string') return raw;
      if (raw instanceof Uint8Array) {
        try {
          return utf8.decode(raw);
        } catch {
          return raw;
        }
      }
      if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
      return { code: 'unsupported-value-type', message: `expected text, found ${describe(raw)}` };
    case 'integer': {
      if (typeof raw === 'bigint') return raw;
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) return BigInt(raw);
      const text = asText(raw)?.trim();
      if (text !== undefined && INTEGER.test(text)) return BigInt(text);
      return { code: 'invalid-numeric-value', message: `"${preview(raw)}" is not an integer` };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const text = asText(raw)?.trim().toLowerCase();
      if (text === 'true' || text === '1' || text === 'yes') return true;
      if (text === 'false' || text === '0' || text === 'no') return false;
      return { code: 'invalid-boolean-value', message: `"${preview(raw)}" is not a boolean (true/false)` };
    }
    case 'binary': {
      if (raw instanceof Uint8Array) return raw;
      if (typeof raw !== 'string') return { code: 'invalid-base64-value', message: `expected base64 text, found ${describe(raw)}` };
      if (fromLdif) return new Uint8Array(Buffer.from(raw, 'utf8'));
      const bytes = decodeBase64(raw);
      return bytes ?? { code: 'invalid-base64-value', message: `"${preview(raw)}" is not valid base64` };
    }
    case 'datetime': {
      const text = asText(raw)?.trim();
      const date = text === undefined ? undefined : parseDate(text);
      return date ?? { code: 'invalid-attribute-value', message: `"${preview(raw)}" is not a date (ISO 8601 or generalized time)` };
    }
    case 'reference': {
      if (raw && typeof raw === 'object' && !(raw instanceof Uint8Array) && typeof raw.dn === 'string') return { dn: raw.dn };
      const text = asText(raw);
      if (text !== undefined && text.trim() !== '') return { dn: text.trim() };
      return { code: 'invalid-reference-value', message: `"${preview(raw)}" is not a DN` };
    }
  }
}

/** Formats a value as text for CSV (binary → base64, date → ISO 8601, reference → DN). */
export function valueToText(value: AttributeValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date) return value.toISOString();
  return value.dn;
}

/** Formats a value as JSON text: integers (any size, written exactly) and booleans keep their JSON type. */
export function valueToJsonText(value: AttributeValue): string {
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(valueToText(value));
}

/** Formats a value for LDIF: bytes stay bytes, dates become generalized time. */
export function valueToLdif(value: AttributeValue): string | Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) return value.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return valueToText(value);
}

/** A stable text form of a value for digests, distinct per type; a reference counts as written. */
export function valueKey(value: AttributeValue): string {
  if (typeof value === 'string') return 's' + value;
  if (typeof value === 'bigint') return 'i' + value;
  if (typeof value === 'boolean') return value ? 'bT' : 'bF';
  if (value instanceof Uint8Array) return 'x' + valueToText(value);
  if (value instanceof Date) return 'd' + value.toISOString();
  return isDnRef(value) ? 'r' + value.dn : 's';
}

/** The key under which two values are the same value of an attribute: references compare as DNs. */
export function valueMatchKey(value: AttributeValue): string {
  return isDnRef(value) ? 'r' + dnKey(value.dn) : valueKey(value);
}

function parseDate(text: string): Date | undefined {
  const g = GENERALIZED_TIME.exec(text);
  if (g) {
    const [, y, mo, d, h, mi = '00', s = '00', frac = '', tz] = g;
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? '.' + frac.slice(0, 3).padEnd(3, '0') : ''}${tz === 'Z' ? 'Z' : tz.slice(0, 3) + ':' + tz.slice(3)}`;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function asText(raw: RawValue): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
  if (raw instanceof Uint8Array) {
    try {
      return utf8.decode(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function preview(raw: RawValue): string {
  const t = raw instanceof Uint8Array ? `<${raw.length} bytes>` : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  return t.length > 60 ? t.slice(0, 57) + '...' : t;
}

function describe(raw: RawValue): string {
  return raw === null ? 'null' : raw instanceof Uint8Array ? 'bytes' : Array.isArray(raw) ? 'an array' : typeof raw;
}
