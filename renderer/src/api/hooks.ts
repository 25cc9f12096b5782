// React hooks over the API: queries and mutations keyed by method name, and engine events.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from '../../../shared/api.ts';
import { getApi } from './client.ts';

/** Reads an API method through the query cache (key: method + request). */
export function useApiQuery<M extends MethodName>(
  method: M,
  request: RequestOf<M>,
  options?: Omit<UseQueryOptions<ResponseOf<M>, Error>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<ResponseOf<M>, Error>({
    queryKey: [method, request],
    queryFn: () => getApi().call(method, request),
    ...options,
  });
}

/** Calls an API method that changes something, then refreshes the queries it names. */
export function useApiMutation<M extends MethodName>(method: M, invalidates: readonly MethodName[] = []) {
  const client = useQueryClient();
  return useMutation<ResponseOf<M>, Error, RequestOf<M>>({
    mutationFn: (request) => getApi().call(method, request),
    onSuccess: () => {
      for (const m of invalidates) void client.invalidateQueries({ queryKey: [m] });
    },
  });
}

/** Subscribes to an engine event for the component's lifetime. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  useEffect(() => getApi().on(event, listener), [event, listener]);
}
