// The conversion rules several functions and operators share: CStr text, CBool/condition truth, CNum parsing.
import { fail } from './arguments.ts';
import type { CallSite } from './function-def.ts';
import { DateTime } from './datetime.ts';
import { isReference, typeName, type Value } from './values.ts';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** CStr rules: String as is, Integer in decimal, Boolean as True/False, Reference as its DN, DateTime as ISO 8601. */
export function cstr(v: Value, site: CallSite): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'True' : 'False';
  }
  if (v instanceof DateTime) return v.toISOString();
  if (isReference(v)) return v.dn;
  return fail(site, `cannot convert ${typeName(v)} to a String`);
}

/** CBool rules (spec A-42), also the truth of a condition (§3.5): Null → False, numbers ≠ 0, "True"/"False" text. */
export function truth(v: Value, site: CallSite): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'string': {
      const t = v.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      const n = parseInteger(v);
      if (n !== undefined) return n !== 0n;
      return fail(site, `'${v}' is not a Boolean or a number`);
    }
  }
  return fail(site, `a ${typeName(v)} is not a condition (Boolean expected)`);
}

/** CNum text rules (spec A-41): optional sign and decimal digits, surrounding white space; undefined if not. */
export function parseInteger(text: string): bigint | undefined {
  const m = /^\s*([+-]?)(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const value = BigInt(m[1] === '-' ? `-${m[2]}` : m[2]);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/** Checks that an Int64 computation did not overflow. */
export function checkInt64(value: bigint, site: CallSite): bigint {
  if (value < INT64_MIN || value > INT64_MAX) fail(site, 'arithmetic overflow (beyond 64-bit integer)', 'range');
  return value;
}
