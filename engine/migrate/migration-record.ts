// The last migration of a data directory: `migration.json` (the plan with its report, no secrets, and when and
// how it ended) and `migration-report.md` beside it. A migration waiting for credentials lives only here.
import fs from 'node:fs';
import path from 'node:path';
import type { MigrationReport, MigrationStatus, MigrationWarning } from '../../shared/model/migration.ts';
import type { MigrationPlan } from './migration-plan.ts';
import { reportMarkdown } from './report-markdown.ts';

export const RECORD_FILE = 'migration.json';
export const REPORT_FILE = 'migration-report.md';

export interface MigrationRecord {
  readonly format: 'idsync-migration';
  readonly version: 1;
  readonly status: Exclude<MigrationStatus, 'dry-run'>;
  readonly importedAt: string;
  readonly plan: MigrationPlan;
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Writes the record and the Markdown report; returns the report's path. */
export function writeMigrationRecord(home: string, record: MigrationRecord): string {
  fs.mkdirSync(home, { recursive: true });
  writeAtomic(path.join(home, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  const md = path.join(home, REPORT_FILE);
  writeAtomic(md, reportMarkdown(record.plan.report));
  return md;
}

/** Adds warnings found after the import (live checks) to the recorded report; returns the report. */
export function addRecordedWarnings(home: string, warnings: readonly MigrationWarning[]): MigrationReport | null {
  const record = readMigrationRecord(home);
  if (!record) return null;
  const report = { ...record.plan.report, warnings: [...record.plan.report.warnings, ...warnings] };
  writeMigrationRecord(home, { ...record, plan: { ...record.plan, report } });
  return report;
}

/** The last migration, or null; a damaged file is an error naming it. */
export function readMigrationRecord(home: string): MigrationRecord | null {
  const file = path.join(home, RECORD_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let json: MigrationRecord;
  try {
    json = JSON.parse(text) as MigrationRecord;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (json.format !== 'idsync-migration' || json.version !== 1 || !json.plan?.report) throw new Error(`${file} is not an IdSync migration record`);
  return json;
}
