// Equality of values as a connected system holds them: what the engine sent and what an import brings back may
// differ in encoding only (a DN spelled with `\2C` instead of `\,`, an integer read back as text, a boolean in
// another case). Export confirmation and export differences use this, so encoding never causes a re-export.
import { dnKey, isValidDn } from './dn.ts';
import type { StoredValue } from './stored-values.ts';

interface Modes {
  readonly dn: boolean;
  readonly int: boolean;
  readonly bool: boolean;
  readonly date: boolean;
}

function modesOf(values: readonly StoredValue[]): Modes {
  let dn = false;
  let int = false;
  let bool = false;
  let date = false;
  for (const v of values) {
    if (typeof v === 'boolean') bool = true;
    else if (typeof v === 'object') {
      if ('ref' in v) dn = true;
      else if ('int' in v) int = true;
      else if ('date' in v) date = true;
    }
  }
  return { dn, int, bool, date };
}

const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/;

/** ISO text of a date written as ISO 8601 or LDAP generalized time; null when it is neither. */
function dateText(text: string): string | null {
  const g = GENERALIZED_TIME.exec(text);
  const iso = g ? `${g[1]}-${g[2]}-${g[3]}T${g[4]}:${g[5] ?? '00'}:${g[6] ?? '00'}${g[7] ? `.${g[7]}` : ''}${g[8] && g[8] !== 'Z' ? `${g[8].slice(0, 3)}:${g[8].slice(3)}` : 'Z'}` : text;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The key a value compares by, given the kinds present on either side. */
function keyOf(v: StoredValue, m: Modes): string {
  if (typeof v === 'boolean') return `b:${v}`;
  if (typeof v === 'object') {
    if ('ref' in v) return `d:${dnKey(v.ref)}`;
    if ('int' in v) return `n:${BigInt(v.int).toString()}`;
    if ('date' in v) return `t:${dateText(v.date) ?? v.date}`;
    return `x:${v.bin}`;
  }
  if (m.dn && isValidDn(v)) return `d:${dnKey(v)}`;
  if (m.int && /^\s*[+-]?\d+\s*$/.test(v)) return `n:${BigInt(v.trim()).toString()}`;
  if (m.bool && /^(true|false)$/i.test(v)) return `b:${v.toLowerCase() === 'true'}`;
  if (m.date) {
    const d = dateText(v);
    if (d) return `t:${d}`;
  }
  return `s:${v}`;
}

/** True when two value lists hold the same values (any order), encodings aside. */
export function sameStoredValues(a: readonly StoredValue[] | undefined, b: readonly StoredValue[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  if (x.length === 0) return true;
  const ma = modesOf(x);
  const mb = modesOf(y);
  const m: Modes = { dn: ma.dn || mb.dn, int: ma.int || mb.int, bool: ma.bool || mb.bool, date: ma.date || mb.date };
  const counts = new Map<string, number>();
  for (const v of x) {
    const k = keyOf(v, m);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const v of y) {
    const k = keyOf(v, m);
    const n = counts.get(k);
    if (!n) return false;
    counts.set(k, n - 1);
  }
  return true;
}

/** True when every value of `wanted` is among `held` (case-insensitive), e.g. object classes a server completed. */
export function containsAll(held: readonly StoredValue[] | undefined, wanted: readonly StoredValue[]): boolean {
  const have = new Set((held ?? []).map((v) => (typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v))));
  return wanted.every((v) => have.has(typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v)));
}
