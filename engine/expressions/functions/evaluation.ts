// Evaluation predicates (spec §7.5): IsBitSet, IsDate, IsEmpty, IsGuid, IsNull, IsNullOrEmpty, IsNumeric, IsPresent, IsString.
import { num } from '../arguments.ts';
import { parseInteger } from '../coercion.ts';
import { param, type FunctionDef } from '../function-def.ts';
import { parseDateTime } from '../date-parse.ts';
import { parseGuid } from '../guid.ts';
import { DateTime } from '../datetime.ts';
import type { Scalar, Value } from '../values.ts';

/** True for a value that carries data: not Null, not "", not empty Binary. */
export function hasContent(v: Scalar): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  return true;
}

/** IsPresent (spec §7.5, A-43): a scalar with content, or a list with at least one such element. */
export function isPresent(v: Value): boolean {
  if (v === null) return false;
  if (Array.isArray(v)) return v.some(hasContent);
  return hasContent(v as Scalar);
}

/** True when every element of a non-empty list (or the scalar) satisfies `test`; Null → False. */
function all(v: Value, test: (s: Scalar) => boolean): boolean {
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0 && v.every(test);
  return test(v as Scalar);
}

const anyValue = param('Expression', 'any', { shape: 'collection' });

function predicate(name: string, doc: string, test: (v: Value) => boolean): FunctionDef {
  return {
    name,
    category: 'Evaluation',
    signatures: [`bool ${name}(var Expression)`],
    doc,
    params: [anyValue],
    returns: 'bool',
    impl: ([v]) => test(v),
  };
}

/** The Evaluation functions. */
export const evaluationFunctions: readonly FunctionDef[] = [
  {
    name: 'IsBitSet',
    category: 'Evaluation',
    signatures: ['bool IsBitSet(num value, num flag)'],
    doc: 'True when value AND flag is non-zero (flag is a bit mask).',
    params: [param('value', 'num'), param('flag', 'num')],
    returns: 'bool',
    impl: (a, site) => (num(a, 0, site) & num(a, 1, site)) !== 0n,
  },
  predicate('IsDate', 'True when the value is a DateTime or text that CDate accepts.', (v) =>
    all(v, (s) => s instanceof DateTime || (typeof s === 'string' && parseDateTime(s) !== undefined)),
  ),
  predicate('IsEmpty', 'True when the value is present but empty ("").', (v) => all(v, (s) => !hasContent(s))),
  {
    name: 'IsGuid',
    category: 'Evaluation',
    signatures: ['bool IsGuid(str GUID)'],
    doc: 'True when the text is a GUID that CGuid can convert.',
    params: [param('GUID', 'str', { nullable: true })],
    returns: 'bool',
    impl: ([v]) => typeof v === 'string' && parseGuid(v) !== undefined,
  },
  predicate('IsNull', 'True when the value is Null (absent attribute, NULL or an empty list).', (v) => v === null || (Array.isArray(v) && v.length === 0)),
  predicate('IsNullOrEmpty', 'True when the value is Null or an empty string; the inverse of IsPresent.', (v) => !isPresent(v)),
  predicate('IsNumeric', 'True when the value is an Integer or text that CNum accepts.', (v) =>
    all(v, (s) => typeof s === 'bigint' || (typeof s === 'string' && parseInteger(s) !== undefined)),
  ),
  predicate('IsPresent', 'True when the value is neither Null nor an empty string.', isPresent),
  predicate('IsString', 'True when the value is of type String.', (v) => all(v, (s) => typeof s === 'string')),
];
