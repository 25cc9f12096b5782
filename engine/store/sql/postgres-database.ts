// SqlDatabase on PostgreSQL: the store's synchronous calls made over the asynchronous `pg` driver, which runs
// in a worker thread (postgres-sync-channel.ts). Statements are translated from the store's SQLite-flavoured SQL
// once per text (postgres-sql.ts) and prepared on the server under a name, so each run skips parsing.
//
// Inside a transaction, run() does not wait for the server: the write is pipelined and its row count arrives with
// the next call that waits (any read, `changes`, the transaction's end); allLater() pipelines a read the same way.
// A failed write is thrown by that call, naming the write's SQL, and the transaction (or savepoint) it was in rolls
// back as if fn had thrown it.
import type { SqlDatabase, SqlRunResult, SqlStatement } from './sql-database.ts';
import { excerpt, toPostgresSql, type PostgresSql } from './postgres-sql.ts';
import { FreshStatistics } from './fresh-statistics.ts';
import { DEFAULT_STALL_TIMEOUT_MS, SyncChannel, WorkerReportedError, type PostedWrite, type Request } from './postgres-sync-channel.ts';

export interface PostgresConnectOptions {
  /** Connection string (`postgres://user:password@host:port/database`); a `schema` query parameter is ignored. */
  readonly url: string;
  /** The schema the connection works in (search_path); created when missing. */
  readonly schema: string;
  /** What `name` reports: the data directory's database, for messages. */
  readonly name: string;
  /** Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** How long the connection's worker may show no sign of life before calls fail. Default 60 s (a loaded machine can starve a live worker for seconds). */
  readonly stallTimeoutMs?: number;
  /** How many statement texts stay prepared on the server (least recently used go first). Default 1000. */
  readonly statementCacheSize?: number;
}

/** A statement's error as PostgreSQL reported it: SQLSTATE, names involved and the SQL's first 200 characters. */
export interface PostgresStatementError extends Error {
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  readonly sql: string;
}

/** Counters of the connection's traffic, to prove that streaming stays bounded. */
export interface PostgresDatabaseStats {
  /** FETCH statements run for iterate(). */
  readonly fetches: number;
  /** The most rows one FETCH returned. */
  readonly largestBatch: number;
}

/** Rows as the worker sends them: column names once, then one array per row. */
interface RowBatch {
  readonly names: string[];
  /** Indexes of bytea columns, whose values arrive as Uint8Array. */
  readonly binary: number[];
  readonly rows: unknown[][];
  readonly done?: boolean;
}

interface PreparedText extends PostgresSql {
  /** The server-side prepared statement's name. */
  readonly name: string;
}

/** Rows per FETCH of a streaming iterate(). */
export const CURSOR_BATCH = 500;

/** Pipelined writes allowed in flight before run() waits for them: bounds the memory both threads use. */
const MAX_UNSETTLED_WRITES = 1_000;

