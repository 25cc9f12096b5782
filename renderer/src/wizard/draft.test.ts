import { describe, expect, it } from 'vitest';
import type { WizardView } from '../../../shared/model/wizard.ts';
import { initialDraft, nextLabel } from './draft.ts';

const view = {
  open: true, mode: 'first-run', path: 'custom', task: null, page: 'directories', steps: [], issues: [], licenseAccepted: true,
  signInMethod: 'do-not-configure', entra: null,
  deviceCode: { status: 'idle', userCode: null, verificationUri: null, message: null, username: null, error: null },
  domains: [], directories: [], upnAttribute: 'userPrincipalName', upnSuffixes: [], ouFilters: [],
  identifying: { userMatching: 'unique', sourceAnchor: 'ms-DS-ConsistencyGuid' }, filtering: { mode: 'all', groups: [] },
  features: [], ready: { startSync: true, stagingMode: false }, tasks: [], fixed: [], applied: null, apply: [], notes: [],
} satisfies WizardView;

describe('wizard page drafts', () => {
  it('starts the directories page with one empty card, and held directories with their masked password', () => {
    expect(initialDraft(view)).toEqual({ page: 'directories', directories: [{ name: '', kind: 'ad', url: '', security: 'ldaps', bindDn: '', password: '' }] });
    const held = { ...view, directories: [{ name: 'contoso.com', kind: 'ad' as const, url: 'ldaps://dc1', security: 'ldaps' as const, bindDn: 'CONTOSO\\sync', password: '********', connectorId: 'c1', tested: 'ok', namingContexts: [] }] };
    expect(initialDraft(held)).toMatchObject({ directories: [{ name: 'contoso.com', password: '********' }] });
  });

  it('gives every directory an OU filter and a pilot group row', () => {
    const two = { ...view, directories: [{ name: 'a' }, { name: 'b' }] as WizardView['directories'], ouFilters: [{ directory: 'b', mode: 'selected' as const, included: ['ou=x'] }] };
    expect(initialDraft({ ...two, page: 'ou-filtering' })).toEqual({ page: 'ou-filtering', ouFilters: [{ directory: 'a', mode: 'all', included: [] }, { directory: 'b', mode: 'selected', included: ['ou=x'] }] });
    expect(initialDraft({ ...two, page: 'filtering' })).toEqual({ page: 'filtering', mode: 'all', groups: [{ directory: 'a', name: '' }, { directory: 'b', name: '' }] });
  });

  it('names the last button Install on a first run and Configure later', () => {
    expect(nextLabel({ ...view, page: 'ready' })).toBe('Install');
    expect(nextLabel({ ...view, page: 'ready', mode: 'maintenance' })).toBe('Configure');
    expect(nextLabel(view)).toBe('Next');
  });
});
