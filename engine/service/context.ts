// What every API handler can reach: the data directory, the host kind, events, logging and the engine lock.
import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from '../../shared/api.ts';
import type { HostKind, LogLine } from '../../shared/model/system.ts';
import type { EngineLockManager } from './lock.ts';
import type { SyncEngine } from '../sync/engine.ts';

export interface ServiceContext {
  readonly home: string;
  readonly host: HostKind;
  /** Path of the SQLite database inside the data directory. */
  readonly databasePath: string;
  /** Key for secrets at rest when the host supplies one; otherwise the store keeps a key file. */
  readonly secretKey?: Buffer;
  readonly lock: EngineLockManager;
  /** Runs started by this service's runs.start, which report their own progress and end. */
  readonly ownRuns?: Set<string>;
  /** The one engine over the data directory's database, opened on first use and shared by every handler group. */
  engine(): SyncEngine;
  /** Calls another API method of this engine (for handlers that compose others). */
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  log(level: LogLine['level'], source: string, message: string): void;
}
