import { describe, expect, it } from 'vitest';
import { journeyOfHit, journeyParam, parseJourney } from './journey-ref.ts';

describe('journey references', () => {
  it('round-trip through the URL, connector names with colons included', () => {
    for (const ref of [{ mvId: '42' }, { connector: 'contoso.com: AD', csId: '7' }]) expect(parseJourney(journeyParam(ref))).toEqual(ref);
    expect(parseJourney('nonsense')).toBeNull();
  });
  it('open the metaverse object of a joined hit, else the connector space object', () => {
    const hit = { kind: 'cs' as const, connector: 'HR', id: '5', mvId: '9', dn: 'x', objectType: 'person', displayName: null, matched: { attribute: 'dn', value: 'x', exact: true } };
    expect(journeyOfHit(hit)).toEqual({ mvId: '9' });
    expect(journeyOfHit({ ...hit, mvId: null })).toEqual({ connector: 'HR', csId: '5' });
  });
});
