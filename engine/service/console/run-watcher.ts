// Watches the run table so every console hears about runs it did not start itself: runs of the CLI or of a
// scheduler, in this process or another one on the same data directory. New runs become run.started events,
// their newest step's counters run.progress events, their end a run.finished event; a change in the set of
// running runs becomes state.changed. The browser never polls: the engine reads the table and pushes.
import fs from 'node:fs';
import type { EventName, EventPayload } from '../../../shared/api.ts';
import type { Store } from '../../store/store.ts';
import { currentStep, lastRunId, runsSince, type RunRowWithPid } from '../../store/run-queries.ts';
import * as present from '../../sync/presenters.ts';

export interface RunWatcherOptions {
  readonly store: () => Store | null;
  readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Runs whose progress and end their starter already reports (runs.start of this service). */
  readonly reportedElsewhere: (runId: string) => boolean;
  /** Called when runs start or end (or a watched file changes), so the host can push its new status. */
  readonly onActiveChange: () => void;
  /** Files another process may change (scheduler settings, delete approvals): a change is news too. */
  readonly files?: readonly string[];
  readonly intervalMs?: number;
}

const PHASE: Record<string, string> = { 'full-import': 'import', 'delta-import': 'import', 'full-sync': 'sync', 'delta-sync': 'sync', export: 'export' };

/** Polls the run table of the data directory's database at a short interval, inside the engine. */
export class RunWatcher {
  private timer: NodeJS.Timeout | null = null;
  private lastId = 0;
  /** Runs seen in progress, with the progress last sent (a text key) for each. */
  private readonly running = new Map<number, string>();
  /** Last modification time seen per watched file. */
  private readonly mtimes = new Map<string, number>();

  constructor(private readonly options: RunWatcherOptions) {}

  /** Starts watching: runs that exist now are old news (a database created later has only new runs). */
  start(): void {
    if (this.timer) return;
    this.filesChanged();
    const store = this.options.store();
    if (store) {
      this.lastId = lastRunId(store.db);
      for (const r of runsSince(store.db, 0, []).filter((x) => x.status === 'in-progress')) this.running.set(r.id, '');
    }
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 500);
    this.timer.unref();
  }

  /** Stops watching. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at the table; public so tests can step it. */
  tick(): void {
    if (this.filesChanged()) this.options.onActiveChange();
    const store = this.options.store();
    if (!store) return;
    try {
      this.look(store);
    } catch {
      // The database may be busy or closing; the next tick looks again.
    }
  }

  private look(store: Store): void {
    const rows = runsSince(store.db, this.lastId, [...this.running.keys()]);
    let changed = false;
    for (const r of rows) {
      if (r.id > this.lastId) {
        this.lastId = r.id;
        this.options.emit('run.started', present.runSummary(store, r));
        changed = true;
        if (r.status === 'in-progress') this.running.set(r.id, '');
        else this.finished(store, r);
        continue;
      }
      if (r.status === 'in-progress') this.progress(store, r);
      else {
        this.running.delete(r.id);
        this.finished(store, r);
        changed = true;
      }
    }
    if (changed) this.options.onActiveChange();
  }

  /** True when a watched file's modification time moved since the last look. */
  private filesChanged(): boolean {
    let changed = false;
    for (const file of this.options.files ?? []) {
      // A file that does not exist yet reads as time 0.
      const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (this.mtimes.has(file) && this.mtimes.get(file) !== mtime) changed = true;
      this.mtimes.set(file, mtime);
    }
    return changed;
  }

  private progress(store: Store, r: RunRowWithPid): void {
    if (this.options.reportedElsewhere(String(r.id))) return;
    const step = currentStep(store.db, r.id);
    if (!step) return;
    const sum = (c: Readonly<Record<string, number>>) => Object.values(c).reduce((n, x) => n + x, 0);
    const done = sum(step.counters.counters) + sum(step.counters.errors);
    const key = `${step.step}:${done}`;
    if (this.running.get(r.id) === key) return;
    this.running.set(r.id, key);
    const elapsedMs = Math.max(0, Date.now() - Date.parse(step.startedAt));
    this.options.emit('run.progress', {
      runId: String(r.id), connector: r.connectorName, profile: r.profile, step: step.step, stepType: step.type, phase: PHASE[step.type] ?? step.type,
      done, total: null, elapsedMs, objectsPerSecond: elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0,
    });
  }

  private finished(store: Store, r: RunRowWithPid): void {
    this.running.delete(r.id);
    if (this.options.reportedElsewhere(String(r.id))) return;
    this.options.emit('run.finished', { runId: String(r.id), connector: r.connectorName, profile: r.profile, status: r.status });
  }
}
