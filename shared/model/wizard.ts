// The installation wizard as the console sees it: pages, the choices made so far (secrets masked) and
// what each page's validation found. The engine holds the session; the console only renders it.
import { z } from 'zod';
import { MigrationReport } from './migration.ts';

export const WizardPageId = z.enum([
  'welcome', 'express', 'import-settings', 'user-sign-in', 'entra', 'directories', 'upn-suffixes', 'ou-filtering', 'identifying', 'filtering', 'features',
  'ready', 'complete', 'tasks', 'view-config', 'schema-refresh', 'staging',
]);
export type WizardPageId = z.infer<typeof WizardPageId>;

export const WizardTaskId = z.enum([
  'view-config', 'customize', 'refresh-schema', 'staging', 'change-sign-in', 'privacy', 'device-options', 'manage-federation', 'troubleshoot',
]);
export type WizardTaskId = z.infer<typeof WizardTaskId>;

/** One problem a page's validation found; `block` keeps the wizard on the page, `warn` lets it go on. */
export const WizardIssue = z.object({
  field: z.string(),
  message: z.string(),
  severity: z.enum(['block', 'warn']),
});
export type WizardIssue = z.infer<typeof WizardIssue>;

export const SignInMethod = z.enum(['password-hash-sync', 'pass-through', 'federation-adfs', 'federation-ping', 'do-not-configure']);
export type SignInMethod = z.infer<typeof SignInMethod>;

/** What the administrator types on "Connect to Microsoft Entra ID"; secrets are sent once and never returned. */
export const EntraPageInput = z.object({
  tenantId: z.string().trim().min(1, 'Enter the tenant id or its onmicrosoft.com domain'),
  clientId: z.string().trim().min(1, 'Enter the application (client) id of the sync app registration'),
  authKind: z.enum(['secret', 'certificate']),
  /** The client secret; SECRET_MASK keeps the one already held. */
  clientSecret: z.string().optional(),
  certificatePem: z.string().optional(),
  /** The certificate's private key; SECRET_MASK keeps the one already held. */
  privateKeyPem: z.string().optional(),
  authorityHost: z.string().trim().optional(),
  graphBaseUrl: z.string().trim().optional(),
  /** Scope of Graph tokens (`<Graph resource>/.default`); empty = the Graph of the cloud. */
  graphScope: z.string().trim().optional(),
  /** Extra CA to trust for the authority and Graph (a TLS-inspecting proxy's). */
  caPem: z.string().optional(),
});
export type EntraPageInput = z.infer<typeof EntraPageInput>;

export const DirectoryKind = z.enum(['ad', 'openldap']);
export type DirectoryKind = z.infer<typeof DirectoryKind>;

/** One directory (forest) on "Connect your directories". */
export const DirectoryInput = z.object({
  /** Forest name, also the connector's name (e.g. `contoso.com`). */
  name: z.string().trim().min(1, 'Enter the forest name'),
  kind: DirectoryKind,
  url: z.string().trim().min(1, 'Enter the server, e.g. ldaps://dc1.contoso.com'),
  security: z.enum(['none', 'starttls', 'ldaps']).default('ldaps'),
  bindDn: z.string().trim().min(1, 'Enter the account (DN or DOMAIN\\user)'),
  /** The account's password; SECRET_MASK keeps the one already held. */
  password: z.string(),
  caPem: z.string().optional(),
  tlsServerName: z.string().trim().optional(),
});
export type DirectoryInput = z.infer<typeof DirectoryInput>;

/** A directory as the session shows it: password masked, with what the connection test found. */
export const DirectoryView = DirectoryInput.extend({
  connectorId: z.string().nullable(),
  tested: z.string().nullable(),
  namingContexts: z.array(z.string()),
});
export type DirectoryView = z.infer<typeof DirectoryView>;

export const DomainState = z.enum(['Verified', 'Not Verified', 'Not Added']);

export const UpnSuffixRow = z.object({
  suffix: z.string(),
  entraDomain: z.string().nullable(),
  state: DomainState,
  users: z.number(),
});
export type UpnSuffixRow = z.infer<typeof UpnSuffixRow>;

export const OuFilter = z.object({
  /** Directory (forest) name. */
  directory: z.string(),
  mode: z.enum(['all', 'selected']),
  /** Containers in scope when `mode` is `selected` (their sub-trees included). */
  included: z.array(z.string()),
});
export type OuFilter = z.infer<typeof OuFilter>;

export const ContainerTree: z.ZodType<{ dn: string; name: string; children: ContainerTreeNode[] }> = z.lazy(() =>
  z.object({ dn: z.string(), name: z.string(), children: z.array(ContainerTree) }),
);
export interface ContainerTreeNode {
  dn: string;
  name: string;
  children: ContainerTreeNode[];
}

