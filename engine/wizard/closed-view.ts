// The view of a wizard that is not open: what the console shows before "Configure" is pressed.
import type { AppliedSettings, WizardView } from '../../shared/model/wizard.ts';
import { featureViews } from './features.ts';
import { fixedChoices, taskViews } from './tasks.ts';

/** A closed session; `applied` tells whether a later run would open the additional tasks. */
export function closedView(applied: AppliedSettings | null): WizardView {
  return {
    open: false, mode: applied ? 'maintenance' : 'first-run', path: null, task: null, page: applied ? 'tasks' : 'welcome', steps: [], issues: [],
    licenseAccepted: false, signInMethod: applied?.signInMethod ?? 'do-not-configure', entra: null,
    deviceCode: { status: 'idle', userCode: null, verificationUri: null, message: null, username: null, error: null },
    domains: [], directories: [], upnAttribute: applied?.upnAttribute ?? 'userPrincipalName', upnSuffixes: [], ouFilters: applied?.ouFilters ?? [],
    identifying: applied?.identifying ?? { userMatching: 'unique', sourceAnchor: 'ms-DS-ConsistencyGuid' },
    filtering: applied?.filtering ?? { mode: 'all', groups: [] }, features: featureViews(null),
    ready: { startSync: true, stagingMode: applied?.stagingMode ?? false }, tasks: applied ? taskViews() : [], fixed: applied ? fixedChoices(applied) : [],
    applied, apply: [], notes: [],
  };
}
