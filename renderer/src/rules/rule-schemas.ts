// What the editor's pickers offer: the connectors, the metaverse schema and the rule's connector schema, and from
// them the attribute names of each side of the rule.
import { useMemo } from 'react';
import type { ConnectorSchemaView } from '../../../shared/model/rules-editor.ts';
import type { MvSchema } from '../../../shared/model/metaverse.ts';
import { useApiQuery } from '../api/hooks.ts';
import type { RuleDraft } from './rule-draft.ts';

export interface RuleSchemas {
  readonly connectorNames: readonly { id: string; name: string }[];
  readonly csView: ConnectorSchemaView | undefined;
  readonly csLoading: boolean;
  readonly mv: MvSchema | undefined;
  readonly csTypes: readonly string[];
  readonly mvTypes: readonly string[];
  csAttributes(objectType: string): string[];
  mvAttributes(objectType: string): string[];
  /** Attributes the rule reads (its source side) and writes (its target side). */
  readonly sourceAttributes: string[];
  readonly targetAttributes: string[];
}

/** Pure part of `useRuleSchemas`, for tests. */
export function ruleSchemas(draft: Pick<RuleDraft, 'direction' | 'sourceObjectType' | 'targetObjectType'>, csView: ConnectorSchemaView | undefined, mv: MvSchema | undefined): Omit<RuleSchemas, 'connectorNames' | 'csLoading'> {
  const csAttributes = (type: string) => {
    const t = csView?.objectTypes.find((o) => o.name.toLowerCase() === type.toLowerCase());
    return (t ? t.attributes : (csView?.objectTypes ?? []).flatMap((o) => o.attributes)).map((a) => a.name).filter((n, i, all) => all.indexOf(n) === i);
  };
  const mvAttributes = (type: string) => {
    const t = mv?.objectTypes.find((o) => o.name.toLowerCase() === type.toLowerCase());
    return [...(t ? t.attributes : (mv?.attributes ?? []).map((a) => a.name))].sort((a, b) => a.localeCompare(b));
  };
  const inbound = draft.direction === 'Inbound';
  return {
    csView, mv,
    csTypes: (csView?.objectTypes ?? []).map((t) => t.name),
    mvTypes: (mv?.objectTypes ?? []).map((t) => t.name),
    csAttributes, mvAttributes,
    sourceAttributes: inbound ? csAttributes(draft.sourceObjectType) : mvAttributes(draft.sourceObjectType),
    targetAttributes: inbound ? mvAttributes(draft.targetObjectType) : ['dn', ...csAttributes(draft.targetObjectType)],
  };
}

/** The queries behind the pickers (the connector's schema is asked of its directory once, then cached). */
export function useRuleSchemas(draft: RuleDraft): RuleSchemas {
  const connectors = useApiQuery('connectors.list', {});
  const mv = useApiQuery('schema.get', {});
  const cs = useApiQuery('connectors.schema', { connector: draft.connector.name, discover: true }, { enabled: Boolean(draft.connector.name), staleTime: 5 * 60_000 });
  return useMemo(
    () => ({
      ...ruleSchemas(draft, cs.data, mv.data),
      connectorNames: (connectors.data ?? []).map((c) => ({ id: c.id, name: c.name })),
      csLoading: cs.isPending && Boolean(draft.connector.name),
    }),
    [draft, cs.data, cs.isPending, mv.data, connectors.data],
  );
}
