// Starts the engine in a worker thread and exposes it as a typed API to the host that started it.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { ApiCallError } from '../../shared/api/call-error.ts';
import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from '../../shared/api.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.ts';
import { heapLimits } from './heap-budget.ts';

/** An API call that failed in the engine, with its code and readable message. */
export { ApiCallError as EngineCallError };

type Listener = (event: EventName, payload: unknown) => void;

/** Where the worker's code is: the TypeScript source under tsx, or the bundled file beside this one. */
function workerEntry(): { url: URL; execArgv: string[] } {
  const bundled = new URL('./engine-worker-thread.cjs', import.meta.url);
  if (!import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(bundled))) return { url: bundled, execArgv: [] };
  // From source, a small bootstrap registers tsx inside the worker before loading worker.ts.
  return { url: new URL('./worker-bootstrap.mjs', import.meta.url), execArgv: [] };
}

/** A running engine worker. */
export class EngineWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<Listener>();
  private nextId = 1;
  private readonly ready: Promise<void>;
  private exited = false;

  constructor(init: WorkerInit) {
    const entry = workerEntry();
    this.worker = new Worker(entry.url, { workerData: init, execArgv: entry.execArgv, resourceLimits: heapLimits() });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      const onReady = (m: FromWorker) => {
        if (m.type === 'ready') {
          this.worker.off('message', onReady);
          resolve();
        } else if (m.type === 'failed') {
          this.worker.off('message', onReady);
          reject(new ApiCallError(m.error.code, m.error.message, m.error.detail));
        }
      };
      this.worker.on('message', onReady);
    });
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', () => {
      this.exited = true;
      this.failAll(new Error('The engine worker has stopped'));
    });
  }

  /** The heap limits the engine thread runs under (the cap is in heap-budget.ts). */
  resourceLimits(): { maxOldGenerationSizeMb?: number } {
    return { maxOldGenerationSizeMb: this.worker.resourceLimits?.maxOldGenerationSizeMb };
  }

  /** Resolves once the engine is ready for calls. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Calls an API method in the engine. */
  async call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
    return (await this.callUntyped(method, request)) as ResponseOf<M>;
  }

  /** Calls a method by name with an unvalidated request (the engine validates it); used by relays. */
  async callUntyped(method: string, request: unknown): Promise<unknown> {
    await this.ready;
    if (this.exited) throw new Error('The engine worker has stopped');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'call', id, method, request } satisfies ToWorker);
    });
  }

  /** Subscribes to every engine event; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to one event type. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onEvent((e, p) => {
      if (e === event) listener(p as EventPayload<E>);
    });
  }

  /** Closes the engine (database, connections) and ends the thread. */
  async close(): Promise<void> {
    if (this.exited) return;
    const closed = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'shutdown' } satisfies ToWorker);
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await closed;
    clearTimeout(timer);
  }

  private receive(m: FromWorker): void {
    if (m.type === 'result') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new ApiCallError(m.error.code, m.error.message, m.error.detail));
    } else if (m.type === 'event') {
      for (const l of this.listeners) l(m.event, m.payload);
    }
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
