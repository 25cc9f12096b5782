// Which run counters are adds, updates and deletes, for the change totals of a run (grid, chart, CSV).
import type { ChangeTotals } from './operations.ts';

const KIND: Readonly<Record<string, 'adds' | 'updates' | 'deletes'>> = {
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

/** The counters of one step, as stored with it. */
export interface StepCounterSet {
  readonly counters: Readonly<Record<string, number>>;
  readonly outbound: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly errors: Readonly<Record<string, number>>;
}

/** Adds, updates, deletes and errors summed over steps (outbound counters included). */
export function changeTotals(steps: readonly StepCounterSet[]): ChangeTotals {
  const totals = { adds: 0, updates: 0, deletes: 0, errors: 0 };
  const add = (counters: Readonly<Record<string, number>>) => {
    for (const [name, n] of Object.entries(counters)) {
      const kind = KIND[name];
      if (kind) totals[kind] += n;
    }
  };
  for (const step of steps) {
    add(step.counters);
    for (const c of Object.values(step.outbound)) add(c);
    for (const n of Object.values(step.errors)) totals.errors += n;
  }
  return totals;
}
