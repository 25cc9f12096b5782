// Attributes the enabled inbound rules of a directory read that its attribute inclusion list does not import:
// such a flow never gets a value. (The list is the old server's "selected attributes", carried as it is.)
import type { MigrationWarning } from '../../shared/model/migration.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { referencedAttributes } from '../expressions/index.ts';
import type { PlannedConnector } from './migration-plan.ts';

/** Names the engine always has, whatever the list says. */
const ALWAYS = new Set(['dn', 'objectclass']);

function reads(rule: SyncRule): string[] {
  const names = [
    ...rule.scopingFilter.flat().map((c) => c.attribute),
    ...rule.joinRules.flat().map((c) => c.csAttribute),
    ...rule.attributeFlows.flatMap((f) => {
      if (f.flowType === 'Direct') return f.sources;
      if (f.flowType !== 'Expression') return [];
      try {
        return referencedAttributes(f.expression ?? '');
      } catch {
        return f.sources;
      }
    }),
  ];
  return names;
}

/** One warning per directory listing the attributes its rules read but it does not import. */
export function attributeCoverage(connectors: readonly PlannedConnector[], rules: readonly SyncRule[]): MigrationWarning[] {
  const out: MigrationWarning[] = [];
  for (const c of connectors.filter((x) => x.kind === 'ad')) {
    const included = new Set(((c.config.attributes as string[] | undefined) ?? []).map((a) => a.toLowerCase()));
    if (included.size === 0) continue;
    const missing = new Map<string, Set<string>>();
    for (const r of rules.filter((x) => !x.disabled && x.direction === 'Inbound' && x.connector.id === c.id)) {
      for (const a of reads(r)) {
        if (included.has(a.toLowerCase()) || ALWAYS.has(a.toLowerCase())) continue;
        missing.set(a, (missing.get(a) ?? new Set()).add(r.name));
      }
    }
    if (missing.size) {
      out.push({
        code: 'R10', subject: c.name,
        message: `The attribute inclusion list of ${c.name} (carried as exported) leaves out attributes its rules read: ${[...missing].map(([a, names]) => `${a} (${[...names].join(', ')})`).join('; ')}. Add them to the connector's attribute list if those flows matter.`,
      });
    }
  }
  return out;
}
