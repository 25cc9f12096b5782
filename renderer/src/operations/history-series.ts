// Run history as chart series: adds, updates, deletes and errors per run, oldest first.
import type { RunDetail } from '../../../shared/model/runs.ts';
import { changeTotals } from '../../../shared/model/change-totals.ts';

export interface HistoryPoint {
  readonly runId: string;
  readonly label: string;
  readonly startedAt: string;
  readonly adds: number;
  readonly updates: number;
  readonly deletes: number;
  readonly errors: number;
}

/** One point per run, oldest first, labelled with connector, profile and start time. */
export function historySeries(runs: readonly RunDetail[], formatTime: (iso: string) => string = (s) => s): HistoryPoint[] {
  return [...runs]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((run) => ({ runId: run.id, label: `${formatTime(run.startedAt)} ${run.connector}: ${run.profile}`, startedAt: run.startedAt, ...changeTotals(run.steps) }));
}
