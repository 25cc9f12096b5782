// Scheduler scenarios of the engine specification (§16.7, S-53 for staging), on a manual clock.
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import type { CycleConnector, PlannedStep } from './cycle-plan.ts';
import { MemorySettings } from './memory-settings.ts';
import { CycleInProgressError, Scheduler, type StepRunner } from './scheduler.ts';
import type { SchedulerSettings } from './settings.ts';

const MIN = 60_000;
const CONNECTORS: CycleConnector[] = [
  { id: 'aad', name: 'AAD', kind: 'entra', createdAt: '2026-01-01T00:00:03Z', lastImportAt: null },
  { id: 'ad2', name: 'AD2', kind: 'on-premises', createdAt: '2026-01-01T00:00:02Z', lastImportAt: null },
  { id: 'ad1', name: 'AD1', kind: 'on-premises', createdAt: '2026-01-01T00:00:01Z', lastImportAt: null },
];
const SHORT = { 'full-import': 'FI', 'delta-import': 'DI', 'full-sync': 'FS', 'delta-sync': 'DS', export: 'E' } as const;

/** Records each step; a step on `blockOn` waits until its signal aborts. Exports send nothing unless told. */
class RecordingRunner implements StepRunner {
  readonly calls: string[] = [];
  blockOn: string | null = null;
  exportStatus = 'completed-no-objects';
  started: (() => void) | null = null;
  async run(step: PlannedStep, signal: AbortSignal): Promise<string> {
    const label = `${SHORT[step.step]}(${step.connectorName})`;
    this.calls.push(label);
    if (label === this.blockOn) {
      this.started?.();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return 'stopped-user-termination-from-scheduler';
    }
    return step.step === 'export' ? this.exportStatus : 'success';
  }
}

function setup(settings: Partial<SchedulerSettings> = {}, connectors = CONNECTORS) {
  const clock = new ManualClock('2026-03-01T00:00:00Z');
  const runner = new RecordingRunner();
  const store = new MemorySettings(settings);
  const purged: Date[] = [];
  const scheduler = new Scheduler({ clock, settings: store, connectors: () => connectors, runner, purgeRunHistory: (before) => { purged.push(before); return 3; } });
  return { clock, runner, store, scheduler, purged };
}

