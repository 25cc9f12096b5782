// Handlers of the system methods.
import fs from 'node:fs';
import type { systemMethods } from '../../shared/api/system.ts';
import type { LogLine, SystemStatus } from '../../shared/model/system.ts';
import type { HandlerGroup } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { version } from '../host/version.ts';

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
  return {
    version,
    host: ctx.host,
    home: ctx.home,
    state: lock?.kind === 'run' ? 'running' : 'idle',
    lock,
    pid: process.pid,
    startedAt,
    empty: !fs.existsSync(ctx.databasePath) || ctx.engine().store.connectors.list().length === 0,
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
