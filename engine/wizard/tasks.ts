// The additional tasks of a later run (§2.4) and the choices a later run cannot change.
import type { AppliedSettings, TaskView } from '../../shared/model/wizard.ts';

const TASKS: readonly TaskView[] = [
  { id: 'view-config', label: 'View or export current configuration', available: true, note: 'A read-only summary of what the wizard applied, with Export Settings.' },
  { id: 'customize', label: 'Customize synchronization options', available: true, note: 'Add or remove directories, change OU filtering, remove group filtering, change optional features.' },
  { id: 'refresh-schema', label: 'Refresh directory schema', available: true, note: 'Re-reads the schema of every directory and regenerates the sync rules.' },
  { id: 'staging', label: 'Configure staging mode', available: true, note: 'Turns staging mode on or off: imports and syncs run, nothing is exported.' },
  { id: 'change-sign-in', label: 'Change user sign-in', available: true, note: 'Switch the user sign-in method.' },
  { id: 'privacy', label: 'Privacy settings', available: false, note: 'Not available: IdSync sends no telemetry, so there is nothing to choose.' },
  { id: 'device-options', label: 'Configure device options', available: false, note: 'Not available: hybrid join and device writeback are not implemented.' },
  { id: 'manage-federation', label: 'Manage federation', available: false, note: 'Not available: IdSync does not configure AD FS or PingFederate.' },
  { id: 'troubleshoot', label: 'Troubleshoot', available: false, note: 'Not available in the wizard: use the Operations and Connectors tabs and `idsync` commands.' },
];

/** The task list of the maintenance menu. */
export function taskViews(): TaskView[] {
  return TASKS.map((t) => ({ ...t }));
}

/** True when the task can be chosen. */
export function taskAvailable(id: TaskView['id']): boolean {
  return TASKS.some((t) => t.id === id && t.available);
}

/** What the first run fixed for good (§2.3 G and H, §2.4), with the applied values. */
export function fixedChoices(applied: AppliedSettings): { choice: string; value: string; reason: string }[] {
  const anchor = applied.identifying.sourceAnchor === 'attribute' ? (applied.identifying.sourceAnchorAttribute ?? '') : applied.identifying.sourceAnchor;
  return [
    { choice: 'User principal name attribute', value: applied.upnAttribute, reason: 'The sign-in attribute of synchronized users cannot change after installation.' },
    { choice: 'Source anchor', value: anchor, reason: 'The source anchor is the immutableId of every synchronized object; changing it would orphan them.' },
    { choice: 'Users across directories', value: applied.identifying.userMatching, reason: 'How users are matched across directories is fixed at installation.' },
    {
      choice: 'Group filtering', value: applied.filtering.mode === 'group' ? 'pilot group' : 'all users and devices',
      reason: applied.filtering.mode === 'group' ? 'Group filtering can be removed, but not changed to another group.' : 'Group filtering cannot be turned on after installation.',
    },
  ];
}
