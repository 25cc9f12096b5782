// The code of the thread that owns a PostgreSQL connection for PostgresDatabase. It is plain JavaScript in a
// string, started with `new Worker(source, { eval: true })`, so it runs the same under vitest, tsx and a
// bundled Electron main, none of which would transpile a separate TypeScript worker file for it.
//
// Protocol (postgres-sync-channel.ts is the other side): requests arrive on `workerData.port`; the answer to
// each request is posted on the same port, then `state[0]` becomes ANSWERED and is notified. A request with
// `reply: false` (a write inside a transaction) is sent to the server at once, pipelined, and settled by the next
// request that wants a reply: its answer carries their row counts (`deferred`), the rows of posted reads
// (`deferredRows`) and, when one failed, that error instead of its own result (unless it is a rollback,
// `discardDeferred`). `state[1]` is a heartbeat.

/** Values of `state[0]`, the word the calling thread waits on. */
export const CHANNEL_STATE = { pending: 0, answered: 1, dead: 2 } as const;

/** How often the worker proves it is alive by bumping `state[1]`. */
export const HEARTBEAT_MS = 250;

export const POSTGRES_WORKER_SOURCE = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, shared, url, schema, applicationName, connectTimeoutMs } = workerData;
const state = new Int32Array(shared);
const ANSWERED = ${CHANNEL_STATE.answered};
const DEAD = ${CHANNEL_STATE.dead};

// Whatever ends this thread, the caller must stop waiting.
process.on('exit', () => {
  Atomics.store(state, 0, DEAD);
  Atomics.notify(state, 0);
});
setInterval(() => Atomics.add(state, 1, 1), ${HEARTBEAT_MS}).unref();

// Values as the store reads them from SQLite: numbers for int8/numeric (well below 2^53 in the store), 0/1 for
// booleans, text for JSON and date/time types; bytea stays a Buffer.
const asText = (v) => v;
const parsers = new Map([
  [16, (v) => (v === 't' ? 1 : 0)],
  [20, Number],
  [1700, Number],
  [114, asText],
  [3802, asText],
  [1082, asText],
  [1083, asText],
  [1114, asText],
  [1184, asText],
  [1266, asText],
]);
const types = { getTypeParser: (oid, format) => parsers.get(oid) ?? pg.types.getTypeParser(oid, format) };

const client = new pg.Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs, types, pipeline: true });
const where = String(client.host).startsWith('/') ? client.host : client.host + ':' + client.port;
let lost;
client.on('error', (error) => {
  lost = error;
});

