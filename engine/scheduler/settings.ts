// Scheduler settings (§7.1), named as Get-ADSyncScheduler names them.
import { z } from 'zod';
import { formatTimeSpan, parseTimeSpan } from './timespan.ts';

/** The shortest interval the scheduler supports (AllowedSyncCycleInterval). */
export const ALLOWED_SYNC_CYCLE_INTERVAL_MS = 30 * 60_000;
export const DEFAULT_PURGE_RUN_HISTORY_INTERVAL = '7.00:00:00';

/** A time span, kept in the form Get-ADSyncScheduler prints (`1:0:0` is stored as `01:00:00`). */
const timeSpan = z
  .string()
  .refine((s) => { try { parseTimeSpan(s); return true; } catch { return false; } }, 'must be a time span HH:mm:ss or d.HH:mm:ss')
  .transform((s) => formatTimeSpan(parseTimeSpan(s)));

export const ConnectorOverride = z.object({ fullImportRequired: z.boolean().default(false), fullSyncRequired: z.boolean().default(false) });
export type ConnectorOverride = z.infer<typeof ConnectorOverride>;

/** The settings `scheduler set` may change (staging and suspension have their own commands, as in the product). */
const settable = {
  customizedSyncCycleInterval: timeSpan.nullable(),
  nextSyncCyclePolicyType: z.enum(['Delta', 'Initial']),
  purgeRunHistoryInterval: timeSpan,
  syncCycleEnabled: z.boolean(),
  maintenanceEnabled: z.boolean(),
};

/** What is stored; everything else is derived. */
export const SchedulerSettings = z.object({
  customizedSyncCycleInterval: settable.customizedSyncCycleInterval.default(null),
  nextSyncCyclePolicyType: settable.nextSyncCyclePolicyType.default('Delta'),
  purgeRunHistoryInterval: settable.purgeRunHistoryInterval.default(DEFAULT_PURGE_RUN_HISTORY_INTERVAL),
  syncCycleEnabled: settable.syncCycleEnabled.default(true),
  maintenanceEnabled: settable.maintenanceEnabled.default(true),
  /** Set by the configuration step (the wizard), not by `scheduler set` (§7.1). */
  stagingModeEnabled: z.boolean().default(false),
  /** Set while configuration is being changed; blocks cycles. */
  schedulerSuspended: z.boolean().default(false),
  /** Per connector id: run the full step instead of the delta one in the next delta cycle (§7.2). */
  connectorOverrides: z.record(z.string(), ConnectorOverride).default({}),
});
export type SchedulerSettings = z.infer<typeof SchedulerSettings>;

/** A change of settings: only the fields given (no defaults, which would reset the others). */
export const SchedulerSettingsUpdate = z.object(settable).partial();
export type SchedulerSettingsUpdate = z.infer<typeof SchedulerSettingsUpdate>;

/** The scheduler as Get-ADSyncScheduler shows it. */
export interface SchedulerView {
  AllowedSyncCycleInterval: string;
  CustomizedSyncCycleInterval: string | null;
  CurrentlyEffectiveSyncCycleInterval: string;
  NextSyncCyclePolicyType: 'Delta' | 'Initial';
  NextSyncCycleStartTimeInUTC: string | null;
  PurgeRunHistoryInterval: string;
  SyncCycleEnabled: boolean;
  MaintenanceEnabled: boolean;
  StagingModeEnabled: boolean;
  SchedulerSuspended: boolean;
  SyncCycleInProgress: boolean;
}

/** The interval in force: the customized one, but never below the allowed minimum (S-59). */
export function effectiveIntervalMs(s: SchedulerSettings): number {
  const custom = s.customizedSyncCycleInterval === null ? ALLOWED_SYNC_CYCLE_INTERVAL_MS : parseTimeSpan(s.customizedSyncCycleInterval);
  return Math.max(custom, ALLOWED_SYNC_CYCLE_INTERVAL_MS);
}

/** Builds the Get-ADSyncScheduler view. */
export function schedulerView(s: SchedulerSettings, nextStart: Date | null, inProgress: boolean): SchedulerView {
  return {
    AllowedSyncCycleInterval: formatTimeSpan(ALLOWED_SYNC_CYCLE_INTERVAL_MS),
    CustomizedSyncCycleInterval: s.customizedSyncCycleInterval,
    CurrentlyEffectiveSyncCycleInterval: formatTimeSpan(effectiveIntervalMs(s)),
    NextSyncCyclePolicyType: s.nextSyncCyclePolicyType,
    NextSyncCycleStartTimeInUTC: nextStart ? nextStart.toISOString() : null,
    PurgeRunHistoryInterval: s.purgeRunHistoryInterval,
    SyncCycleEnabled: s.syncCycleEnabled,
    MaintenanceEnabled: s.maintenanceEnabled,
    StagingModeEnabled: s.stagingModeEnabled,
    SchedulerSuspended: s.schedulerSuspended,
    SyncCycleInProgress: inProgress,
  };
}
