// The Entra side of the default rules as IdSync's Microsoft Graph connector receives it.
import { describe, expect, it } from 'vitest';
import { generateDefaultRules } from './generate.ts';
import { GRAPH_MAIL_NICKNAME, GRAPH_PROPERTY } from './graph-adaptation.ts';
import { compile, createContext } from '../../expressions/index.ts';
import type { Attributes } from '../../model/values.ts';

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

  it('always gives users and groups the mailNickname Graph requires: the Exchange alias, else one derived from the object', () => {
    for (const r of graph.filter((x) => x.connector.id === 'aad' && x.direction === 'Outbound' && !x.disabled && ['user', 'group'].includes(x.targetObjectType))) {
      for (const f of r.attributeFlows.filter((x) => x.destination === 'mailNickname')) expect(f.expression, r.name).toBe(GRAPH_MAIL_NICKNAME[r.targetObjectType]!.expression);
    }
    const run = (expression: string, attributes: Attributes) => compile(expression).evaluate(createContext({ attributes }));
    const user = (attrs: Attributes) => run(GRAPH_MAIL_NICKNAME.user!.expression, attrs);
    expect(user({ userPrincipalName: ['ann.lee@contoso.com'] })).toBe('ann.lee');
    expect(user({ userPrincipalName: ['ann.lee@contoso.com'], mailNickname: ['annl'] })).toBe('annl');
    const guid = Uint8Array.from(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
    const group = (attrs: Attributes) => run(GRAPH_MAIL_NICKNAME.group!.expression, attrs);
    expect(group({ sourceAnchorBinary: [guid] })).toBe('33221100-5544-7766-8899-aabbccddeeff');
    expect(group({ sourceAnchorBinary: [guid], mailNickname: ['sales'] })).toBe('sales');
  });
});
