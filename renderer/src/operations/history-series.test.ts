import { describe, expect, it } from 'vitest';
import { historySeries } from './history-series.ts';
import type { RunDetail } from '../../../shared/model/runs.ts';

const run = (id: string, startedAt: string, steps: RunDetail['steps']): RunDetail => ({
  id, connectorId: 'c', connector: 'HR', profile: 'Full Import', status: 'success', startedAt, endedAt: null, startedBy: 'admin', steps,
});
const step = (counters: Record<string, number>, errors: Record<string, number> = {}, outbound: Record<string, Record<string, number>> = {}) => ({
  step: 1, type: 'full-sync' as const, partition: null, status: 'success' as const, startedAt: '', endedAt: null, counters, outbound, errors, message: null,
});

describe('historySeries', () => {
  it('sums adds, updates, deletes and errors per run, oldest first', () => {
    const points = historySeries([
      run('new', '2026-01-02T00:00:00Z', [step({ 'stage-delete': 2 }, { 'flow-failure': 3 })]),
      run('old', '2026-01-01T00:00:00Z', [step({ 'stage-add': 5, 'stage-update': 1 }), step({}, {}, { AD: { 'provisioned-add-flow': 4 } })]),
    ]);
    expect(points.map((p) => p.runId)).toEqual(['old', 'new']);
    expect(points[0]).toMatchObject({ adds: 9, updates: 1, deletes: 0, errors: 0 });
    expect(points[1]).toMatchObject({ adds: 0, deletes: 2, errors: 3 });
  });
});
