// Latency of repeated API calls: p50 and p95 over a fixed number of calls, the first (which warms caches) left out.
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './suite.ts';

/** Calls per case; the first warms the page cache and is not counted. */
const CALLS = 101;

/** The value at quantile `q` of the samples. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Times `call` CALLS times; returns the samples in ms, the first call left out. */
export async function sampleLatency(call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call();
    if (i > 0) samples.push(performance.now() - started);
  }
  return samples;
}

/** The p50 and p95 figures of a case; a goal in ms applies to p95. */
export function latencyFigures(name: string, samples: readonly number[], goalMs?: number): BenchFigure[] {
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const p95 = round(quantile(samples, 0.95));
  return [
    { name: `${name}: p50`, value: round(quantile(samples, 0.5)), unit: 'ms' },
    goalMs === undefined ? { name: `${name}: p95`, value: p95, unit: 'ms' } : { name: `${name}: p95`, value: p95, unit: 'ms', goal: `< ${goalMs} ms`, goalMet: p95 < goalMs },
  ];
}
