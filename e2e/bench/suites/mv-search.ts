// Metaverse search latency at scale: N persons written straight into the store (see search-workload.ts), then p50
// and p95 of the API call for the first page, indexed and identity equality, a prefix and a substring.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiService } from '../../../engine/service/service.ts';
import type { MvClause } from '../../../shared/model/metaverse.ts';
import { latencyFigures, sampleLatency } from '../latency.ts';
import { bytesOf, identityAt, loadMetaverse, openSearchStore } from '../search-workload.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/**
 * Goals of the issue: equality on indexed attributes under 1 ms, prefix and contains under 50 ms (p95). `mail` is not
 * marked indexed here: its equality goes through the trigram index and is reported without a goal.
 */
const EQUALITY_MS = 1;
const TEXT_MS = 50;

/** Objects whose search text is written again, timed, for the text index's share of a write. */
const REWRITTEN = 10_000;

interface Case {
  readonly name: string;
  readonly clauses: MvClause[];
  readonly goalMs?: number;
}

/** Loads the persons; returns the load figures. */
function build(ctx: BenchContext, file: string): BenchFigure[] {
  const store = openSearchStore(file);
  try {
    const perObject = loadMetaverse(ctx, store, ctx.count);
    ctx.progress('measuring the text index', 0, 1);
    // The text index's own share of a write: remove and write again the text of the first objects, timing the writes.
    const text = store.mv.text;
    const sample = Math.min(REWRITTEN, ctx.count);
    let writeMs = 0;
    store.transaction(() => {
      for (let id = 1; id <= sample; id++) {
        const o = store.mv.get(id)!;
        text.write(id, o.attrs, null);
        const started = performance.now();
        text.write(id, null, o.attrs);
        writeMs += performance.now() - started;
      }
    });
    const textBytes = bytesOf(store, ['mv_text']);
    ctx.progress('measuring the text index', 1, 1);
    return [
      { name: 'metaverse store write per person (objects, value and text indexes)', value: Math.round(perObject), unit: 'µs' },
      { name: 'metaverse text index write per person', value: Math.round((writeMs * 1000) / sample), unit: 'µs' },
      { name: 'metaverse text index per person', value: Math.round(textBytes / ctx.count), unit: 'bytes' },
    ];
  } finally {
    store.close();
  }
}

export const mvSearchSuite: BenchSuite = {
  name: 'mv-search',
  description: 'Metaverse search API latency (p50/p95) over N persons written to the store: first page, equality, prefix, contains',
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const home = path.join(ctx.tmpDir, 'home');
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    const figures = build(ctx, path.join(home, 'idsync.sqlite'));
    const service = new ApiService({ home, host: 'cli', schedule: false });
    try {
      const persons = await service.dispatch('mv.search', { objectType: 'person', limit: 1 });
      ctx.log(`metaverse: ${persons.total} persons`);
      const probe = identityAt(Math.floor(ctx.count / 2));
      const cases: Case[] = [
        { name: 'first page (no clause)', clauses: [] },
        { name: 'indexed equality (employeeID)', clauses: [{ attribute: 'employeeID', operator: 'equals', value: probe.employeeID }], goalMs: EQUALITY_MS },
        { name: 'identity equality (mail)', clauses: [{ attribute: 'mail', operator: 'equals', value: probe.mail }] },
        { name: 'prefix (displayName starts with "Ada L")', clauses: [{ attribute: 'displayName', operator: 'starts-with', value: 'Ada L' }], goalMs: TEXT_MS },
        { name: 'contains (mail contains "torvalds.9")', clauses: [{ attribute: 'mail', operator: 'contains', value: 'torvalds.9' }], goalMs: TEXT_MS },
      ];
      for (const [i, c] of cases.entries()) {
        ctx.progress('searching', i, cases.length);
        const request = { objectType: 'person', clauses: c.clauses, limit: 100 };
        ctx.log(`${c.name}: ${(await service.dispatch('mv.search', request)).total} matches`);
        figures.push(...latencyFigures(`mv search ${c.name}`, await sampleLatency(() => service.dispatch('mv.search', request)), c.goalMs));
      }
      ctx.progress('searching', cases.length, cases.length);
      return figures;
    } finally {
      await service.close();
    }
  },
};

export default mvSearchSuite;
