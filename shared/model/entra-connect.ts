// Scheduler, sync cycles, staging and accidental-delete protection as the console and CLI see them.
import { z } from 'zod';

export const SchedulerViewModel = z.object({
  AllowedSyncCycleInterval: z.string(),
  CustomizedSyncCycleInterval: z.string().nullable(),
  CurrentlyEffectiveSyncCycleInterval: z.string(),
  NextSyncCyclePolicyType: z.enum(['Delta', 'Initial']),
  NextSyncCycleStartTimeInUTC: z.string().nullable(),
  PurgeRunHistoryInterval: z.string(),
  SyncCycleEnabled: z.boolean(),
  MaintenanceEnabled: z.boolean(),
  StagingModeEnabled: z.boolean(),
  SchedulerSuspended: z.boolean(),
  SyncCycleInProgress: z.boolean(),
  ConnectorOverrides: z.record(z.string(), z.object({ fullImportRequired: z.boolean(), fullSyncRequired: z.boolean() })),
});
export type SchedulerViewModel = z.infer<typeof SchedulerViewModel>;

export const SchedulerUpdate = z.object({
  customizedSyncCycleInterval: z.string().nullable().optional().describe('d.HH:mm:ss; null = default'),
  nextSyncCyclePolicyType: z.enum(['Delta', 'Initial']).optional(),
  purgeRunHistoryInterval: z.string().optional(),
  syncCycleEnabled: z.boolean().optional(),
  maintenanceEnabled: z.boolean().optional(),
  schedulerSuspended: z.boolean().optional(),
});

const CycleStep = z.object({ connectorId: z.string(), connectorName: z.string(), step: z.string(), status: z.string() });
export const CycleSummary = z.object({
  id: z.string(),
  policy: z.enum(['Delta', 'Initial']),
  trigger: z.enum(['scheduler', 'manual']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  result: z.enum(['in-progress', 'completed', 'completed-with-errors', 'stopped']),
  steps: z.array(CycleStep),
  skipped: z.array(CycleStep.omit({ status: true })),
  warnings: z.array(z.string()),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const StagingRowModel = z.object({
  connector: z.string(),
  id: z.number(),
  dn: z.string(),
  newDn: z.string().nullable(),
  objectType: z.string(),
  omodt: z.enum(['Add', 'Update', 'Delete']),
  attributes: z.array(z.object({ attribute: z.string(), amodt: z.enum(['Add', 'Update', 'Delete']), before: z.array(z.string()), after: z.array(z.string()) })),
});

export const StagingReportModel = z.object({
  stagingModeEnabled: z.boolean(),
  summary: z.array(z.object({ connector: z.string(), adds: z.number(), updates: z.number(), deletes: z.number() })),
  rows: z.array(StagingRowModel),
  /** CSV batches of 1,000 objects (OMODT/AMODT columns), when asked for. */
  csv: z.array(z.string()).optional(),
});

export const PendingDeletesModel = z.object({
  connector: z.string(),
  threshold: z.number().nullable(),
  pendingDeletes: z.number(),
  /** True when the next export will stop with stopped-deletion-threshold-exceeded. */
  blocked: z.boolean(),
  approval: z.object({ approvedAt: z.string(), pendingDeletes: z.number(), by: z.string() }).nullable(),
  rows: z.array(z.object({
    id: z.number(), dn: z.string(), objectType: z.string(), anchor: z.string().nullable(),
    displayName: z.string().nullable(), userPrincipalName: z.string().nullable(), mail: z.string().nullable(),
  })),
});
