// The built-in scheduler (§7): a delta cycle every effective interval, an initial cycle when asked for,
// per-connector overrides, stop, suspension, staging (no exports) and the run-history purge.
import crypto from 'node:crypto';
import type { Clock, TimerHandle } from './clock.ts';
import { planCycle, type CycleConnector, type PlannedStep } from './cycle-plan.ts';
import { effectiveIntervalMs, schedulerView, SchedulerSettingsUpdate, type ConnectorOverride, type SchedulerSettings, type SchedulerView } from './settings.ts';
import { parseTimeSpan } from './timespan.ts';

/** Runs one step of a cycle and resolves with its result status (§14.1 strings); stops when `signal` aborts. */
export interface StepRunner {
  run(step: PlannedStep, signal: AbortSignal): Promise<string>;
}

/** Where settings live (the settings file, or memory in tests). */
export interface SettingsRepository {
  load(): SchedulerSettings;
  update(change: (s: SchedulerSettings) => SchedulerSettings): SchedulerSettings;
}

export interface SchedulerDeps {
  readonly clock: Clock;
  readonly settings: SettingsRepository;
  readonly connectors: () => readonly CycleConnector[] | Promise<readonly CycleConnector[]>;
  readonly runner: StepRunner;
  /** Deletes run history that ended before the date; returns how many runs went. */
  readonly purgeRunHistory?: (before: Date) => number | Promise<number>;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface CycleStepRecord extends PlannedStep { status: string }

export interface CycleRecord {
  readonly id: string;
  readonly policy: 'Delta' | 'Initial';
  readonly trigger: 'scheduler' | 'manual';
  readonly startedAt: string;
  endedAt: string | null;
  /** completed, completed-with-errors (a step failed), or stopped (the cycle was stopped). */
  result: 'in-progress' | 'completed' | 'completed-with-errors' | 'stopped';
  readonly steps: CycleStepRecord[];
  readonly skipped: PlannedStep[];
  readonly warnings: string[];
}

/** Raised when a cycle is asked for while one runs. */
export class CycleInProgressError extends Error {
  override readonly name = 'CycleInProgressError';
}

const OK_STATUS = /^(success|completed)/;
/** Export statuses after which something may have been written (the confirming import then runs). */
const SENT_STATUS = /^(success|completed-export-errors|stopped-)/;
const HISTORY = 20;

/** One scheduler per data directory (the host lock makes sure of that). */
export class Scheduler {
  private timer: TimerHandle | null = null;
  private nextStart: Date | null = null;
  private lastStart: Date | null = null;
  private running: { record: CycleRecord; abort: AbortController } | null = null;
  private readonly history: CycleRecord[] = [];
  private started = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Arms the timer: an initial cycle waits for nothing, a delta cycle for one interval. */
  start(): void {
    this.started = true;
    const s = this.deps.settings.load();
    this.arm(s.nextSyncCyclePolicyType === 'Initial' ? 0 : effectiveIntervalMs(s));
  }

  /** Disarms the timer and stops a running cycle (host shutdown). */
  async shutdown(): Promise<void> {
    this.started = false;
    if (this.timer) this.deps.clock.clearTimer(this.timer);
    this.timer = null;
    this.nextStart = null;
    this.stopCycle();
    while (this.running) await new Promise<void>((r) => setImmediate(r));
  }

  /** The Get-ADSyncScheduler view. */
  get(): SchedulerView {
    return schedulerView(this.deps.settings.load(), this.nextStart, this.running !== null);
  }

  /** Changes settings; a new interval applies at once (counted from the last cycle start). */
  set(update: SchedulerSettingsUpdate): SchedulerView {
    const change = SchedulerSettingsUpdate.parse(update);
    const s = this.deps.settings.update((cur) => ({ ...cur, ...change }));
    if (this.started) {
      const base = (this.lastStart ?? this.deps.clock.now()).getTime();
      this.arm(Math.max(0, base + effectiveIntervalMs(s) - this.deps.clock.now().getTime()));
    }
    return this.get();
  }

  /** Makes the next cycle an initial one and starts it soon (after configuration changes that need it). */
  requestInitialCycle(): void {
    this.deps.settings.update((s) => ({ ...s, nextSyncCyclePolicyType: 'Initial' }));
    if (this.started) this.arm(0);
  }

  /** Sets the full-import / full-sync override of one connector (Set-ADSyncSchedulerConnectorOverride). */
  setConnectorOverride(connectorId: string, override: Partial<ConnectorOverride>): Record<string, ConnectorOverride> {
    return this.deps.settings.update((s) => {
      const merged = { ...(s.connectorOverrides[connectorId] ?? { fullImportRequired: false, fullSyncRequired: false }), ...override };
      const overrides = { ...s.connectorOverrides };
      if (merged.fullImportRequired || merged.fullSyncRequired) overrides[connectorId] = merged;
      else delete overrides[connectorId];
      return { ...s, connectorOverrides: overrides };
    }).connectorOverrides;
  }

  /** Blocks (true) or allows (false) scheduled cycles, as the product does while it is being configured. */
  setSuspended(suspended: boolean): SchedulerView {
    this.deps.settings.update((s) => ({ ...s, schedulerSuspended: suspended }));
    return this.get();
  }

