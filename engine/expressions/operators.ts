// Scalar semantics of the operators (spec §2.4); the compiler lifts them over lists.
import type { BinaryOperator } from './ast.ts';
import { fail } from './arguments.ts';
import { checkInt64, cstr } from './coercion.ts';
import type { CallSite } from './function-def.ts';
import { DateTime } from './datetime.ts';
import { bytesEqual, isReference, typeName, type Value } from './values.ts';

/** A scalar operator: both operands are non-list data values (possibly Null). */
export type ScalarOperator = (a: Value, b: Value, site: CallSite) => Value;

function concat(a: Value, b: Value, site: CallSite): Value {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (a === null && b === null) return null;
  return concatPart(a, site) + concatPart(b, site);
}

function concatPart(v: Value, site: CallSite): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array || v instanceof DateTime) fail(site, `cannot concatenate a ${typeName(v)} value`);
  return cstr(v, site);
}

function arithmetic(op: '+' | '-' | '*' | '/'): ScalarOperator {
  return (a, b, site) => {
    if (a === null || b === null) return null;
    if (typeof a !== 'bigint' || typeof b !== 'bigint') {
      return fail(site, `operands must be Integers, got ${typeName(a)} and ${typeName(b)}${op === '+' ? " (use '&' to join text)" : ''}`);
    }
    switch (op) {
      case '+':
        return checkInt64(a + b, site);
      case '-':
        return checkInt64(a - b, site);
      case '*':
        return checkInt64(a * b, site);
      case '/':
        if (b === 0n) return fail(site, 'division by zero', 'range');
        return checkInt64(a / b, site);
    }
  };
}

/** Equality of two non-null scalars; mismatched types are an error. */
function equal(a: Value, b: Value, site: CallSite): boolean {
  const ta = typeof a;
  if (ta === typeof b && (ta === 'string' || ta === 'bigint' || ta === 'boolean')) return a === b;
  if (a instanceof DateTime && b instanceof DateTime) return a.ticks === b.ticks;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return bytesEqual(a, b);
  const da = isReference(a) ? a.dn : typeof a === 'string' ? a : undefined;
  const db = isReference(b) ? b.dn : typeof b === 'string' ? b : undefined;
  if (da !== undefined && db !== undefined) return da === db;
  return fail(site, `cannot compare ${typeName(a)} with ${typeName(b)}`);
}

/** Ordering of two non-null scalars: negative, zero or positive. */
function order(a: Value, b: Value, site: CallSite): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof DateTime && b instanceof DateTime) return a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0;
  return fail(site, `cannot order ${typeName(a)} and ${typeName(b)} (Strings, Integers or DateTimes expected)`);
}

/** The scalar implementation of every non-logical binary operator. */
export const scalarOperators: Record<Exclude<BinaryOperator, '&&' | '||'>, ScalarOperator> = {
  '&': concat,
  '+': arithmetic('+'),
  '-': arithmetic('-'),
  '*': arithmetic('*'),
  '/': arithmetic('/'),
  '=': (a, b, s) => (a === null || b === null ? null : equal(a, b, s)),
  '<>': (a, b, s) => (a === null || b === null ? null : !equal(a, b, s)),
  '<': (a, b, s) => (a === null || b === null ? null : order(a, b, s) < 0),
  '<=': (a, b, s) => (a === null || b === null ? null : order(a, b, s) <= 0),
  '>': (a, b, s) => (a === null || b === null ? null : order(a, b, s) > 0),
  '>=': (a, b, s) => (a === null || b === null ? null : order(a, b, s) >= 0),
};

/** Unary minus on a non-list value. */
export function negate(v: Value, site: CallSite): Value {
  if (v === null) return null;
  if (typeof v !== 'bigint') return fail(site, `cannot negate a ${typeName(v)}`);
  return checkInt64(-v, site);
}

/** The Boolean operand of `&&`/`||`: Null is False, anything but a Boolean is an error. */
export function logicalOperand(v: Value, site: CallSite): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  return fail(site, `operands must be Booleans, got ${typeName(v)} (wrap it in CBool)`);
}
