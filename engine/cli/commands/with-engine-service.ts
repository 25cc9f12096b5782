// Runs a CLI command against the engine in-process, through the same API service the console uses.
import type { Command } from 'commander';
import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from '../../../shared/api.ts';
import { resolveHome } from '../../host/home.ts';
import { ApiService } from '../../service/service.ts';
import { toApiError } from '../../service/api-error.ts';
import { CliError } from '../output.ts';

export type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A typed call that turns API errors into CLI errors. */
export type Call = <M extends MethodName>(method: M, request: RequestOf<M>) => Promise<ResponseOf<M>>;

/** Opens the service on the data directory, runs `fn`, and closes it. */
export async function withEngineService<T>(program: Command, fn: (call: Call, service: ApiService, listen: (l: Listener) => void) => Promise<T>): Promise<T> {
  const listeners: Listener[] = [];
  const service = new ApiService({
    home: resolveHome(program.opts<{ home?: string }>().home),
    host: 'cli',
    onEvent: (event, payload) => listeners.forEach((l) => l(event, payload)),
  });
  const call: Call = async (method, request) => {
    try {
      return await service.dispatch(method, request);
    } catch (err) {
      const e = toApiError(err, method);
      throw new CliError(`${e.message}${e.code && !e.message.includes(e.code) ? ` (${e.code})` : ''}`);
    }
  };
  try {
    return await fn(call, service, (l) => listeners.push(l));
  } finally {
    await service.close();
  }
}
