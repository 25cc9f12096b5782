// Handlers of the Entra Connect operations: scheduler settings, cycles, staging and pending deletes. On a
// web or desktop host this group owns the scheduler (and with it the data-directory lock); on the CLI it
// only reads and writes the settings, and a cycle runs through a scheduler taken for that cycle.
import path from 'node:path';
import type { entraConnectMethods } from '../../shared/api/entra-connect.ts';
import type { HandlerGroup, HandlersFor } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { ApiError } from './api-error.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { schedulerView, type SchedulerSettings } from '../scheduler/settings.ts';
import { parseTimeSpan } from '../scheduler/timespan.ts';
import { createEngineScheduler, type EngineScheduler } from '../scheduler/engine-scheduler.ts';
import { confirmStagingExportOnce } from '../scheduler/staging-gate.ts';
import { DeleteApprovals, listPendingDeletes, pendingDeletesCsv } from '../sync/deletion-threshold.ts';
import { stagingCsvBatches, stagingReport, summarize, type StagingRow } from '../sync/staging-report.ts';
import type { CycleRecord } from '../scheduler/scheduler.ts';

type Methods = typeof entraConnectMethods;

export interface EntraConnectHandlerOptions {
  /** The engine to run cycles on; the context's shared engine when absent. */
  readonly engine?: () => SyncEngine;
  /** Own and start the scheduler (default: on web and desktop hosts, not on the CLI). */
  readonly schedule?: boolean;
}

/** Creates the handlers; with scheduling on, takes the data-directory lock (throws HostLockError when held). */
export function createEntraConnectHandlers(ctx: ServiceContext, options: EntraConnectHandlerOptions = {}): HandlerGroup<Methods> {
  const engine = options.engine ?? (() => ctx.engine());
  const home = path.dirname(ctx.databasePath);
  const settings = new SettingsFile(home);
  const log = (level: 'info' | 'warn' | 'error', message: string) => ctx.log(level, 'scheduler', message);
  const guard = (holder: string) => ctx.lock.acquire(holder, 'run');
  let owned: EngineScheduler | null = null;
  if (options.schedule ?? ctx.host !== 'cli') {
    owned = createEngineScheduler({ home, engine: engine(), holder: ctx.host, log, guard });
    owned.scheduler.start();
  }
  const transient: CycleRecord[] = [];

  const view = (s: SchedulerSettings = settings.load()) => ({
    ...(owned ? owned.scheduler.get() : schedulerView(s, null, false)),
    ConnectorOverrides: s.connectorOverrides,
  });
  const connector = (name: string) => {
    const c = engine().store.connectors.find(name);
    if (!c) throw new ApiError('not-found', `No connector "${name}"`);
    return c;
  };
  const deletes = (name: string) => {
    const c = connector(name);
    const rows = listPendingDeletes(engine().store.cs, c.seq);
    const approval = new DeleteApprovals(home).get(c.id);
    const blocked = c.deleteThreshold !== null && rows.length > c.deleteThreshold && !(approval && rows.length <= approval.pendingDeletes);
    return { connector: c.name, threshold: c.deleteThreshold, pendingDeletes: rows.length, blocked, approval, rows };
  };
  const checkSpan = (v: string | null | undefined, what: string) => {
    if (v === null || v === undefined) return;
    try {
      parseTimeSpan(v);
    } catch (err) {
      throw new ApiError('invalid-request', `${what}: ${(err as Error).message}`);
    }
  };

  const handlers: HandlersFor<Methods> = {
    'scheduler.get': () => view(),
    'scheduler.set': (u) => {
      checkSpan(u.customizedSyncCycleInterval, 'customizedSyncCycleInterval');
      checkSpan(u.purgeRunHistoryInterval, 'purgeRunHistoryInterval');
      const { schedulerSuspended, ...rest } = u;
      const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (owned) owned.scheduler.set(patch);
      else settings.update((s) => ({ ...s, ...patch }));
      if (schedulerSuspended !== undefined) settings.update((s) => ({ ...s, schedulerSuspended }));
      return view();
    },
    'scheduler.override': ({ connector: name, fullImportRequired, fullSyncRequired }) => {
      const c = connector(name);
      settings.update((s) => {
        const overrides = { ...s.connectorOverrides };
        if (fullImportRequired || fullSyncRequired) overrides[c.id] = { fullImportRequired, fullSyncRequired };
        else delete overrides[c.id];
        return { ...s, connectorOverrides: overrides };
      });
      return view();
    },
    'cycle.start': ({ policy }) => {
      if (owned) {
        if (owned.scheduler.current()) throw new ApiError('no-start-ma-already-running', 'A sync cycle is already in progress');
        void owned.scheduler.runCycle(policy, 'manual').catch((err: unknown) => log('error', (err as Error).message));
        return { started: true as const };
      }
      const s = createEngineScheduler({ home, engine: engine(), holder: ctx.host, log, guard });
      void s.scheduler.runCycle(policy, 'manual')
        .then((r) => { transient.push(r); })
        .catch((err: unknown) => log('error', (err as Error).message))
        .finally(() => void s.close());
      return { started: true as const };
    },
    'cycle.stop': () => ({ stopped: owned ? owned.scheduler.stopCycle() : false }),
    'cycle.list': () => {
      const current = owned?.scheduler.current();
      return [...(current ? [current] : []), ...(owned ? owned.scheduler.cycles() : [...transient].reverse())];
    },
    'staging.set': ({ enabled }) => {
      if (owned) owned.scheduler.setStaging(enabled);
      else settings.update((s) => ({ ...s, stagingModeEnabled: enabled }));
      return view();
    },
    'staging.report': ({ connector: name, csv }) => {
      const list = name ? [connector(name)] : engine().store.connectors.list();
      let rows: StagingRow[] = [];
      for (const c of list) rows = rows.concat(stagingReport(engine().store.cs, c));
      return { stagingModeEnabled: settings.load().stagingModeEnabled, summary: summarize(rows), rows, ...(csv ? { csv: stagingCsvBatches(rows) } : {}) };
    },
    'staging.exportOnce': ({ connector: name }) => {
      confirmStagingExportOnce(home, connector(name).id);
      return { ok: true as const };
    },
    'deletes.list': ({ connector: name }) => deletes(name),
    'deletes.csv': ({ connector: name }) => {
      const rows = listPendingDeletes(engine().store.cs, connector(name).seq);
      return { csv: pendingDeletesCsv(rows), count: rows.length };
    },
    'deletes.approve': ({ connector: name }) => {
      const c = connector(name);
      new DeleteApprovals(home).approve(c.id, listPendingDeletes(engine().store.cs, c.seq).length, ctx.host);
      return deletes(name);
    },
    'deletes.setThreshold': ({ connector: name, threshold }) => {
      engine().updateConnector(connector(name).id, { deleteThreshold: threshold });
      return deletes(name);
    },
  };
  return {
    handlers,
    async close() {
      await owned?.close();
    },
  };
}
