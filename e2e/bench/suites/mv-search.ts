// Metaverse search latency: p50 and p95 of the API call for indexed equality, prefix and contains clauses,
// and of the first page of an unfiltered search (what the Metaverse Search tab shows first), over a demo
// workspace of N users (capped at 100,000, the largest demo).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiService } from '../../../engine/service/service.ts';
import type { MvClause } from '../../../shared/model/metaverse.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/** Calls per case; the first warms the page cache and is not counted. */
const CALLS = 21;

interface Case {
  readonly name: string;
  readonly clauses: MvClause[];
}

/** The value at quantile `q` of the samples. */
function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function measure(service: ApiService, clauses: MvClause[]): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await service.dispatch('mv.search', { objectType: 'person', clauses, limit: 100 });
    if (i > 0) samples.push(performance.now() - started);
  }
  return samples;
}

export const mvSearchSuite: BenchSuite = {
  name: 'mv-search',
  description: 'Metaverse search API latency (p50/p95) over a demo workspace: first page, indexed equality, prefix, contains',
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const users = Math.min(ctx.count, 100_000);
    const service = new ApiService({ home: path.join(ctx.tmpDir, 'home'), host: 'cli', schedule: false });
    try {
      ctx.progress('building the demo metaverse', 0, 1);
      await service.dispatch('workspace.createDemo', { users });
      ctx.progress('building the demo metaverse', 1, 1);
      const persons = await service.dispatch('mv.search', { objectType: 'person', limit: 1 });
      ctx.log(`metaverse: ${persons.total} persons`);
      const probe = `E${10001 + Math.floor(users / 2)}`;
      const cases: Case[] = [
        { name: 'first page (no clause)', clauses: [] },
        { name: 'indexed equality (employeeID)', clauses: [{ attribute: 'employeeID', operator: 'equals', value: probe }] },
        { name: 'prefix (displayName starts with)', clauses: [{ attribute: 'displayName', operator: 'starts-with', value: 'Ada L' }] },
        { name: 'contains (mail)', clauses: [{ attribute: 'mail', operator: 'contains', value: 'torvalds.9' }] },
      ];
      const figures: BenchFigure[] = [];
      for (const [i, c] of cases.entries()) {
        ctx.progress('searching', i, cases.length);
        const samples = await measure(service, c.clauses);
        figures.push({ name: `mv search ${c.name}: p50`, value: Math.round(quantile(samples, 0.5) * 100) / 100, unit: 'ms' });
        figures.push({ name: `mv search ${c.name}: p95`, value: Math.round(quantile(samples, 0.95) * 100) / 100, unit: 'ms' });
      }
      ctx.progress('searching', cases.length, cases.length);
      return figures;
    } finally {
      await service.close();
    }
  },
};

export default mvSearchSuite;
