// Moving in from Entra Connect: read an exported server configuration (changing nothing) and the report of the
// last import. Importing itself runs through the installation wizard ("Import settings from an Entra Connect
// server") or `idsync migrate from-entra-connect`.
import { z } from 'zod';
import { method } from './define.ts';
import { MigrationRecordView, MigrationReport } from '../model/migration.ts';

export const migrationMethods = {
  'migration.preview': method('Reads an exported Entra Connect configuration folder on the engine host and returns the import report; changes nothing',
    z.object({ folder: z.string().trim().min(1, 'Enter the folder the export was copied to'), addMissingAttributes: z.boolean().default(false) }),
    z.object({ report: MigrationReport })),
  'migration.record': method('The last import from Entra Connect in this data directory (status, report, Markdown), or null',
    z.object({}), MigrationRecordView.nullable()),
} as const;
