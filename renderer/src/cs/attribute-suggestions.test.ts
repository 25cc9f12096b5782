import { describe, expect, it } from 'vitest';
import { attributeSuggestions } from './attribute-suggestions.ts';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';

const rule = (direction: 'Inbound' | 'Outbound', flows: [string, string[]][]): SyncRule => ({
  id: 'r', name: 'r', direction, precedence: 1, connector: { id: 'c', name: 'c' }, sourceObjectType: 'a', targetObjectType: 'b', linkType: 'Join',
  disabled: false, enablePasswordSync: false, scopingFilter: [], joinRules: [],
  attributeFlows: flows.map(([destination, sources]) => ({ destination, sources, flowType: 'Direct', mergeType: 'Update', executeOnce: false })),
});

describe('attributeSuggestions', () => {
  it('offers the attributes rules read and write, then the common ones, once each', () => {
    const out = attributeSuggestions([rule('Inbound', [['mail', ['mail']], ['sn', ['surname']]]), rule('Outbound', [['dn', ['x']], ['cn', ['displayName']]])]);
    expect(out.slice(0, 3)).toEqual(['cn', 'mail', 'surname']);
    expect(out).toContain('onPremisesDistinguishedName');
    expect(out).not.toContain('dn');
    expect(out.filter((n) => n.toLowerCase() === 'mail')).toHaveLength(1);
  });
});
