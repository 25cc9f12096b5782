import { describe, expect, it } from 'vitest';
import { localDayStart, rangeProblem, runQueryOf } from './run-filters.ts';

describe('run filters', () => {
  it('makes an inclusive local date range', () => {
    const q = runQueryOf({ connector: 'HR', statusGroup: 'Errors', from: '2026-03-01', to: '2026-03-01', cycle: null });
    expect(q.connector).toBe('HR');
    expect(q.status).toContain('completed-sync-errors');
    expect(Date.parse(q.startedTo!) - Date.parse(q.startedFrom!)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(q.startedFrom).toBe(new Date('2026-03-01T00:00:00').toISOString());
  });
  it('refuses a reversed or malformed range and leaves it out of the query', () => {
    expect(rangeProblem('2026-03-02', '2026-03-01')).toMatch(/before the start/);
    expect(rangeProblem('yesterday', null)).toMatch(/not a date/);
    expect(runQueryOf({ connector: null, statusGroup: null, from: '2026-03-02', to: '2026-03-01', cycle: null }).startedFrom).toBeUndefined();
    expect(localDayStart('2026-02-30x')).toBeNull();
  });
});
