// Read-only run history queries for the console: runs sorted and paged by offset, step counters of many runs
// at once, runs in progress in any live process, and the runs the scheduler started (to group into cycles).
import { dialectOf, type SqlDatabase, type SqlDialect } from './sql/sql-database.ts';
import type { RunStatus } from '../../shared/model/runs.ts';
import type { RunSortField } from '../../shared/model/operations.ts';
import type { StepCounterSet } from '../../shared/model/change-totals.ts';
import type { RunRow } from './run-store.ts';
import { fromJson } from './json-column.ts';
import { processAlive } from '../model/process-alive.ts';

export interface RunFilter {
  readonly connector?: number;
  readonly statuses?: readonly string[];
  readonly startedFrom?: string;
  readonly startedTo?: string;
  readonly ids?: readonly number[];
}

export interface RunSort {
  readonly field: RunSortField;
  readonly direction: 'asc' | 'desc';
}

/** A run row with the process that runs (or ran) it. */
export type RunRowWithPid = RunRow & { readonly pid: number };

const ORDER: Record<RunSortField, string> = {
  startedAt: 'started_at',
  endedAt: 'ended_at',
  connector: 'lower(connector_name)',
  profile: 'lower(profile)',
  status: 'status',
  duration: '',
  startedBy: 'started_by',
};

/** A run's duration as a sortable SQL expression (a run in progress lasts until now). */
const DURATION: Record<SqlDialect, string> = {
  sqlite: "(julianday(coalesce(ended_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) - julianday(started_at))",
  postgres: '(coalesce(ended_at::timestamptz, now()) - started_at::timestamptz)',
};

function toRun(r: Record<string, unknown>): RunRowWithPid {
  return {
    id: r.id as number, connector: r.connector as number, connectorName: r.connector_name as string, profile: r.profile as string,
    status: r.status as RunStatus, startedAt: r.started_at as string, endedAt: (r.ended_at as string) ?? null, startedBy: r.started_by as string,
    pid: r.pid as number,
  };
}

function whereOf(f: RunFilter): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.connector !== undefined) add('connector = ?', f.connector);
  if (f.statuses?.length) add(`status IN (${f.statuses.map(() => '?').join(',')})`, ...f.statuses);
  if (f.startedFrom) add('started_at >= ?', f.startedFrom);
  if (f.startedTo) add('started_at < ?', f.startedTo);
  if (f.ids) add(f.ids.length ? `id IN (${f.ids.map(Number).join(',')})` : '1 = 0');
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Runs matching the filter in the asked order (ties newest first), `limit` rows from `offset`, with the total. */
export function queryRuns(db: SqlDatabase, filter: RunFilter, sort: RunSort, offset: number, limit: number): { items: RunRowWithPid[]; total: number } {
  const { clause, params } = whereOf(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM runs ${clause}`).get(...params) as { n: number }).n;
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  // Running runs have no end: they sort as the newest end.
  const expr = sort.field === 'duration' ? DURATION[dialectOf(db)] : ORDER[sort.field];
  const order = sort.field === 'endedAt' ? `(ended_at IS NULL) ${dir}, ended_at ${dir}` : `${expr} ${dir}`;
  const rows = db.prepare(`SELECT * FROM runs ${clause} ORDER BY ${order}, id DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as Record<string, unknown>[];
  return { items: rows.map(toRun), total };
}

/** The step counters of each run, by run id. */
export function stepCountersOf(db: SqlDatabase, runIds: readonly number[]): Map<number, StepCounterSet[]> {
  const out = new Map<number, StepCounterSet[]>();
  for (let i = 0; i < runIds.length; i += 500) {
    const chunk = runIds.slice(i, i + 500).map(Number);
    const rows = db.prepare(`SELECT run_id, counters FROM run_steps WHERE run_id IN (${chunk.join(',')}) ORDER BY run_id, step`).all() as { run_id: number; counters: string }[];
    for (const r of rows) {
      const list = out.get(r.run_id) ?? [];
      list.push(fromJson<StepCounterSet>(r.counters, { counters: {}, outbound: {}, errors: {} }));
      out.set(r.run_id, list);
    }
  }
  return out;
}

/** The newest step of a run in progress: its number, type, start and counters (for progress read from the database). */
export function currentStep(db: SqlDatabase, runId: number): { step: number; type: string; startedAt: string; counters: StepCounterSet } | null {
  const r = db.prepare('SELECT step, type, started_at, counters FROM run_steps WHERE run_id = ? ORDER BY step DESC LIMIT 1').get(runId) as
    | { step: number; type: string; started_at: string; counters: string }
    | undefined;
  return r ? { step: r.step, type: r.type, startedAt: r.started_at, counters: fromJson(r.counters, { counters: {}, outbound: {}, errors: {} }) } : null;
}

/** Runs newer than `afterId`, plus the listed ones (runs being watched), oldest first. */
export function runsSince(db: SqlDatabase, afterId: number, watched: readonly number[]): RunRowWithPid[] {
  const extra = watched.length ? ` OR id IN (${watched.map(Number).join(',')})` : '';
  return (db.prepare(`SELECT * FROM runs WHERE id > ?${extra} ORDER BY id`).all(afterId) as Record<string, unknown>[]).map(toRun);
}

/** The highest run id, 0 when there is none. */
export function lastRunId(db: SqlDatabase): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS n FROM runs').get() as { n: number }).n;
}

/** Runs in progress whose process is still alive (this one included). */
export function activeRuns(db: SqlDatabase): RunRowWithPid[] {
  return (db.prepare("SELECT * FROM runs WHERE status = 'in-progress' ORDER BY id").all() as Record<string, unknown>[]).map(toRun).filter((r) => processAlive(r.pid));
}

/** Every run the scheduler started, oldest first, within an optional start-time range. */
export function schedulerRuns(db: SqlDatabase, startedFrom?: string, startedTo?: string): RunRowWithPid[] {
  const { clause, params } = whereOf({ startedFrom, startedTo });
  const where = clause ? `${clause} AND started_by = 'scheduler'` : "WHERE started_by = 'scheduler'";
  return (db.prepare(`SELECT * FROM runs ${where} ORDER BY id`).all(...params) as Record<string, unknown>[]).map(toRun);
}
