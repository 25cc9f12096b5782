// Attribute columns worth offering in a connector space search: what the connector's rules read and write,
// and the names administrators look for (the documented onPremisesDistinguishedName among them).
import type { SyncRule } from '../../../shared/model/sync-rules.ts';

const COMMON = ['displayName', 'mail', 'userPrincipalName', 'onPremisesDistinguishedName', 'onPremisesImmutableId', 'employeeID', 'cn', 'sAMAccountName'];

/** Connector space attribute names used by the rules, then the common ones, without duplicates (case-insensitive). */
export function attributeSuggestions(rules: readonly SyncRule[]): string[] {
  const names: string[] = [];
  for (const r of rules) {
    if (r.direction === 'Inbound') {
      for (const f of r.attributeFlows) names.push(...f.sources);
      for (const g of r.joinRules) for (const c of g) names.push(c.csAttribute);
      for (const g of r.scopingFilter) for (const c of g) names.push(c.attribute);
    } else {
      for (const f of r.attributeFlows) if (f.destination !== 'dn') names.push(f.destination);
    }
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of [...names.sort((a, b) => a.localeCompare(b)), ...COMMON]) {
    const key = n.toLowerCase();
    if (!n || seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}
