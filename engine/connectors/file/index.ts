// The file connector type: CSV, JSON and LDIF files for HR feeds, demos and tests.
import type { ConnectorType } from '../contract.ts';
import { fileConfigSchema, resolveSettings, type FileConfig } from './config.ts';
import { FileConnector } from './connector.ts';

export { fileConfigSchema, type FileConfig, type FileConfigInput } from './config.ts';

/** CSV, JSON and LDIF files; delta import by comparison with the previous import. */
export const fileConnectorType: ConnectorType<FileConfig> = {
  type: 'file',
  displayName: 'File (CSV, JSON, LDIF)',
  configSchema: fileConfigSchema,
  secretFields: [],
  capabilities: { deltaImport: true, export: true, rename: true, passwordExport: false, exportsWholeSet: false },
  create: (config) => new FileConnector(resolveSettings(fileConfigSchema.parse(config))),
};