/** A synchronous PostgreSQL connection with better-sqlite3's calls; see SqlDatabase. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  // Translated texts by source SQL, least recently used first; each is prepared on the server under its name.
  private readonly texts = new Map<string, PreparedText>();
  private names = 0;
  // Names of texts that left the cache, to deallocate on the server with the next call.
  private forgotten: string[] = [];
  private depth = 0;
  private transactions = 0;
  private cursors = 0;
  private closed = false;
  /** Analyzes the tables a step grows, so the planner costs them as they are (fresh-statistics.ts). */
  readonly statistics = new FreshStatistics({ all: (sql) => this.prepare(sql).pluck().all() as string[], exec: (sql) => this.exec(sql) });

  private constructor(
    readonly name: string,
    private readonly channel: SyncChannel,
    private readonly cacheSize: number,
  ) {}

  /** Opens a connection (blocking until it is ready) working in `schema`. */
  static connect(options: PostgresConnectOptions): PostgresDatabase {
    const channel = new SyncChannel({
      url: withoutSchemaParameter(options.url),
      schema: options.schema,
      applicationName: 'idsync',
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    });
    try {
      channel.call({ op: 'connect' });
    } catch (error) {
      channel.terminate();
      throw error instanceof WorkerReportedError ? Object.assign(new Error(error.message), { code: error.reported.code }) : error;
    }
    return new PostgresDatabase(options.name, channel, Math.max(1, options.statementCacheSize ?? 1_000));
  }

  get open(): boolean {
    return !this.closed;
  }

  prepare(sql: string): SqlStatement {
    this.textOf(sql);
    return new PostgresStatement(this, sql);
  }

  /** The translation of `sql` and its prepared statement's name (translated once while it stays cached). */
  textOf(sql: string): PreparedText {
    let text = this.texts.get(sql);
    if (text) {
      this.texts.delete(sql);
    } else {
      text = { ...toPostgresSql(sql), name: `idsync_${++this.names}` };
      if (this.texts.size >= this.cacheSize) {
        const [oldest, evicted] = this.texts.entries().next().value!;
        this.texts.delete(oldest);
        this.forgotten.push(evicted.name);
      }
    }
    this.texts.set(sql, text);
    return text;
  }

  exec(sql: string): this {
    this.request({ op: 'exec', text: toPostgresSql(sql, { parameters: false }).text }, sql);
    return this;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same signature as better-sqlite3's
  transaction<F extends (...args: any[]) => unknown>(fn: F): (...args: F extends (...a: infer A) => unknown ? A : never) => ReturnType<F> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapper keeps its caller's `this` for fn
    const db = this;
    return function (this: unknown, ...args: unknown[]) {
      const savepoint = db.depth > 0 ? `idsync_savepoint_${db.depth}` : undefined;
      db.request({ op: 'exec', text: savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN' }, 'BEGIN');
      if (!savepoint) db.transactions++;
      db.depth++;
      let result: unknown;
      try {
        result = fn.apply(this, args);
        if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') throw new TypeError('Transaction function cannot return a promise');
      } catch (error) {
        db.depth--;
        db.rollback(savepoint);
        throw error;
      }
      db.depth--;
      try {
        // Also settles the pipelined writes: a failed one is thrown here, before anything is committed.
        db.request({ op: 'exec', text: savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT' }, 'COMMIT');
      } catch (error) {
        db.rollback(savepoint);
        throw error;
      }
      return result as ReturnType<F>;
    };
  }

  close(): this {
    if (this.closed) return this;
    this.closed = true;
    try {
      this.channel.call({ op: 'close' });
    } catch {
      // A connection already lost has nothing left to end; the worker goes either way.
    } finally {
      this.channel.terminate();
    }
    return this;
  }

  /** Traffic counters of this connection (streaming batches). */
  stats(): PostgresDatabaseStats {
    return this.request({ op: 'stats' }, '') as PostgresDatabaseStats;
  }

  /** Test hook: the connection's worker thread exits abruptly, or hangs with its event loop blocked. */
  breakWorkerForTest(how: 'exit' | 'hang'): void {
    this.channel.post({ op: 'crash', how }, '');
  }

  /** Pipelines a write (inside a transaction); its row count is read from the result once a later call settled it. */
  postWrite(request: Request, sql: string): SqlRunResult {
    const write = this.post(request, sql);
    const settle = () => this.settle();
    return {
      lastInsertRowid: 0,
      get changes(): number {
        if (write.changes === undefined) settle();
        return write.changes ?? 0;
      },
    };
  }

  /** Pipelines a read (inside a transaction): what it answers arrives with the next call that waits. */
  postRead(request: Request, sql: string): () => RowBatch {
    const read = this.post(request, sql);
    return () => {
      if (read.rows === undefined) this.settle();
      // Unanswered after a settle: its transaction failed and was rolled back before anything read it.
      if (read.rows === undefined) throw new Error(`The read was not answered: its transaction ended with an error [SQL: ${excerpt(sql)}]`);
      return read.rows as RowBatch;
    };
  }

  private post(request: Request, sql: string): PostedWrite {
    if (this.closed) throw new TypeError('The database connection is not open');
    if (this.channel.unsettled >= MAX_UNSETTLED_WRITES) this.settle();
    const posted = this.channel.post(request, sql);
    this.statistics.sent();
    return posted;
  }

  /** Waits for every pipelined statement: their results are then in hand, and a failure is thrown here. */
  private settle(): void {
    this.request({ op: 'sync' }, '');
  }

  /** Sends a request; a statement's error is rethrown with its SQLSTATE and the first 200 characters of `sql`. */
  request(request: Request, sql: string): unknown {
    if (this.closed) throw new TypeError('The database connection is not open');
    if (this.forgotten.length > 0) {
      request = { ...request, forget: this.forgotten };
      this.forgotten = [];
    }
    let answer: unknown;
    try {
      answer = this.channel.call(request);
    } catch (error) {
      throw error instanceof WorkerReportedError ? statementError(error, error.postedSql ?? sql) : error;
    }
    this.statistics.sent();
    return answer;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** A number that stays the same for the whole of one outermost transaction and differs between two; null outside one. */
  get transactionSerial(): number | null {
    return this.depth > 0 ? this.transactions : null;
  }

  nextCursorName(): string {
    return `idsync_cursor_${++this.cursors}`;
  }

  private rollback(savepoint: string | undefined): void {
    try {
      const text = savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` : 'ROLLBACK';
      this.request({ op: 'exec', text, discardDeferred: true }, 'ROLLBACK');
    } catch {
      // The connection failed under the transaction (the server ends it then); the caller's error says why.
    }
  }
}

/** A prepared statement; `?` parameters bind positionally as in better-sqlite3. */
class PostgresStatement implements SqlStatement {
  private plucking = false;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly source: string,
  ) {}

  run(...params: unknown[]): SqlRunResult {
    const text = this.db.textOf(this.source);
    if (this.db.inTransaction && !text.cursorable) {
      return this.db.postWrite({ op: 'run', text: text.text, name: text.name, values: this.values(params, text) }, this.source);
    }
    const { changes } = this.query('run', params) as { changes: number };
    return { changes, lastInsertRowid: 0 };
  }

  get(...params: unknown[]): unknown {
    return this.shape(this.query('get', params) as RowBatch)[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.shape(this.query('all', params) as RowBatch);
  }

  /**
   * The rows all() gives, for reading later: inside a transaction the statement is pipelined like a write and its
   * rows arrive with the next call that waits; elsewhere it runs now.
   */
  allLater(...params: unknown[]): () => unknown[] {
    if (!this.db.inTransaction) {
      const rows = this.all(...params);
      return () => rows;
    }
    const text = this.db.textOf(this.source);
    const rows = this.db.postRead({ op: 'all', text: text.text, name: text.name, values: this.values(params, text) }, this.source);
    return () => this.shape(rows());
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    const text = this.db.textOf(this.source);
    if (!text.cursorable) return this.shape(this.query('all', params) as RowBatch)[Symbol.iterator]();
    const values = this.values(params, text);
    if (!this.db.inTransaction) {
      // Outside a transaction the cursor must be WITH HOLD, and the server then computes and stores the whole result
      // before the first FETCH. A result that fits one batch (a search page, one object) comes in one prepared round
      // trip instead; a longer one streams through the cursor, from its first row again.
      const first = this.db.prepare(`SELECT * FROM (${this.source.trim().replace(/;$/, '')}) AS idsync_first LIMIT ${CURSOR_BATCH + 1}`).pluck(this.plucking);
      const rows = first.all(...params);
      if (rows.length <= CURSOR_BATCH) return rows[Symbol.iterator]();
    }
    return this.stream(text.text, values);
  }

  pluck(toggle = true): this {
    this.plucking = toggle;
    return this;
  }

  /** Streams through a server-side cursor, CURSOR_BATCH rows per FETCH; closing the iterator closes the cursor. */
  private *stream(text: string, values: unknown[]): IterableIterator<unknown> {
    const cursor = this.db.nextCursorName();
    const request = { cursor, batch: CURSOR_BATCH };
    let batch = this.db.request({ op: 'openCursor', ...request, text, values, inTransaction: this.db.inTransaction }, this.source) as RowBatch;
    try {
      for (;;) {
        yield* this.shape(batch);
        if (batch.done) return;
        batch = this.db.request({ op: 'fetch', ...request }, this.source) as RowBatch;
      }
    } finally {
      if (!batch.done && this.db.open) this.db.request({ op: 'closeCursor', cursor }, this.source);
    }
  }

  private query(op: 'run' | 'get' | 'all', params: unknown[]): unknown {
    const text = this.db.textOf(this.source);
    return this.db.request({ op, text: text.text, name: text.name, values: this.values(params, text) }, this.source);
  }

  private values(params: unknown[], text: PreparedText): unknown[] {
    const values = params.flat().map(bindable);
    if (values.length !== text.parameters) {
      throw new RangeError(`${values.length < text.parameters ? 'Too few' : 'Too many'} parameter values were provided (${values.length} for ${text.parameters}) for: ${excerpt(this.source)}`);
    }
    return values;
  }

  private shape(batch: RowBatch): unknown[] {
    const { names, binary, rows } = batch;
    for (const i of binary) {
      for (const row of rows) {
        const v = row[i];
        if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[i] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      }
    }
    if (this.plucking) return rows.map((row) => row[0]);
    return rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (let k = 0; k < names.length; k++) record[names[k]] = row[k];
      return record;
    });
  }
}

/** A parameter as the worker can send it; like better-sqlite3, only numbers, strings, bigints, buffers and null. */
function bindable(value: unknown, index: number): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new TypeError(`PostgreSQL can only bind numbers, strings, bigints, buffers, and null (parameter ${index + 1} is ${typeof value === 'object' ? 'an object' : `a ${typeof value}`})`);
}

/** The worker's error for a statement, with PostgreSQL's message minus any quoted input value. */
function statementError(error: WorkerReportedError, sql: string): PostgresStatementError {
  const { message, ...names } = error.reported;
  // Data exceptions quote the offending input ("invalid input syntax for type integer: "…""), which may be a secret.
  const safe = names.code?.startsWith('22') ? message.replace(/: ".*"$/s, ': (value withheld)') : message;
  const text = excerpt(sql);
  return Object.assign(new Error(text ? `${safe} [SQL: ${text}]` : safe), names, { sql: text });
}

function withoutSchemaParameter(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('schema')) return url;
    parsed.searchParams.delete('schema');
    return parsed.toString();
  } catch {
    return url;
  }
}
