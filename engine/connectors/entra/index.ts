// The Microsoft Entra ID connector type (Microsoft Graph with app-only credentials).
import type { ConnectorType } from '../contract.ts';
import { entraConfigSchema, type EntraConfig } from './config.ts';
import { EntraConnector } from './entra-connector.ts';

export const entraConnectorType: ConnectorType<EntraConfig> = {
  type: 'entra',
  displayName: 'Microsoft Entra ID',
  configSchema: entraConfigSchema,
  // `auth` holds the client secret or the certificate's private key.
  secretFields: ['auth'],
  capabilities: { deltaImport: true, export: true, rename: false, passwordExport: false, exportsWholeSet: false },
  create: (config) => new EntraConnector(config),
};

export { startDeviceCodeSignIn, type DeviceCodeSignIn, type DeviceCodeSignInOptions, type DeviceCodeSignInResult } from './device-code.ts';
export { EntraConnector } from './entra-connector.ts';
export { entraConfigSchema, type EntraConfig, type EntraConfigInput } from './config.ts';
export {
  DATA_TYPES as EXTENSION_DATA_TYPES, DirectoryExtensions, type ExtensionApplication, type ExtensionDataType, type ExtensionProperty, type ExtensionTarget,
} from './directory-extensions.ts';
