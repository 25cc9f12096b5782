// What a run step gets from the run: the store, its connector, counters, cancellation and progress.
import type { RunStatus } from '../../shared/model/runs.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import type { Store } from '../store/store.ts';
import type { StepStats } from './step-stats.ts';

export interface StepContext {
  readonly store: Store;
  readonly connector: ConnectorRecord;
  readonly runId: number;
  readonly step: number;
  readonly stats: StepStats;
  readonly signal: AbortSignal;
  /** The status a stop request ends the step with (who asked: console, CLI or scheduler). */
  readonly stopStatus: RunStatus;
  progress(phase: string, done: number, total: number | null): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** How a step ended. */
export interface StepOutcome {
  status: RunStatus;
  message: string | null;
}

/** Saves the step's records and counters (call inside the batch transaction). */
export function checkpoint(ctx: StepContext, message: string | null = null): void {
  ctx.store.runs.addObjects(ctx.runId, ctx.step, ctx.stats.drain());
  ctx.store.runs.saveCounters(ctx.runId, ctx.step, ctx.stats.snapshot(), message);
}
