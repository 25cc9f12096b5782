// The AD attributes the default rules read or write, for the LDAP connector's attribute inclusion list
// (Entra Connect also imports a chosen attribute set). Naming objectGUID there makes the connector keep
// the anchor as an attribute, which the sourceAnchor expressions and joins read.
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { generateDefaultRules } from './generate.ts';
import type { DefaultsOptionsInput } from './options.ts';

/** Attribute names an expression reads: `[attr]`, `ImportedValue("attr")`, `ValueCount("attr")`. */
function expressionReads(expression: string): string[] {
  const out: string[] = [];
  for (const m of expression.matchAll(/\[([^\]]+)\]/g)) out.push(m[1]);
  for (const m of expression.matchAll(/(?:ImportedValue|ValueCount)\("([^"]+)"\)/g)) out.push(m[1]);
  return out;
}

/** Connector-space attributes of an AD connector's rules: what inbound rules read and outbound rules write. */
export function adAttributesOf(rules: readonly SyncRule[], connectorId: string): string[] {
  const names = new Set<string>(['objectGUID', 'objectClass', 'mS-DS-ConsistencyGuid']);
  for (const r of rules) {
    if (r.connector.id !== connectorId) continue;
    for (const g of r.joinRules) for (const c of g) names.add(c.csAttribute);
    if (r.direction === 'Inbound') {
      for (const g of r.scopingFilter) for (const c of g) if (c.operator !== 'ISMEMBEROF' && c.operator !== 'ISNOTMEMBEROF') names.add(c.attribute);
      for (const f of r.attributeFlows) {
        for (const s of f.sources) names.add(s);
        if (f.flowType === 'Expression') for (const s of expressionReads(f.expression ?? '')) names.add(s);
      }
    } else {
      for (const f of r.attributeFlows) if (f.destination !== 'dn') names.add(f.destination);
    }
  }
  names.delete('dn');
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The AD attribute inclusion list of the default rules (the same for every forest). */
export function defaultAdAttributes(options: Omit<DefaultsOptionsInput, 'forests' | 'entra'> = {}): string[] {
  const forest = { connectorId: 'forest', connectorName: 'forest' };
  return adAttributesOf(generateDefaultRules({ ...options, forests: [forest], entra: { connectorId: 'entra', connectorName: 'entra' } }), forest.connectorId);
}
