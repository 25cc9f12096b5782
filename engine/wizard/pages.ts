// Which pages a wizard run shows, in order: the express and customized paths of a first run, and the
// page sequence of each additional task of a later run (console spec §2.2–2.4).
import type { WizardPageId, WizardTaskId } from '../../shared/model/wizard.ts';

export const PAGE_LABELS: Record<WizardPageId, string> = {
  welcome: 'Welcome',
  express: 'Express Settings',
  'import-settings': 'Import synchronization settings',
  'user-sign-in': 'User Sign-In',
  entra: 'Connect to Microsoft Entra ID',
  directories: 'Connect Directories',
  'upn-suffixes': 'Microsoft Entra sign-in',
  'ou-filtering': 'Domain and OU Filtering',
  identifying: 'Identifying users',
  filtering: 'Filtering',
  features: 'Optional Features',
  ready: 'Ready to configure',
  complete: 'Configuration complete',
  tasks: 'Additional tasks',
  'view-config': 'View current configuration',
  'schema-refresh': 'Refresh directory schema',
  staging: 'Configure staging mode',
};

export interface PathState {
  readonly mode: 'first-run' | 'maintenance';
  readonly path: 'express' | 'custom' | 'import' | null;
  readonly task: WizardTaskId | null;
  /** Express shows the sign-in page only when some UPN suffix is not a verified domain. */
  readonly unverifiedSuffixes: boolean;
}

/** The ordered pages of the current path (the step list on the left). */
export function pagesFor(s: PathState): WizardPageId[] {
  if (s.mode === 'maintenance') {
    switch (s.task) {
      case 'view-config': return ['tasks', 'view-config'];
      case 'customize': return ['tasks', 'entra', 'directories', 'ou-filtering', 'filtering', 'features', 'ready', 'complete'];
      case 'refresh-schema': return ['tasks', 'schema-refresh', 'ready', 'complete'];
      case 'staging': return ['tasks', 'entra', 'staging', 'ready', 'complete'];
      case 'change-sign-in': return ['tasks', 'entra', 'user-sign-in', 'ready', 'complete'];
      default: return ['tasks'];
    }
  }
  // Importing an Entra Connect server's settings: its directories and tenant need credentials, nothing else is asked.
  if (s.path === 'import') return ['welcome', 'express', 'import-settings', 'entra', 'directories', 'ready', 'complete'];
  if (s.path === 'custom') {
    return ['welcome', 'express', 'user-sign-in', 'entra', 'directories', 'upn-suffixes', 'ou-filtering', 'identifying', 'filtering', 'features', 'ready', 'complete'];
  }
  if (s.path === 'express') {
    return ['welcome', 'express', 'entra', 'directories', ...(s.unverifiedSuffixes ? ['upn-suffixes' as const] : []), 'ready', 'complete'];
  }
  return ['welcome', 'express'];
}

/** The page after `page` on the path, or null at the end. */
export function nextPage(s: PathState, page: WizardPageId): WizardPageId | null {
  const pages = pagesFor(s);
  const i = pages.indexOf(page);
  return i >= 0 && i + 1 < pages.length ? pages[i + 1]! : null;
}

/** The page before `page`, or null at the start (the result page has no way back). */
export function previousPage(s: PathState, page: WizardPageId): WizardPageId | null {
  if (page === 'complete') return null;
  const pages = pagesFor(s);
  const i = pages.indexOf(page);
  return i > 0 ? pages[i - 1]! : null;
}
