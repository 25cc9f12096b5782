// Moving in from Entra Connect: read an exported server configuration, plan the IdSync configuration with a
// report of every decision, and apply it (in staging mode) once the credentials are known.
export { planMigration, planConfiguration, type MigrationPlan, type MigrationOptions, type PlannedConnector } from './migration-plan.ts';
export { readServerExport, ExportFolderError } from './read-export.ts';
export { applyMigration, MigrationApplyError, type ApplyMigrationResult } from './apply-migration.ts';
export { parseCredentialsInput, resolveCredentials, CredentialsInput } from './credentials-input.ts';
export type { MigrationCredentials, DirectoryCredential, EntraCredential } from './credentials.ts';
export { checkImportedOus } from './ou-presence.ts';
export { readMigrationRecord, writeMigrationRecord, addRecordedWarnings, RECORD_FILE, REPORT_FILE, type MigrationRecord } from './migration-record.ts';
export { reportMarkdown } from './report-markdown.ts';
