// The OU filter of an exported AD partition in the LDAP connector's terms. The export stores the wizard's OU
// tree as a container filter: an object is in scope when its closest listed ancestor is an inclusion. The LDAP
// connector searches from included containers and drops what lies under an excluded one, so an exclusion above
// every inclusion (typically the domain root) is already implied, and only exclusions nested inside an
// inclusion are kept.
import { isUnder, normalizeDn } from '../rules/defaults/filtering/ou-scope.ts';
import type { ExportPartition } from './export-model.ts';

export interface ConnectorOuScope {
  readonly baseDns: string[];
  readonly includeContainers: string[];
  readonly excludeContainers: string[];
  /** What could not be said exactly (re-inclusions below an exclusion), for the report. */
  readonly notes: string[];
}

const strictlyUnder = (dn: string, container: string) => isUnder(dn, container) && normalizeDn(dn) !== normalizeDn(container);

/** The scope of the selected partitions. */
export function connectorOuScope(partitions: readonly ExportPartition[]): ConnectorOuScope {
  const out: ConnectorOuScope = { baseDns: [], includeContainers: [], excludeContainers: [], notes: [] };
  for (const p of partitions.filter((x) => x.selected)) {
    out.baseDns.push(p.name);
    // No inclusion listed means the whole partition (a partition with none would otherwise import nothing
    // once another partition lists some).
    const inclusions = p.inclusions.length ? p.inclusions : [p.name];
    const tops = inclusions.filter((i) => !inclusions.some((o) => o !== i && strictlyUnder(i, o)));
    for (const i of inclusions) {
      if (tops.includes(i)) {
        out.includeContainers.push(i);
        continue;
      }
      // A nested inclusion matters only below an exclusion that is itself inside an inclusion.
      const blocking = p.exclusions.find((e) => strictlyUnder(i, e) && tops.some((t) => strictlyUnder(e, t)));
      if (blocking) out.notes.push(`${i} is included again below the excluded ${blocking}; IdSync's LDAP connector cannot re-include a container below an exclusion, so ${i} is out of scope`);
    }
    for (const e of p.exclusions) if (tops.some((t) => strictlyUnder(e, t))) out.excludeContainers.push(e);
  }
  return out;
}
