// Compares a target as read back with what the model expects. DNs are compared as DNs (types and escaping
// do not matter, values are folded) except the entry's own RDN value, whose case must be what the rules give.
// DN-valued attributes compare as sets of DNs, every other attribute as a set of exact strings.
import { canonicalDn, exactRdn, tryCanonicalDn } from './dn.ts';
import type { ActualTarget, ExpectedTarget } from './target-content.ts';

/** One way a target differs from the model. */
export interface Difference {
  readonly target: string;
  readonly dn: string;
  readonly text: string;
  /** Keys of the source objects concerned (the entry's own, and those its differing references name). */
  readonly sources: readonly string[];
}

/** Where each DN the model ever expected came from: comparison key → source key. */
export type DnOrigins = Map<string, string>;

/** Records the current expectation's DNs in `origins` (so later stale DNs can still be traced). */
export function recordOrigins(origins: DnOrigins, expected: readonly ExpectedTarget[]): void {
  for (const t of expected) for (const e of t.entries) origins.set(`${t.name}|${canonicalDn(e.dn)}`, e.source);
}

/** Values for a message: DNs as written between ‹›, other values as JSON strings; at most three. */
const list = (values: readonly string[], dns: boolean) =>
  [...values.slice(0, 3).map((v) => (dns ? `‹${v}›` : JSON.stringify(v))), ...(values.length > 3 ? [`… ${values.length - 3} more`] : [])].join(', ');

/** Attributes by lower-case name (names as written, values of all spellings of the name together). */
function byLowerName(attrs: Readonly<Record<string, readonly string[]>>): Map<string, { name: string; values: string[] }> {
  const out = new Map<string, { name: string; values: string[] }>();
  for (const [name, values] of Object.entries(attrs)) {
    const a = out.get(name.toLowerCase()) ?? { name, values: [] };
    a.values.push(...values);
    out.set(name.toLowerCase(), a);
  }
  return out;
}

/** Every difference between one target and its expectation. */
export function diffTarget(expected: ExpectedTarget, actual: ActualTarget, origins: DnOrigins): Difference[] {
  const out: Difference[] = actual.problems.map((p) => ({ target: actual.name, dn: '', text: p, sources: [] }));
  const origin = (dnText: string) => origins.get(`${expected.name}|${tryCanonicalDn(dnText) ?? dnText}`);
  const found = new Map<string, (typeof actual.entries)[number]>();
  for (const e of actual.entries) {
    const key = tryCanonicalDn(e.dn);
    if (key === undefined) {
      out.push({ target: actual.name, dn: e.dn, text: 'the DN does not parse', sources: [] });
      continue;
    }
    if (found.has(key)) out.push({ target: actual.name, dn: e.dn, text: `two entries with this DN (also ${found.get(key)!.dn})`, sources: [origin(e.dn) ?? ''] });
    found.set(key, e);
  }
  const wanted = new Set<string>();
  for (const want of expected.entries) {
    const key = canonicalDn(want.dn);
    wanted.add(key);
    const have = found.get(key);
    if (!have) {
      out.push({ target: actual.name, dn: want.dn, text: 'missing entry', sources: [want.source] });
      continue;
    }
    if (exactRdn(have.dn) !== exactRdn(want.dn)) {
      out.push({ target: actual.name, dn: want.dn, text: `RDN written as ${JSON.stringify(exactRdn(have.dn))}, the rules give ${JSON.stringify(exactRdn(want.dn))}`, sources: [want.source] });
    }
    const expectedAttrs = byLowerName(want.attributes);
    const held = byLowerName(have.attributes);
    for (const [lower, { name }] of new Map([...held, ...expectedAttrs])) {
      const isRef = expected.references.has(lower);
      const keyOf = (v: string) => (isRef ? (tryCanonicalDn(v) ?? `unparsable:${v}`) : v.normalize('NFC'));
      const w = expectedAttrs.get(lower)?.values ?? [];
      const h = held.get(lower)?.values ?? [];
      const wKeys = new Set(w.map(keyOf));
      const hKeys = new Set(h.map(keyOf));
      const missing = w.filter((v) => !hKeys.has(keyOf(v)));
      const extra = h.filter((v) => !wKeys.has(keyOf(v)));
      const repeated = h.length !== hKeys.size;
      if (missing.length === 0 && extra.length === 0 && !repeated) continue;
      const parts = [missing.length > 0 ? `missing ${list(missing, isRef)}` : '', extra.length > 0 ? `unexpected ${list(extra, isRef)}` : '', repeated ? 'a value written twice' : ''].filter(Boolean);
      const sources = [want.source, ...(isRef ? [...missing, ...extra].map((v) => origin(v) ?? '') : [])];
      out.push({ target: actual.name, dn: want.dn, text: `${name}: ${parts.join('; ')}`, sources: [...new Set(sources.filter(Boolean))] });
    }
  }
  for (const [key, e] of found) {
    if (!wanted.has(key)) out.push({ target: actual.name, dn: e.dn, text: 'unexpected entry', sources: [origin(e.dn) ?? ''].filter(Boolean) });
  }
  return out;
}
