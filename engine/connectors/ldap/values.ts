// Conversion between LDAP wire values (strings and Buffers, as ldapts returns them) and engine attribute values.
import type { AttributeType, AttributeValue } from '../contract.ts';
import { isDnRef } from '../../model/values.ts';

/** Parses GeneralizedTime (`20261123231036.032529Z`, `…Z`, `…+0100`). */
export function parseLdapTime(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '+' ? 1 : -1;
    t -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3, 5))) * 60_000;
  }
  return new Date(t);
}

/** Formats a Date as GeneralizedTime in UTC (`YYYYMMDDHHMMSS.mmmZ`, or without fraction on whole seconds). */
export function formatLdapTime(date: Date): string {
  const iso = date.toISOString(); // 2026-11-23T23:10:36.032Z
  const base = iso.slice(0, 19).replace(/[-T:]/g, '');
  const ms = iso.slice(20, 23);
  return ms === '000' ? `${base}Z` : `${base}.${ms}Z`;
}

/** Converts one attribute's raw values to engine values of the given type. */
export function fromWire(raw: string | Buffer | string[] | Buffer[], type: AttributeType): AttributeValue[] {
  const values = (Array.isArray(raw) ? raw : [raw]) as (string | Buffer)[];
  // Text arrives as an array of strings already: hand it on without copying.
  if (type === 'string' && Array.isArray(raw) && (raw.length === 0 || typeof raw[0] === 'string')) return raw as string[];
  const out: AttributeValue[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const item = values[i];
    if (typeof item !== 'string' && type === 'binary') {
      out[i] = new Uint8Array(item.buffer, item.byteOffset, item.byteLength);
      continue;
    }
    const v = typeof item === 'string' ? item : item.toString('utf8');
    switch (type) {
      case 'reference':
        out[i] = { dn: v };
        break;
      case 'integer':
        out[i] = /^-?\d+$/.test(v) ? BigInt(v) : v;
        break;
      case 'boolean':
        out[i] = v.toUpperCase() === 'TRUE' ? true : v.toUpperCase() === 'FALSE' ? false : v;
        break;
      case 'datetime':
        out[i] = parseLdapTime(v) ?? v;
        break;
      case 'binary':
        out[i] = new Uint8Array(Buffer.from(v, 'utf8'));
        break;
      default:
        out[i] = v;
    }
  }
  return out;
}

/** Converts one engine value to what ldapts sends: text, or a Buffer for binary values. */
export function toWire(value: AttributeValue): string | Buffer {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Date) return formatLdapTime(value);
  if (isDnRef(value)) return value.dn;
  throw new Error(`unsupported value ${String(value)}`);
}
