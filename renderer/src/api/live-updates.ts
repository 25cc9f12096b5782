// Keeps every view current from the engine's events, whichever process ran what: a run that starts or ends
// (from this console, the command line or a scheduler) refreshes the lists, banners and status it changes,
// and a state change (a lock, settings another process wrote) refreshes the status, scheduler and deletes.
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/api.ts';
import type { SystemStatus } from '../../../shared/model/system.ts';
import { useApiEvent } from './hooks.ts';

/** What a run's start can change. */
const ON_START: readonly MethodName[] = ['runs.list', 'operations.runs', 'operations.cycles', 'connectors.list', 'connectors.get', 'cycle.list'];

/** What a run's end can change: its history, connector spaces, the metaverse, pending deletes, staging. */
const ON_END: readonly MethodName[] = [
  ...ON_START, 'runs.get', 'runs.objects', 'cs.search', 'cs.get', 'mv.search', 'mv.get', 'deletes.list', 'staging.report', 'scheduler.get',
  'stats.connectors', 'journey.get', 'search.global',
];

/** What a state change can change besides the status itself. */
const ON_STATE: readonly MethodName[] = ['scheduler.get', 'deletes.list', 'cycle.list'];

/** Subscribes the query cache to run and state events for the console's lifetime. */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  const refresh = useCallback(
    (methods: readonly MethodName[]) => {
      for (const m of methods) void client.invalidateQueries({ queryKey: [m] });
    },
    [client],
  );
  const onStarted = useCallback(() => refresh(ON_START), [refresh]);
  const onFinished = useCallback(() => refresh(ON_END), [refresh]);
  const onState = useCallback(
    (status: SystemStatus) => {
      client.setQueryData(['system.status', {}], status);
      refresh(ON_STATE);
    },
    [client, refresh],
  );
  useApiEvent('run.started', onStarted);
  useApiEvent('run.finished', onFinished);
  useApiEvent('state.changed', onState);
}
