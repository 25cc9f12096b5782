// The Operations view's queries: run history sorted and filtered by the engine, with durations, change
// totals and scheduler cycles.
import { z } from 'zod';
import { RunStatus, RunSummary } from './runs.ts';

export const RunSortField = z.enum(['startedAt', 'endedAt', 'connector', 'profile', 'status', 'duration', 'startedBy']);
export type RunSortField = z.infer<typeof RunSortField>;

export const RunQuery = z.object({
  connector: z.string().optional(),
  status: z.array(RunStatus).optional(),
  /** Runs that started at or after this time (ISO 8601). */
  startedFrom: z.string().datetime({ offset: true }).optional(),
  /** Runs that started before this time (ISO 8601). */
  startedTo: z.string().datetime({ offset: true }).optional(),
  /** Only the runs of one scheduler cycle (its id from operations.cycles). */
  cycle: z.string().optional(),
  sort: z.object({ field: RunSortField, direction: z.enum(['asc', 'desc']) }).default({ field: 'startedAt', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type RunQuery = z.input<typeof RunQuery>;

/** Adds, updates, deletes and errors of a run, summed over its steps (inbound, outbound and export counters). */
export const ChangeTotals = z.object({ adds: z.number(), updates: z.number(), deletes: z.number(), errors: z.number() });
export type ChangeTotals = z.infer<typeof ChangeTotals>;

export const RunListRow = RunSummary.extend({
  /** End minus start; null while running. */
  durationMs: z.number().nullable(),
  totals: ChangeTotals,
  /** The scheduler cycle the run belongs to, or null for runs started by hand. */
  cycle: z.string().nullable(),
});
export type RunListRow = z.infer<typeof RunListRow>;

export const RunListPage = z.object({ items: z.array(RunListRow), total: z.number() });

/** One scheduler cycle: the runs the scheduler started one after another. */
export const CycleRow = z.object({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  runs: z.number(),
  /** The most severe result of its runs. */
  status: RunStatus,
  connectors: z.array(z.string()),
  totals: ChangeTotals,
});
export type CycleRow = z.infer<typeof CycleRow>;

export const CycleQuery = z.object({
  startedFrom: z.string().datetime({ offset: true }).optional(),
  startedTo: z.string().datetime({ offset: true }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
