// Run history as chart series: adds, updates, deletes and errors per run, oldest first.
import type { RunDetail, RunStepInfo } from '../../../shared/model/runs.ts';

export interface HistoryPoint {
  readonly runId: string;
  readonly label: string;
  readonly startedAt: string;
  readonly adds: number;
  readonly updates: number;
  readonly deletes: number;
  readonly errors: number;
}

const KIND: Record<string, 'adds' | 'updates' | 'deletes'> = {
  'stage-add': 'adds',
  'export-add': 'adds',
  'disconnector-projected-flow': 'adds',
  'disconnector-projected-no-flow': 'adds',
  'provisioned-add-flow': 'adds',
  'provisioned-add-no-flow': 'adds',
  'stage-update': 'updates',
  'stage-rename': 'updates',
  'export-update': 'updates',
  'export-rename': 'updates',
  'connector-flow': 'updates',
  'disconnector-joined-flow': 'updates',
  'stage-delete': 'deletes',
  'export-delete': 'deletes',
  'connector-delete-remove-mv': 'deletes',
  'connector-delete-leave-mv': 'deletes',
  'provisioned-disconnect': 'deletes',
};

function addStep(totals: { adds: number; updates: number; deletes: number; errors: number }, step: RunStepInfo): void {
  const add = (counters: Record<string, number>) => {
    for (const [name, n] of Object.entries(counters)) {
      const kind = KIND[name];
      if (kind) totals[kind] += n;
    }
  };
  add(step.counters);
  for (const c of Object.values(step.outbound)) add(c);
  for (const n of Object.values(step.errors)) totals.errors += n;
}

/** One point per run, oldest first, labelled with connector, profile and start time. */
export function historySeries(runs: readonly RunDetail[], formatTime: (iso: string) => string = (s) => s): HistoryPoint[] {
  return [...runs]
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
    .map((run) => {
      const totals = { adds: 0, updates: 0, deletes: 0, errors: 0 };
      for (const step of run.steps) addStep(totals, step);
      return { runId: run.id, label: `${formatTime(run.startedAt)} ${run.connector}: ${run.profile}`, startedAt: run.startedAt, ...totals };
    });
}
