import { describe, expect, it } from 'vitest';
import { cloudProvisioningHint, mvAttributeRows } from './mv-attribute-rows.ts';

const contributor = (connector: string, ruleName: string) => ({ connector, connectorId: connector, csId: '1', dn: null, ruleId: ruleName, ruleName });

describe('mvAttributeRows', () => {
  it('gives one row per value with its contributing connector and rule', () => {
    const rows = mvAttributeRows({
      objectType: 'group',
      attributes: [
        { attribute: 'member', values: [{ ref: 'a' }, { ref: 'b' }], contributors: [contributor('AD', 'In from AD - Group')] },
        { attribute: 'cloudFiltered', values: [true], contributors: [contributor('AD', 'In from AD - Common')] },
      ],
    });
    expect(rows.map((r) => [r.attribute, r.value, r.connector])).toEqual([
      ['cloudFiltered', 'true', 'AD'],
      ['member', 'a', 'AD'],
      ['member', 'b', 'AD'],
    ]);
    expect(rows[0].highlight).toMatch(/Filtered/);
  });
  it('never adds a row for an attribute the object does not have', () => {
    const rows = mvAttributeRows({ objectType: 'person', attributes: [{ attribute: 'cn', values: ['x'], contributors: [] }] });
    expect(rows.map((r) => r.attribute)).toEqual(['cn']);
  });
  it('hints at a missing sourceAnchor only when an Entra connector exists and does not hold the person', () => {
    const person = { objectType: 'person', attributes: [{ attribute: 'cn', values: ['x'], contributors: [] }], connectors: [] };
    expect(cloudProvisioningHint(person, [])).toBeNull();
    expect(cloudProvisioningHint(person, ['contoso - AAD'])).toMatch(/no sourceAnchor.*contoso - AAD/);
    expect(cloudProvisioningHint({ ...person, objectType: 'group' }, ['contoso - AAD'])).toBeNull();
    const anchored = { ...person, attributes: [...person.attributes, { attribute: 'sourceAnchor', values: ['abc'], contributors: [] }] };
    expect(cloudProvisioningHint(anchored, ['contoso - AAD'])).toBeNull();
  });
});