  /** Turns staging mode on or off: imports and syncs continue, exports are left out of every cycle. */
  setStaging(enabled: boolean): SchedulerView {
    this.deps.settings.update((s) => ({ ...s, stagingModeEnabled: enabled }));
    return this.get();
  }

  /** Stops the running cycle (and its running step); false when nothing runs. The scheduler stays enabled. */
  stopCycle(): boolean {
    if (!this.running) return false;
    this.running.abort.abort();
    return true;
  }

  /** Recent cycles, newest first. */
  cycles(): readonly CycleRecord[] {
    return [...this.history].reverse();
  }

  /** The cycle in progress, or null. */
  current(): CycleRecord | null {
    return this.running?.record ?? null;
  }

  /** Runs a cycle now (Start-ADSyncSyncCycle); the policy defaults to the stored next policy. */
  async runCycle(policy?: 'Delta' | 'Initial', trigger: CycleRecord['trigger'] = 'manual'): Promise<CycleRecord> {
    if (this.running) throw new CycleInProgressError(`A sync cycle is already in progress (started ${this.running.record.startedAt}); stop it or wait for it to end.`);
    const settings = this.deps.settings.load();
    const chosen = policy ?? settings.nextSyncCyclePolicyType;
    const now = this.deps.clock.now();
    const abort = new AbortController();
    const record: CycleRecord = {
      id: crypto.randomUUID(), policy: chosen, trigger, startedAt: now.toISOString(), endedAt: null, result: 'in-progress', steps: [], skipped: [], warnings: [],
    };
    this.running = { record, abort };
    this.lastStart = now;
    try {
      const connectors = await this.deps.connectors();
      const plan = planCycle({ policy: chosen, connectors, overrides: settings.connectorOverrides, staging: settings.stagingModeEnabled, now });
      record.warnings.push(...plan.warnings);
      for (const w of plan.warnings) this.deps.log?.('warn', w);
      let failed = false;
      const exported = new Set<string>();
      for (const [i, step] of plan.steps.entries()) {
        if (abort.signal.aborted) {
          record.skipped.push(...plan.steps.slice(i).filter((s) => !s.confirmsExport));
          break;
        }
        if (step.confirmsExport && !exported.has(step.connectorId)) continue;
        let status: string;
        try {
          status = await this.deps.runner.run(step, abort.signal);
        } catch (err) {
          status = 'stopped-extension-dll-exception';
          this.deps.log?.('error', `${step.step} on ${step.connectorName} failed: ${(err as Error).message}`);
        }
        record.steps.push({ ...step, status });
        if (step.step === 'export' && SENT_STATUS.test(status)) exported.add(step.connectorId);
        if (!OK_STATUS.test(status)) failed = true;
      }
      record.result = abort.signal.aborted ? 'stopped' : failed ? 'completed-with-errors' : 'completed';
      if (record.result !== 'stopped') this.afterCompletedCycle(plan.steps);
    } finally {
      record.endedAt = this.deps.clock.now().toISOString();
      if (record.result === 'in-progress') record.result = 'stopped';
      this.history.push(record);
      if (this.history.length > HISTORY) this.history.shift();
      this.running = null;
    }
    this.deps.log?.(record.result === 'completed' ? 'info' : 'warn', `${record.policy} sync cycle ${record.result}`);
    return record;
  }

  /** Purges run history older than PurgeRunHistoryInterval when maintenance is enabled; returns the count. */
  async runMaintenance(): Promise<number> {
    const s = this.deps.settings.load();
    if (!s.maintenanceEnabled || !this.deps.purgeRunHistory) return 0;
    const before = new Date(this.deps.clock.now().getTime() - parseTimeSpan(s.purgeRunHistoryInterval));
    return await this.deps.purgeRunHistory(before);
  }

  /** An Initial policy returns to Delta and honoured overrides are cleared (§7.2). */
  private afterCompletedCycle(steps: readonly PlannedStep[]): void {
    const honoured = new Set(steps.map((s) => s.connectorId));
    this.deps.settings.update((s) => ({
      ...s,
      nextSyncCyclePolicyType: 'Delta',
      connectorOverrides: Object.fromEntries(Object.entries(s.connectorOverrides).filter(([id]) => !honoured.has(id))),
    }));
  }

  private arm(delayMs: number): void {
    if (this.timer) this.deps.clock.clearTimer(this.timer);
    this.nextStart = new Date(this.deps.clock.now().getTime() + delayMs);
    this.timer = this.deps.clock.setTimer(delayMs, () => void this.tick());
  }

  private async tick(): Promise<void> {
    this.timer = null;
    const s = this.deps.settings.load();
    const startedAt = this.deps.clock.now();
    if (s.syncCycleEnabled && !s.schedulerSuspended && !this.running) {
      try {
        await this.runCycle(undefined, 'scheduler');
      } catch (err) {
        this.deps.log?.('error', `scheduled cycle failed: ${(err as Error).message}`);
      }
    }
    try {
      await this.runMaintenance();
    } catch (err) {
      this.deps.log?.('error', `maintenance failed: ${(err as Error).message}`);
    }
    if (!this.started) return;
    const next = startedAt.getTime() + effectiveIntervalMs(this.deps.settings.load());
    this.arm(Math.max(0, next - this.deps.clock.now().getTime()));
  }
}
