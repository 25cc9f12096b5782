// Step and run result strings (spec §14.1) and their severity for aggregation.
import type { RunStatus } from '../../shared/model/runs.ts';

const SEVERITY: Record<string, number> = {
  success: 0,
  'in-progress': 0,
  'completed-no-objects': 1,
  'completed-warnings': 2,
  'completed-transient-objects': 3,
  'completed-sync-errors': 4,
  'completed-export-errors': 4,
  'completed-discovery-errors': 5,
};

/** Severity rank: every stopped-* and no-start-* result outranks the completed ones. */
export function severity(status: RunStatus): number {
  return SEVERITY[status] ?? 6;
}

/** The most severe of several step results (the run's status). */
export function mostSevere(statuses: readonly RunStatus[]): RunStatus {
  let worst: RunStatus = 'success';
  for (const s of statuses) if (severity(s) > severity(worst)) worst = s;
  return worst;
}

/** True when the next step of the profile may run after this result. */
export function allowsNextStep(status: RunStatus): boolean {
  return severity(status) < 5;
}

/** True for results a CLI treats as success (exit 0). */
export function isCompleted(status: RunStatus): boolean {
  return status === 'success' || status.startsWith('completed-');
}
