// The migration report's rules as grid rows, and its counts as the short lines the summary shows.
import type { MigratedRuleReport, MigrationReport } from '../../../shared/model/migration.ts';

export interface MigratedRuleRow {
  readonly key: string;
  readonly precedence: number;
  readonly name: string;
  readonly direction: string;
  readonly connector: string;
  readonly kind: string;
  readonly state: string;
  readonly compared: string;
  readonly details: string;
}

const COMPARED: Record<MigratedRuleReport['comparison'], string> = {
  same: 'as Microsoft shipped it',
  'customer-change': 'changed by you',
  'version-drift': 'other tag version',
  'no-reference': 'no reference',
  custom: 'custom',
  clone: 'clone of a standard rule',
};

/** One row per rule, in precedence order. */
export function ruleRows(report: MigrationReport): MigratedRuleRow[] {
  return report.rules.map((r, i) => ({
    key: `${i}:${r.sourceId}`,
    precedence: r.precedence,
    name: r.name,
    direction: r.direction,
    connector: r.connector,
    kind: r.standard ? `standard (${r.immutableTag})` : 'custom',
    state: r.enabled ? 'enabled' : r.disabledBy === 'customer' ? 'disabled on the old server' : 'disabled on import',
    compared: COMPARED[r.comparison],
    details: [...r.reasons, ...r.changes].join(' · '),
  }));
}

/** The counts in words, most important first. */
export function summaryLines(report: MigrationReport): string[] {
  const c = report.counts;
  return [
    `${c.connectors - c.unsupportedConnectors} connectors${c.unsupportedConnectors ? ` (+ ${c.unsupportedConnectors} unsupported, rules kept disabled)` : ''}`,
    `${c.rules} rules: ${c.standardRules} standard, ${c.customRules} custom`,
    `${c.enabledRules} enabled, ${c.disabledByIdSync} disabled on import, ${c.disabledByCustomer} disabled on the old server`,
    c.changedStandardRules ? `${c.changedStandardRules} standard rules changed by you` : 'No standard rule changed by you',
    `${c.expressionsCompiled} of ${c.distinctExpressions} expressions compile`,
  ];
}
