// Live progress of every running step, from run.progress and run.finished events.
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApiEvent } from '../api/hooks.ts';
import type { RunProgress } from '../../../shared/model/system.ts';
import { applyProgress, finishProgress, type ProgressMap } from './progress.ts';

/** The latest progress per running run; a finished run drops out and the run queries refresh. */
export function useRunProgress(): ProgressMap {
  const [map, setMap] = useState<ProgressMap>(() => new Map());
  const client = useQueryClient();
  const onProgress = useCallback((p: RunProgress) => setMap((m) => applyProgress(m, p)), []);
  const onFinished = useCallback(
    (e: { runId: string }) => {
      setMap((m) => finishProgress(m, e.runId));
      for (const key of ['runs.list', 'runs.get', 'connectors.list', 'connectors.get']) void client.invalidateQueries({ queryKey: [key] });
    },
    [client],
  );
  useApiEvent('run.progress', onProgress);
  useApiEvent('run.finished', onFinished);
  return map;
}
