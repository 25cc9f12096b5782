// Writes a migration plan into a data directory: with every credential, the connectors, metaverse schema and
// rules in one transaction, the scheduler in staging mode with an initial cycle next, and the wizard's record
// (so a later "Configure" opens the additional tasks); without, only the migration record, and nothing runs.
// The data directory must be empty or hold this same migration: importing twice gives the same configuration.
import type { AppliedSettings } from '../../shared/model/wizard.ts';
import type { MigrationReport, MigrationWarning } from '../../shared/model/migration.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { writeAppliedSettings } from '../wizard/applied-settings.ts';
import { featureViews } from '../wizard/features.ts';
import { completeConnectors, configurationProblems, type CompletedConnector, type CredentialState, type MigrationCredentials } from './credentials.ts';
import type { MigrationPlan } from './migration-plan.ts';
import { writeMigrationRecord } from './migration-record.ts';
import { finishReport } from './report.ts';

/** The import cannot be applied here (the message says why and what to do). */
export class MigrationApplyError extends Error {
  override readonly name = 'MigrationApplyError';
}

export interface ApplyMigrationResult {
  readonly status: 'applied' | 'credentials-needed';
  readonly report: MigrationReport;
  /** What the wizard's record now says, and its time-stamped snapshot (when applied). */
  readonly applied: { readonly settings: AppliedSettings; readonly snapshot: string } | null;
  readonly connectors: { readonly id: string; readonly name: string; readonly type: string; readonly action: 'created' | 'updated' | 'waiting' }[];
  readonly reportFile: string;
}

/** Choices of the wizard's Ready page (the command line keeps the defaults: staging on, the scheduler as exported). */
export interface ApplyChoices {
  readonly stagingMode?: boolean;
  readonly startSync?: boolean;
}

/** The wizard's record of what was applied, derived from the plan. */
function appliedSettings(plan: MigrationPlan, connectors: readonly CompletedConnector[], stagingMode: boolean): AppliedSettings {
  const s = plan.settings;
  const entra = connectors.find((c) => c.planned.kind === 'entra');
  const entraConfig = (entra?.config ?? {}) as { tenantId?: string; clientId?: string; auth?: { kind: 'secret' | 'certificate' } };
  const anchor = /^objectGUID$/i.test(s.sourceAnchor) ? 'objectGUID' as const : /^ms-DS-ConsistencyGuid$/i.test(s.sourceAnchor) ? 'ms-DS-ConsistencyGuid' as const : 'attribute' as const;
  return {
    format: 'idsync-wizard-settings', version: 1, appliedAt: new Date().toISOString(),
    signInMethod: 'do-not-configure',
    entra: {
      tenantId: entraConfig.tenantId ?? '', clientId: entraConfig.clientId ?? '', authKind: entraConfig.auth?.kind ?? 'secret',
      connectorId: entra?.planned.id ?? '', connectorName: entra?.planned.name ?? '',
    },
    directories: connectors.filter((c) => c.planned.kind === 'ad').map((c) => ({
      name: c.planned.name, kind: 'ad' as const, url: String(c.config?.url ?? ''), bindDn: String(c.config?.bindDn ?? ''), connectorId: c.planned.id,
    })),
    upnAttribute: s.upnAttribute,
    ouFilters: plan.connectors.filter((c) => c.kind === 'ad').map((c) => {
      const include = (c.config.includeContainers as string[]) ?? [];
      const bases = (c.config.baseDns as string[]) ?? [];
      const whole = include.length === 0 || include.every((i) => bases.some((b) => b.toLowerCase() === i.toLowerCase()));
      return { directory: c.name, mode: whole ? 'all' as const : 'selected' as const, included: whole ? [] : include };
    }),
    identifying: {
      userMatching: s.userMatching.idsync === 'objectSid' ? 'objectSid' : 'unique',
      sourceAnchor: anchor,
      ...(anchor === 'attribute' ? { sourceAnchorAttribute: s.sourceAnchor } : {}),
    },
    filtering: { mode: 'all', groups: [] },
    features: featureViews(s.deletionThreshold === null ? [] : ['delete-threshold']).map((f) => ({ id: f.id, enabled: f.enabled })),
    stagingMode,
    importedFrom: { server: plan.report.source.server, folder: plan.report.source.folder, exportDate: plan.report.source.exportDate },
  };
}

