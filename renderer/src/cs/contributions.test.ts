import { describe, expect, it } from 'vitest';
import { contributionsOf } from './contributions.ts';

const c = (connector: string, csId: string, ruleName: string) => ({ connector, connectorId: connector.toLowerCase(), csId, dn: null, ruleId: ruleName, ruleName });

describe('contributionsOf', () => {
  it('lists the attributes this object supplied, with the rule and the other contributors', () => {
    const rows = contributionsOf(
      {
        attributes: [
          { attribute: 'sn', values: ['Lee'], contributors: [c('HR', '7', 'In from HR')] },
          { attribute: 'mail', values: ['a@x'], contributors: [c('AD', '3', 'In from AD'), c('HR', '7', 'In from HR - Mail')] },
          { attribute: 'cn', values: ['x'], contributors: [c('AD', '3', 'In from AD')] },
          { attribute: 'title', values: ['t'], contributors: [c('HR', '8', 'In from HR')] },
        ],
      },
      '7',
      'HR',
    );
    expect(rows).toEqual([
      { attribute: 'mail', values: 'a@x', ruleName: 'In from HR - Mail', sharedWith: 'AD' },
      { attribute: 'sn', values: 'Lee', ruleName: 'In from HR', sharedWith: '' },
    ]);
  });
  it('matches the connector by id as well as by name', () => {
    expect(contributionsOf({ attributes: [{ attribute: 'sn', values: [], contributors: [c('HR', '7', 'r')] }] }, '7', 'hr')).toHaveLength(1);
  });
});
