// What a filtering change requires before it takes effect (§5 table, §7.2), and queuing it as scheduler
// connector overrides: domain, OU and group filtering need a full import of that forest; attribute
// filtering (rules) needs a full synchronization (plus a full import when new source attributes are read).
import type { ConnectorOverride } from '../../../scheduler/settings.ts';
import { normalizeDn } from './ou-scope.ts';

export interface ForestFiltering {
  readonly connectorId: string;
  readonly connectorName: string;
  /** Selected domains (partitions); empty = all. */
  readonly domains: readonly string[];
  readonly includeContainers: readonly string[];
  readonly excludeContainers: readonly string[];
  /** Group-based filtering (pilot): the group whose direct members are in scope, or null. */
  readonly groupDn: string | null;
  /** Attributes the connector imports (empty = all). */
  readonly attributes: readonly string[];
}

export interface FilteringChange {
  readonly connectorId: string;
  readonly connectorName: string;
  readonly changed: ('domains' | 'ous' | 'group' | 'attribute-rules' | 'imported-attributes')[];
  readonly fullImportRequired: boolean;
  readonly fullSyncRequired: boolean;
  readonly explanation: string;
}

const sameSet = (a: readonly string[], b: readonly string[], norm: (s: string) => string = (s) => s.toLowerCase()) => {
  const x = new Set(a.map(norm));
  const y = new Set(b.map(norm));
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/**
 * Compares filtering before and after, per forest. `ruleChangedConnectors` are connectors whose sync rules
 * (attribute-based filters) changed.
 */
export function filteringChanges(before: readonly ForestFiltering[], after: readonly ForestFiltering[], ruleChangedConnectors: readonly string[] = []): FilteringChange[] {
  const out: FilteringChange[] = [];
  for (const a of after) {
    const b = before.find((x) => x.connectorId === a.connectorId);
    const changed: FilteringChange['changed'] = [];
    if (!b || !sameSet(b.domains, a.domains)) changed.push('domains');
    if (!b || !sameSet(b.includeContainers, a.includeContainers, normalizeDn) || !sameSet(b.excludeContainers, a.excludeContainers, normalizeDn)) changed.push('ous');
    if (!b || (b.groupDn ? normalizeDn(b.groupDn) : null) !== (a.groupDn ? normalizeDn(a.groupDn) : null)) changed.push('group');
    if (!b || !sameSet(b.attributes, a.attributes)) changed.push('imported-attributes');
    if (ruleChangedConnectors.includes(a.connectorId)) changed.push('attribute-rules');
    if (changed.length === 0) continue;
    const fullImportRequired = changed.some((c) => c !== 'attribute-rules');
    const fullSyncRequired = changed.includes('attribute-rules') || changed.includes('group');
    const steps = [fullImportRequired ? 'Full Import' : null, fullSyncRequired ? 'Full Synchronization' : 'Delta Synchronization'].filter(Boolean).join(', then ');
    out.push({
      connectorId: a.connectorId, connectorName: a.connectorName, changed, fullImportRequired, fullSyncRequired,
      explanation: `${a.connectorName}: ${changed.join(', ')} changed — run ${steps} on this connector. Objects leaving scope are deleted in Entra ID at the next export (subject to the deletion threshold); verify with "idsync staging report" first.`,
    });
  }
  return out;
}

/** The scheduler connector overrides that make the next delta cycle run the required full steps. */
export function overridesFor(changes: readonly FilteringChange[]): Record<string, ConnectorOverride> {
  return Object.fromEntries(changes.map((c) => [c.connectorId, { fullImportRequired: c.fullImportRequired, fullSyncRequired: c.fullSyncRequired }]));
}
