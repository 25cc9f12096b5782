// An exported server configuration turned into what IdSync will write: connectors (lacking only credentials),
// the metaverse schema, the rules, the scheduler settings, and the report explaining every decision. Reading
// and planning change nothing; the plan is plain data, so it can wait in the data directory for credentials.
import type { MvSchema } from '../../shared/model/metaverse.ts';
import type { MigrationReport } from '../../shared/model/migration.ts';
import type { ConfigDocument } from '../../shared/model/config.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { mapConnector, type PlannedConnector } from './map-connectors.ts';
import { attributeCoverage } from './attribute-coverage.ts';
import { mapRules } from './map-rules.ts';
import { mapSchema } from './map-schema.ts';
import { mapSettings, type MigratedSettings } from './map-settings.ts';
import { readServerExport } from './read-export.ts';
import { buildReport } from './report.ts';

export type { PlannedConnector };

export interface MigrationOptions {
  /** Add metaverse attributes that rules need and the export lacks, instead of disabling those rules. */
  readonly addMissingAttributes?: boolean;
}

export interface MigrationPlan {
  readonly format: 'idsync-migration-plan';
  readonly version: 1;
  readonly connectors: PlannedConnector[];
  readonly schema: MvSchema;
  readonly rules: SyncRule[];
  readonly scheduler: MigratedSettings['scheduler'];
  readonly settings: MigratedSettings['report'];
  readonly report: MigrationReport;
}

/** Reads the folder and plans the import (throws ExportFolderError naming what is missing or damaged). */
export function planMigration(folder: string, options: MigrationOptions = {}): MigrationPlan {
  const x = readServerExport(folder);
  const settings = mapSettings(x.metaverse, x.rules.map((r) => r.rule));
  const mapped = x.connectors.map((c) => mapConnector(c, settings.report.deletionThreshold));
  const entras = mapped.filter((c) => c.kind === 'entra');
  if (entras.length > 1) {
    settings.warnings.push({ code: 'entra-connectors', subject: entras.map((c) => c.name).join(', '), message: `The export has ${entras.length} Microsoft Entra connectors; Entra Connect supports one per server, and IdSync imports each as it is.` });
  }
  const schema = mapSchema(x.metaverse, x.rules.map((r) => r.rule));
  const rules = mapRules({
    rules: x.rules, unreadable: x.unreadableRules, connectors: new Map(mapped.map((c) => [c.source.id, c])),
    schema: schema.schema, choices: settings.choices, addMissingAttributes: options.addMissingAttributes ?? false,
  });
  const connectors: PlannedConnector[] = mapped.map((c) => ({
    kind: c.kind, id: c.id, name: c.name, type: c.type, description: c.description, config: c.config,
    runProfiles: c.runProfiles, deleteThreshold: c.deleteThreshold, hints: c.hints,
  }));
  const report = buildReport({ export: x, connectors: mapped, settings, schema, rules, warnings: attributeCoverage(connectors, rules.rules) });
  return {
    format: 'idsync-migration-plan',
    version: 1,
    connectors,
    schema: rules.schema,
    rules: rules.rules,
    scheduler: settings.scheduler,
    settings: settings.report,
    report,
  };
}

/** The plan as an IdSync configuration document (connector configurations still lack their credentials). */
export function planConfiguration(plan: MigrationPlan): ConfigDocument {
  return {
    format: 'idsync-config',
    version: 1,
    metaverse: plan.schema,
    connectors: plan.connectors.filter((c) => c.type !== null).map((c) => ({
      id: c.id, name: c.name, type: c.type!, description: c.description, config: c.config, runProfiles: c.runProfiles, deleteThreshold: c.deleteThreshold,
    })),
    syncRules: plan.rules,
  };
}
