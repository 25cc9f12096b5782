// The Operations filters as they sit in the URL, and the engine query they make.
import type { RunQuery } from '../../../shared/model/operations.ts';
import type { RunStatus } from '../../../shared/model/runs.ts';
import { STATUS_GROUPS } from './run-status.ts';

/** The filter fields the Operations view keeps in the URL. */
export interface RunFilters {
  readonly connector: string | null;
  readonly statusGroup: string | null;
  /** Local dates (YYYY-MM-DD), both inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  readonly cycle: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a local day as an ISO instant; null for anything that is not a date. */
export function localDayStart(date: string | null, plusDays = 0): string | null {
  if (!date || !DATE.test(date)) return null;
  const d = new Date(`${date}T00:00:00`);
  if (Number.isNaN(d.getTime())) return null;
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

/** Why the range cannot be used, or null. */
export function rangeProblem(from: string | null, to: string | null): string | null {
  if (from && !DATE.test(from)) return `"${from}" is not a date`;
  if (to && !DATE.test(to)) return `"${to}" is not a date`;
  if (from && to && to < from) return 'The end date is before the start date';
  return null;
}

/** The engine query of the filters (without sort and paging). */
export function runQueryOf(f: RunFilters): Omit<RunQuery, 'sort' | 'offset' | 'limit'> {
  const statuses = f.statusGroup ? (STATUS_GROUPS[f.statusGroup] ?? []) : [];
  const ok = rangeProblem(f.from, f.to) === null;
  return {
    connector: f.connector ?? undefined,
    status: statuses.length ? (statuses as RunStatus[]) : undefined,
    startedFrom: ok ? (localDayStart(f.from) ?? undefined) : undefined,
    // The end date is inclusive: runs that started before the next day.
    startedTo: ok ? (localDayStart(f.to, 1) ?? undefined) : undefined,
    cycle: f.cycle ?? undefined,
  };
}
