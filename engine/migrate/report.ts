// The migration report: what was imported, changed, disabled and why, the warnings that apply, the diff of
// changed standard rules, and the steps left to the administrator. It holds no time stamps, so importing the
// same folder twice gives the same report.
import type { MigratedConnectorReport, MigrationReport, MigrationStatus, MigrationWarning } from '../../shared/model/migration.ts';
import type { ServerExport } from './export-model.ts';
import type { MappedConnector } from './map-connectors.ts';
import type { MappedRules } from './map-rules.ts';
import type { MappedSchema } from './map-schema.ts';
import type { MigratedSettings } from './map-settings.ts';

export interface ReportInput {
  readonly export: ServerExport;
  readonly connectors: readonly MappedConnector[];
  readonly settings: MigratedSettings;
  readonly schema: MappedSchema;
  readonly rules: MappedRules;
  /** Further warnings found on the planned configuration. */
  readonly warnings: readonly MigrationWarning[];
}

const STANDARD_PROFILES = new Set(['Full Import', 'Delta Import', 'Full Synchronization', 'Delta Synchronization', 'Export']);

function infoWarnings(input: ReportInput): MigrationWarning[] {
  const out: MigrationWarning[] = [];
  for (const c of input.connectors) {
    const custom = c.runProfiles.filter((p) => !STANDARD_PROFILES.has(p.name));
    if (custom.length) out.push({ code: 'R11', subject: c.name, message: `Custom run profiles ${custom.map((p) => `"${p.name}"`).join(', ')} are carried (Microsoft's import drops them).` });
  }
  if (input.schema.unknownSyntaxes.length) {
    out.push({ code: 'schema', subject: 'Metaverse schema', message: `Attributes of an unknown syntax are kept as strings: ${input.schema.unknownSyntaxes.join(', ')}.` });
  }
  if (input.rules.schemaAdditions.some((a) => !a.added)) {
    const names = input.rules.schemaAdditions.filter((a) => !a.added).map((a) => a.attribute);
    out.push({ code: 'R15', subject: 'Metaverse schema', message: `Rules need metaverse attributes the export lacks (${names.join(', ')}); those rules are disabled. Import again with --add-missing-attributes (or tick "Add missing metaverse attributes") to add them.` });
  }
  if (input.settings.report.features.some((f) => f.name === 'Directory extension attributes' && f.enabled)) {
    out.push({ code: 'R16', subject: 'Directory extensions', message: 'Directory extension attributes were on: their flows to extension_* properties are not carried through Microsoft Graph.' });
  }
  const meta = input.export.policyMetadata;
  if (meta) {
    const db = [meta['deploymentMetadata.databaseServer'], meta['deploymentMetadata.databaseInstance']].filter(Boolean).join('\\');
    out.push({
      code: 'R6', subject: 'MigratedPolicy.json',
      message: `For information only, not imported: host ${meta['deploymentMetadata.hostName'] ?? '?'}, service account ${meta['deploymentMetadata.serviceAccount'] ?? '?'}${db ? `, database ${db}` : ''}, Entra Connect ${meta['policyMetadata.azureADConnectVersion'] ?? '?'}. IdSync keeps its data in its own data directory.`,
    });
  }
  if (input.rules.diffs.some((d) => d.kind === 'version-drift')) {
    out.push({ code: 'R20', subject: 'Standard rules', message: 'Some standard rules are at tag versions IdSync does not generate; they are imported as exported (Microsoft\'s import would replace them with the new server\'s versions).' });
  }
  return out;
}

