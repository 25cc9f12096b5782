// Finds the source object a DN text names, the way a directory does: by DN equality, whatever the spelling.
import { tryCanonicalDn } from './dn.ts';

/** Source objects by the comparison key of their DN. */
export class ReferenceIndex<T> {
  private readonly byDn = new Map<string, T>();

  add(dn: string, object: T): void {
    const key = tryCanonicalDn(dn);
    if (key === undefined) throw new Error(`model: the source DN "${dn}" does not parse`);
    this.byDn.set(key, object);
  }

  /** The object a reference names, or undefined when it names nothing (or is not a DN). */
  find(reference: string | undefined): T | undefined {
    if (reference === undefined) return undefined;
    const key = tryCanonicalDn(reference);
    return key === undefined ? undefined : this.byDn.get(key);
  }
}

/** DN texts without repeats (compared as DNs), in first-seen order. */
export function distinctDns(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const key = tryCanonicalDn(v) ?? v;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}
