// Exports the configuration (metaverse schema, connectors, run profiles, sync rules) as one document.
import type { ConfigDocument } from '../../shared/model/config.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { maskedConfig } from '../sync/presenters.ts';

/** The configuration document; secrets are masked, never exported in plain text. */
export function exportConfig(engine: SyncEngine): ConfigDocument {
  const store = engine.store;
  return {
    format: 'idsync-config',
    version: 1,
    metaverse: store.schema.get(),
    connectors: store.connectors.list().map((c) => ({
      id: c.id, name: c.name, type: c.type, description: c.description, config: maskedConfig(c), runProfiles: c.runProfiles, deleteThreshold: c.deleteThreshold,
    })),
    syncRules: store.rules.list().map((r) => r.rule),
  };
}
