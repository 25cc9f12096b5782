// Run result strings in plain language, with their severity for colour and sorting (spec §14.1).
import { KNOWN_RUN_STATUSES, runStatusText } from '../../../shared/model/run-status-text.ts';

export type StatusTone = 'success' | 'info' | 'warning' | 'error';

/** How a result string reads and looks: a plain sentence, a colour and a rank (higher is worse). */
export interface StatusLook {
  readonly text: string;
  readonly tone: StatusTone;
  readonly rank: number;
}

/** Plain text, tone and rank of a run or step result; unknown strings keep their code and rank by family. */
export function statusLook(status: string): StatusLook {
  const text = runStatusText(status);
  if (status === 'in-progress') return { text, tone: 'info', rank: 0 };
  if (status === 'success' || status === 'completed-no-objects') return { text, tone: 'success', rank: status === 'success' ? 0 : 1 };
  if (status === 'completed-warnings' || status === 'completed-transient-objects') return { text, tone: 'warning', rank: status === 'completed-warnings' ? 2 : 3 };
  if (status === 'completed-discovery-errors') return { text, tone: 'error', rank: 5 };
  if (status.startsWith('completed-')) return { text, tone: 'error', rank: 4 };
  if (status.startsWith('stopped-user-termination')) return { text, tone: 'warning', rank: 6 };
  if (status.startsWith('stopped-') || status.startsWith('no-start-')) return { text, tone: 'error', rank: 6 };
  return { text, tone: 'warning', rank: 3 };
}

/** The status filter choices of the Operations view, grouped the way admins triage. */
export const STATUS_GROUPS: Record<string, readonly string[]> = {
  Running: ['in-progress'],
  Succeeded: ['success', 'completed-no-objects'],
  Warnings: ['completed-warnings', 'completed-transient-objects'],
  Errors: ['completed-sync-errors', 'completed-export-errors', 'completed-discovery-errors'],
  'Stopped or not started': KNOWN_RUN_STATUSES.filter((s) => s.startsWith('stopped-') || s.startsWith('no-start-')),
};
