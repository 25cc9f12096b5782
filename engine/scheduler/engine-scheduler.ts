// The scheduler wired to a SyncEngine: cycle steps run as the connectors' run profiles, the run history is
// purged through the run store, and the data-directory lock keeps a second host from scheduling too.
import type { StepType } from '../../shared/model/connectors.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { systemClock, type Clock } from './clock.ts';
import type { CycleConnector } from './cycle-plan.ts';
import { fullImportRefusal, recordRefusedRun, REFUSED_STATUS } from './full-import-guard.ts';
import { acquireHostLock, type HostLock } from './host-lock.ts';
import { Scheduler, type StepRunner } from './scheduler.ts';
import { SettingsFile } from './settings-file.ts';

/** Run profile of each cycle step (the five profiles every connector is created with). */
export const PROFILE_OF_STEP: Record<StepType, string> = {
  'full-import': 'Full Import', 'delta-import': 'Delta Import', 'full-sync': 'Full Synchronization', 'delta-sync': 'Delta Synchronization', export: 'Export',
};

const IMPORT_OK = /^(success|completed)/;

/** End of the connector's newest successful import step, from the run history. */
export function lastImportAt(engine: SyncEngine, connectorSeq: number): string | null {
  let cursor: string | null = null;
  for (let pages = 0; pages < 5; pages++) {
    const page = engine.store.runs.list({ connector: connectorSeq }, cursor, 50);
    for (const run of page.items) {
      const step = engine.store.runs.steps(run.id).find((s) => (s.type === 'full-import' || s.type === 'delta-import') && IMPORT_OK.test(s.status));
      if (step) return step.endedAt ?? run.endedAt;
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return null;
}

/** The engine's connectors as the cycle planner sees them. */
export function cycleConnectors(engine: SyncEngine): CycleConnector[] {
  return engine.store.connectors.list().map((c) => ({
    id: c.id, name: c.name, kind: c.type === 'entra' ? 'entra' : 'on-premises', createdAt: c.createdAt, lastImportAt: lastImportAt(engine, c.seq),
  }));
}

/** Takes the engine lock for one run and returns its release; throws (naming the holder) when it is held. */
export type RunGuard = (holder: string) => () => void;

/** What each cycle step checks before it runs. */
export interface StepChecks {
  /** The data directory: a full import of a directory whose selected OU was renamed or deleted is refused and recorded. */
  readonly ouCheckHome?: string;
  /** The engine lock each step holds, so runs of other processes and the wizard are respected. */
  readonly guard?: RunGuard;
}

/** Runs cycle steps as run profiles of the engine, started by the scheduler. */
export function engineStepRunner(engine: SyncEngine, startedBy = 'scheduler', log?: (level: 'info' | 'warn' | 'error', message: string) => void, checks: StepChecks = {}): StepRunner {
  return {
    async run(step, signal) {
      const profile = PROFILE_OF_STEP[step.step];
      if (checks.ouCheckHome && step.step === 'full-import') {
        const connector = engine.connector(step.connectorId);
        const refusal = await fullImportRefusal(checks.ouCheckHome, engine, connector).catch((err: unknown) => {
          // The connector itself still refuses to import a selected container that is gone.
          log?.('warn', `${connector.name}: the OU selection could not be checked (${(err as Error).message})`);
          return null;
        });
        if (refusal) {
          log?.('error', refusal);
          recordRefusedRun(engine, connector, profile, startedBy, refusal);
          return REFUSED_STATUS;
        }
      }
      let release: (() => void) | undefined;
      try {
        release = checks.guard?.(`run ${step.connectorName}/${profile} (sync cycle)`);
      } catch (err) {
        log?.('warn', `${profile} of ${step.connectorName} did not start: ${(err as Error).message}`);
        return 'no-start-ma-already-running';
      }
      try {
        const result = await engine.run(step.connectorId, profile, { startedBy, stopStatus: 'stopped-user-termination-from-scheduler', signal, log });
        return result.status;
      } finally {
        release?.();
      }
    },
  };
}

export interface EngineSchedulerOptions {
  readonly home: string;
  readonly engine: SyncEngine;
  /** Which host runs it (web, desktop, cli) — written into the lock for the refusal message. */
  readonly holder: string;
  readonly clock?: Clock;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Check the OU selection before full imports (default true; `idsync cycle` checks before it starts, or is forced). */
  readonly ouCheck?: boolean;
  /** The engine lock each cycle step takes, so runs of other processes and the wizard are respected. */
  readonly guard?: RunGuard;
}

/** A scheduler and the data-directory lock it runs under; `close` shuts it down and releases the lock. */
export interface EngineScheduler {
  readonly scheduler: Scheduler;
  readonly lock: HostLock;
  close(): Promise<void>;
}

/**
 * Takes the data-directory lock (throws HostLockError naming the other host) and creates the scheduler
 * (not started: call `scheduler.start()` when the host is ready).
 */
export function createEngineScheduler(o: EngineSchedulerOptions): EngineScheduler {
  const lock = acquireHostLock(o.home, o.holder);
  const scheduler = new Scheduler({
    clock: o.clock ?? systemClock(),
    settings: new SettingsFile(o.home),
    connectors: () => cycleConnectors(o.engine),
    runner: engineStepRunner(o.engine, o.holder === 'cli' ? 'cli' : 'scheduler', o.log, { ouCheckHome: o.ouCheck === false ? undefined : o.home, guard: o.guard }),
    purgeRunHistory: (before) => o.engine.store.runs.clear(before.toISOString()),
    log: o.log,
  });
  return {
    scheduler, lock,
    async close() {
      await scheduler.shutdown();
      lock.release();
    },
  };
}
