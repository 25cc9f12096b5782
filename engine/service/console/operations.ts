// The Operations view's queries: run history sorted and paged by the engine, with durations and change totals,
// and the scheduler's cycles (runs the scheduler started back to back).
import type { CycleRow, RunListRow } from '../../../shared/model/operations.ts';
import { changeTotals } from '../../../shared/model/change-totals.ts';
import type { z } from 'zod';
import type { CycleQuery, RunQuery as RunQuerySchema } from '../../../shared/model/operations.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import { mostSevere } from '../../sync/step-status.ts';
import { queryRuns, schedulerRuns, stepCountersOf, type RunRowWithPid } from '../../store/run-queries.ts';
import * as present from '../../sync/presenters.ts';
import { ApiError } from '../api-error.ts';

/** Two scheduler runs further apart than this belong to different cycles. */
const CYCLE_GAP_MS = 60_000;

type ParsedRunQuery = z.output<typeof RunQuerySchema>;
type ParsedCycleQuery = z.output<typeof CycleQuery>;

function durationMs(r: { startedAt: string; endedAt: string | null }): number | null {
  return r.endedAt ? Math.max(0, Date.parse(r.endedAt) - Date.parse(r.startedAt)) : null;
}

function isoOrUndefined(text: string | undefined, what: string): string | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new ApiError('invalid-request', `${what}: "${text}" is not a date and time`);
  return new Date(t).toISOString();
}

/** Scheduler runs grouped into cycles, oldest first; each cycle lists its runs. */
function groupCycles(runs: readonly RunRowWithPid[]): RunRowWithPid[][] {
  const cycles: RunRowWithPid[][] = [];
  let last: RunRowWithPid | null = null;
  for (const r of runs) {
    const prevEnd = last ? Date.parse(last.endedAt ?? last.startedAt) : null;
    if (prevEnd === null || Date.parse(r.startedAt) - prevEnd > CYCLE_GAP_MS) cycles.push([]);
    cycles[cycles.length - 1].push(r);
    last = r;
  }
  return cycles;
}

function cycleId(runs: readonly RunRowWithPid[]): string {
  return `cycle-${runs[0].id}`;
}

/** A page of run history rows. */
export function runsPage(engine: SyncEngine, q: ParsedRunQuery): { items: RunListRow[]; total: number } {
  const store = engine.store;
  const cycles = groupCycles(schedulerRuns(store.db));
  const cycleOfRun = new Map<number, string>();
  for (const c of cycles) for (const r of c) cycleOfRun.set(r.id, cycleId(c));
  let ids: number[] | undefined;
  if (q.cycle !== undefined) {
    const c = cycles.find((x) => cycleId(x) === q.cycle);
    if (!c) throw new ApiError('not-found', `No scheduler cycle ${q.cycle}`);
    ids = c.map((r) => r.id);
  }
  const page = queryRuns(
    store.db,
    {
      connector: q.connector ? engine.connector(q.connector).seq : undefined, statuses: q.status,
      startedFrom: isoOrUndefined(q.startedFrom, 'startedFrom'), startedTo: isoOrUndefined(q.startedTo, 'startedTo'), ids,
    },
    q.sort, q.offset, q.limit,
  );
  const counters = stepCountersOf(store.db, page.items.map((r) => r.id));
  return {
    total: page.total,
    items: page.items.map((r) => ({
      ...present.runSummary(store, r), durationMs: durationMs(r), totals: changeTotals(counters.get(r.id) ?? []), cycle: cycleOfRun.get(r.id) ?? null,
    })),
  };
}

/** A page of scheduler cycles, newest first. */
export function cyclesPage(engine: SyncEngine, q: ParsedCycleQuery): { items: CycleRow[]; total: number } {
  const db = engine.store.db;
  const all = groupCycles(schedulerRuns(db, isoOrUndefined(q.startedFrom, 'startedFrom'), isoOrUndefined(q.startedTo, 'startedTo'))).reverse();
  const shown = all.slice(q.offset, q.offset + q.limit);
  const counters = stepCountersOf(db, shown.flatMap((c) => c.map((r) => r.id)));
  return {
    total: all.length,
    items: shown.map((c) => {
      const running = c.some((r) => r.endedAt === null);
      const endedAt = running ? null : c[c.length - 1].endedAt;
      return {
        id: cycleId(c), startedAt: c[0].startedAt, endedAt, durationMs: durationMs({ startedAt: c[0].startedAt, endedAt }), runs: c.length,
        status: running ? 'in-progress' : mostSevere(c.map((r) => r.status)),
        connectors: [...new Set(c.map((r) => r.connectorName))],
        totals: changeTotals(c.flatMap((r) => counters.get(r.id) ?? [])),
      };
    }),
  };
}
