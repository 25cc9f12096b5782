// The wizard's "Import settings from an Entra Connect server" path: the exported folder is read on its own page,
// the tenant and directories it names (in the view's report) start the credential pages (directories can be
// neither added nor removed, as in Microsoft's import), and Install applies the imported configuration instead
// of the default one. A configuration imported this way is also guarded on later runs: the staging task only
// switches staging mode, and tasks that regenerate the standard rules say so first.
import type { AppliedSettings, DirectoryInput, WizardIssue, WizardTaskId } from '../../shared/model/wizard.ts';
import type { EntraConfig } from '../connectors/entra/index.ts';
import { applyMigration, checkImportedOus, addRecordedWarnings, ExportFolderError, planMigration, type MigrationPlan } from '../migrate/index.ts';
import { normalizeDn } from '../rules/defaults/filtering/ou-scope.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { writeAppliedSettings } from './applied-settings.ts';

const block = (field: string, message: string): WizardIssue => ({ field, message, severity: 'block' });
const warn = (field: string, message: string): WizardIssue => ({ field, message, severity: 'warn' });

/** Reads and plans the folder; an unreadable folder is a blocking issue that says what is wrong. */
export function readImport(folder: string, addMissingAttributes: boolean): { plan: MigrationPlan } | { issues: WizardIssue[] } {
  if (!folder.trim()) return { issues: [block('folder', 'Enter the folder the exported configuration was copied to')] };
  try {
    return { plan: planMigration(folder.trim(), { addMissingAttributes }) };
  } catch (err) {
    return { issues: [block('folder', err instanceof ExportFolderError ? err.message : `Cannot read the export: ${(err as Error).message}`)] };
  }
}

/** The tenant the export names. */
function importedTenant(plan: MigrationPlan): string {
  return plan.connectors.find((c) => c.kind === 'entra')?.hints.tenant ?? '';
}

/** The directories page on the import path: exactly the exported forests, each an Active Directory forest. */
export function importDirectoryIssues(plan: MigrationPlan, list: readonly DirectoryInput[]): WizardIssue[] {
  const forests = plan.connectors.filter((c) => c.kind === 'ad').map((c) => c.name);
  const given = list.map((d) => d.name.trim().toLowerCase());
  const issues: WizardIssue[] = [];
  const extra = list.filter((d) => !forests.some((f) => f.toLowerCase() === d.name.trim().toLowerCase()));
  const missing = forests.filter((f) => !given.includes(f.toLowerCase()));
  if (extra.length) issues.push(block('directories', `Directories cannot be added when importing: ${extra.map((d) => d.name).join(', ')} ${extra.length > 1 ? 'are' : 'is'} not in the export (it has ${forests.join(', ')})`));
  if (missing.length) issues.push(block('directories', `Directories cannot be removed when importing: give the account for ${missing.join(', ')}`));
  list.forEach((d, i) => {
    if (d.kind !== 'ad') issues.push(block(`directories[${i}].kind`, `${d.name} is an Active Directory forest in the export; connect it as Active Directory`));
  });
  return issues;
}

/** Partitions the export selects that the connected directory does not have (R19). */
export function missingPartitionIssues(plan: MigrationPlan, name: string, namingContexts: readonly string[]): WizardIssue[] {
  const c = plan.connectors.find((x) => x.kind === 'ad' && x.name.toLowerCase() === name.toLowerCase());
  const live = new Set(namingContexts.map(normalizeDn));
  const missing = ((c?.config.baseDns as string[] | undefined) ?? []).filter((dn) => !live.has(normalizeDn(dn)));
  return missing.length
    ? [warn(`directories.${name}`, `${name}: the directory has no naming context ${missing.join(', ')}, which the export synchronizes; nothing from ${missing.length > 1 ? 'them' : 'it'} will be imported. Is this the right forest?`)]
    : [];
}

/** A tenant other than the export's is allowed (a test tenant) but said. */
export function importTenantIssues(plan: MigrationPlan, tenantId: string): WizardIssue[] {
  const tenant = importedTenant(plan);
  return tenant && tenant.toLowerCase() !== tenantId.trim().toLowerCase()
    ? [warn('tenantId', `The export is for tenant ${tenant}; the configuration will use ${tenantId.trim()}.`)]
    : [];
}

export interface ImportApplyInput {
  readonly entra: EntraConfig;
  readonly directories: readonly DirectoryInput[];
  readonly startSync: boolean;
  readonly stagingMode: boolean;
}

/** Install on the import path: applies the plan with the pages' credentials; returns what the result page shows. */
export async function applyImport(engine: SyncEngine, home: string, plan: MigrationPlan, input: ImportApplyInput) {
  const result = applyMigration(engine, home, plan, {
    directories: input.directories.map((d) => ({
      connector: d.name, url: d.url, security: d.security, bindDn: d.bindDn, password: d.password,
      ...(d.caPem ? { caPem: d.caPem } : {}), ...(d.tlsServerName ? { tlsServerName: d.tlsServerName } : {}),
    })),
    entra: {
      tenantId: input.entra.tenantId, clientId: input.entra.clientId, auth: input.entra.auth,
      authorityHost: input.entra.authorityHost, graphBaseUrl: input.entra.graphBaseUrl, ...(input.entra.caPem ? { caPem: input.entra.caPem } : {}),
    },
  }, { stagingMode: input.stagingMode, startSync: input.startSync });
  if (!result.applied) throw new Error('credentials are missing for a connector of the export');
  const found = await checkImportedOus(home, engine, result.connectors.map((c) => c.id));
  const report = found.length ? (addRecordedWarnings(home, found) ?? result.report) : result.report;
  const r = report.counts;
  return {
    settings: result.applied.settings,
    snapshot: result.applied.snapshot,
    rules: r.rules,
    notes: [
      `Imported from ${report.source.server ?? 'the Entra Connect server'}: ${r.enabledRules} rules enabled, ${r.disabledByIdSync} disabled on import (with their reasons), ${r.disabledByCustomer} kept disabled as on the old server. The migration report is in the console (Migration report) and in ${result.reportFile}.`,
      ...found.map((w) => w.message),
    ],
  };
}

const REGENERATING: readonly WizardTaskId[] = ['customize', 'refresh-schema', 'change-sign-in'];

/** On a configuration imported from Entra Connect, tasks that regenerate the standard rules warn first. */
export function importedTaskIssues(applied: AppliedSettings | null, task: WizardTaskId): WizardIssue[] {
  if (!applied?.importedFrom || !REGENERATING.includes(task)) return [];
  return [warn('task', `This configuration was imported from ${applied.importedFrom.server ?? 'an Entra Connect server'}: this task re-creates the standard rules from IdSync's defaults, so your changes to standard rules and the standard rules you had disabled are not kept (custom rules stay).`)];
}

/** The staging task on an imported configuration: only staging mode changes, the imported rules stay as they are. */
export function applyStagingOnly(home: string, applied: AppliedSettings, stagingMode: boolean): { settings: AppliedSettings; snapshot: string; rules: number } {
  new SettingsFile(home).update((s) => ({ ...s, stagingModeEnabled: stagingMode, schedulerSuspended: false }));
  const settings: AppliedSettings = { ...applied, stagingMode, appliedAt: new Date().toISOString() };
  return { settings, snapshot: writeAppliedSettings(home, settings), rules: 0 };
}
