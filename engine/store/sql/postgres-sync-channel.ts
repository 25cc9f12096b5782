// A synchronous call into the thread that owns a PostgreSQL connection: the request goes out on a MessagePort,
// the calling thread sleeps in Atomics.wait until the worker flags its answer, then takes the answer from the
// port with receiveMessageOnPort. A worker that exits or stops responding fails the call instead of hanging it.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CHANNEL_STATE, HEARTBEAT_MS, POSTGRES_WORKER_SOURCE } from './postgres-worker-source.ts';

export interface SyncChannelOptions {
  /** A libpq-style connection string; it may hold a password, so it never appears in an error. */
  readonly url: string;
  readonly schema: string;
  readonly applicationName: string;
  readonly connectTimeoutMs: number;
  /** How long the worker may show no sign of life before a call gives up on it. */
  readonly stallTimeoutMs: number;
}

/** What the worker sends back: a value, or an error described by its fields; and the posted writes' row counts. */
interface Answer {
  readonly value?: unknown;
  readonly error?: WorkerError & { readonly deferredIndex?: number };
  readonly deferred?: number[];
  /** The rows of the posted reads among them, null for a write. */
  readonly deferredRows?: (unknown | null)[];
}

/** A statement sent with post(): its row count, and a read's rows, once a later call has settled it. */
export interface PostedWrite {
  /** The statement as the caller wrote it, for the error should it fail. */
  readonly sql: string;
  changes?: number;
  rows?: unknown;
}

/** A failure as the worker describes it: PostgreSQL's message and its names, never parameter values. */
export interface WorkerError {
  readonly message: string;
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  readonly schema?: string;
  readonly dataType?: string;
}

/** A request: the operation and its arguments (structured-cloneable). */
export type Request = { readonly op: string } & Record<string, unknown>;

const WAIT_SLICE_MS = 1_000;
/** How long an answer the worker has flagged may take to reach the port. */
const LATE_ANSWER_MS = 10_000;

/** The calling side of the worker that owns one PostgreSQL connection. */
export class SyncChannel {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private failure: string | undefined;
  private closing = false;
  private posted: PostedWrite[] = [];

  constructor(private readonly options: SyncChannelOptions) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(POSTGRES_WORKER_SOURCE, {
      eval: true,
      workerData: {
        // Resolved here, not in the worker: a bundled main has no node_modules of its own beside the eval'd code.
        pgPath: createRequire(import.meta.url).resolve('pg'),
        port: port2,
        shared: this.state.buffer,
        url: options.url,
        schema: options.schema,
        applicationName: options.applicationName,
        connectTimeoutMs: options.connectTimeoutMs,
      },
      transferList: [port2],
    });
    // A connection left open must not keep the process alive.
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', (error) => this.fail(`failed: ${error.message}`));
    this.worker.on('exit', (code) => this.fail(`exited with code ${code}`));
  }

  /** Sends `request` and blocks until its answer; throws the worker's error, or when the worker is gone. */
  call(request: Request): unknown {
    this.assertAlive();
    Atomics.store(this.state, 0, CHANNEL_STATE.pending);
    this.port.postMessage(request);
    return this.await();
  }

  /** Sends `request` without waiting; the next call settles it (row count, or its failure thrown by that call). */
  post(request: Request, sql: string): PostedWrite {
    this.assertAlive();
    const write: PostedWrite = { sql };
    this.posted.push(write);
    this.port.postMessage({ ...request, reply: false });
    return write;
  }

  /** How many posted writes wait for a call to settle them. */
  get unsettled(): number {
    return this.posted.length;
  }

  /** Ends the worker once the connection is closed (or at once when it is already dead). */
  terminate(): void {
    this.closing = true;
    this.failure ??= 'was closed';
    void this.worker.terminate();
  }

  private await(): unknown {
    let beat = Atomics.load(this.state, 1);
    let quietSince = Date.now();
    for (;;) {
      Atomics.wait(this.state, 0, CHANNEL_STATE.pending, WAIT_SLICE_MS);
      const received = receiveMessageOnPort(this.port);
      if (received) return this.unwrap(received.message as Answer);
      const state = Atomics.load(this.state, 0);
      if (state === CHANNEL_STATE.dead) this.dead('exited');
      if (state === CHANNEL_STATE.answered) return this.unwrap(this.lateAnswer());
      const now = Date.now();
      const current = Atomics.load(this.state, 1);
      if (current !== beat) {
        beat = current;
        quietSince = now;
      } else if (now - quietSince > this.options.stallTimeoutMs) {
        this.dead(`stopped responding (no sign of life for ${Math.round((now - quietSince) / 1000)} s)`);
      }
    }
  }

  /**
   * The answer of a worker that has flagged it: the flag is a store in shared memory, the answer a message that can
   * reach this thread's port a moment later on a loaded machine, so it is polled for a while before the worker is
   * given up on.
   */
  private lateAnswer(): Answer {
    const until = Date.now() + LATE_ANSWER_MS;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received) return received.message as Answer;
      if (Date.now() > until) this.dead(`flagged an answer that did not arrive within ${LATE_ANSWER_MS / 1000} s`);
      // Sleeps a millisecond: the word stays ANSWERED until the next call.
      Atomics.wait(this.state, 0, CHANNEL_STATE.answered, 1);
    }
  }

  private unwrap(answer: Answer): unknown {
    const posted = this.posted;
    this.posted = [];
    answer.deferred?.forEach((changes, i) => (posted[i].changes = changes));
    answer.deferredRows?.forEach((rows, i) => {
      if (rows !== null) posted[i].rows = rows;
    });
    if (answer.error) {
      const { deferredIndex, ...reported } = answer.error;
      throw new WorkerReportedError(reported, deferredIndex === undefined ? undefined : posted[deferredIndex].sql);
    }
    return answer.value;
  }

  private assertAlive(): void {
    if (this.failure === undefined && Atomics.load(this.state, 0) === CHANNEL_STATE.dead) this.fail('exited');
    if (this.failure !== undefined) throw new Error(this.describe(this.failure));
  }

  private dead(how: string): never {
    this.fail(how);
    void this.worker.terminate();
    throw new Error(this.describe(how));
  }

  private fail(how: string): void {
    if (!this.closing) this.failure ??= how;
  }

  private describe(how: string): string {
    return how === 'was closed' ? 'The database connection is not open' : `the PostgreSQL connection's worker thread ${how}; the connection is unusable`;
  }
}

/** An error the worker reported for a request (PostgreSQL's or the driver's). */
export class WorkerReportedError extends Error {
  constructor(
    readonly reported: WorkerError,
    /** Set when a posted write failed: that write's SQL, not the SQL of the call that reported it. */
    readonly postedSql?: string,
  ) {
    super(reported.message);
  }
}

/** How long a worker may stay silent; the heartbeat comes every HEARTBEAT_MS. */
export const DEFAULT_STALL_TIMEOUT_MS = Math.max(60_000, HEARTBEAT_MS * 40);
