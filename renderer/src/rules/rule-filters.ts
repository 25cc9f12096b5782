// The rules list's filters (direction, connector, object types, link type, standard/custom, text) and its order.
import type { SyncRule } from '../../../shared/model/sync-rules.ts';

export interface RuleFilter {
  readonly direction: '' | SyncRule['direction'];
  readonly connector: string;
  /** Connected system object type: the source type of inbound rules, the target type of outbound ones. */
  readonly csObjectType: string;
  readonly mvObjectType: string;
  readonly linkType: '' | SyncRule['linkType'];
  readonly kind: '' | 'standard' | 'custom';
  readonly text: string;
}

export const NO_FILTER: RuleFilter = { direction: '', connector: '', csObjectType: '', mvObjectType: '', linkType: '', kind: '', text: '' };

/** The connected system object type of a rule (Entra Connect's "Connected System Object Type" column). */
export function csObjectType(r: SyncRule): string {
  return r.direction === 'Inbound' ? r.sourceObjectType : r.targetObjectType;
}

/** The metaverse object type of a rule. */
export function mvObjectType(r: SyncRule): string {
  return r.direction === 'Inbound' ? r.targetObjectType : r.sourceObjectType;
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The rules the filter keeps, by precedence (lowest number first, then name). */
export function filterRules(rules: readonly SyncRule[], f: RuleFilter): SyncRule[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rules
    .filter((r) => !f.direction || r.direction === f.direction)
    .filter((r) => !f.connector || eq(r.connector.name, f.connector))
    .filter((r) => !f.csObjectType || eq(csObjectType(r), f.csObjectType))
    .filter((r) => !f.mvObjectType || eq(mvObjectType(r), f.mvObjectType))
    .filter((r) => !f.linkType || r.linkType === f.linkType)
    .filter((r) => !f.kind || (f.kind === 'standard') === Boolean(r.immutableTag))
    .filter((r) => {
      if (!words.length) return true;
      const hay = [r.name, r.description ?? '', r.id, r.immutableTag ?? '', ...r.attributeFlows.flatMap((fl) => [fl.destination, ...fl.sources, fl.expression ?? ''])].join('\n').toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => a.precedence - b.precedence || a.name.localeCompare(b.name));
}

/** The distinct values a filter drop-down offers. */
export function filterOptions(rules: readonly SyncRule[]): { connectors: string[]; csObjectTypes: string[]; mvObjectTypes: string[] } {
  const uniq = (xs: string[]) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));
  return { connectors: uniq(rules.map((r) => r.connector.name)), csObjectTypes: uniq(rules.map(csObjectType)), mvObjectTypes: uniq(rules.map(mvObjectType)) };
}
