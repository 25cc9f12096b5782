// Creates (or brings up to date) the default configuration in an engine: the AD and Entra connectors, the
// metaverse schema and the out-of-box rules — through the engine's own functions, as the console would.
import type { ConnectorRecord } from '../../store/connector-store.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import { defaultMetaverseSchema } from './metaverse-schema.ts';
import { generateDefaultRules } from './generate.ts';
import type { DefaultsOptionsInput } from './options.ts';

/** Default deletion threshold of the Entra connector (§6). */
export const DEFAULT_ENTRA_DELETE_THRESHOLD = 500;

export interface ConnectorSpec {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly config: Record<string, unknown>;
}

export interface DefaultConfigurationInput extends Omit<DefaultsOptionsInput, 'forests' | 'entra'> {
  readonly forests: readonly ConnectorSpec[];
  readonly entra: ConnectorSpec;
  /** Deletion threshold of the Entra connector; null turns the protection off. */
  readonly deleteThreshold?: number | null;
}

export interface AppliedConfiguration {
  connectors: { id: string; name: string; type: string; action: 'created' | 'updated' }[];
  schema: { objectTypes: number; attributes: number };
  rules: { saved: number; disabled: string[] };
}

function upsert(engine: SyncEngine, spec: ConnectorSpec, deleteThreshold: number | null, out: AppliedConfiguration['connectors']): ConnectorRecord {
  const existing = engine.store.connectors.find(spec.name);
  const record = existing
    ? engine.updateConnector(existing.id, { name: spec.name, description: spec.description ?? existing.description, config: spec.config, deleteThreshold })
    : engine.createConnector({ name: spec.name, type: spec.type, description: spec.description ?? '', config: spec.config, deleteThreshold });
  out.push({ id: record.id, name: record.name, type: record.type, action: existing ? 'updated' : 'created' });
  return record;
}

/** Applies the default configuration; running it again updates the same connectors and rules in place. */
export function applyDefaultConfiguration(engine: SyncEngine, input: DefaultConfigurationInput): AppliedConfiguration {
  const out: AppliedConfiguration = { connectors: [], schema: { objectTypes: 0, attributes: 0 }, rules: { saved: 0, disabled: [] } };
  const forests = input.forests.map((f) => upsert(engine, f, null, out.connectors));
  const entra = upsert(engine, input.entra, input.deleteThreshold === undefined ? DEFAULT_ENTRA_DELETE_THRESHOLD : input.deleteThreshold, out.connectors);
  const options: DefaultsOptionsInput = {
    ...input,
    forests: forests.map((c) => ({ connectorId: c.id, connectorName: c.name })),
    entra: { connectorId: entra.id, connectorName: entra.name },
  };
  const schema = defaultMetaverseSchema(options);
  const current = engine.store.schema.get();
  engine.store.transaction(() => {
    // Merge: attributes and object-type members added by custom configuration stay.
    for (const a of schema.attributes) if (!current.attributes.some((x) => x.name === a.name)) engine.store.schema.putAttribute(a);
    for (const t of schema.objectTypes) {
      const had = current.objectTypes.find((x) => x.name === t.name)?.attributes ?? [];
      engine.store.schema.putObjectType({ name: t.name, attributes: [...new Set([...had, ...t.attributes])] });
    }
  });
  out.schema = { objectTypes: schema.objectTypes.length, attributes: schema.attributes.length };
  for (const rule of generateDefaultRules(options)) {
    // A disabled rule may hold what this engine cannot run (it is kept to be visible and upgradeable),
    // so it is stored as it is; every enabled rule goes through the engine's validation.
    if (rule.disabled) {
      engine.store.rules.put(rule);
      out.rules.disabled.push(rule.name);
    } else {
      engine.saveRule(rule);
    }
    out.rules.saved++;
  }
  return out;
}
