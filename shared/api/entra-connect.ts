// Entra Connect operations: the scheduler, sync cycles, staging mode and accidental-delete protection.
import { z } from 'zod';
import { method } from './define.ts';
import { CycleSummary, PendingDeletesModel, SchedulerUpdate, SchedulerViewModel, StagingReportModel } from '../model/entra-connect.ts';

const ByConnector = z.object({ connector: z.string().describe('connector id or name') });

export const entraConnectMethods = {
  'scheduler.get': method('The scheduler settings (Get-ADSyncScheduler)', z.object({}), SchedulerViewModel),
  'scheduler.set': method('Changes scheduler settings (Set-ADSyncScheduler); an interval below 30 minutes is raised to it', SchedulerUpdate, SchedulerViewModel),
  'scheduler.override': method('Makes the next delta cycle run a full import and/or full sync on one connector',
    ByConnector.extend({ fullImportRequired: z.boolean().default(false), fullSyncRequired: z.boolean().default(false) }), SchedulerViewModel),
  'cycle.start': method('Starts a sync cycle now (Start-ADSyncSyncCycle); returns at once', z.object({ policy: z.enum(['Delta', 'Initial']).optional() }), z.object({ started: z.literal(true) })),
  'cycle.stop': method('Stops the running cycle and its running step (Stop-ADSyncSyncCycle)', z.object({}), z.object({ stopped: z.boolean() })),
  'cycle.list': method('The recent cycles of this engine, newest first (the running one included)', z.object({}), z.array(CycleSummary)),
  'staging.set': method('Turns staging mode on or off', z.object({ enabled: z.boolean() }), SchedulerViewModel),
  'staging.report': method('What the next export would send: adds, updates with attribute diffs, deletes',
    z.object({ connector: z.string().optional(), csv: z.boolean().default(false) }), StagingReportModel),
  'staging.exportOnce': method('Allows one export of a connector while staging mode stays on', ByConnector, z.object({ ok: z.literal(true) })),
  'deletes.list': method('Pending deletes of a connector and whether the deletion threshold will stop its export', ByConnector, PendingDeletesModel),
  'deletes.csv': method('Pending deletes of a connector as CSV', ByConnector, z.object({ csv: z.string(), count: z.number() })),
  'deletes.approve': method('Lets the next export send the current pending deletes once (allowDeletesOnce)', ByConnector, PendingDeletesModel),
  'deletes.setThreshold': method('Sets the deletion threshold of a connector (null turns it off)',
    ByConnector.extend({ threshold: z.number().int().min(0).nullable() }), PendingDeletesModel),
} as const;