/** The report without status-dependent parts (see `finishReport`). */
export function buildReport(input: ReportInput): MigrationReport {
  const x = input.export;
  const reports = input.rules.reports;
  const count = (f: (r: (typeof reports)[number]) => boolean) => reports.filter(f).length;
  const warnings = [
    ...input.connectors.flatMap((c) => c.warnings),
    ...input.settings.warnings,
    ...input.rules.warnings,
    ...input.warnings,
    ...infoWarnings(input),
  ];
  const report: MigrationReport = {
    format: 'idsync-migration-report',
    version: 1,
    status: 'dry-run',
    source: {
      folder: x.folder,
      server: x.metaverse.server,
      exportDate: x.metaverse.exportDate,
      engineVersion: x.metaverse.parameters.find((p) => p.name === 'Microsoft.Synchronize.ServerConfigurationVersion')?.value || null,
      layout: x.layout,
      files: { connectors: x.connectors.length, rules: x.rules.length + x.unreadableRules.length, encodings: { ...x.encodings } },
    },
    counts: {
      connectors: input.connectors.length,
      unsupportedConnectors: input.connectors.filter((c) => c.kind === 'unsupported').length,
      rules: reports.length,
      standardRules: count((r) => r.standard),
      customRules: count((r) => !r.standard),
      enabledRules: count((r) => r.enabled),
      disabledByCustomer: count((r) => r.disabledBy === 'customer'),
      disabledByIdSync: count((r) => r.disabledBy === 'idsync'),
      changedStandardRules: count((r) => r.comparison === 'customer-change'),
      versionDrift: count((r) => r.comparison === 'version-drift'),
      distinctExpressions: input.rules.expressions.distinct,
      expressionsCompiled: input.rules.expressions.compiled,
    },
    connectors: input.connectors.map((c) => c.report),
    settings: input.settings.report,
    rules: reports,
    diffs: input.rules.diffs,
    schemaAdditions: input.rules.schemaAdditions,
    warnings,
    steps: [],
  };
  return finishReport(report, 'dry-run', {});
}

/** What is left to do, in order, for the report's status and credential states. */
function stepsFor(r: MigrationReport): string[] {
  const steps: string[] = [];
  for (const c of r.connectors.filter((x) => x.credentials === 'needed')) {
    steps.push(c.kind === 'ad'
      ? `Give the directory account for ${c.name}: --ad-url (e.g. ldaps://<domain controller>), --ad-bind-dn${c.loginHint ? ` (the old server used ${c.loginHint})` : ''} and --ad-password-env, or the wizard's "Connect your directories" page.`
      : `Give the app registration for tenant ${c.target}: --entra-client-id and --entra-secret-env (or a certificate), or the wizard's "Connect to Microsoft Entra ID" page. The app needs the Graph permissions User.ReadWrite.All, Group.ReadWrite.All and Directory.Read.All.`);
  }
  if (r.status === 'credentials-needed') steps.push('Nothing runs until the credentials are given: the configuration waits in the data directory (`idsync migrate credentials …`).');
  const disabled = r.counts.disabledByIdSync;
  if (disabled) steps.push(`Review the ${disabled} rule${disabled === 1 ? '' : 's'} disabled on import and the reason given for each.`);
  if (r.counts.changedStandardRules) steps.push(`Review the ${r.counts.changedStandardRules} standard rule${r.counts.changedStandardRules === 1 ? '' : 's'} you had changed (the diff below): they are imported with your changes.`);
  steps.push('Run an initial cycle (`idsync cycle --initial`): staging mode is on, so it imports and synchronizes but exports nothing.');
  steps.push('Compare what IdSync would export (`idsync staging report`, or the staging banner in the console) with the old server\'s pending exports.');
  steps.push('To switch: put the old Entra Connect server in staging mode (only one server may export to a tenant), then `idsync staging disable`.');
  return steps;
}

/** Sets the status and each connector's credential state, and derives the steps left. */
export function finishReport(report: MigrationReport, status: MigrationStatus, credentials: Readonly<Record<string, MigratedConnectorReport['credentials']>>): MigrationReport {
  const connectors = report.connectors.map((c) => (c.connectorId && credentials[c.connectorId] ? { ...c, credentials: credentials[c.connectorId]! } : c));
  const next = { ...report, status, connectors };
  return { ...next, steps: stepsFor(next) };
}
