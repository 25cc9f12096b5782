// Filtering (§5): OU scope, the rename trap, what a change requires, attribute and group filters.
import { describe, expect, it } from 'vitest';
import { conditionHolds, inScope } from '../../scoping.ts';
import { generateDefaultRules } from '../generate.ts';
import { negativeFilter, positiveFilter } from './attribute-filter.ts';
import { filteringChanges, overridesFor, type ForestFiltering } from './filter-change.ts';
import { checkOuRenames, type SelectedOu } from './ou-rename.ts';
import { inOuScope } from './ou-scope.ts';

const BASE = 'DC=contoso,DC=com';

describe('OU filtering', () => {
  it('decides by the nearest listed container: include a parent, exclude a child, new OUs follow their parent', () => {
    const f = { includeContainers: [`OU=Corp,${BASE}`], excludeContainers: [`OU=Service,OU=Corp,${BASE}`] };
    expect(inOuScope(`CN=Ann,OU=Sales,OU=Corp,${BASE}`, f)).toBe(true);
    expect(inOuScope(`CN=Ann,OU=NewOu,OU=Corp,${BASE}`, f)).toBe(true);
    expect(inOuScope(`CN=svc,OU=Service,OU=Corp,${BASE}`, f)).toBe(false);
    expect(inOuScope(`CN=Bob,OU=Other,${BASE}`, f)).toBe(false);
    expect(inOuScope(`cn=ann, ou=sales ,ou=CORP,dc=Contoso,dc=com`, f)).toBe(true);
    // "Don't sync new OUs": exclude the parent, include chosen children.
    const g = { includeContainers: [`OU=Sales,OU=Corp,${BASE}`], excludeContainers: [`OU=Corp,${BASE}`] };
    expect(inOuScope(`CN=Ann,OU=Sales,OU=Corp,${BASE}`, g)).toBe(true);
    expect(inOuScope(`CN=Ann,OU=NewOu,OU=Corp,${BASE}`, g)).toBe(false);
    expect(inOuScope(`CN=x,${BASE}`, { includeContainers: [], excludeContainers: [] })).toBe(true);
  });
});

describe('rename trap', () => {
  const sales: SelectedOu = { dn: `OU=Sales,${BASE}`, objectGuid: 'A1B2', kind: 'include' };
  const hr: SelectedOu = { dn: `OU=HR,${BASE}`, objectGuid: 'C3D4', kind: 'include' };
  const cs = [`CN=Ann,OU=Sales,${BASE}`, `CN=Bob,OU=Sales,${BASE}`, `CN=Eve,OU=HR,${BASE}`];

  it('finds a renamed selected OU by objectGUID before a full import deletes its objects', () => {
    const report = checkOuRenames([sales, hr], [{ dn: `OU=Sales and Marketing,${BASE}`, objectGuid: 'a1b2' }, { dn: `OU=HR,${BASE}`, objectGuid: 'C3D4' }], cs);
    expect(report.blocksFullImport).toBe(true);
    expect(report.findings[0]).toMatchObject({ status: 'renamed', newDn: `OU=Sales and Marketing,${BASE}`, objectsAtRisk: 2 });
    expect(report.findings[0].status === 'renamed' && report.findings[0].message).toMatch(/would delete the 2 objects/);
    expect(report.findings[1].status).toBe('ok');
    expect(report.repairedSelection.map((o) => o.dn)).toEqual([`OU=Sales and Marketing,${BASE}`, `OU=HR,${BASE}`]);
  });

  it('tells a deleted OU from one created again under the same name', () => {
    const gone = checkOuRenames([sales], [], cs);
    expect(gone.findings[0]).toMatchObject({ status: 'missing', objectsAtRisk: 2 });
    const again = checkOuRenames([sales], [{ dn: `OU=Sales,${BASE}`, objectGuid: 'FFFF' }], cs);
    expect(again.findings[0].status).toBe('replaced');
    expect(again.blocksFullImport).toBe(false);
  });
});

