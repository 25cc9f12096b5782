import { describe, expect, it } from 'vitest';
import { SyncRule } from '../../../shared/model/sync-rules.ts';
import { filterOptions, filterRules, NO_FILTER } from './rule-filters.ts';

const make = (id: string, precedence: number, extra: Partial<SyncRule> = {}) =>
  SyncRule.parse({ id, name: id, direction: 'Inbound', precedence, connector: { id: 'ad', name: 'contoso.com' }, sourceObjectType: 'user', targetObjectType: 'person', linkType: 'Join', ...extra });

const rules = [
  make('In from AD - User Join', 100, { linkType: 'Provision', immutableTag: 'Microsoft.InfromADUserJoin.003' }),
  make('Out to AAD - User Join', 120, { direction: 'Outbound', connector: { id: 'aad', name: 'tenant - AAD' }, sourceObjectType: 'person', targetObjectType: 'user', immutableTag: 'Microsoft.OuttoAADUserJoin.003' }),
  make('In from AD - Group', 101, { sourceObjectType: 'group', targetObjectType: 'group', attributeFlows: [{ destination: 'cloudFiltered', sources: [], flowType: 'Constant', expression: 'True', mergeType: 'Update', executeOnce: false }] }),
  make('Custom DoNotSync', 50),
];

describe('rule filters', () => {
  it('sorts by precedence and filters by each field', () => {
    expect(filterRules(rules, NO_FILTER).map((r) => r.precedence)).toEqual([50, 100, 101, 120]);
    expect(filterRules(rules, { ...NO_FILTER, direction: 'Outbound' }).map((r) => r.id)).toEqual(['Out to AAD - User Join']);
    expect(filterRules(rules, { ...NO_FILTER, connector: 'CONTOSO.COM' })).toHaveLength(3);
    // The connected system type of an outbound rule is its target; the metaverse type its source.
    expect(filterRules(rules, { ...NO_FILTER, csObjectType: 'user' })).toHaveLength(3);
    expect(filterRules(rules, { ...NO_FILTER, mvObjectType: 'group' }).map((r) => r.id)).toEqual(['In from AD - Group']);
    expect(filterRules(rules, { ...NO_FILTER, linkType: 'Provision' })).toHaveLength(1);
    expect(filterRules(rules, { ...NO_FILTER, kind: 'custom' }).map((r) => r.id)).toEqual(['Custom DoNotSync', 'In from AD - Group']);
    expect(filterRules(rules, { ...NO_FILTER, kind: 'standard' })).toHaveLength(2);
  });

  it('searches names, tags and transformations, every word', () => {
    expect(filterRules(rules, { ...NO_FILTER, text: 'cloudfiltered' }).map((r) => r.id)).toEqual(['In from AD - Group']);
    expect(filterRules(rules, { ...NO_FILTER, text: 'user join aad' }).map((r) => r.id)).toEqual(['Out to AAD - User Join']);
    expect(filterRules(rules, { ...NO_FILTER, text: 'microsoft.inFromADUserJoin' })).toHaveLength(1);
  });

  it('offers the distinct values of the drop-downs', () => {
    expect(filterOptions(rules)).toEqual({ connectors: ['contoso.com', 'tenant - AAD'], csObjectTypes: ['group', 'user'], mvObjectTypes: ['group', 'person'] });
  });
});
