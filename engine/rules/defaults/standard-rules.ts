// Microsoft's standard rules by immutable tag, rebuilt by the generator with an exported server's choices and
// Entra Connect's own attribute names, so an exported standard rule can be compared with the rule shipped
// under the same tag. IdSync's generator adds a few flows on purpose (the ms-DS-ConsistencyGuid-era rule set);
// they are taken out again here, because Microsoft's rule at that tag does not have them.
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { generateDefaultRules } from './generate.ts';
import { USER_EXCHANGE_ADDITIONS } from './inbound-ad.ts';
import type { SourceAnchorChoice, UserMatching } from './rule-template.ts';

/** The choices that change the content of standard rules. */
export interface StandardRuleChoices {
  readonly sourceAnchor: SourceAnchorChoice;
  readonly userMatching: UserMatching;
  readonly groupMemberLimit: number;
}

/** Flows IdSync's defaults add beyond Microsoft's rule of the same tag, by rule name. */
export const IDSYNC_ADDED_FLOWS: Readonly<Record<string, readonly string[]>> = {
  'In from AD - User Common from Exchange': ['employeeID'],
  'In from AD - InetOrgPerson Common from Exchange': ['employeeID'],
  'In from AD - User Common': ['employeeID'],
  'In from AD - InetOrgPerson Common': ['employeeID'],
  'In from AD - User Exchange': USER_EXCHANGE_ADDITIONS,
};

const AD = { connectorId: 'standard-ad', connectorName: 'Active Directory' };
const AAD = { connectorId: 'standard-aad', connectorName: 'Microsoft Entra ID' };

/** The tag without its version (`Microsoft.InfromADUserJoin.003` → `Microsoft.InfromADUserJoin`). */
export function tagBase(tag: string): string {
  return tag.replace(/\.\d+$/, '');
}

/** Microsoft's standard rules for one forest and the tenant, keyed by full immutable tag (`side` tells which connector). */
export function standardRulesByTag(choices: StandardRuleChoices): ReadonlyMap<string, { rule: SyncRule; side: 'ad' | 'aad' }> {
  const rules = generateDefaultRules({ forests: [AD], entra: AAD, ...choices, target: 'entra-connect' });
  const out = new Map<string, { rule: SyncRule; side: 'ad' | 'aad' }>();
  for (const r of rules) {
    if (!r.immutableTag) continue;
    const added = IDSYNC_ADDED_FLOWS[r.name] ?? [];
    // Rules IdSync ships disabled are still Microsoft's rules: compare their content, not their state.
    const rule: SyncRule = { ...r, disabled: false, attributeFlows: r.attributeFlows.filter((f) => !added.includes(f.destination)) };
    delete rule.description;
    out.set(r.immutableTag, { rule, side: r.connector.id === AD.connectorId ? 'ad' : 'aad' });
  }
  return out;
}
