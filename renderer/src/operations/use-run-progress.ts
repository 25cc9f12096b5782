// Live progress of every running step, from run.progress and run.finished events (the lists themselves are
// refreshed by the console's live updates).
import { useCallback, useState } from 'react';
import { useApiEvent } from '../api/hooks.ts';
import type { RunProgress } from '../../../shared/model/system.ts';
import { applyProgress, finishProgress, type ProgressMap } from './progress.ts';

/** The latest progress per running run; a finished run drops out. */
export function useRunProgress(): ProgressMap {
  const [map, setMap] = useState<ProgressMap>(() => new Map());
  const onProgress = useCallback((p: RunProgress) => setMap((m) => applyProgress(m, p)), []);
  const onFinished = useCallback((e: { runId: string }) => setMap((m) => finishProgress(m, e.runId)), []);
  useApiEvent('run.progress', onProgress);
  useApiEvent('run.finished', onFinished);
  return map;
}
