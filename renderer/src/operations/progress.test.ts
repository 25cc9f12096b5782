import { describe, expect, it } from 'vitest';
import { applyProgress, finishProgress, percentDone } from './progress.ts';
import type { RunProgress } from '../../../shared/model/system.ts';

const ev = (p: Partial<RunProgress>): RunProgress => ({
  runId: 'r1', connector: 'HR', profile: 'Full Import', step: 1, stepType: 'full-import', phase: 'import', done: 0, total: 100, objectsPerSecond: 0, elapsedMs: 0, ...p,
});

describe('progress map', () => {
  it('keeps the newest event per run and ignores late older ones', () => {
    let m = applyProgress(new Map(), ev({ done: 50 }));
    m = applyProgress(m, ev({ done: 20 }));
    expect(m.get('r1')?.done).toBe(50);
    m = applyProgress(m, ev({ step: 2, done: 1 }));
    expect(m.get('r1')?.step).toBe(2);
    expect(finishProgress(m, 'r1').size).toBe(0);
  });
  it('computes a percentage, or null when the total is unknown', () => {
    expect(percentDone({ done: 25, total: 200 })).toBe(13);
    expect(percentDone({ done: 5, total: null })).toBeNull();
    expect(percentDone({ done: 500, total: 100 })).toBe(100);
  });
});