export const IdentifyingChoice = z.object({
  userMatching: z.enum(['unique', 'objectSid', 'mail', 'samAccountName', 'attribute']),
  matchingAttribute: z.string().optional(),
  sourceAnchor: z.enum(['ms-DS-ConsistencyGuid', 'objectGUID', 'attribute']),
  sourceAnchorAttribute: z.string().optional(),
});
export type IdentifyingChoice = z.infer<typeof IdentifyingChoice>;

export const PilotGroup = z.object({
  directory: z.string(),
  name: z.string(),
  /** Resolved DN, null until Resolve found it. */
  dn: z.string().nullable(),
  directMembers: z.number(),
});
export type PilotGroup = z.infer<typeof PilotGroup>;

export const FilteringChoice = z.object({ mode: z.enum(['all', 'group']), groups: z.array(PilotGroup) });
export type FilteringChoice = z.infer<typeof FilteringChoice>;

export const FeatureId = z.enum([
  'delete-threshold', 'exchange-hybrid', 'exchange-public-folders', 'app-attribute-filtering', 'password-hash-sync', 'password-writeback',
  'group-writeback', 'device-writeback', 'directory-extensions',
]);
export type FeatureId = z.infer<typeof FeatureId>;

export const FeatureView = z.object({
  id: FeatureId,
  label: z.string(),
  available: z.boolean(),
  /** Why it is not available, or what it does when it is. */
  note: z.string(),
  enabled: z.boolean(),
});
export type FeatureView = z.infer<typeof FeatureView>;

export const DeviceCodeView = z.object({
  status: z.enum(['idle', 'waiting', 'signed-in', 'failed']),
  userCode: z.string().nullable(),
  verificationUri: z.string().nullable(),
  message: z.string().nullable(),
  username: z.string().nullable(),
  error: z.string().nullable(),
});
export type DeviceCodeView = z.infer<typeof DeviceCodeView>;

export const TaskView = z.object({ id: WizardTaskId, label: z.string(), available: z.boolean(), note: z.string() });
export type TaskView = z.infer<typeof TaskView>;

export const ApplyStep = z.object({ label: z.string(), status: z.enum(['pending', 'running', 'done', 'failed', 'skipped']), message: z.string().nullable() });
export type ApplyStep = z.infer<typeof ApplyStep>;

/** The settings the wizard applied (kept in the data directory; secrets never included). */
export const AppliedSettings = z.object({
  format: z.literal('idsync-wizard-settings'),
  version: z.literal(1),
  appliedAt: z.string(),
  signInMethod: SignInMethod,
  entra: z.object({ tenantId: z.string(), clientId: z.string(), authKind: z.enum(['secret', 'certificate']), connectorId: z.string(), connectorName: z.string() }),
  directories: z.array(z.object({ name: z.string(), kind: DirectoryKind, url: z.string(), bindDn: z.string(), connectorId: z.string() })),
  upnAttribute: z.string(),
  ouFilters: z.array(OuFilter),
  identifying: IdentifyingChoice,
  filtering: FilteringChoice,
  features: z.array(z.object({ id: FeatureId, enabled: z.boolean() })),
  stagingMode: z.boolean(),
  /** Set when the configuration was imported from an Entra Connect server's exported configuration. */
  importedFrom: z.object({ server: z.string().nullable(), folder: z.string(), exportDate: z.string().nullable() }).optional(),
});
export type AppliedSettings = z.infer<typeof AppliedSettings>;

/** The whole session as the console renders it. */
export const WizardView = z.object({
  open: z.boolean(),
  mode: z.enum(['first-run', 'maintenance']),
  /** `import`: the settings come from an Entra Connect server's exported configuration. */
  path: z.enum(['express', 'custom', 'import']).nullable(),
  task: WizardTaskId.nullable(),
  page: WizardPageId,
  /** The pages of the current path, for the left-hand step list. */
  steps: z.array(z.object({ id: WizardPageId, label: z.string() })),
  issues: z.array(WizardIssue),
  licenseAccepted: z.boolean(),
  signInMethod: SignInMethod,
  entra: EntraPageInput.extend({ tested: z.string().nullable() }).nullable(),
  deviceCode: DeviceCodeView,
  domains: z.array(z.object({ id: z.string(), isVerified: z.boolean(), isDefault: z.boolean() })),
  directories: z.array(DirectoryView),
  upnAttribute: z.string(),
  upnSuffixes: z.array(UpnSuffixRow),
  ouFilters: z.array(OuFilter),
  identifying: IdentifyingChoice,
  filtering: FilteringChoice,
  features: z.array(FeatureView),
  ready: z.object({ startSync: z.boolean(), stagingMode: z.boolean() }),
  tasks: z.array(TaskView),
  /** Choices that cannot change on a later run, each with the reason. */
  fixed: z.array(z.object({ choice: z.string(), value: z.string(), reason: z.string() })),
  applied: AppliedSettings.nullable(),
  apply: z.array(ApplyStep),
  /** Warnings and next steps on the result page. */
  notes: z.array(z.string()),
  /** On the import path: the report of the export being imported. */
  migration: MigrationReport.nullable().optional(),
});
export type WizardView = z.infer<typeof WizardView>;
