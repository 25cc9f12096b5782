// Installation wizard methods: the engine holds the session (and the engine lock) while the console pages through it.
import { z } from 'zod';
import { method } from './define.ts';
import {
  ContainerTree, DirectoryInput, EntraPageInput, FeatureId, IdentifyingChoice, OuFilter, SignInMethod, WizardTaskId, WizardView,
} from '../model/wizard.ts';

/** What "Next" sends, per page. */
export const WizardPageSubmit = z.discriminatedUnion('page', [
  z.object({ page: z.literal('welcome'), licenseAccepted: z.boolean() }),
  z.object({ page: z.literal('express'), path: z.enum(['express', 'custom', 'import']) }),
  z.object({ page: z.literal('import-settings'), folder: z.string(), addMissingAttributes: z.boolean().default(false) }),
  z.object({ page: z.literal('user-sign-in'), signInMethod: SignInMethod }),
  z.object({ page: z.literal('entra'), entra: EntraPageInput }),
  z.object({ page: z.literal('directories'), directories: z.array(DirectoryInput) }),
  z.object({ page: z.literal('upn-suffixes'), upnAttribute: z.string(), continueWithoutVerified: z.boolean().default(false) }),
  z.object({ page: z.literal('ou-filtering'), ouFilters: z.array(OuFilter) }),
  z.object({ page: z.literal('identifying'), identifying: IdentifyingChoice }),
  z.object({
    page: z.literal('filtering'),
    mode: z.enum(['all', 'group']),
    groups: z.array(z.object({ directory: z.string(), name: z.string() })).default([]),
  }),
  z.object({ page: z.literal('features'), enabled: z.array(FeatureId) }),
  z.object({ page: z.literal('tasks'), task: WizardTaskId }),
  z.object({ page: z.literal('view-config') }),
  z.object({ page: z.literal('schema-refresh'), directories: z.array(z.string()) }),
  z.object({ page: z.literal('staging'), stagingMode: z.boolean() }),
  // Install / Configure: applies everything, then starts the initial cycle when asked.
  z.object({ page: z.literal('ready'), startSync: z.boolean(), stagingMode: z.boolean() }),
  z.object({ page: z.literal('complete') }),
]);
export type WizardPageSubmit = z.input<typeof WizardPageSubmit>;

export const wizardMethods = {
  'wizard.open': method('Opens the wizard (or returns the open session): takes the engine lock and suspends the scheduler', z.object({}), WizardView),
  'wizard.get': method('The open session, or a closed view', z.object({}), WizardView),
  'wizard.submit': method('Validates a page; goes to the next page when nothing blocks (issues are in the view)', WizardPageSubmit, WizardView),
  'wizard.back': method('Goes to the previous page (choices are kept)', z.object({}), WizardView),
  'wizard.deviceCode': method('Starts a device code sign-in to the tenant; the engine polls until it completes', z.object({ tenantId: z.string().trim().min(1), clientId: z.string().trim().min(1), authorityHost: z.string().optional(), graphBaseUrl: z.string().optional(), caPem: z.string().optional() }), WizardView),
  'wizard.testDirectory': method('Tests one directory connection (without adding it); a masked password uses the one held', DirectoryInput, z.object({ ok: z.boolean(), message: z.string() })),
  'wizard.containers': method('The live container tree of a directory', z.object({ directory: z.string() }), z.array(z.object({ partition: z.string(), containers: z.array(ContainerTree) }))),
  'wizard.refreshDomains': method('Re-reads the tenant domains and the UPN suffix states', z.object({}), WizardView),
  'wizard.cancel': method('Closes the wizard without changing anything; releases the lock and resumes the scheduler', z.object({}), z.object({ ok: z.literal(true) })),
  'wizard.close': method('Exits the wizard after the result page', z.object({}), z.object({ ok: z.literal(true) })),
  'wizard.exportSettings': method('The applied wizard settings (no secrets) and where the last snapshot was written', z.object({}), z.object({ file: z.string().nullable(), settings: z.unknown() })),
} as const;
