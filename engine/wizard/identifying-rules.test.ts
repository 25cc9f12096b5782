import { describe, expect, it } from 'vitest';
import { identifyingIssues } from './identifying-rules.ts';

const mv = new Set(['mail', 'employeeID']);
const multi = new Set(['othermailbox']);

describe('identifying users', () => {
  it('accepts the supported anchors and matching', () => {
    expect(identifyingIssues({ userMatching: 'unique', sourceAnchor: 'ms-DS-ConsistencyGuid' }, mv, multi)).toEqual([]);
    expect(identifyingIssues({ userMatching: 'objectSid', sourceAnchor: 'objectGUID' }, mv, multi)).toEqual([]);
  });

  it('refuses addresses, multi-valued and missing anchors, naming the attribute', () => {
    const msg = (a: string) => identifyingIssues({ userMatching: 'unique', sourceAnchor: 'attribute', sourceAnchorAttribute: a }, mv, multi)[0]?.message;
    expect(msg('userPrincipalName')).toMatch(/userPrincipalName cannot be the source anchor/);
    expect(msg('otherMailbox')).toMatch(/multi-valued/);
    expect(msg('')).toMatch(/Choose the attribute/);
  });

  it('refuses a matching attribute that is not in the metaverse', () => {
    const issues = identifyingIssues({ userMatching: 'attribute', matchingAttribute: 'nope', sourceAnchor: 'objectGUID' }, mv, multi);
    expect(issues.map((i) => i.message)).toContain('nope is not a metaverse attribute');
  });
});
