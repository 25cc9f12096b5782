// Scoping filters (spec §3.2): groups ORed, conditions ANDed, every operator with its alternative spellings.
import type { ScopingCondition } from '../../shared/model/sync-rules.ts';
import type { StoredAttributes, StoredValue } from '../model/stored-values.ts';
import { valueText } from '../model/stored-values.ts';

/** Answers ISMEMBEROF: is the object (by DN) a member of the group with this DN in the same connector space. */
export type MembershipCheck = (groupDn: string) => boolean;

/** True when the object is in scope: no groups, or any group whose conditions all hold. */
export function inScope(groups: readonly (readonly ScopingCondition[])[], attrs: StoredAttributes, memberOf?: MembershipCheck): boolean {
  if (groups.length === 0) return true;
  return groups.some((g) => g.every((c) => conditionHolds(c, attrs, memberOf)));
}

/** Evaluates one condition; absent attributes make positive operators false and negative ones true. */
export function conditionHolds(c: ScopingCondition, attrs: StoredAttributes, memberOf?: MembershipCheck): boolean {
  const values = attrs[c.attribute] ?? [];
  const texts = values.map((v) => valueText(v).toLowerCase());
  const want = c.value.toLowerCase();
  switch (c.operator) {
    case 'EQUAL':
      return texts.some((t) => t === want);
    case 'NOTEQUAL':
      return !texts.some((t) => t === want);
    case 'ISIN':
      return texts.some((t) => t === want);
    case 'ISNOTIN':
      return !texts.some((t) => t === want);
    case 'CONTAINS':
      return texts.some((t) => t.includes(want));
    case 'NOTCONTAINS':
      return !texts.some((t) => t.includes(want));
    case 'STARTSWITH':
      return texts.some((t) => t.startsWith(want));
    case 'NOTSTARTSWITH':
    case 'NOTSTARTWITH':
      return !texts.some((t) => t.startsWith(want));
    case 'ENDSWITH':
      return texts.some((t) => t.endsWith(want));
    case 'NOTENDSWITH':
      return !texts.some((t) => t.endsWith(want));
    case 'ISNULL':
      return values.length === 0;
    case 'ISNOTNULL':
      return values.length > 0;
    case 'LESSTHAN':
      return values.some((v) => compare(v, c.value) < 0);
    case 'LESSTHAN_OR_EQUAL':
      return values.some((v) => compare(v, c.value) <= 0);
    case 'GREATERTHAN':
      return values.some((v) => compare(v, c.value) > 0);
    case 'GREATERTHAN_OR_EQUAL':
      return values.some((v) => compare(v, c.value) >= 0);
    case 'ISBITSET':
      return values.some((v) => bitSet(v, c.value));
    case 'ISNOTBITSET':
    case 'ISBITNOTSET':
      return !values.some((v) => bitSet(v, c.value));
    case 'ISMEMBEROF':
      return memberOf ? memberOf(c.value) : false;
    case 'ISNOTMEMBEROF':
      return memberOf ? !memberOf(c.value) : true;
  }
}

/** Numeric comparison when both sides are integers, else case-insensitive text comparison. */
function compare(v: StoredValue, clauseValue: string): number {
  const a = valueText(v);
  const x = toBigInt(a);
  const y = toBigInt(clauseValue);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  const l = a.toLowerCase();
  const r = clauseValue.toLowerCase();
  return l < r ? -1 : l > r ? 1 : 0;
}

/** True when the bit mask given in the clause (decimal or &H hex) is entirely set in the value. */
function bitSet(v: StoredValue, mask: string): boolean {
  const x = toBigInt(valueText(v));
  const m = toBigInt(mask);
  if (x === null || m === null) return false;
  return (x & m) === m && m !== 0n;
}

function toBigInt(text: string): bigint | null {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return BigInt(t);
  if (/^&H[0-9a-f]+$/i.test(t)) return BigInt(`0x${t.slice(2)}`);
  if (/^0x[0-9a-f]+$/i.test(t)) return BigInt(t);
  return null;
}
