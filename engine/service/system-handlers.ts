// Handlers of the system methods.
import type { systemMethods } from '../../shared/api/system.ts';
import type { LogLine, SystemStatus } from '../../shared/model/system.ts';
import type { HandlerGroup } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { version } from '../host/version.ts';
import { activeRuns } from '../store/run-queries.ts';
import { hostLockHolder } from './console/host-lock-holder.ts';
import { storeMayExist } from '../store/store-location.ts';

/** Keeps the last log lines in memory for the console's log view. */
export class LogRing {
  private readonly lines: LogLine[] = [];
  constructor(private readonly capacity = 5000) {}
  /** Adds a line, dropping the oldest beyond capacity. */
  push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }
  /** The newest `limit` lines, oldest first. */
  tail(limit: number): LogLine[] {
    return this.lines.slice(-limit);
  }
}

/** Builds the engine's status as the console shows it. */
export function systemStatus(ctx: ServiceContext, startedAt: string): SystemStatus {
  const lock = ctx.lock.get();
  const hasDatabase = storeMayExist(ctx.databasePath);
  const store = hasDatabase ? ctx.engine().store : null;
  // Runs of every process count: a run from the CLI or a scheduler makes the engine busy too.
  const running = store
    ? activeRuns(store.db).map((r) => ({ runId: String(r.id), connector: r.connectorName, profile: r.profile, startedBy: r.startedBy, startedAt: r.startedAt, pid: r.pid }))
    : [];
  return {
    version,
    host: ctx.host,
    home: ctx.home,
    state: lock?.kind === 'run' || running.length > 0 ? 'running' : 'idle',
    lock,
    pid: process.pid,
    startedAt,
    empty: !store || store.connectors.list().length === 0,
    activeRuns: running,
    hostLock: hostLockHolder(ctx.home),
  };
}

/** Creates the system method handlers. */
export function createSystemHandlers(ctx: ServiceContext, logs: LogRing, startedAt: string): HandlerGroup<typeof systemMethods> {
  return {
    handlers: {
      'system.status': () => systemStatus(ctx, startedAt),
      'system.ping': ({ echo }) => ({ echo }),
      'system.recentLogs': ({ limit }) => logs.tail(limit),
    },
    close() {},
  };
}
