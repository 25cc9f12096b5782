import { describe, expect, it } from 'vitest';
import type { MigrationReport } from '../../../shared/model/migration.ts';
import { ruleRows, summaryLines } from './report-rows.ts';

const report = {
  counts: { connectors: 3, unsupportedConnectors: 1, rules: 2, standardRules: 1, customRules: 1, enabledRules: 1, disabledByCustomer: 0, disabledByIdSync: 1, changedStandardRules: 0, versionDrift: 0, distinctExpressions: 4, expressionsCompiled: 3 },
  rules: [
    { sourceId: '{a}', ruleId: 'a', name: 'In from AAD - User NGCKey', direction: 'Inbound', precedence: 122, connector: 'tenant - AAD', standard: true, immutableTag: 'Microsoft.InfromAADUserNGCKey.001', enabled: false, disabledBy: 'idsync', reasons: ['In from AAD - User NGCKey: uses CBin'], changes: [], comparison: 'same' },
    { sourceId: '{b}', ruleId: 'b', name: "Custom: 'x'", direction: 'Inbound', precedence: 20, connector: 'forest', standard: false, immutableTag: null, enabled: true, disabledBy: null, reasons: [], changes: ['renamed'], comparison: 'custom' },
  ],
} as unknown as MigrationReport;

describe('migration report rows', () => {
  it('says who disabled a rule, why, and how it compares', () => {
    expect(ruleRows(report)).toEqual([
      expect.objectContaining({ name: 'In from AAD - User NGCKey', state: 'disabled on import', kind: 'standard (Microsoft.InfromAADUserNGCKey.001)', compared: 'as Microsoft shipped it', details: 'In from AAD - User NGCKey: uses CBin' }),
      expect.objectContaining({ name: "Custom: 'x'", state: 'enabled', kind: 'custom', compared: 'custom', details: 'renamed' }),
    ]);
  });

  it('summarises the counts', () => {
    expect(summaryLines(report)).toEqual([
      '2 connectors (+ 1 unsupported, rules kept disabled)', '2 rules: 1 standard, 1 custom', '1 enabled, 1 disabled on import, 0 disabled on the old server',
      'No standard rule changed by you', '3 of 4 expressions compile',
    ]);
  });
});
