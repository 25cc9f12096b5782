// Typed access to evaluated arguments; a mismatch raises an evaluation error at the call's position.
import { ExpressionEvaluationError, type ExpressionErrorCode } from './errors.ts';
import type { CallSite } from './function-def.ts';
import { DateTime } from './datetime.ts';
import { isReference, typeName, type Reference, type SpecialValue, type Value } from './values.ts';

/** Raises an evaluation error for the call. */
export function fail(site: CallSite, message: string, code: ExpressionErrorCode = 'type'): never {
  throw new ExpressionEvaluationError(`${site.name}: ${message}`, code, site.position);
}

function mismatch(site: CallSite, index: number, expected: string, v: Value): never {
  return fail(site, `argument ${index + 1} must be ${expected}, got ${typeName(v)}`);
}

/** Argument `i` as a String. */
export function str(args: Value[], i: number, site: CallSite): string {
  const v = args[i];
  return typeof v === 'string' ? v : mismatch(site, i, 'a String', v);
}

/** Argument `i` as an Integer. */
export function num(args: Value[], i: number, site: CallSite): bigint {
  const v = args[i];
  return typeof v === 'bigint' ? v : mismatch(site, i, 'an Integer', v);
}

/** Argument `i` as an Integer clamped into the safe JS number range (for lengths and positions). */
export function int(args: Value[], i: number, site: CallSite): number {
  const v = num(args, i, site);
  if (v > 9007199254740991n) return Number.MAX_SAFE_INTEGER;
  if (v < -9007199254740991n) return -Number.MAX_SAFE_INTEGER;
  return Number(v);
}

/** Argument `i` as a Boolean. */
export function bool(args: Value[], i: number, site: CallSite): boolean {
  const v = args[i];
  return typeof v === 'boolean' ? v : mismatch(site, i, 'a Boolean', v);
}

/** Argument `i` as Binary. */
export function bin(args: Value[], i: number, site: CallSite): Uint8Array {
  const v = args[i];
  return v instanceof Uint8Array ? v : mismatch(site, i, 'Binary', v);
}

/** Argument `i` as a DateTime. */
export function dt(args: Value[], i: number, site: CallSite): DateTime {
  const v = args[i];
  return v instanceof DateTime ? v : mismatch(site, i, 'a DateTime', v);
}

/** Argument `i` as a Reference; a String is read as DN text (spec A-04). */
export function refOrStr(args: Value[], i: number, site: CallSite): string {
  const v = args[i];
  if (typeof v === 'string') return v;
  if (isReference(v)) return (v as Reference).dn;
  return mismatch(site, i, 'a Reference or String', v);
}

/** Argument `i` as one of `names` (ASCII case-insensitive); returns the canonical spelling. */
export function enumArg(args: Value[], i: number, site: CallSite, names: readonly string[], fallback?: string): string {
  const v = args[i];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') return mismatch(site, i, `one of ${names.join(', ')}`, v);
  const found = names.find((n) => n.toLowerCase() === v.toLowerCase());
  return found ?? fail(site, `argument ${i + 1}: '${v}' is not one of ${names.join(', ')}`);
}

/** AuthoritativeNull and IgnoreThisFlow may only be a whole result, never an operand (spec §6.3). */
export function specialArgument(v: SpecialValue, site: CallSite): never {
  return fail(site, `${v.name} cannot be used as an operand or argument`, 'special-value');
}
