// Directory extensions of an Entra ID connector (Entra Connect's "Directory extensions"): the extension application
// and the extension properties registered on it, which users and groups then carry as `extension_<appId>_<name>`.
import { z } from 'zod';
import { method } from './define.ts';

export const ExtensionDataType = z.enum(['String', 'Integer', 'LargeInteger', 'Boolean', 'DateTime', 'Binary']);
export type ExtensionDataType = z.infer<typeof ExtensionDataType>;
export const ExtensionTarget = z.enum(['User', 'Group']);

export const DirectoryExtension = z.object({
  /** The attribute name on users and groups: `extension_<appId without dashes>_<name>`. */
  name: z.string(),
  shortName: z.string(),
  dataType: ExtensionDataType,
  isMultiValued: z.boolean(),
  targetObjects: z.array(z.string()),
  isSyncedFromOnPremises: z.boolean(),
});
export type DirectoryExtension = z.infer<typeof DirectoryExtension>;

export const DirectoryExtensionList = z.object({
  connector: z.string(),
  app: z.object({ appId: z.string(), id: z.string(), displayName: z.string() }),
  createMissing: z.boolean(),
  /** `extension_<appId without dashes>_`: every name of the application starts with it. */
  prefix: z.string(),
  extensions: z.array(DirectoryExtension),
});
export type DirectoryExtensionList = z.infer<typeof DirectoryExtensionList>;

export const DirectoryExtensionFlow = z.object({
  connector: z.string(),
  extension: DirectoryExtension,
  /** Whether the extension was registered by this call (false: it was registered already). */
  registered: z.boolean(),
  mvAttribute: z.string(),
  /** The inbound and outbound rules that carry the value (created or given the flow). */
  rules: z.array(z.object({ id: z.string(), name: z.string(), direction: z.enum(['Inbound', 'Outbound']), created: z.boolean() })),
  /** The source connector's attribute selection gained the attribute (its next import must be a full one). */
  attributeSelected: z.boolean(),
});
export type DirectoryExtensionFlow = z.infer<typeof DirectoryExtensionFlow>;

const OnConnector = z.object({ connector: z.string().optional().describe('Entra connector id or name (the only one when omitted)') });

export const entraExtensionMethods = {
  'entra.extensions.list': method('The extension application of an Entra connector and its directory extensions', OnConnector, DirectoryExtensionList),
  'entra.extensions.setApp': method('Sets the extension application of an Entra connector after reading it in the tenant; queues a full import',
    OnConnector.extend({ appId: z.string().uuid(), createMissing: z.boolean().optional() }), DirectoryExtensionList),
  'entra.extensions.add': method('Registers a directory extension in the tenant (New-MgApplicationExtensionProperty); queues a full import of the connector',
    OnConnector.extend({
      name: z.string().min(1).describe('the name, e.g. an AD attribute (a hyphen becomes an underscore)'),
      dataType: ExtensionDataType.default('String'),
      multiValued: z.boolean().default(false),
      targets: z.array(ExtensionTarget).min(1).default(['User']),
    }),
    z.object({ connector: z.string(), extension: DirectoryExtension, fullImportRequired: z.literal(true) })),
  'entra.extensions.addFlow': method('Synchronizes an on-premises attribute to a directory extension, as the Directory extensions page of Entra Connect\'s wizard does: '
    + 'registers the extension, adds the metaverse attribute, selects the attribute on the source connector and adds the inbound and outbound rules',
    OnConnector.extend({
      source: z.string().min(1).describe('the connector the attribute comes from (an Active Directory forest)'),
      attribute: z.string().min(1).describe('the source attribute, e.g. employeeType'),
      objectType: z.enum(['user', 'group']).default('user'),
      dataType: ExtensionDataType.default('String'),
      multiValued: z.boolean().default(false),
      mvAttribute: z.string().min(1).optional().describe('metaverse attribute (default: the extension name)'),
    }),
    DirectoryExtensionFlow),
  'entra.extensions.remove': method('Deletes a directory extension definition; the values already written stay hidden on the objects until it is registered again',
    OnConnector.extend({ name: z.string().min(1), confirm: z.literal(true) }),
    z.object({ connector: z.string(), removed: DirectoryExtension })),
} as const;
