// Multi-valued lifting (spec §4.4): a list in a scalar position runs the call once per element.
import { fail } from './arguments.ts';
import type { CallSite } from './function-def.ts';
import { SpecialValue, type List, type Scalar, type Value } from './values.ts';

/** Length shared by the list arguments at lifted positions; different lengths are an error. */
export function zipLength(args: Value[], lifted: (i: number) => boolean, site: CallSite): number {
  let length = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!Array.isArray(a) || !lifted(i)) continue;
    if (length >= 0 && a.length !== length) fail(site, `multi-valued arguments have different numbers of values (${length} and ${a.length})`, 'range');
    length = a.length;
  }
  return length;
}

/** Calls `apply` per element (zip), dropping Null results; lists and flow sentinels per element are errors. */
export function liftCall(args: Value[], lifted: (i: number) => boolean, apply: (args: Value[]) => Value, site: CallSite): List {
  const length = zipLength(args, lifted, site);
  const out: List = [];
  const element: Value[] = new Array(args.length);
  for (let k = 0; k < length; k++) {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      element[i] = Array.isArray(a) && lifted(i) ? a[k] : a;
    }
    pushElement(out, apply(element), site);
  }
  return out;
}

/** Adds one lifted result to a list: Null is dropped, nested lists and sentinels fail. */
export function pushElement(out: List, v: Value, site: CallSite): void {
  if (v === null) return;
  if (Array.isArray(v)) fail(site, 'a multi-valued result cannot be produced once per value (no nested lists)');
  if (v instanceof SpecialValue) fail(site, `${v.name} cannot be the value of one element of a multi-valued result`, 'special-value');
  out.push(v as Scalar);
}
