// Runs the initial sync cycle after configuration, through the scheduler's cycle (same step order, staging
// honoured), with each step reported as it ends.
import type { StepType } from '../../shared/model/connectors.ts';
import { systemClock } from '../scheduler/clock.ts';
import { Scheduler, type CycleRecord } from '../scheduler/scheduler.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import type { SyncEngine } from '../sync/engine.ts';

const PROFILE: Record<StepType, string> = {
  'full-import': 'Full Import', 'delta-import': 'Delta Import', 'full-sync': 'Full Synchronization', 'delta-sync': 'Delta Synchronization', export: 'Export',
};

/** Runs one Initial cycle over every connector; `onStep` hears each step's outcome. */
export async function runInitialCycle(
  engine: SyncEngine,
  home: string,
  onStep: (text: string) => void,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): Promise<CycleRecord> {
  const scheduler = new Scheduler({
    clock: systemClock(),
    settings: new SettingsFile(home),
    connectors: () => engine.store.connectors.list().map((c) => ({
      id: c.id, name: c.name, kind: c.type === 'entra' ? 'entra' as const : 'on-premises' as const, createdAt: c.createdAt, lastImportAt: null,
    })),
    runner: {
      run: async (step, signal) => {
        const result = await engine.run(step.connectorId, PROFILE[step.step], { startedBy: 'Installation wizard', stopStatus: 'stopped-user-termination-from-ui', signal, log });
        onStep(`${PROFILE[step.step]} on ${step.connectorName}: ${result.status}`);
        return result.status;
      },
    },
    log,
  });
  return scheduler.runCycle('Initial', 'manual');
}