// pg keeps the server's transaction status (from ReadyForQuery) in _txStatus and the statements it prepared in
// connection.parsedStatements; both are internal, and the statement-cache test fails if either goes away.
const quoteIdent = (name) => '"' + String(name).replace(/"/g, '""') + '"';
const inTransaction = (hint) => hint || client._txStatus === 'T' || client._txStatus === 'E';
const DDL = /\b(CREATE|ALTER|DROP)\b/i;
// After DDL, a named statement's cached plan may no longer match its result type: prepare them again.
let plansStale = false;
// Settlements ({ value } or { error }) of the pipelined writes not yet reported.
let inflight = [];
// Prepared statements the caller no longer caches, deallocated when no transaction is open.
let unwanted = [];
let fetches = 0;
let largestBatch = 0;

function lostError() {
  const error = new Error('the connection to PostgreSQL at ' + where + ' was lost: ' + lost.message);
  error.code = lost.code && /^[0-9A-Z]{5}$/.test(lost.code) ? lost.code : '08006';
  return error;
}

async function forgetPlans() {
  await client.query('DEALLOCATE ALL');
  client.connection.parsedStatements = {};
  client.connection.submittedNamedStatements = {};
  plansStale = false;
  unwanted = [];
}

async function deallocateUnwanted() {
  const parsed = client.connection.parsedStatements;
  const names = unwanted.filter((name) => parsed[name] !== undefined);
  unwanted = [];
  if (names.length === 0) return;
  await client.query(names.map((name) => 'DEALLOCATE ' + name).join('; '));
  for (const name of names) delete parsed[name];
}

async function query(text, values, name) {
  if (lost) throw lostError();
  if (name && plansStale) {
    if (client._txStatus === 'I') await forgetPlans();
    else name = undefined;
  }
  const config = { text, values, rowMode: 'array' };
  if (name) config.name = name;
  try {
    const result = await client.query(config);
    if (DDL.test(text)) plansStale = true;
    return result;
  } catch (error) {
    if (lost) throw lostError();
    // DDL from another connection: outside a transaction the statement can simply be prepared again.
    if (name && error.code === '0A000' && /cached plan/.test(error.message) && client._txStatus === 'I') {
      await forgetPlans();
      return client.query(config);
    }
    throw error;
  }
}

function rowsOf(result, first) {
  const fields = result.fields ?? [];
  const rows = first ? result.rows.slice(0, 1) : result.rows;
  return { names: fields.map((f) => f.name), binary: fields.flatMap((f, i) => (f.dataTypeID === 17 ? [i] : [])), rows };
}

async function fetchBatch(request) {
  const result = await query('FETCH ' + request.batch + ' FROM ' + request.cursor);
  fetches++;
  largestBatch = Math.max(largestBatch, result.rows.length);
  const done = result.rows.length < request.batch;
  if (done) await closeCursor(request);
  return { ...rowsOf(result, false), done };
}

async function closeCursor(request) {
  try {
    await query('CLOSE ' + request.cursor);
  } catch (error) {
    // Gone with its transaction already, or that transaction failed: either way nothing is left to close.
    if (error.code !== '34000' && error.code !== '25P02') throw error;
  }
}

async function connect() {
  try {
    await client.connect();
  } catch (error) {
    throw new Error('cannot connect to PostgreSQL at ' + where + ': ' + (error.message || error.code || String(error)));
  }
  try {
    try {
      await client.query('CREATE SCHEMA IF NOT EXISTS ' + quoteIdent(schema));
    } catch (error) {
      // Another connection created it at the same moment.
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    }
    await client.query('SET search_path TO ' + quoteIdent(schema));
  } catch (error) {
    throw Object.assign(new Error('cannot use schema ' + quoteIdent(schema) + ' of PostgreSQL at ' + where + ': ' + error.message), { code: error.code });
  }
  return {};
}

const operations = {
  connect,
  async run(r) {
    const result = await query(r.text, r.values, r.name);
    return { changes: result.rowCount ?? 0 };
  },
  async get(r) {
    return rowsOf(await query(r.text, r.values, r.name), true);
  },
  async all(r) {
    return rowsOf(await query(r.text, r.values, r.name), false);
  },
  async exec(r) {
    await query(r.text);
    return {};
  },
  async openCursor(r) {
    const hold = inTransaction(r.inTransaction) ? '' : 'WITH HOLD ';
    await query('DECLARE ' + r.cursor + ' NO SCROLL CURSOR ' + hold + 'FOR ' + r.text, r.values);
    return fetchBatch(r);
  },
  fetch: fetchBatch,
  async closeCursor(r) {
    await closeCursor(r);
    return {};
  },
  async stats() {
    return { fetches, largestBatch };
  },
  async sync() {
    return {};
  },
  async close() {
    await client.end();
    return {};
  },
  // Test hooks: the worker dies, or stops answering with its event loop blocked.
  async crash(r) {
    if (r.how === 'hang') for (;;);
    process.exit(70);
  },
};

function errorOf(error) {
  const out = { message: error && error.message ? error.message : String(error) };
  for (const key of ['code', 'constraint', 'table', 'column', 'schema', 'dataType']) if (error && error[key] !== undefined) out[key] = error[key];
  return out;
}

function settle(promise) {
  return promise.then(
    (value) => ({ value }),
    (error) => ({ error: errorOf(error) }),
  );
}

async function answerOf(request) {
  const pending = inflight;
  inflight = [];
  // Behind pipelined writes (a transaction is open) the request goes out at once, so the server finds it queued
  // when they are done. Should one of them fail, its own outcome is dropped: that failure is the answer.
  const early = pending.length > 0 ? settle(operations[request.op](request)) : undefined;
  const settled = pending.length > 0 ? await Promise.all(pending) : [];
  let failure;
  const changes = settled.map((s, i) => {
    if (s.error && !failure) failure = { ...s.error, deferredIndex: i };
    return s.value ? s.value.changes : 0;
  });
  if (request.forget) unwanted.push(...request.forget);
  let answer;
  if (failure && !request.discardDeferred) answer = { error: failure };
  else if (early) answer = await early;
  else {
    try {
      if (unwanted.length > 0 && client._txStatus === 'I' && !lost) await deallocateUnwanted();
      answer = { value: await operations[request.op](request) };
    } catch (error) {
      answer = { error: errorOf(error) };
    }
  }
  if (settled.length > 0) answer.deferred = changes;
  // Rows of the posted reads among them (null for a write).
  if (settled.some((s) => s.value && s.value.rows)) answer.deferredRows = settled.map((s) => (s.value && s.value.rows ? s.value : null));
  return answer;
}

// pg writes each protocol message of a statement to the socket by itself, a system call each. Held back until
// the requests that arrived together are submitted, they leave in one write.
let corked = false;
function cork() {
  const stream = client.connection && client.connection.stream;
  if (corked || !stream || typeof stream.cork !== 'function') return;
  corked = true;
  stream.cork();
  setImmediate(() => {
    corked = false;
    stream.uncork();
  });
}

async function handle(request) {
  if (request.op !== 'connect') cork();
  if (request.reply === false) {
    // Submitted synchronously, so the server sees the requests in the order they came.
    inflight.push(settle(operations[request.op](request)));
    return;
  }
  port.postMessage(await answerOf(request));
  Atomics.store(state, 0, ANSWERED);
  Atomics.notify(state, 0);
}

let queue = Promise.resolve();
port.on('message', (request) => {
  queue = queue.then(() => handle(request));
});
`;
