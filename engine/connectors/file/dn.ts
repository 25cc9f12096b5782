// DN templates of the file connector. Every DN comparison goes through the engine's DN value type
// (engine/model/dn.ts), re-exported here so the connector's files have one place to import DN helpers from.
import { dnKey as modelDnKey, escapeDnValue, formatDn, parseDn } from '../../model/dn.ts';

export { escapeDnValue, foldValue, isValidDn, isWithinDn, parentDn, parseDn, rdnText } from '../../model/dn.ts';

/** Keys computed lately: a DN comes back as anchor, digest input, parent and reference value in one import. */
const keys = new Map<string, string>();
const KEEP_KEYS = 100_000;

/** The model's DN comparison key (RFC 4514/4518), remembered for the DNs seen lately. */
export function dnKey(dn: string): string {
  let key = keys.get(dn);
  if (key === undefined) {
    if (keys.size >= KEEP_KEYS) keys.clear();
    key = modelDnKey(dn);
    keys.set(dn, key);
  }
  return key;
}

/** Fills a DN template; returns the first attribute without a value when one is missing. */
export function fillDnTemplate(template: string, valueOf: (attribute: string) => string | undefined): { dn: string } | { missing: string } {
  let missing: string | undefined;
  const dn = template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const v = valueOf(name);
    if (v === undefined || v === '') missing ??= name;
    return escapeDnValue(v ?? '');
  });
  return missing !== undefined ? { missing } : { dn };
}

/** True when two DN texts differ at most in escaping, spacing and the case of attribute types: no rename is needed. */
export function sameSpelling(a: string, b: string): boolean {
  const spelled = (dn: string): string => formatDn(parseDn(dn).map((rdn) => rdn.map((p) => ({ ...p, type: p.type.toLowerCase() }))));
  try {
    return spelled(a) === spelled(b);
  } catch {
    return a.trim() === b.trim();
  }
}
