// The form state of each page, started from the session the engine holds (secrets arrive masked and are sent
// back masked, which keeps the value the engine already has).
import type { WizardPageSubmit } from '../../../shared/api/wizard.ts';
import type { DirectoryInput, WizardPageId, WizardView } from '../../../shared/model/wizard.ts';

export type Draft = WizardPageSubmit;

/** A new, empty directory row. */
export function emptyDirectory(): DirectoryInput {
  return { name: '', kind: 'ad', url: '', security: 'ldaps', bindDn: '', password: '' };
}

/** On the import path, the exported forests with the old server's DC and account as suggestions. */
function importedDirectories(view: WizardView): DirectoryInput[] | null {
  const forests = view.migration?.connectors.filter((c) => c.kind === 'ad') ?? [];
  if (forests.length === 0) return null;
  return forests.map((c) => ({ name: c.name, kind: 'ad' as const, url: c.serverHint ?? '', security: 'ldaps' as const, bindDn: c.loginHint ?? '', password: '' }));
}

/** The draft a page starts with. */
export function initialDraft(view: WizardView): Draft {
  const page: WizardPageId = view.page;
  switch (page) {
    case 'welcome': return { page, licenseAccepted: view.licenseAccepted };
    case 'express': return { page, path: view.path ?? 'express' };
    case 'import-settings': return { page, folder: view.migration?.source.folder ?? '', addMissingAttributes: false };
    case 'user-sign-in': return { page, signInMethod: view.signInMethod };
    case 'entra': {
      const e = view.entra;
      return {
        page,
        entra: e
          ? { tenantId: e.tenantId, clientId: e.clientId, authKind: e.authKind, clientSecret: e.clientSecret, certificatePem: e.certificatePem, privateKeyPem: e.privateKeyPem, authorityHost: e.authorityHost, graphBaseUrl: e.graphBaseUrl, caPem: e.caPem }
          : { tenantId: view.migration?.connectors.find((c) => c.kind === 'entra')?.target ?? '', clientId: '', authKind: 'secret', clientSecret: '' },
      };
    }
    case 'directories':
      return {
        page,
        directories: view.directories.length
          ? view.directories.map((d) => ({ name: d.name, kind: d.kind, url: d.url, security: d.security, bindDn: d.bindDn, password: d.password, caPem: d.caPem, tlsServerName: d.tlsServerName }))
          : importedDirectories(view) ?? [emptyDirectory()],
      };
    case 'upn-suffixes': return { page, upnAttribute: view.upnAttribute, continueWithoutVerified: false };
    case 'ou-filtering':
      return { page, ouFilters: view.directories.map((d) => view.ouFilters.find((f) => f.directory === d.name) ?? { directory: d.name, mode: 'all', included: [] }) };
    case 'identifying': return { page, identifying: view.identifying };
    case 'filtering':
      return {
        page,
        mode: view.filtering.mode,
        groups: view.directories.map((d) => ({ directory: d.name, name: view.filtering.groups.find((g) => g.directory === d.name)?.name ?? '' })),
      };
    case 'features': return { page, enabled: view.features.filter((f) => f.enabled).map((f) => f.id) };
    case 'tasks': return { page, task: view.task ?? view.tasks.find((t) => t.available)?.id ?? 'view-config' };
    case 'view-config': return { page };
    case 'schema-refresh': return { page, directories: view.directories.map((d) => d.name) };
    case 'staging': return { page, stagingMode: view.ready.stagingMode };
    case 'ready': return { page, startSync: view.ready.startSync, stagingMode: view.ready.stagingMode };
    case 'complete': return { page };
  }
}

/** The label of the forward button on a page. */
export function nextLabel(view: WizardView): string {
  if (view.page === 'ready') return view.mode === 'first-run' ? 'Install' : 'Configure';
  if (view.page === 'express') return 'Continue';
  return 'Next';
}
