// Handlers of the migration methods: reading an export for the console (nothing changes) and the last import's
// record with its report.
import type { migrationMethods } from '../../shared/api/migration.ts';
import { ExportFolderError, planMigration, readMigrationRecord, reportMarkdown } from '../migrate/index.ts';
import { ApiError } from './api-error.ts';
import type { ServiceContext } from './context.ts';
import type { HandlerGroup } from './handlers.ts';

/** Creates the migration handlers over the context's data directory. */
export function createMigrationHandlers(ctx: ServiceContext): HandlerGroup<typeof migrationMethods> {
  return {
    handlers: {
      'migration.preview': ({ folder, addMissingAttributes }) => {
        try {
          return { report: planMigration(folder, { addMissingAttributes }).report };
        } catch (err) {
          if (err instanceof ExportFolderError) throw new ApiError('invalid-export', err.message);
          throw new ApiError('invalid-export', `Cannot read the export: ${(err as Error).message}`);
        }
      },
      'migration.record': () => {
        const record = readMigrationRecord(ctx.home);
        return record ? { status: record.status, importedAt: record.importedAt, report: record.plan.report, markdown: reportMarkdown(record.plan.report) } : null;
      },
    },
    close() {},
  };
}
