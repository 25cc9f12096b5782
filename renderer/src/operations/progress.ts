// Live progress of running steps, kept from run.progress events.
import type { RunProgress } from '../../../shared/model/system.ts';

/** Latest progress per run id. */
export type ProgressMap = ReadonlyMap<string, RunProgress>;

/** Records one progress event; an older event (lower step, or fewer done in the same step) never replaces a newer one. */
export function applyProgress(map: ProgressMap, event: RunProgress): ProgressMap {
  const prev = map.get(event.runId);
  if (prev && (prev.step > event.step || (prev.step === event.step && prev.phase === event.phase && prev.done > event.done))) return map;
  const next = new Map(map);
  next.set(event.runId, event);
  return next;
}

/** Forgets a run when it finishes. */
export function finishProgress(map: ProgressMap, runId: string): ProgressMap {
  if (!map.has(runId)) return map;
  const next = new Map(map);
  next.delete(runId);
  return next;
}

/** Percentage done, or null when the total is unknown (the bar is then indeterminate). */
export function percentDone(p: Pick<RunProgress, 'done' | 'total'>): number | null {
  if (p.total === null || p.total <= 0) return null;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}