describe('scheduler', () => {
  it('confirms the exports of a cycle: connectors that exported something get a delta import and a delta sync', async () => {
    const { runner, scheduler } = setup();
    runner.exportStatus = 'success';
    const record = await scheduler.runCycle('Delta');
    expect(runner.calls).toEqual([
      'DI(AD1)', 'DI(AD2)', 'DI(AAD)', 'DS(AD1)', 'DS(AD2)', 'DS(AAD)', 'E(AAD)', 'E(AD1)', 'E(AD2)',
      'DI(AAD)', 'DI(AD1)', 'DI(AD2)', 'DS(AAD)', 'DS(AD1)', 'DS(AD2)',
    ]);
    expect(record.result).toBe('completed');
    runner.calls.length = 0;
    runner.exportStatus = 'completed-no-objects';
    await scheduler.runCycle('Delta');
    expect(runner.calls).toHaveLength(9);
  });

  it('S-58 default cycle: every 30 minutes, on-premises imports, Entra import, syncs, Entra export, on-premises exports', async () => {
    const { clock, runner, scheduler } = setup();
    scheduler.start();
    expect(scheduler.get().NextSyncCycleStartTimeInUTC).toBe('2026-03-01T00:30:00.000Z');
    await clock.advance(29 * MIN);
    expect(runner.calls).toEqual([]);
    await clock.advance(1 * MIN);
    expect(runner.calls).toEqual(['DI(AD1)', 'DI(AD2)', 'DI(AAD)', 'DS(AD1)', 'DS(AD2)', 'DS(AAD)', 'E(AAD)', 'E(AD1)', 'E(AD2)']);
    expect(scheduler.get().NextSyncCycleStartTimeInUTC).toBe('2026-03-01T01:00:00.000Z');
    await clock.advance(30 * MIN);
    expect(runner.calls.length).toBe(18);
    expect(scheduler.cycles()[0].result).toBe('completed');
    await scheduler.shutdown();
  });

  it('S-59 customized interval floor: 10 minutes gives 30, 3 hours applies at once', async () => {
    const { clock, runner, scheduler } = setup();
    scheduler.start();
    expect(scheduler.set({ customizedSyncCycleInterval: '00:10:00' }).CurrentlyEffectiveSyncCycleInterval).toBe('00:30:00');
    const view = scheduler.set({ customizedSyncCycleInterval: '03:00:00' });
    expect(view.CurrentlyEffectiveSyncCycleInterval).toBe('03:00:00');
    expect(view.NextSyncCycleStartTimeInUTC).toBe('2026-03-01T03:00:00.000Z');
    await clock.advance(2 * 60 * MIN);
    expect(runner.calls).toEqual([]);
    expect(() => scheduler.set({ customizedSyncCycleInterval: '25:00:00' })).toThrow(/time span/);
    await scheduler.shutdown();
  });

  it('S-60 initial cycle: full import, full sync and export everywhere, then Delta again', async () => {
    const { clock, runner, scheduler } = setup();
    scheduler.start();
    scheduler.requestInitialCycle();
    await clock.advance(0);
    expect(runner.calls).toEqual(['FI(AD1)', 'FI(AD2)', 'FI(AAD)', 'FS(AD1)', 'FS(AD2)', 'FS(AAD)', 'E(AAD)', 'E(AD1)', 'E(AD2)']);
    expect(scheduler.get().NextSyncCyclePolicyType).toBe('Delta');
    await scheduler.shutdown();
  });

  it('S-61 connector override: AD1 runs a full sync in the next delta cycle only', async () => {
    const { runner, scheduler, store } = setup();
    scheduler.setConnectorOverride('ad1', { fullSyncRequired: true });
    await scheduler.runCycle('Delta');
    expect(runner.calls.slice(3, 6)).toEqual(['FS(AD1)', 'DS(AD2)', 'DS(AAD)']);
    expect(store.load().connectorOverrides).toEqual({});
    runner.calls.length = 0;
    await scheduler.runCycle('Delta');
    expect(runner.calls[3]).toBe('DS(AD1)');
  });

  it('S-62 stop cycle: the running step stops, the rest is skipped, the next cycle runs normally', async () => {
    const { runner, scheduler } = setup({ nextSyncCyclePolicyType: 'Initial' });
    runner.blockOn = 'FI(AD1)';
    const started = new Promise<void>((r) => { runner.started = r; });
    const cycle = scheduler.runCycle();
    await started;
    await expect(scheduler.runCycle()).rejects.toThrow(CycleInProgressError);
    expect(scheduler.stopCycle()).toBe(true);
    const record = await cycle;
    expect(record.result).toBe('stopped');
    expect(record.steps).toEqual([expect.objectContaining({ connectorName: 'AD1', step: 'full-import', status: 'stopped-user-termination-from-scheduler' })]);
    expect(record.skipped.length).toBe(8);
    // The stopped initial cycle is still owed.
    expect(scheduler.get().NextSyncCyclePolicyType).toBe('Initial');
    expect(scheduler.get().SyncCycleEnabled).toBe(true);
    runner.blockOn = null;
    expect((await scheduler.runCycle()).result).toBe('completed');
    expect(scheduler.stopCycle()).toBe(false);
  });

  it('S-63 concurrency guard at cycle level: a second cycle is refused while one runs', async () => {
    const { runner, scheduler } = setup();
    runner.blockOn = 'DI(AD1)';
    const started = new Promise<void>((r) => { runner.started = r; });
    const first = scheduler.runCycle();
    await started;
    await expect(scheduler.runCycle()).rejects.toThrow(/already in progress/);
    scheduler.stopCycle();
    await first;
  });

  it('S-64 7-day rule: an Entra connector imported 8 days ago gets a full import and a warning', async () => {
    const old = CONNECTORS.map((c) => (c.id === 'aad' ? { ...c, lastImportAt: '2026-02-21T00:00:00Z' } : c));
    const { runner, scheduler } = setup({}, old);
    const record = await scheduler.runCycle('Delta');
    expect(runner.calls.slice(0, 3)).toEqual(['DI(AD1)', 'DI(AD2)', 'FI(AAD)']);
    expect(record.warnings[0]).toMatch(/AAD .*more than 7 days ago.*full import/);
  });

  it('S-65 run history purge: older than PurgeRunHistoryInterval, only while maintenance is enabled', async () => {
    const { scheduler, purged } = setup();
    expect(await scheduler.runMaintenance()).toBe(3);
    expect(purged[0].toISOString()).toBe('2026-02-22T00:00:00.000Z');
    scheduler.set({ maintenanceEnabled: false });
    expect(await scheduler.runMaintenance()).toBe(0);
    expect(purged.length).toBe(1);
  });

  it('S-53 staging mode: scheduled cycles import and sync but never export; exports return when it ends', async () => {
    const { runner, scheduler } = setup();
    scheduler.setStaging(true);
    await scheduler.runCycle('Delta');
    expect(runner.calls).toEqual(['DI(AD1)', 'DI(AD2)', 'DI(AAD)', 'DS(AD1)', 'DS(AD2)', 'DS(AAD)']);
    scheduler.setStaging(false);
    runner.calls.length = 0;
    await scheduler.runCycle('Delta');
    expect(runner.calls.slice(6)).toEqual(['E(AAD)', 'E(AD1)', 'E(AD2)']);
  });

  it('skips scheduled cycles while suspended or disabled, and resumes', async () => {
    const { clock, runner, scheduler } = setup();
    scheduler.start();
    scheduler.setSuspended(true);
    await clock.advance(30 * MIN);
    expect(runner.calls).toEqual([]);
    scheduler.setSuspended(false);
    scheduler.set({ syncCycleEnabled: false });
    await clock.advance(30 * MIN);
    expect(runner.calls).toEqual([]);
    scheduler.set({ syncCycleEnabled: true });
    await clock.advance(30 * MIN);
    expect(runner.calls.length).toBe(9);
    await scheduler.shutdown();
    expect(clock.pending).toBe(0);
  });

  it('reports the Get-ADSyncScheduler defaults', () => {
    const { scheduler } = setup();
    expect(scheduler.get()).toEqual({
      AllowedSyncCycleInterval: '00:30:00', CustomizedSyncCycleInterval: null, CurrentlyEffectiveSyncCycleInterval: '00:30:00',
      NextSyncCyclePolicyType: 'Delta', NextSyncCycleStartTimeInUTC: null, PurgeRunHistoryInterval: '7.00:00:00',
      SyncCycleEnabled: true, MaintenanceEnabled: true, StagingModeEnabled: false, SchedulerSuspended: false, SyncCycleInProgress: false,
    });
  });
});
