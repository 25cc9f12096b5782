// The Entra side of the default rules as IdSync's Microsoft Graph connector receives it.
import { describe, expect, it } from 'vitest';
import { generateDefaultRules } from './generate.ts';
import { GRAPH_PROPERTY } from './graph-adaptation.ts';

const F = { connectorId: 'ad', connectorName: 'contoso.com' };
const AAD = { connectorId: 'aad', connectorName: 'tenant' };
const graph = generateDefaultRules({ forests: [F], entra: AAD });
const native = generateDefaultRules({ forests: [F], entra: AAD, target: 'entra-connect' });
const rule = (name: string) => graph.find((r) => r.name === name)!;

describe('rules adapted to Microsoft Graph', () => {
  it('keeps every rule and disables exactly those Graph cannot serve, each with its reason', () => {
    expect(graph.map((r) => r.name)).toEqual(native.map((r) => r.name));
    const disabled = graph.filter((r) => r.disabled).map((r) => r.name);
    expect(disabled).toEqual([
      'In from AAD - Contact Join', 'In from AAD - User NGCKey',
      'Out to AAD - Contact Join', 'Out to AAD - Contact Identity', 'Out to AAD - Contact ExchangeOnline', 'Out to AAD - Contact DynamicsCRM',
      'Out to AAD - Contact Intune', 'Out to AAD - Contact LyncOnline', 'Out to AAD - Contact SharePointOnline', 'Out to AAD - Contact AzureRMS',
      'In from AAD - Contact Exchange Hybrid', 'In from AAD - Group Exchange Hybrid', 'In from AAD - User Exchange Hybrid',
      'Out to AAD - Device Join SOAInAD',
    ]);
    for (const r of graph.filter((x) => x.disabled)) expect(r.description, r.name).toMatch(/Disabled: .+/);
    expect(rule('Out to AAD - Contact Identity').description).toContain('cannot create or update organizational contacts');
  });

  it('leaves the AD side untouched', () => {
    const ad = (rules: typeof graph) => rules.filter((r) => r.connector.id === 'ad');
    expect(ad(graph)).toEqual(ad(native));
  });

  it('writes only Graph properties (and the new object name) from enabled outbound rules; never proxyAddresses', () => {
    for (const r of graph.filter((x) => x.connector.id === 'aad' && x.direction === 'Outbound' && !x.disabled)) {
      const allowed = new Set([...Object.values(GRAPH_PROPERTY[r.targetObjectType]), 'dn']);
      for (const f of r.attributeFlows) expect(allowed.has(f.destination), `${r.name}: ${f.destination}`).toBe(true);
    }
    expect(rule('Out to AAD - User Identity').description).toContain('proxyAddresses (read-only through Graph');
  });

  it('provisions users with the sourceAnchor as onPremisesImmutableId and joins on it', () => {
    const join = rule('Out to AAD - User Join');
    expect(join.linkType).toBe('Provision');
    expect(join.joinRules).toEqual([[{ csAttribute: 'onPremisesImmutableId', mvAttribute: 'sourceAnchor', caseSensitive: false }]]);
    expect(join.attributeFlows.find((f) => f.destination === 'onPremisesImmutableId')?.expression).toContain('Error("SourceAnchor attribute has changed.")');
    // Named by the object id once Graph created it (cloudAnchor User_<id>), so the name never looks renamed.
    expect(join.attributeFlows.find((f) => f.destination === 'dn')?.expression).toBe('IIF(IsPresent([cloudAnchor]),Word([cloudAnchor],2,"_"),"CN={" & ConvertToUTF8Hex([sourceAnchor]) & "}")');
    expect(rule('Out to AAD - User Identity').attributeFlows.map((f) => f.destination).sort()).toEqual(
      ['accountEnabled', 'displayName', 'givenName', 'mail', 'mailNickname', 'surname', 'userPrincipalName']);
  });

  it('joins synchronized Entra users back by onPremisesImmutableId and records the accepted anchor', () => {
    const join = rule('In from AAD - User Join');
    expect(join.scopingFilter).toEqual([[{ attribute: 'onPremisesImmutableId', operator: 'ISNOTNULL', value: '' }]]);
    expect(join.joinRules).toEqual([[{ csAttribute: 'onPremisesImmutableId', mvAttribute: 'sourceAnchor', caseSensitive: true }]]);
    expect(join.attributeFlows.find((f) => f.destination === 'cloudSourceAnchor')?.expression).toBe('ImportedValue("onPremisesImmutableId")');
    expect(join.attributeFlows.find((f) => f.destination === 'cloudAnchor')?.sources).toEqual(['cloudAnchor']);
  });

  it('provisions groups with their members', () => {
    const members = graph.filter((r) => r.direction === 'Outbound' && r.targetObjectType === 'group' && !r.disabled && r.attributeFlows.some((f) => f.destination === 'member'));
    expect(members.map((r) => r.name)).toContain('Out to AAD - Group Identity');
    expect(rule('Out to AAD - Group Join').linkType).toBe('Provision');
  });
});
