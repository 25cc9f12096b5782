// Moving in from Entra Connect: the report of what an import of a server's exported configuration
// (`Get-ADSyncServerConfiguration`) brought in, changed, disabled and left to the administrator.
import { z } from 'zod';

/** Something the administrator should know; `code` names the case (R1…R21 are the cases Microsoft's own import has). */
export const MigrationWarning = z.object({
  code: z.string(),
  /** The connector, rule or setting concerned. */
  subject: z.string(),
  message: z.string(),
});
export type MigrationWarning = z.infer<typeof MigrationWarning>;

export const MigratedPartition = z.object({
  name: z.string(),
  selected: z.boolean(),
  inclusions: z.array(z.string()),
  exclusions: z.array(z.string()),
});

export const MigratedConnectorReport = z.object({
  /** The connector's GUID in the export (lower case, braced). */
  sourceId: z.string(),
  name: z.string(),
  category: z.string(),
  subtype: z.string(),
  kind: z.enum(['ad', 'entra', 'unsupported']),
  /** The IdSync connector it became (null for an unsupported kind). */
  connectorId: z.string().nullable(),
  connectorType: z.string().nullable(),
  /** Forest (AD) or tenant (Entra). */
  target: z.string().nullable(),
  /** The account the old server used (no password is ever exported). */
  loginHint: z.string().nullable(),
  /** A server address to start from: the old server's last domain controller, as an LDAPS URL (AD only). */
  serverHint: z.string().nullable(),
  partitions: z.array(MigratedPartition),
  /** The connector's scope in IdSync's terms (AD only). */
  scope: z.object({ baseDns: z.array(z.string()), includeContainers: z.array(z.string()), excludeContainers: z.array(z.string()) }).nullable(),
  objectTypes: z.array(z.string()),
  attributes: z.array(z.string()),
  runProfiles: z.array(z.string()),
  deleteThreshold: z.number().nullable(),
  /** What the export held that is deliberately not carried (cookies, watermarks, …). */
  discarded: z.array(z.string()),
  credentials: z.enum(['needed', 'given', 'stored', 'not-applicable']),
  notes: z.array(z.string()),
});
export type MigratedConnectorReport = z.infer<typeof MigratedConnectorReport>;

export const RuleComparison = z.enum(['same', 'customer-change', 'version-drift', 'no-reference', 'custom', 'clone']);
export type RuleComparison = z.infer<typeof RuleComparison>;

export const MigratedRuleReport = z.object({
  sourceId: z.string(),
  ruleId: z.string(),
  name: z.string(),
  direction: z.enum(['Inbound', 'Outbound']),
  precedence: z.number(),
  connector: z.string(),
  standard: z.boolean(),
  immutableTag: z.string().nullable(),
  enabled: z.boolean(),
  /** Who disabled it: the customer on the old server, or IdSync on import (with `reasons`). */
  disabledBy: z.enum(['customer', 'idsync']).nullable(),
  reasons: z.array(z.string()),
  /** What IdSync changed so the rule works here (Graph property names, flows Graph cannot carry). */
  changes: z.array(z.string()),
  comparison: RuleComparison,
});
export type MigratedRuleReport = z.infer<typeof MigratedRuleReport>;

export const RuleDifference = z.object({ field: z.string(), exported: z.string(), standard: z.string() });
export type RuleDifference = z.infer<typeof RuleDifference>;

/** A standard rule compared with Microsoft's rule of the same immutable tag (or the standard rule a clone came from). */
export const RuleDiff = z.object({
  rule: z.string(),
  sourceId: z.string(),
  kind: z.enum(['customer-change', 'version-drift', 'clone']),
  /** What it was compared with: the reference tag, or the standard rule a clone came from. */
  reference: z.string(),
  summary: z.string(),
  differences: z.array(RuleDifference),
});
export type RuleDiff = z.infer<typeof RuleDiff>;

/** A metaverse attribute a rule writes or reads that the exported schema lacks. */
export const SchemaAddition = z.object({
  attribute: z.string(),
  objectType: z.string(),
  rules: z.array(z.string()),
  /** True when the import added it (asked for); otherwise the rules are disabled until it is added. */
  added: z.boolean(),
});
export type SchemaAddition = z.infer<typeof SchemaAddition>;

export const MigratedFeature = z.object({ name: z.string(), enabled: z.boolean(), supported: z.boolean(), note: z.string() });

export const MigrationSettingsReport = z.object({
  sourceAnchor: z.string(),
  /** JoinCriteria as exported (ObjectSID, AlwaysProvision, …) and IdSync's name for it. */
  userMatching: z.object({ exported: z.string(), idsync: z.enum(['objectSid', 'unique', 'other']) }),
  upnAttribute: z.string(),
  deletionThreshold: z.number().nullable(),
  syncInterval: z.string(),
  syncCycleEnabled: z.boolean(),
  purgeRunHistoryInterval: z.string(),
  passwordHashSync: z.boolean(),
  stagingMode: z.object({ exported: z.boolean(), imported: z.boolean() }),
  groupMemberLimit: z.number().nullable(),
  features: z.array(MigratedFeature),
});
export type MigrationSettingsReport = z.infer<typeof MigrationSettingsReport>;

export const MigrationStatus = z.enum(['dry-run', 'credentials-needed', 'applied']);
export type MigrationStatus = z.infer<typeof MigrationStatus>;

export const MigrationReport = z.object({
  format: z.literal('idsync-migration-report'),
  version: z.literal(1),
  status: MigrationStatus,
  source: z.object({
    folder: z.string(),
    server: z.string().nullable(),
    exportDate: z.string().nullable(),
    engineVersion: z.string().nullable(),
    /** `Exported-ServerConfiguration-*` folders carry MigratedPolicy.json and PersistedState.xml too. */
    layout: z.enum(['server-configuration', 'migrate-settings']),
    files: z.object({ connectors: z.number(), rules: z.number(), encodings: z.record(z.string(), z.number()) }),
  }),
  counts: z.object({
    connectors: z.number(),
    unsupportedConnectors: z.number(),
    rules: z.number(),
    standardRules: z.number(),
    customRules: z.number(),
    enabledRules: z.number(),
    disabledByCustomer: z.number(),
    disabledByIdSync: z.number(),
    changedStandardRules: z.number(),
    versionDrift: z.number(),
    distinctExpressions: z.number(),
    expressionsCompiled: z.number(),
  }),
  connectors: z.array(MigratedConnectorReport),
  settings: MigrationSettingsReport,
  rules: z.array(MigratedRuleReport),
  diffs: z.array(RuleDiff),
  schemaAdditions: z.array(SchemaAddition),
  warnings: z.array(MigrationWarning),
  /** What is left to the administrator, in order. */
  steps: z.array(z.string()),
});
export type MigrationReport = z.infer<typeof MigrationReport>;

/** The last migration of a data directory, as the console shows it. */
export const MigrationRecordView = z.object({
  status: MigrationStatus,
  importedAt: z.string(),
  report: MigrationReport,
  markdown: z.string(),
});
export type MigrationRecordView = z.infer<typeof MigrationRecordView>;
