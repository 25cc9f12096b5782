import { describe, expect, it } from 'vitest';
import { SyncRule } from '../../../shared/model/sync-rules.ts';
import { diffRules } from './rule-diff.ts';

const original = SyncRule.parse({
  id: 'std', name: 'In from AD - User Join', immutableTag: 'Microsoft.InfromADUserJoin.003', direction: 'Inbound', precedence: 100, disabled: true,
  connector: { id: 'ad', name: 'contoso.com' }, sourceObjectType: 'user', targetObjectType: 'person', linkType: 'Provision',
  joinRules: [[{ csAttribute: 'mS-DS-ConsistencyGuid', mvAttribute: 'sourceAnchorBinary' }]],
  attributeFlows: [
    { destination: 'cloudFiltered', flowType: 'Expression', expression: 'IIF(IsPresent([isCriticalSystemObject]), True, NULL)' },
    { destination: 'sourceAnchor', flowType: 'Direct', sources: ['objectGUID'] },
  ],
});

describe('rule diff', () => {
  it('lists nothing for the same rule', () => {
    expect(diffRules(original, original)).toEqual([]);
  });

  it('names each changed field, added and removed groups, and transformations by target', () => {
    const clone = SyncRule.parse({
      ...original, id: 'c', name: 'In from AD - User Join (custom)', immutableTag: undefined, precedence: 95, disabled: false, clonedFrom: 'std',
      joinRules: [...original.joinRules, [{ csAttribute: 'mail', mvAttribute: 'mail' }]],
      attributeFlows: [{ ...original.attributeFlows[0]!, expression: 'NULL' }, { destination: 'title', flowType: 'Constant', expression: 'x' }],
    });
    const rows = diffRules(original, clone).map((r) => [r.section, r.item, r.change, r.original, r.changed]);
    expect(rows).toEqual([
      ['Description', 'Name', 'changed', 'In from AD - User Join', 'In from AD - User Join (custom)'],
      ['Description', 'Precedence', 'changed', '100', '95'],
      ['Description', 'Tag', 'changed', 'Microsoft.InfromADUserJoin.003', ''],
      ['Description', 'Disabled', 'changed', 'yes', 'no'],
      ['Join rules', 'Group 2', 'added', '', 'mail = mail'],
      ['Transformations', 'cloudFiltered', 'changed', 'IIF(IsPresent([isCriticalSystemObject]), True, NULL) (Expression, Update)', 'NULL (Expression, Update)'],
      ['Transformations', 'title', 'added', '', '"x" (Constant, Update)'],
      ['Transformations', 'sourceAnchor', 'removed', 'objectGUID (Direct, Update)', ''],
    ]);
  });
});
