// The change totals of one run in the history grid, read lazily (only for visible rows).
import type { RunDetail } from '../../../shared/model/runs.ts';
import { useApiQuery } from '../api/hooks.ts';
import { historySeries } from './history-series.ts';

/** "adds / updates / deletes / errors" of a run. */
export function runTotalsText(run: RunDetail): string {
  const [p] = historySeries([run]);
  return `${p.adds} / ${p.updates} / ${p.deletes} / ${p.errors}`;
}

/** Totals of one run, fetched when the row scrolls into view. */
export function RunTotalsCell({ runId }: { runId: string }) {
  const q = useApiQuery('runs.get', { runId }, { staleTime: 30_000 });
  return <span>{q.isError ? '—' : q.data ? runTotalsText(q.data) : '…'}</span>;
}
