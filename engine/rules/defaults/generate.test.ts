// Default choices (ms-DS-ConsistencyGuid, users represented once, 250,000 members), forest numbering and ids.
import { describe, expect, it } from 'vitest';
import { generateDefaultRules } from './generate.ts';

const F1 = { connectorId: 'ad-1', connectorName: 'contoso.com' };
const F2 = { connectorId: 'ad-2', connectorName: 'fabrikam.com' };
const AAD = { connectorId: 'aad', connectorName: 'contoso.onmicrosoft.com' };
const byName = (rules: ReturnType<typeof generateDefaultRules>, name: string, connector = 'contoso.com') =>
  rules.find((r) => r.name === name && r.connector.name === connector)!;

describe('default choices (ms-DS-ConsistencyGuid era)', () => {
  const rules = generateDefaultRules({ forests: [F1], entra: AAD, target: 'entra-connect' });

  it('joins users on sourceAnchorBinary from ms-DS-ConsistencyGuid, then objectGUID, case-insensitively', () => {
    const join = byName(rules, 'In from AD - User Join');
    expect(join.immutableTag).toBe('Microsoft.InfromADUserJoin.004');
    expect(join.joinRules).toEqual([
      [{ csAttribute: 'mS-DS-ConsistencyGuid', mvAttribute: 'sourceAnchorBinary', caseSensitive: false }],
      [{ csAttribute: 'objectGUID', mvAttribute: 'sourceAnchorBinary', caseSensitive: false }],
    ]);
    expect(join.attributeFlows.find((f) => f.destination === 'sourceAnchorBinary')?.expression).toBe('IIF(IsPresent([mS-DS-ConsistencyGuid]),[mS-DS-ConsistencyGuid],[objectGUID])');
  });

  it('computes sourceAnchor from ms-DS-ConsistencyGuid when present, still NULL for linked mailboxes', () => {
    for (const name of ['In from AD - User AccountEnabled', 'In from AD - User Common', 'In from AD - InetOrgPerson Common']) {
      const text = byName(rules, name).attributeFlows.find((f) => f.destination === 'sourceAnchor')?.expression ?? '';
      expect(text, name).toContain('IIF([msExchRecipientTypeDetails]=2,NULL,IIF(IsPresent([mS-DS-ConsistencyGuid])');
      expect(text, name).toContain('ConvertToBase64([objectGUID])');
    }
  });

  it('writes ms-DS-ConsistencyGuid back with a rule appended after the shipped block', () => {
    const last = rules[rules.length - 1];
    expect(last.name).toBe('Out to AD - User ImmutableId');
    expect(last.precedence).toBe(162);
    expect(last.attributeFlows).toEqual([expect.objectContaining({ destination: 'mS-DS-ConsistencyGuid', sources: ['sourceAnchorBinary'], flowType: 'Direct' })]);
    expect(generateDefaultRules({ forests: [F1], entra: AAD, sourceAnchor: 'objectGUID' }).some((r) => r.name === last.name)).toBe(false);
  });

  it('uses the group member limit setting in the provisioning scope and the member guard', () => {
    const join = byName(rules, 'Out to AAD - Group Join', AAD.connectorName);
    expect(join.scopingFilter[1]).toContainEqual({ attribute: 'memberCount', operator: 'LESSTHAN', value: '250000' });
    expect(join.attributeFlows.find((f) => f.destination === 'member')?.expression).toContain('[memberCount]> 250000');
  });

  it('keeps every precedence unique and contiguous from 100', () => {
    expect(rules.map((r) => r.precedence)).toEqual(rules.map((_, i) => 100 + i));
  });
});

describe('two forests', () => {
  const rules = generateDefaultRules({ forests: [F1, F2], entra: AAD });

  it('numbers group by group, each AD group holding both forests in the order they were added', () => {
    const head = rules.slice(0, 4).map((r) => `${r.precedence} ${r.name} @${r.connector.name}`);
    expect(head).toEqual([
      '100 In from AD - User Join @contoso.com',
      '101 In from AD - User Join @fabrikam.com',
      '102 In from AD - InetOrgPerson Join @contoso.com',
      '103 In from AD - InetOrgPerson Join @fabrikam.com',
    ]);
    const aadUserJoin = rules.find((r) => r.name === 'In from AAD - User Join')!;
    const fsp = rules.filter((r) => r.name === 'In from AD - ForeignSecurityPrincipal Join User');
    expect(fsp.map((r) => r.precedence)).toEqual([136, 137]);
    expect(aadUserJoin.precedence).toBe(138);
    expect(rules.filter((r) => r.connector.id === 'aad').length).toBe(generateDefaultRules({ forests: [F1], entra: AAD }).filter((r) => r.connector.id === 'aad').length);
    expect(new Set(rules.map((r) => r.precedence)).size).toBe(rules.length);
  });

  it('gives each forest its own rule ids, stable across regenerations', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(generateDefaultRules({ forests: [F1, F2], entra: AAD }).map((r) => r.id)).toEqual(rules.map((r) => r.id));
    const again = generateDefaultRules({ forests: [F1], entra: AAD });
    expect(byName(again, 'In from AD - User Join').id).toBe(byName(rules, 'In from AD - User Join').id);
  });

  it('refuses a configuration without a forest', () => {
    expect(() => generateDefaultRules({ forests: [], entra: AAD })).toThrow(/at least one AD forest/);
  });
});
