// Runs a run profile: its steps in order, each recorded with status and counters; the run's status is
// the most severe step status (spec §14.1).
import type { RunStatus } from '../../shared/model/runs.ts';
import type { StepType } from '../../shared/model/connectors.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import type { Store } from '../store/store.ts';
import { runExport } from './export-step.ts';
import { runImport } from './import-step.ts';
import type { StepContext, StepOutcome } from './step-context.ts';
import { StepStats } from './step-stats.ts';
import { allowsNextStep, mostSevere } from './step-status.ts';
import { runSync } from './sync-step.ts';

export interface RunOptions {
  readonly startedBy: string;
  readonly signal: AbortSignal;
  readonly stopStatus: RunStatus;
  /** Called with the run id as soon as the run record exists. */
  onStart?(runId: number): void;
  onProgress?(p: { runId: number; step: number; stepType: StepType; phase: string; done: number; total: number | null; objectsPerSecond: number; elapsedMs: number }): void;
  log?(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface RunResult {
  runId: number;
  status: RunStatus;
  steps: { step: number; type: StepType; status: RunStatus; message: string | null; counters: ReturnType<StepStats['snapshot']> }[];
}

/** Finds a profile by name (case-insensitive). */
export function findProfile(connector: ConnectorRecord, name: string) {
  return connector.runProfiles.find((p) => p.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** Runs one profile of a connector to the end (or until stopped). */
export async function runProfile(store: Store, connector: ConnectorRecord, profileName: string, options: RunOptions): Promise<RunResult> {
  const profile = findProfile(connector, profileName);
  const runId = store.runs.createRun(connector.seq, connector.name, profile?.name ?? profileName, options.startedBy);
  options.onStart?.(runId);
  if (!profile) {
    store.runs.finishRun(runId, 'no-start-unknown-profile-name');
    return { runId, status: 'no-start-unknown-profile-name', steps: [] };
  }
  const results: RunResult['steps'] = [];
  for (let i = 0; i < profile.steps.length; i++) {
    const step = i + 1;
    const def = profile.steps[i];
    const stats = new StepStats();
    store.runs.createStep(runId, step, def.type, def.partition ?? null);
    const started = Date.now();
    let lastEmit = 0;
    const ctx: StepContext = {
      store, connector, runId, step, stats, signal: options.signal, stopStatus: options.stopStatus,
      log: options.log ?? (() => {}),
      progress: (phase, done, total) => {
        const now = Date.now();
        if (now - lastEmit < 200 && done !== total) return;
        lastEmit = now;
        const elapsedMs = now - started;
        options.onProgress?.({ runId, step, stepType: def.type, phase, done, total, elapsedMs, objectsPerSecond: elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0 });
      },
    };
    let outcome: StepOutcome;
    try {
      outcome = await runStep(ctx, def.type);
    } catch (err) {
      outcome = { status: 'stopped-extension-dll-exception', message: err instanceof Error ? err.message : String(err) };
    }
    store.runs.finishStep(runId, step, outcome.status, stats.snapshot(), outcome.message);
    results.push({ step, type: def.type, status: outcome.status, message: outcome.message, counters: stats.snapshot() });
    if (!allowsNextStep(outcome.status)) break;
  }
  const status = mostSevere(results.map((r) => r.status));
  store.runs.finishRun(runId, status);
  return { runId, status, steps: results };
}

function runStep(ctx: StepContext, type: StepType): Promise<StepOutcome> {
  switch (type) {
    case 'full-import':
      return runImport(ctx, 'full');
    case 'delta-import':
      return runImport(ctx, 'delta');
    case 'full-sync':
      return runSync(ctx, 'full');
    case 'delta-sync':
      return runSync(ctx, 'delta');
    case 'export':
      return runExport(ctx);
  }
}