/** Applies the plan (see the file comment); throws MigrationApplyError when the data directory holds another configuration. */
export function applyMigration(engine: SyncEngine, home: string, plan: MigrationPlan, credentials: MigrationCredentials, choices: ApplyChoices = {}): ApplyMigrationResult {
  const ids = new Set(plan.connectors.map((c) => c.id));
  const foreign = engine.store.connectors.list().filter((c) => !ids.has(c.id));
  if (foreign.length) {
    throw new MigrationApplyError(`This data directory already holds another configuration (connector${foreign.length > 1 ? 's' : ''} ${foreign.map((c) => `"${c.name}"`).join(', ')}); import into a new data directory (--home DIR), or delete ${foreign.length > 1 ? 'those connectors' : 'that connector'} first`);
  }
  const warnings: MigrationWarning[] = [];
  const completed = completeConnectors(plan, credentials, (id) => engine.store.connectors.find(id)?.config ?? null, warnings);
  const problems = configurationProblems(completed);
  if (problems.length) throw new MigrationApplyError(`The credentials do not make valid connector configurations: ${problems.join('; ')}`);
  const waiting = completed.some((c) => c.state === 'needed');
  const states: Record<string, CredentialState> = Object.fromEntries(completed.map((c) => [c.planned.id, c.state]));
  // A plan read back from a waiting migration already carries the warnings of that attempt.
  const seen = new Set<string>();
  const allWarnings = [...plan.report.warnings, ...warnings].filter((w) => {
    const key = `${w.code}\u0000${w.subject}\u0000${w.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const staging = choices.stagingMode ?? true;
  const stagingWarnings = staging ? allWarnings : [
    ...allWarnings.filter((w) => w.code !== 'R5'),
    { code: 'R5', subject: 'Staging mode', message: 'Staging mode was turned off on import: the first cycle exports. Only one server may export to a tenant: put the old Entra Connect server in staging mode first.' },
  ];
  const settingsReport = { ...plan.report.settings, stagingMode: { ...plan.report.settings.stagingMode, imported: staging } };
  const report = finishReport({ ...plan.report, settings: settingsReport, warnings: stagingWarnings }, waiting ? 'credentials-needed' : 'applied', states);
  const record = { ...plan, report };

  if (waiting) {
    const reportFile = writeMigrationRecord(home, { format: 'idsync-migration', version: 1, status: 'credentials-needed', importedAt: new Date().toISOString(), plan: record });
    return { status: 'credentials-needed', report, reportFile, applied: null, connectors: completed.map((c) => ({ id: c.planned.id, name: c.planned.name, type: c.planned.type!, action: 'waiting' as const })) };
  }

  const connectors = engine.store.transaction(() => {
    engine.store.schema.replace(plan.schema);
    const out: ApplyMigrationResult['connectors'] = [];
    for (const c of completed) {
      const p = c.planned;
      const existing = engine.store.connectors.find(p.id);
      const input = { name: p.name, description: p.description, config: c.config!, runProfiles: p.runProfiles, deleteThreshold: p.deleteThreshold };
      if (existing) engine.updateConnector(p.id, input);
      else engine.createConnector({ id: p.id, type: p.type!, ...input });
      out.push({ id: p.id, name: p.name, type: p.type!, action: existing ? 'updated' as const : 'created' as const });
    }
    const keep = new Set(plan.rules.map((r) => r.id));
    for (const old of engine.store.rules.list()) if (!keep.has(old.rule.id)) engine.store.rules.delete(old.rule.id);
    for (const r of plan.rules) engine.store.rules.put(r);
    return out;
  });
  const stagingMode = staging;
  new SettingsFile(home).update((cur) => ({
    ...cur, ...plan.scheduler, stagingModeEnabled: stagingMode, syncCycleEnabled: choices.startSync === false ? false : plan.scheduler.syncCycleEnabled,
  }));
  const settings = appliedSettings(plan, completed, stagingMode);
  const snapshot = writeAppliedSettings(home, settings);
  const reportFile = writeMigrationRecord(home, { format: 'idsync-migration', version: 1, status: 'applied', importedAt: new Date().toISOString(), plan: record });
  return { status: 'applied', report, reportFile, connectors, applied: { settings, snapshot } };
}
