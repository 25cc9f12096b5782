// Builds the synchronization environment from the store: compiled rules, connectors, indexed attributes.
import type { Store } from '../store/store.ts';
import { RuleSet, type RuleConnector } from '../rules/rule-set.ts';
import { nowIso } from '../store/json-column.ts';
import type { SyncEnv } from './sync-env.ts';
import { OutboundJoinIndex, outboundJoinAttributes } from './outbound-join-index.ts';
import { connectorParameters } from './connector-parameters.ts';
import { connectorTypes } from '../connectors/registry.ts';

/** Loads and compiles everything a synchronization needs; makes sure join attributes are indexed. */
export function buildSyncEnv(store: Store, runId: string | null): SyncEnv {
  const records = store.connectors.list();
  const connectorList: RuleConnector[] = records.map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
  const parameters = new Map(records.map((c) => [c.seq, connectorParameters(c)]));
  const renames = new Map(records.map((c) => [c.seq, connectorTypes.get(c.type)?.capabilities.rename ?? true]));
  const schema = store.schema.get();
  const rules = new RuleSet(store.rules.list(), connectorList, schema);
  const indexed = rules.joinMvAttributes();
  for (const a of schema.attributes) if (a.indexed) indexed.add(a.name);
  store.transaction(() => {
    store.mv.ensureIndexed(indexed);
    store.cs.ensureIndexed(outboundJoinAttributes(rules));
  });
  return { store, rules, connectors: new Map(connectorList.map((c) => [c.seq, c])), now: nowIso(), runId, parametersFor: (seq) => parameters.get(seq) ?? {}, outboundJoins: new OutboundJoinIndex(store), canRename: (seq) => renames.get(seq) ?? true };
}
