// Attribute-based filtering (§5.3) as custom inbound rules that set cloudFiltered (precedence 1–99, link
// Join, no join rules). Negative: matching objects get True. Positive: matching objects get False (the one
// sanctioned use of False) and a catch-all with worse precedence gives everything else True.
import type { ScopingCondition, SyncRule } from '../../../../shared/model/sync-rules.ts';
import { clause, constant } from '../flow-builders.ts';

export interface FilterRuleTarget {
  readonly connectorId: string;
  readonly connectorName: string;
  /** AD object type the filter applies to (user, group, contact, inetOrgPerson, computer). */
  readonly objectType: string;
  readonly mvObjectType: string;
}

function filterRule(t: FilterRuleTarget, id: string, name: string, precedence: number, scope: ScopingCondition[][], value: 'True' | 'False'): SyncRule {
  if (precedence < 1 || precedence > 99) throw new Error(`${name}: precedence ${precedence} is outside the custom range 1-99`);
  return {
    id, name, description: `Attribute-based filtering: cloudFiltered ${value} ${scope.length ? 'for objects in scope' : 'for every other object'}.`,
    direction: 'Inbound', precedence, connector: { id: t.connectorId, name: t.connectorName },
    sourceObjectType: t.objectType, targetObjectType: t.mvObjectType, linkType: 'Join', disabled: false, enablePasswordSync: false,
    scopingFilter: scope, joinRules: [], attributeFlows: [constant('cloudFiltered', value)],
  };
}

/** "Do not synchronize these": objects where `attribute` equals `value` get cloudFiltered = True. */
export function negativeFilter(t: FilterRuleTarget, attribute: string, value: string, precedence = 50, id = `filter-out-${t.connectorId}-${t.objectType}-${attribute}`): SyncRule {
  return filterRule(t, id, `In from AD - ${t.objectType} DoNotSyncFilter`, precedence, [[clause(attribute, 'EQUAL', value)]], 'True');
}

/**
 * "Only synchronize these": objects where `attribute` equals `value` get False at `precedence`, all others
 * True at `catchAllPrecedence` (worse). The filter's False beats the True of the out-of-box Join rule
 * (precedence 100+), so critical system objects are kept out of its scope explicitly (§5.3 warns of this).
 */
export function positiveFilter(t: FilterRuleTarget, attribute: string, value: string, precedence = 51, catchAllPrecedence = 99): SyncRule[] {
  if (catchAllPrecedence <= precedence) throw new Error(`the catch-all precedence (${catchAllPrecedence}) must be worse (higher) than the filter's (${precedence})`);
  return [
    filterRule(t, `filter-in-${t.connectorId}-${t.objectType}-${attribute}`, `In from AD - ${t.objectType} OnlySyncFilter`, precedence, [[clause(attribute, 'EQUAL', value), clause('isCriticalSystemObject', 'NOTEQUAL', 'TRUE')]], 'False'),
    filterRule(t, `filter-catchall-${t.connectorId}-${t.objectType}`, `In from AD - ${t.objectType} Catch-all filter`, catchAllPrecedence, [], 'True'),
  ];
}
