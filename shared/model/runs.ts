// Run history (spec §14): runs, steps, counters and per-object records.
import { z } from 'zod';
import { StepType } from './connectors.ts';
import { ApiAttributes } from './values.ts';

/** Step and run result strings (spec §14.1). */
export const RunStatus = z.enum([
  'in-progress', 'success', 'completed-no-objects', 'completed-warnings', 'completed-sync-errors', 'completed-export-errors',
  'completed-discovery-errors', 'completed-transient-objects', 'stopped-error-limit', 'stopped-deletion-threshold-exceeded',
  'stopped-server-down', 'stopped-connectivity', 'stopped-extension-dll-exception', 'stopped-object-limit',
  'stopped-database-connection-lost', 'stopped-user-termination-from-ui', 'stopped-user-termination-from-cli',
  'stopped-user-termination-from-scheduler', 'no-start-connection', 'no-start-credentials', 'no-start-ma-already-running',
  'no-start-unknown-profile-name',
]);
export type RunStatus = z.infer<typeof RunStatus>;

/** Counter name → count, e.g. `stage-add`, `disconnector-projected-flow`, `export-update` (spec §14.3). */
export const Counters = z.record(z.string(), z.number());
export type Counters = z.infer<typeof Counters>;

export const RunStepInfo = z.object({
  step: z.number(),
  type: StepType,
  partition: z.string().nullable(),
  status: RunStatus,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  counters: Counters,
  /** Outbound counters per target connector name (sync steps). */
  outbound: z.record(z.string(), Counters),
  /** Error code → count. */
  errors: Counters,
  /** Connection status / step message (warnings such as a fallback to full import). */
  message: z.string().nullable(),
});
export type RunStepInfo = z.infer<typeof RunStepInfo>;

export const RunSummary = z.object({
  id: z.string(),
  connectorId: z.string(),
  connector: z.string(),
  profile: z.string(),
  status: RunStatus,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  startedBy: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunDetail = RunSummary.extend({ steps: z.array(RunStepInfo) });
export type RunDetail = z.infer<typeof RunDetail>;

/** One object a step changed or failed on, as it was at run time. */
export const RunObjectRecord = z.object({
  id: z.string(),
  step: z.number(),
  /** The counter or error code this record belongs to. */
  counter: z.string(),
  /** Target connector for outbound counters, else null. */
  targetConnector: z.string().nullable(),
  csId: z.string().nullable(),
  dn: z.string(),
  objectType: z.string(),
  error: z.object({ code: z.string(), message: z.string(), detail: z.string().optional() }).nullable(),
});
export type RunObjectRecord = z.infer<typeof RunObjectRecord>;

export const RunObjectSnapshot = RunObjectRecord.extend({
  /** The object's attributes at run time (the new image for imports, the exported changes for exports). */
  attributes: ApiAttributes.nullable(),
  mvId: z.string().nullable(),
});
export type RunObjectSnapshot = z.infer<typeof RunObjectSnapshot>;