describe('filtering changes', () => {
  const before: ForestFiltering = { connectorId: 'ad1', connectorName: 'contoso.com', domains: ['contoso.com'], includeContainers: [`OU=Sales,${BASE}`], excludeContainers: [], groupDn: null, attributes: [] };

  it('asks for a full import after an OU change and a full sync after an attribute-filter rule change, queued as overrides', () => {
    const ouChange = filteringChanges([before], [{ ...before, includeContainers: [`OU=Sales,${BASE}`, `OU=HR,${BASE}`] }]);
    expect(ouChange).toEqual([expect.objectContaining({ changed: ['ous'], fullImportRequired: true, fullSyncRequired: false })]);
    expect(ouChange[0].explanation).toMatch(/Full Import, then Delta Synchronization/);
    const ruleChange = filteringChanges([before], [before], ['ad1']);
    expect(ruleChange[0]).toMatchObject({ changed: ['attribute-rules'], fullImportRequired: false, fullSyncRequired: true });
    expect(overridesFor([...ouChange, ...ruleChange])).toEqual({ ad1: { fullImportRequired: false, fullSyncRequired: true } });
    expect(filteringChanges([before], [{ ...before, includeContainers: [`ou=sales,dc=contoso,dc=com`] }])).toEqual([]);
  });
});

describe('attribute-based filters', () => {
  const t = { connectorId: 'ad1', connectorName: 'contoso.com', objectType: 'user', mvObjectType: 'person' };

  it('builds the negative filter (cloudFiltered True where the attribute matches)', () => {
    const r = negativeFilter(t, 'extensionAttribute15', 'NoSync');
    expect(r).toMatchObject({ precedence: 50, linkType: 'Join', joinRules: [], attributeFlows: [{ destination: 'cloudFiltered', flowType: 'Constant', expression: 'True' }] });
    expect(inScope(r.scopingFilter, { extensionAttribute15: ['nosync'] })).toBe(true);
  });

  it('builds the positive filter: False for the chosen objects (never critical ones), True for the rest with a worse precedence', () => {
    const [only, rest] = positiveFilter(t, 'department', 'Sales');
    expect(only.attributeFlows[0].expression).toBe('False');
    expect(rest).toMatchObject({ precedence: 99, scopingFilter: [], attributeFlows: [{ expression: 'True' }] });
    expect(inScope(only.scopingFilter, { department: ['Sales'], isCriticalSystemObject: ['TRUE'] })).toBe(false);
    expect(() => positiveFilter(t, 'department', 'Sales', 60, 50)).toThrow(/must be worse/);
    expect(() => negativeFilter(t, 'x', 'y', 120)).toThrow(/outside the custom range/);
  });
});

describe('group-based filtering', () => {
  it('adds ISMEMBEROF to every projecting rule of that forest only', () => {
    const group = `CN=Pilot,OU=Groups,${BASE}`;
    const rules = generateDefaultRules({
      forests: [{ connectorId: 'ad1', connectorName: 'contoso.com', groupFilterDn: group }, { connectorId: 'ad2', connectorName: 'fabrikam.com' }],
      entra: { connectorId: 'aad', connectorName: 'tenant' },
    });
    const narrowed = rules.filter((r) => r.scopingFilter.some((g) => g.some((c) => c.operator === 'ISMEMBEROF')));
    expect(narrowed.map((r) => r.name).sort()).toEqual(['In from AD - Computer Join', 'In from AD - Contact Join', 'In from AD - Group Join', 'In from AD - InetOrgPerson Join', 'In from AD - User Join']);
    expect(narrowed.every((r) => r.connector.id === 'ad1')).toBe(true);
    const userJoin = narrowed.find((r) => r.name === 'In from AD - User Join')!;
    expect(conditionHolds(userJoin.scopingFilter[0][2], {}, (dn) => dn === group)).toBe(true);
    expect(inScope(userJoin.scopingFilter, {}, () => false)).toBe(false);
  });
});
