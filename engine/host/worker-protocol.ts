// Messages between a host and the engine worker thread.
import type { ApiErrorShape, EventName } from '../../shared/api.ts';
import type { HostKind } from '../../shared/model/system.ts';

export interface WorkerInit {
  readonly home: string;
  readonly host: HostKind;
  /** Key for secrets at rest, supplied by a host with OS-level key storage (Electron safeStorage), base64. */
  readonly secretKey?: string;
}

export type ToWorker =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly request: unknown }
  | { readonly type: 'shutdown' };

export type FromWorker =
  | { readonly type: 'ready' }
  /** The engine could not start (e.g. another host holds the data directory); the thread then ends. */
  | { readonly type: 'failed'; readonly error: ApiErrorShape }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: ApiErrorShape }
  | { readonly type: 'event'; readonly event: EventName; readonly payload: unknown }
  | { readonly type: 'closed' };
