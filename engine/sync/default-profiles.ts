// The five run profiles every connector gets (spec §2.1).
import type { RunProfile } from '../../shared/model/connectors.ts';

/** Full Import, Delta Import, Full Synchronization, Delta Synchronization and Export. */
export function defaultRunProfiles(): RunProfile[] {
  return [
    { name: 'Full Import', steps: [{ type: 'full-import' }] },
    { name: 'Delta Import', steps: [{ type: 'delta-import' }] },
    { name: 'Full Synchronization', steps: [{ type: 'full-sync' }] },
    { name: 'Delta Synchronization', steps: [{ type: 'delta-sync' }] },
    { name: 'Export', steps: [{ type: 'export' }] },
  ];
}
