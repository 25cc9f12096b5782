import { describe, expect, it } from 'vitest';
import { mvAttributeRows } from './mv-attribute-rows.ts';

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
  it('flags a person without sourceAnchor', () => {
    const rows = mvAttributeRows({ objectType: 'person', attributes: [{ attribute: 'cn', values: ['x'], contributors: [] }] });
    expect(rows[0]).toMatchObject({ attribute: 'sourceAnchor', highlight: expect.stringMatching(/Missing/) });
  });
});
