// OU filtering (§5.2): an object is in scope when its nearest listed ancestor-or-self container is an
// inclusion. "Sync new OUs" includes a parent and excludes children; "don't" excludes the parent and
// includes children — both are expressed by the same two lists.

export interface OuFilter {
  /** Containers whose subtrees are in scope (empty = the whole partition). */
  readonly includeContainers: readonly string[];
  readonly excludeContainers: readonly string[];
}

/** Splits a DN into its RDNs, honouring escaped commas. */
export function dnComponents(dn: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === '\\' && i + 1 < dn.length) { cur += ch + dn[++i]; continue; }
    if (ch === ',') { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A DN in a comparable form: RDNs trimmed, attribute names and values case-folded. */
export function normalizeDn(dn: string): string {
  return dnComponents(dn).map((r) => r.replace(/\s*=\s*/, '=').toLowerCase()).join(',');
}

/** True when `dn` is `container` or lies below it. */
export function isUnder(dn: string, container: string): boolean {
  const d = normalizeDn(dn);
  const c = normalizeDn(container);
  return d === c || d.endsWith(`,${c}`);
}

/** Whether an object is in scope of the OU filter. */
export function inOuScope(dn: string, filter: OuFilter): boolean {
  const d = dnComponents(normalizeDn(dn));
  const includes = new Set(filter.includeContainers.map(normalizeDn));
  const excludes = new Set(filter.excludeContainers.map(normalizeDn));
  for (let i = 0; i < d.length; i++) {
    const ancestor = d.slice(i).join(',');
    if (excludes.has(ancestor)) return false;
    if (includes.has(ancestor)) return true;
  }
  return includes.size === 0;
}
